"""Qt item models over lists of the services' plain records, and the filter proxy for them.

A table is declared as a list of :class:`Column` s (title, text, sort key, tooltip), so
each view is a few lines and every table sorts by real values (dates as dates) and
filters on every word typed, across all its columns. Rows are records, never widgets:
a view shows what fits on screen however long the list is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QTableView

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2

WARNING_COLOUR = QColor("#b3261e")
MUTED_COLOUR = QColor("#6b7280")
CLOSED_BACKGROUND = QColor("#ede7f6")
FLAG_BACKGROUND = QColor("#fdecea")


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its heading, the text of a record, and optional sort key and tooltip."""

    title: str
    text: Callable[[R], str]
    sort: Callable[[R], Any] | None = None
    tooltip: Callable[[R], str] | None = None
    align_right: bool = False


@dataclass(frozen=True)
class RowLook:
    """How a row stands out: warning text, muted (inactive), a background, bold."""

    warning: bool = False
    muted: bool = False
    background: QColor | None = None
    bold: bool = False


PLAIN = RowLook()


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """A read-only table of records, one per row."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        *,
        look: Callable[[R], RowLook] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._look = look
        self._rows: list[R] = []
        self._search: list[str] = []

    def set_rows(self, rows: Iterable[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._search = [" ".join(c.text(r) for c in self.columns).casefold() for r in self._rows]
        self.endResetModel()

    def rows(self) -> list[R]:
        return list(self._rows)

    def record(self, row: int) -> R:
        return self._rows[row]

    def search_text(self, row: int) -> str:
        return self._search[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == SORT_ROLE:
            return column.sort(record) if column.sort else column.text(record).casefold()
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(record) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self._look_data(record, role)

    def _look_data(self, record: R, role: int) -> Any:
        if self._look is None:
            return None
        look = self._look(record)
        if role == Qt.ItemDataRole.ForegroundRole:
            if look.warning:
                return QBrush(WARNING_COLOUR)
            if look.muted:
                return QBrush(MUTED_COLOUR)
        if role == Qt.ItemDataRole.BackgroundRole and look.background is not None:
            return QBrush(look.background)
        if role == Qt.ItemDataRole.FontRole and look.bold:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].title
        return None


def _sort_key(value: Any) -> tuple[bool, Any]:
    """Blanks sort last, whatever the type of the others."""
    return (value is None or value == "", value if value is not None else "")


class RecordFilterProxy(QSortFilterProxyModel):
    """Sorts on the real values and keeps rows matching every word of the filter text.

    ``extra`` is an optional test on the record (e.g. "missing papers only").
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._extra: Callable[[Any], bool] | None = None
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_filter_text(self, text: str) -> None:
        self._words = text.casefold().split()
        self._refilter()

    def set_extra_filter(self, test: Callable[[Any], bool] | None) -> None:
        self._extra = test
        self._refilter()

    def _refilter(self) -> None:
        # Qt 6.10 replaced invalidateRowsFilter() by begin/endFilterChange(); use what is there.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, RecordTableModel):
            return True
        if self._extra is not None and not self._extra(model.record(source_row)):
            return False
        haystack = model.search_text(source_row)
        return all(word in haystack for word in self._words)

    def lessThan(self, left: Index, right: Index) -> bool:
        return _sort_key(left.data(SORT_ROLE)) < _sort_key(right.data(SORT_ROLE))

    def record_at(self, proxy_index: QModelIndex) -> Any:
        return proxy_index.data(RECORD_ROLE) if proxy_index.isValid() else None


class CheckListModel(QAbstractListModel):
    """A short list of named choices with tick boxes (themes, forward-plan entries)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[tuple[int, str, str]] = []  # (id, label, tooltip)
        self._checked: set[int] = set()

    def set_items(
        self, items: Iterable[tuple[int, str] | tuple[int, str, str]], checked: Iterable[int] = ()
    ) -> None:
        self.beginResetModel()
        self._items = [(i[0], i[1], i[2] if len(i) > 2 else "") for i in items]  # type: ignore[misc]
        known = {i[0] for i in self._items}
        self._checked = {c for c in checked if c in known}
        self.endResetModel()

    def ids(self) -> list[int]:
        return [ident for ident, _label, _tip in self._items]

    def checked_ids(self) -> list[int]:
        return [ident for ident, _label, _tip in self._items if ident in self._checked]

    def set_checked(self, ident: int, on: bool) -> None:
        for row, (item_id, _label, _tip) in enumerate(self._items):
            if item_id == ident:
                self.setData(
                    self.index(row),
                    (Qt.CheckState.Checked if on else Qt.CheckState.Unchecked).value,
                    Qt.ItemDataRole.CheckStateRole,
                )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        ident, label, tip = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if ident in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip or None
        if role == RECORD_ROLE:
            return ident
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        ident = self._items[index.row()][0]
        state = value.value if isinstance(value, Qt.CheckState) else int(value)
        if state == Qt.CheckState.Checked.value:
            self._checked.add(ident)
        else:
            self._checked.discard(ident)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )


def configure_table(
    view: QTableView,
    proxy: RecordFilterProxy,
    *,
    stretch: int,
    widths: dict[int, int] | None = None,
    sort_column: int = 0,
    descending: bool = False,
) -> None:
    """The usual set-up of a record table: sortable, one stretching column, no row numbers."""
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(
        sort_column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    )
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for column, width in (widths or {}).items():
        view.setColumnWidth(column, width)


def selected_record(view: QTableView) -> Any:
    """The record of the table's current row (through its proxy), or None."""
    index = view.currentIndex()
    return index.data(RECORD_ROLE) if index.isValid() else None


def select_record(view: QTableView, test: Callable[[Any], bool]) -> bool:
    """Make the first row whose record passes ``test`` current; False if there is none."""
    model = view.model()
    for row in range(model.rowCount()):
        if test(model.index(row, 0).data(RECORD_ROLE)):
            view.selectRow(row)
            return True
    return False

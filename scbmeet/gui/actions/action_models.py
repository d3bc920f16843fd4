"""The actions register's item models and what their cells show, testable without a widget.

:class:`ActionsTableModel` holds the rows read once and sorts them in Python: letting the proxy
sort asks the model for each compared value (hundreds of thousands of calls into Python for
8,000 rows, almost half a second), while sorting the list is a few milliseconds (the rows
passing the filter are :class:`~scbmeet.gui.actions.register_shown.ShownActionsModel`).
:class:`OwnerGroupsModel` groups the shown rows under each owner; :class:`RemindersModel`
lists the owners to chase, each with a tick box.

:func:`action_cell_data` says what a cell shows for each role (text, tooltip, overdue and
carried colours), for the flat and grouped models alike; :func:`short_date` and
:func:`human_age` are the register's date wording, used by the history pane and the chair's
review too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from scbmeet.gui.widgets.inputs import short_date
from scbmeet.services.action_filters import OwnerGroup, sort_rows
from scbmeet.services.action_rows import ActionRow
from scbmeet.services.chasing import Reminder
from scbmeet.services.gc_pause import collector_paused

ModelIndex = QModelIndex | QPersistentModelIndex
ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1

# (column key for sort_rows, header)
COLUMNS: list[tuple[str, str]] = [
    ("board", "Board"),
    ("minute", "Minute"),
    ("meeting", "Meeting"),
    ("text", "Action"),
    ("owners", "Owner(s)"),
    ("due", "Due"),
    ("state", "State"),
    ("age", "Age"),
    ("carried", "Carried"),
    ("progress", "Latest progress"),
]

OVERDUE_BACKGROUND = QColor("#fde3e1")
OVERDUE_TEXT = QColor("#7a1010")
CARRIED_BACKGROUND = QColor("#fff0c2")
CARRIED_TEXT = QColor("#5c4300")


def human_age(days: int) -> str:
    """``3 days``, ``5 weeks``, ``7 months``, ``2 years``: how a chair says it."""
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 63:
        return f"{days // 7} weeks"
    if days < 730:
        return f"{days * 12 // 365} months"
    return f"{days // 365} years"


def state_text(row: ActionRow) -> str:
    """The state, with the overdue flag in words (not only in colour)."""
    return f"{row.state_label} - overdue" if row.is_overdue else row.state_label


def carried_text(row: ActionRow) -> str:
    return f"{row.carried} ⚑" if row.is_carried_flagged else str(row.carried)


def row_tooltip(row: ActionRow) -> str:
    notes = []
    if row.is_overdue:
        notes.append(f"Overdue by {row.overdue_days} day{'s' if row.overdue_days != 1 else ''}")
    if row.is_carried_flagged:
        notes.append(f"Carried across {row.carried} meetings without being closed")
    notes.append(row.text)
    return "\n".join(notes)


def _cell_text(row: ActionRow, key: str) -> str:
    if key == "board":
        return row.board_short_name
    if key == "minute":
        return row.minute_reference
    if key == "meeting":
        return short_date(row.meeting_date)
    if key == "text":
        return row.text
    if key == "owners":
        return row.owner_line
    if key == "due":
        return short_date(row.due)
    if key == "state":
        return state_text(row)
    if key == "age":
        return human_age(row.age_days)
    if key == "carried":
        return carried_text(row)
    return row.latest_update


def _cell_background(row: ActionRow, key: str) -> QBrush | None:
    if row.is_overdue:
        return QBrush(OVERDUE_BACKGROUND)
    if key == "carried" and row.is_carried_flagged:
        return QBrush(CARRIED_BACKGROUND)
    return None


def _cell_foreground(row: ActionRow, key: str) -> QBrush | None:
    if row.is_overdue:
        return QBrush(OVERDUE_TEXT)
    if key == "carried" and row.is_carried_flagged:
        return QBrush(CARRIED_TEXT)
    return None


# Roles as plain ints: data() is asked thousands of times a second while a view paints,
# and comparing with Qt's enum members costs several times more than with an int.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)


def column_alignment(key: str) -> int | None:
    """Numbers (age, meetings carried) align right; the rest as the view does."""
    return _RIGHT if key in ("age", "carried") else None


def action_cell_data(row: ActionRow, key: str, role: int) -> Any:
    """What a cell of ``row`` shows for ``role``, shared by the flat and grouped models."""
    role = int(role)
    if role == _DISPLAY:
        return _cell_text(row, key)
    if role == _TOOLTIP:
        return row_tooltip(row)
    if role == _BACKGROUND:
        return _cell_background(row, key)
    if role == _FOREGROUND:
        return _cell_foreground(row, key)
    if role == _FONT and key in ("due", "state") and row.is_overdue:
        font = QFont()
        font.setBold(True)
        return font
    if role == _ALIGNMENT:
        return column_alignment(key)
    if role == ACTION_ID_ROLE:
        return row.id
    return None


# -- models ---------------------------------------------------------------------------------
class ActionsTableModel(QAbstractTableModel):
    """The register's rows, one per action, sortable by any column (sorted in Python)."""

    def __init__(self, parent: QObject | None = None, *, show_board: bool = False) -> None:
        super().__init__(parent)
        self._rows: list[ActionRow] = []
        self._columns = [c for c in COLUMNS if show_board or c[0] != "board"]
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def columns(self) -> list[tuple[str, str]]:
        return list(self._columns)

    def set_show_board(self, show: bool) -> None:
        if show == any(key == "board" for key, _h in self._columns):
            return
        self.beginResetModel()
        self._columns = [c for c in COLUMNS if show or c[0] != "board"]
        self.endResetModel()

    def set_rows(self, rows: Sequence[ActionRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._rows = self._sorted(*self._sort)
        self.endResetModel()

    def rows(self) -> list[ActionRow]:
        return list(self._rows)

    def rows_view(self) -> Sequence[ActionRow]:
        """The rows in display order, not copied (for filtering them)."""
        return self._rows

    def row_at(self, row: int) -> ActionRow:
        return self._rows[row]

    def column_key(self, column: int) -> str:
        return self._columns[column][0]

    def column_of(self, key: str) -> int:
        return next(i for i, (k, _h) in enumerate(self._columns) if k == key)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        return action_cell_data(self._rows[index.row()], self._columns[index.column()][0], role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._columns):
            return self._columns[section][1]
        return None

    def _sorted(self, column: int, order: Qt.SortOrder) -> list[ActionRow]:
        descending = order == Qt.SortOrder.DescendingOrder
        with collector_paused():  # a key per row, none in a cycle: no need to collect
            return sort_rows(self._rows, self._columns[column][0], descending=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self._rows[i.row()].id for i in old]
        self._sort = (column, order)
        self._rows = self._sorted(column, order)
        position = {r.id: n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            old, [self.index(position[i], p.column()) for i, p in zip(old_ids, old, strict=True)]
        )
        self.layoutChanged.emit()


class OwnerGroupsModel(QAbstractItemModel):
    """The shown actions grouped under each owner (a shared action is under each of them).

    Sorting is asked of the register (``sortRequested``), which sorts the flat rows and
    regroups them, so the order inside each group follows the column clicked.
    """

    sortRequested = Signal(int, Qt.SortOrder)

    def __init__(self, columns: Sequence[tuple[str, str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._groups: list[OwnerGroup] = []

    def set_groups(self, groups: Sequence[OwnerGroup], columns: Sequence[tuple[str, str]]) -> None:
        self.beginResetModel()
        self._groups = list(groups)
        self._columns = list(columns)
        self.endResetModel()

    def group_at(self, row: int) -> OwnerGroup:
        return self._groups[row]

    def row_for(self, index: ModelIndex) -> ActionRow | None:
        """The action at ``index``, or None for a group heading."""
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._groups[index.internalId() - 1].rows[index.row()]

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()].rows)
        return 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self._columns)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._group_data(self._groups[index.row()], index.column(), role)
        row = self.row_for(index)
        return action_cell_data(row, self._columns[index.column()][0], role) if row else None

    @staticmethod
    def _group_data(group: OwnerGroup, column: int, role: int) -> Any:
        if column != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            count = len(group.rows)
            parts = [f"{count} action{'s' if count != 1 else ''}"]
            if group.outstanding not in (0, count):
                parts.append(f"{group.outstanding} outstanding")
            if group.overdue:
                parts.append(f"{group.overdue} overdue")
            return f"{group.name} - {', '.join(parts)}"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._columns):
            return self._columns[section][1]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sortRequested.emit(column, order)


class RemindersModel(QAbstractListModel):
    """Owners to remind, each with a tick box (ticked when the register has an address)."""

    def __init__(self, reminders: Sequence[Reminder], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reminders = list(reminders)
        self._ticked = [r.has_address for r in self._reminders]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._reminders)

    def reminder(self, row: int) -> Reminder:
        return self._reminders[row]

    def ticked(self) -> list[Reminder]:
        return [r for r, t in zip(self._reminders, self._ticked, strict=True) if t]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._reminders):
            return None
        reminder = self._reminders[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            count = len(reminder.actions)
            note = "" if reminder.has_address else " - no e-mail address"
            return f"{reminder.owner_name} ({count} action{'s' if count != 1 else ''}){note}"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if self._ticked[index.row()] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return ", ".join(a for _n, a in reminder.to) or "No address in the register"
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        self._ticked[index.row()] = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [role])
        return True

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.isValid() else base


__all__ = [
    "ACTION_ID_ROLE",
    "COLUMNS",
    "ActionsTableModel",
    "OwnerGroupsModel",
    "RemindersModel",
    "action_cell_data",
    "column_alignment",
    "human_age",
    "short_date",
]

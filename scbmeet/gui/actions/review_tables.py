"""The chair's review's tables: plain items in fixed columns, the top rows and a count.

:class:`ReviewTableModel` shows a list of plain items (owners, actions, entries) read-only;
given a limit it shows the top rows and a last row "and N more - open this row to see them
all in the register". The ``*_COLUMNS`` lists say what each table of the page shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from scbmeet.domain.dto import ForwardPlanInfo
from scbmeet.gui.actions.action_models import human_age, short_date
from scbmeet.services.action_rows import ActionRow
from scbmeet.services.chair_review import (
    LISTED,
    AgeBand,
    MeetingPoint,
    OwnerSummary,
    ResolutionLine,
)

T = TypeVar("T")
ModelIndex = QModelIndex | QPersistentModelIndex

SUMMARY_LIMIT = LISTED  # rows shown in each summary table; the rest are counted
WIDTH_SAMPLE = 40  # rows measured to size a column (never all of them)
COLUMN_PADDING = 24  # pixels beside the widest sampled text: margins and the sort arrow
TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
ALIGNMENT_ROLE = Qt.ItemDataRole.TextAlignmentRole
RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column(Generic[T]):
    """A column of a review table: its header and how to show an item in it."""

    header: str
    text: Callable[[T], str]
    right: bool = False


class ReviewTableModel(QAbstractTableModel, Generic[T]):
    """A read-only table of plain items (actions, owners, entries) with fixed columns."""

    def __init__(self, columns: Sequence[Column[T]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._items: list[T] = []
        self._texts: list[tuple[str, ...]] = []  # each shown row's cells, worked out once
        self._alignments = [RIGHT_ALIGNED if c.right else None for c in self._columns]
        self._more = 0  # items left out: shown as a last row "and N more"

    def set_items(
        self, items: Sequence[T], limit: int | None = None, total: int | None = None
    ) -> None:
        """Show ``items``, or only the first ``limit`` of them and a count of the rest;
        ``total``: how many there are in all when ``items`` are only the top ones."""
        self.beginResetModel()
        shown = items if limit is None else items[:limit]
        self._items = list(shown)
        # A view asks for every cell several times over (paint, size, tooltip): the texts
        # of the few rows shown are made here once rather than on each ask.
        self._texts = [tuple(c.text(i) for c in self._columns) for i in self._items]
        self._more = max(0, (len(items) if total is None else total) - len(shown))
        self.endResetModel()

    def item(self, row: int) -> T | None:
        """The item of ``row``; None for the "and N more" row."""
        return self._items[row] if 0 <= row < len(self._items) else None

    def more(self) -> int:
        """How many items are not shown."""
        return self._more

    def more_row(self) -> int | None:
        """The row saying how many more there are, if any."""
        return len(self._items) if self._more else None

    def sample_texts(self, column: int, sample: int = WIDTH_SAMPLE) -> list[str]:
        """The texts of ``column`` in the first ``sample`` rows, to size the column by."""
        text = self._columns[column].text
        return [self._columns[column].header, *(text(i) for i in self._items[:sample])]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items) + (1 if self._more else 0)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = index.row(), index.column()
        if row < 0 or column < 0 or column >= len(self._columns):
            return None
        if row >= len(self._texts):
            return self._more_data(column, role) if row == len(self._texts) else None
        if role in TEXT_ROLES:
            return self._texts[row][column]
        if role == ALIGNMENT_ROLE:
            return self._alignments[column]
        return None

    def _more_data(self, column: int, role: int) -> Any:
        if not self._more:
            return None
        if column == 0 and role in TEXT_ROLES:
            return f"and {self._more:,} more - open this row to see them all in the register"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._columns):
            return self._columns[section].header
        return None


def _count(n: int) -> str:
    return f"{n:,}"


OWNER_COLUMNS: list[Column[OwnerSummary]] = [
    Column("Owner", lambda o: o.name),
    Column("Outstanding", lambda o: _count(o.outstanding), right=True),
    Column("Overdue", lambda o: _count(o.overdue) if o.overdue else "", right=True),
    Column("Oldest", lambda o: human_age(o.oldest_days), right=True),
]
OVERDUE_COLUMNS: list[Column[ActionRow]] = [
    Column("Minute", lambda r: r.minute_reference),
    Column("Action", lambda r: r.text),
    Column("Owner(s)", lambda r: r.owner_line),
    Column("Due", lambda r: short_date(r.due)),
    Column("Late by", lambda r: human_age(r.overdue_days), right=True),
]
CLOSED_COLUMNS: list[Column[ActionRow]] = [
    Column("Minute", lambda r: r.minute_reference),
    Column("Action", lambda r: r.text),
    Column("Owner(s)", lambda r: r.owner_line),
    Column("Closed", lambda r: f"{r.state_label}, {short_date(r.closed_on)}"),
]
FORWARD_COLUMNS: list[Column[ForwardPlanInfo]] = [
    Column("Item", lambda e: e.title),
    Column("Asked for", lambda e: e.due_label),
    Column("On the agenda", lambda e: "yes" if e.agenda_item_id is not None else "not yet"),
]
RESOLUTION_COLUMNS: list[Column[ResolutionLine]] = [
    Column("Minute", lambda r: r.minute_reference),
    Column("Title", lambda r: r.minute_title),
    Column("RESOLVED", lambda r: r.text),
]
AGE_COLUMNS: list[Column[AgeBand]] = [
    Column("Age", lambda b: b.label),
    Column("Outstanding", lambda b: _count(b.count), right=True),
]
TREND_COLUMNS: list[Column[MeetingPoint]] = [
    Column("Meeting", lambda p: p.label),
    Column("Open after it", lambda p: _count(p.open), right=True),
    Column("Overdue", lambda p: _count(p.overdue), right=True),
]


__all__ = [
    "AGE_COLUMNS",
    "CLOSED_COLUMNS",
    "COLUMN_PADDING",
    "FORWARD_COLUMNS",
    "OVERDUE_COLUMNS",
    "OWNER_COLUMNS",
    "RESOLUTION_COLUMNS",
    "SUMMARY_LIMIT",
    "TREND_COLUMNS",
    "Column",
    "ReviewTableModel",
]

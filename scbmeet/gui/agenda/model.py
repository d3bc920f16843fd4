"""The agenda as a two-level Qt model: items and their sub-items, in the order of the agenda.

Numbers come from the services (``4``, ``4.1``; apologies and the date of the next meeting
are unnumbered headings), so they follow every reorder as soon as the agenda reloads.
Closed-session items are shaded and carry a lock. Dragging an item asks, through
:attr:`AgendaModel.move_requested`, for a move that the builder turns into an undoable
command; the model itself never changes the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont

from scbmeet.domain.dto import AgendaItemInfo, PaperInfo
from scbmeet.domain.enums import ItemKind, PaperState
from scbmeet.gui.widgets.icons import icon
from scbmeet.gui.widgets.table_models import CLOSED_BACKGROUND, WARNING_COLOUR

Index = QModelIndex | QPersistentModelIndex
MIME_TYPE = "application/x-scbmeet-agenda-item"
ITEM_ROLE = Qt.ItemDataRole.UserRole + 20

NUMBER, TITLE, PRESENTERS, PAPERS, SESSION, THEMES, NOTES = range(7)
HEADINGS = ("No.", "Item", "Presented by", "Papers", "Session", "Themes", "Notes")
MISSING_STATES = (PaperState.EXPECTED.value, PaperState.TO_FOLLOW.value)


def paper_status(paper: PaperInfo, today: date) -> str:
    """How a paper stands, in the words of an agenda: attached, to follow, tabled, late."""
    if paper.state == PaperState.ATTACHED:
        return "Attached"
    if paper.state == PaperState.TABLED:
        return "Tabled"
    if paper.state == PaperState.TO_FOLLOW:
        return "To follow"
    if paper.due_date is not None and paper.due_date < today:
        return f"Late (due {paper.due_date.day} {paper.due_date:%b})"
    if paper.due_date is not None:
        return f"Due {paper.due_date.day} {paper.due_date:%b}"
    return "Expected"


def is_missing(paper: PaperInfo) -> bool:
    return paper.state in MISSING_STATES


class AgendaModel(QAbstractItemModel):
    """Items (top level) and sub-items (one level down) of one meeting's agenda."""

    move_requested = Signal(int, object, int)  # item id, new parent id (or None), index

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._top: list[AgendaItemInfo] = []
        self._children: dict[int, list[AgendaItemInfo]] = defaultdict(list)
        self._by_id: dict[int, AgendaItemInfo] = {}
        self._theme_names: dict[int, str] = {}
        self._outstanding_actions: int | None = None
        self._today = date.today()
        self.editable = True

    # -- loading -----------------------------------------------------------------------------
    def set_agenda(
        self,
        items: Sequence[AgendaItemInfo],
        *,
        theme_names: dict[int, str] | None = None,
        outstanding_actions: int | None = None,
        today: date | None = None,
    ) -> None:
        """Show ``items`` (as the services list them: display order, sub-items after parents)."""
        self.beginResetModel()
        self._top = [i for i in items if i.parent_id is None]
        self._children = defaultdict(list)
        for i in items:
            if i.parent_id is not None:
                self._children[i.parent_id].append(i)
        self._by_id = {i.id: i for i in items}
        self._theme_names = dict(theme_names or {})
        self._outstanding_actions = outstanding_actions
        self._today = today or date.today()
        self.endResetModel()

    def items(self) -> list[AgendaItemInfo]:
        """Every item in agenda order."""
        out: list[AgendaItemInfo] = []
        for top in self._top:
            out.append(top)
            out.extend(self._children.get(top.id, []))
        return out

    def item(self, item_id: int) -> AgendaItemInfo | None:
        return self._by_id.get(item_id)

    def item_at(self, index: Index) -> AgendaItemInfo | None:
        if not index.isValid():
            return None
        found = index.internalPointer()
        return found if isinstance(found, AgendaItemInfo) else None

    def index_of(self, item_id: int, column: int = 0) -> QModelIndex:
        item = self._by_id.get(item_id)
        if item is None:
            return QModelIndex()
        siblings = self._siblings_of(item)
        return self.createIndex(siblings.index(item), column, item)

    def children_of(self, item_id: int) -> list[AgendaItemInfo]:
        return list(self._children.get(item_id, []))

    def top_items(self) -> list[AgendaItemInfo]:
        return list(self._top)

    def _siblings_of(self, item: AgendaItemInfo) -> list[AgendaItemInfo]:
        if item.parent_id is None:
            return self._top
        return self._children.get(item.parent_id, [])

    # -- structure ----------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(HEADINGS):
            return QModelIndex()
        if not parent.isValid():
            rows = self._top
        else:
            owner = self.item_at(parent)
            rows = self._children.get(owner.id, []) if owner and owner.parent_id is None else []
        if not 0 <= row < len(rows):
            return QModelIndex()
        return self.createIndex(row, column, rows[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        item = self.item_at(index)
        if item is None or item.parent_id is None:
            return QModelIndex()
        owner = self._by_id.get(item.parent_id)
        if owner is None:
            return QModelIndex()
        return self.createIndex(self._top.index(owner), 0, owner)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._top)
        if parent.column() > 0:
            return 0
        owner = self.item_at(parent)
        if owner is None or owner.parent_id is not None:
            return 0
        return len(self._children.get(owner.id, []))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADINGS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(HEADINGS)
        ):
            return HEADINGS[section]
        return None

    # -- what each cell shows -------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item_at(index)
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if role == Qt.ItemDataRole.BackgroundRole and item.is_closed:
            return QBrush(CLOSED_BACKGROUND)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decoration(item, column)
        missing = column == PAPERS and any(is_missing(p) for p in item.papers)
        if role == Qt.ItemDataRole.ForegroundRole and missing:
            return QBrush(WARNING_COLOUR)
        if role == Qt.ItemDataRole.FontRole and item.parent_id is None and column == TITLE:
            font = QFont()
            font.setBold(item.kind in (ItemKind.APOLOGIES, ItemKind.NEXT_MEETING))
            return font
        return None

    def _text(self, item: AgendaItemInfo, column: int) -> str:
        if column == NUMBER:
            return item.number
        if column == TITLE:
            return item.title
        if column == PRESENTERS:
            return item.presenters
        if column == PAPERS:
            return "; ".join(paper_status(p, self._today) for p in item.papers)
        if column == SESSION:
            return "Closed" if item.is_closed else ""
        if column == THEMES:
            return ", ".join(self._theme_names.get(t, "?") for t in item.theme_ids)
        if column == NOTES:
            return self._notes(item)
        return ""

    def _notes(self, item: AgendaItemInfo) -> str:
        parts = []
        if item.is_closed and item.closed_reference:
            parts.append(f"Ref: {item.closed_reference}")
        if item.kind == ItemKind.MATTERS_ARISING and self._outstanding_actions is not None:
            count = self._outstanding_actions
            parts.append(f"{count} outstanding action{'' if count == 1 else 's'}")
        if item.duration_minutes:
            parts.append(f"{item.duration_minutes} min")
        parts.extend(f"\u2022 {bullet}" for bullet in item.bullets)
        if item.notes.strip():
            parts.append(item.notes.strip().splitlines()[0])
        return " · ".join(parts)

    def _tooltip(self, item: AgendaItemInfo, column: int) -> str | None:
        if column == PAPERS and item.papers:
            return "\n".join(
                f"{p.title} – {p.author_name or 'author not named'}: {paper_status(p, self._today)}"
                for p in item.papers
            )
        parts = []
        if column == TITLE:
            parts.append(item.title)
            parts.extend(f"\u2022 {bullet}" for bullet in item.bullets)
        if item.is_closed:
            ref = f" (ref. {item.closed_reference})" if item.closed_reference else ""
            parts.append(f"Closed session{ref}: left out of the public agenda.")
        if column == NOTES:  # the whole of what the column shows, when it is cut short
            shown = self._notes(item)
            parts.append(shown)
            if item.notes.strip() and item.notes.strip() != shown:
                parts.append(item.notes.strip())
        if column in (PRESENTERS, THEMES):
            parts.append(self._text(item, column))
        return "\n".join(parts) or None

    def _decoration(self, item: AgendaItemInfo, column: int) -> Any:
        if column == TITLE and item.is_closed:
            return icon("lock")
        if column == PAPERS and item.papers:
            return icon("warning") if any(is_missing(p) for p in item.papers) else icon("paper")
        return None

    # -- drag and drop --------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self.editable else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        item = self.item_at(index)
        if self.editable and item is not None:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
            if item.parent_id is None and item.kind == ItemKind.ORDINARY.value:
                flags |= Qt.ItemFlag.ItemIsDropEnabled
        return flags

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        item = next((self.item_at(i) for i in indexes if self.item_at(i) is not None), None)
        if item is not None:
            data.setData(MIME_TYPE, QByteArray(str(item.id).encode()))
        return data

    def _dragged(self, data: QMimeData) -> AgendaItemInfo | None:
        if not data.hasFormat(MIME_TYPE):
            return None
        try:
            return self._by_id.get(int(bytes(data.data(MIME_TYPE).data()).decode()))
        except ValueError:
            return None

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        item = self._dragged(data)
        if item is None or action != Qt.DropAction.MoveAction or not self.editable:
            return False
        if not parent.isValid():
            return True
        target = self.item_at(parent)
        # Only ordinary items nest: "Matters arising" dropped on an item stays a main item.
        return (
            target is not None
            and target.parent_id is None
            and target.id != item.id
            and item.kind == target.kind == ItemKind.ORDINARY.value
            and not self._children.get(item.id)
        )

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        item = self._dragged(data)
        assert item is not None
        target = self.item_at(parent)
        if target is None:  # among the top-level items of the item's own session
            rows = self._top
            counted = {x.id for x in rows if x.id != item.id and x.session == item.session}
        else:
            rows = self._children.get(target.id, [])
            counted = {x.id for x in rows if x.id != item.id}
        before = rows[:row] if 0 <= row <= len(rows) else rows
        index = sum(1 for x in before if x.id in counted)
        self.move_requested.emit(item.id, target.id if target else None, index)
        return True

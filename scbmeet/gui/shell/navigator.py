"""The navigator: boards, their meetings by year (upcoming first), members, actions, forward plan.

Each node has a *kind* and an id; the main window shows the page registered for the
kind. Node keys (``"meeting:12"``) survive a rebuild, so the selection and the place
remembered between sessions are kept as keys.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from scbmeet.gui.widgets.icons import icon
from scbmeet.gui.widgets.table_models import MUTED_COLOUR

if TYPE_CHECKING:  # the database stack loads after the window is on screen
    from scbmeet.domain.dto import BoardInfo, MeetingInfo
    from scbmeet.services import Services

Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 10

STATE_LABELS = {
    "planned": "Planned",
    "agenda_issued": "Agenda issued",
    "held": "Held",
    "minutes_drafted": "Minutes drafted",
    "minutes_approved": "Minutes approved",
}


@dataclass(eq=False)
class NavNode:
    kind: str
    ident: int | None
    label: str
    key: str
    icon_name: str = ""
    tooltip: str = ""
    bold: bool = False
    muted: bool = False
    parent: NavNode | None = None
    children: list[NavNode] = field(default_factory=list)

    def add(self, node: NavNode) -> NavNode:
        node.parent = self
        self.children.append(node)
        return node

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0

    def walk(self) -> list[NavNode]:
        found = [self]
        for c in self.children:
            found.extend(c.walk())
        return found


def node_key(kind: str, ident: int | None, extra: str = "") -> str:
    return ":".join(str(p) for p in (kind, "" if ident is None else ident, extra) if p != "")


def node_scope(node: NavNode) -> str:
    """What part of its page a node shows: the ``extra`` of its key ("upcoming", "2026")."""
    prefix = node_key(node.kind, node.ident)
    return node.key[len(prefix) + 1 :] if node.key.startswith(prefix + ":") else ""


def meeting_label(m: MeetingInfo) -> str:
    label = f"{m.date:%a} {m.date.day} {m.date:%b %Y}"
    return f"{label} – {m.title}" if m.title else label


def build_tree(boards: list[BoardInfo], meetings: list[MeetingInfo], today: date) -> NavNode:
    """The whole navigator tree for these boards and meetings."""
    root = NavNode("root", None, "", "root")
    by_board: dict[int, list[MeetingInfo]] = defaultdict(list)
    for m in meetings:
        by_board[m.board_id].append(m)
    children: dict[int | None, list[BoardInfo]] = defaultdict(list)
    for b in boards:
        children[b.parent_id if b.parent_id in {x.id for x in boards} else None].append(b)

    def add_board(parent: NavNode, board: BoardInfo) -> None:
        node = parent.add(
            NavNode(
                "board",
                board.id,
                board.name,
                node_key("board", board.id),
                "board",
                tooltip=f"{board.name} ({board.short_name})",
                muted=not board.active,
            )
        )
        _add_meetings(node, board, by_board.get(board.id, []), today)
        for kind, label, icon_name in (
            ("members", "Members", "people"),
            ("actions", "Actions", "actions"),
            ("review", "Chair's review", "clock"),
            ("forward_plan", "Forward plan", "forward-plan"),
            ("plan", "Partnership plan", "actions"),
            ("cases", "Case reviews", "lock"),
        ):
            node.add(NavNode(kind, board.id, label, node_key(kind, board.id), icon_name))
        for sub in children.get(board.id, []):
            add_board(node, sub)

    if not boards:  # a new database: say where to start
        root.add(NavNode("welcome", None, "Getting started", "welcome", "board", bold=True))
    for board in children.get(None, []):
        add_board(root, board)
    root.add(NavNode("organisations", None, "Organisations", "organisations", "organisation"))
    return root


def _add_meetings(
    node: NavNode, board: BoardInfo, meetings: list[MeetingInfo], today: date
) -> None:
    upcoming = sorted((m for m in meetings if m.date >= today), key=lambda m: m.date)
    past = sorted((m for m in meetings if m.date < today), key=lambda m: m.date, reverse=True)
    if upcoming:
        group = node.add(
            NavNode(
                "meetings",
                board.id,
                "Upcoming",
                node_key("meetings", board.id, "upcoming"),
                "calendar",
                bold=True,
            )
        )
        for m in upcoming:
            group.add(_meeting_node(m, bold=m is upcoming[0]))
    years: dict[int, NavNode] = {}
    for m in past:
        if m.date.year not in years:
            years[m.date.year] = node.add(
                NavNode(
                    "meetings",
                    board.id,
                    str(m.date.year),
                    node_key("meetings", board.id, str(m.date.year)),
                    "calendar",
                )
            )
        years[m.date.year].add(_meeting_node(m))


def _meeting_node(m: MeetingInfo, *, bold: bool = False) -> NavNode:
    state = STATE_LABELS.get(m.state, m.state)
    tooltip = f"{m.label} – {state}" + (f"\n{m.venue}" if m.venue else "")
    return NavNode(
        "meeting",
        m.id,
        meeting_label(m),
        node_key("meeting", m.id),
        "meeting",
        tooltip=tooltip,
        bold=bold,
    )


class NavigatorModel(QAbstractItemModel):
    """The navigator tree as a Qt model (one column)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._root = NavNode("root", None, "", "root")
        self._by_key: dict[str, NavNode] = {}

    def rebuild(self, services: Services, today: date) -> None:
        tree = build_tree(services.register.boards(), services.meetings.meetings(), today)
        self.beginResetModel()
        self._root = tree
        self._by_key = {n.key: n for n in tree.walk()}
        self.endResetModel()

    def node(self, index: Index) -> NavNode | None:
        if not index.isValid():
            return None
        node = index.internalPointer()
        return node if isinstance(node, NavNode) else None

    def index_for_key(self, key: str) -> QModelIndex:
        node = self._by_key.get(key)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row(), 0, node)

    def node_keys(self) -> list[str]:
        return [k for k in self._by_key if k != "root"]

    def first_key(self, kind: str) -> str | None:
        return next((n.key for n in self._root.walk() if n.kind == kind), None)

    # -- the QAbstractItemModel interface ---------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        parent_node = self.node(parent) if parent.isValid() else self._root
        if parent_node is None or column != 0 or not 0 <= row < len(parent_node.children):
            return QModelIndex()
        return self.createIndex(row, column, parent_node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self.node(index)
        if node is None or node.parent is None or node.parent is self._root:
            return QModelIndex()
        return self.createIndex(node.parent.row(), 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        node = self.node(parent) if parent.isValid() else self._root
        return len(node.children) if node else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return node.label
        if role == Qt.ItemDataRole.DecorationRole and node.icon_name:
            return icon(node.icon_name)
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole name, when a narrow pane cuts it
            return node.tooltip or node.label or None
        if role == Qt.ItemDataRole.FontRole and node.bold:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and node.muted:
            return QBrush(MUTED_COLOUR)
        if role == KEY_ROLE:
            return node.key
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return "Boards"
        return None

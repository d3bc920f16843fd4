"""The "Partnership plan" page of a board: its priorities and plan actions with each
action's latest status, in words and colour, and the buttons to add, edit and record progress.

The table is a tree: a priority (bold, its threat or risk in the box below when chosen) and
its actions, each with owners, the latest progress, the status and the target date. The
status is written in words; the cell's shade (green, amber, red...) only repeats it. Every
change is an undoable command on the page's ``undo_stack`` (Edit ▸ Undo while it is shown).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from scbmeet.domain.dto import Change, long_date
from scbmeet.domain.plan_dto import PlanActionInfo, PlanTable, PriorityInfo
from scbmeet.domain.plan_meeting_dto import RecommendationInfo
from scbmeet.domain.plan_vocabulary import STATUS_COLOURS, ProgressStatus, status_words
from scbmeet.gui.plans.commands import PlanContext
from scbmeet.gui.plans.page_actions import PlanPageChanges
from scbmeet.gui.widgets import dialogs
from scbmeet.gui.widgets.changes import hub_for
from scbmeet.gui.widgets.clock import today
from scbmeet.gui.widgets.inputs import short_date
from scbmeet.gui.widgets.lazy import ReloadWhenShown
from scbmeet.services import Services

COLUMNS = ("Priority / action", "Owner", "Latest progress", "Status", "Target")
STATUS_COLUMN = COLUMNS.index("Status")
ROLE = Qt.ItemDataRole.UserRole


class PlanPage(ReloadWhenShown, PlanPageChanges):
    """A board's partnership plan, as it stands today (its changes: :mod:`.page_actions`)."""

    status_message = Signal(str)

    def __init__(self, services: Services, board_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.board_id = board_id
        self.plan_id: int | None = None
        self.table: PlanTable | None = None
        self.recommendations: dict[int | None, list[RecommendationInfo]] = {}
        self.undo_stack = QUndoStack(self)
        self.context = PlanContext(services, report=lambda exc: dialogs.report(self, exc))
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        top.addWidget(self.heading, 1)
        self.plan_choice = QComboBox()
        self.plan_choice.setAccessibleName("Plan")
        self.plan_choice.activated.connect(self._choose_plan)
        top.addWidget(self.plan_choice)
        layout.addLayout(top)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 240), (1, 130), (3, 80), (4, 85)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemSelectionChanged.connect(self._show_detail)
        self.tree.itemDoubleClicked.connect(lambda _item, _col: self.edit_selected())
        layout.addWidget(self.tree, 1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(self.detail.fontMetrics().lineSpacing() * 3)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.detail)
        layout.addLayout(self._buttons())
        hub_for(services).changed.connect(self._on_change)
        self.reload()

    def _buttons(self) -> QVBoxLayout:
        """The plan's own changes on one row, its links to the meetings on the next (one
        row of eight buttons would not fit a 1024-pixel screen)."""
        rows = QVBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for group in (
            (
                ("new_plan", "New plan…", self.new_plan),
                ("add_priority", "Add priority…", self.add_priority),
                ("add_action", "Add action…", self.add_action),
                ("edit", "Edit…", self.edit_selected),
                ("progress", "Record progress…", self.record_progress),
                ("import_csv", "Import CSV…", self.import_csv),
            ),
            (
                ("review", "Review at a meeting…", self.review_at_meeting),
                ("link", "Link a meeting action…", self.link_action),
                ("support", "Action for support by the board…", self.add_recommendation),
                ("next_plan", "Next plan…", self.next_plan),
            ),
        ):
            row = QHBoxLayout()
            for name, text, slot in group:
                button = QPushButton(text)
                button.clicked.connect(slot)
                self.buttons[name] = button
                row.addWidget(button)
            row.addStretch(1)
            rows.addLayout(row)
        return rows

    # -- showing ------------------------------------------------------------------------------
    def _on_change(self, change: Change) -> None:
        if change.entity in ("plan", "meeting", "action", "register", "person", "organisation"):
            self.request_reload()

    def reload(self) -> None:
        board = self.services.register.board(self.board_id)
        plans = self.services.plans.plans(self.board_id)
        if self.plan_id not in {p.id for p in plans}:
            current = self.services.plans.current_plan(self.board_id)
            self.plan_id = current.id if current else None
        self.plan_choice.clear()
        for p in plans:
            self.plan_choice.addItem(f"{p.name} {p.period}".strip(), p.id)
        self.plan_choice.setCurrentIndex(self.plan_choice.findData(self.plan_id))
        self.plan_choice.setVisible(len(plans) > 1)
        selected = self._selected_key()
        self.tree.clear()
        if self.plan_id is None:
            self.table = None
            self.heading.setText(f"Partnership plan of {board.short_name}")
            self.summary.setText("The board has no partnership plan yet: New plan starts one.")
        else:
            self.table = self.services.plans.table(self.plan_id, as_of=today())
            self.recommendations = {}
            for rec in self.services.plan_decisions.recommendations(self.plan_id):
                self.recommendations.setdefault(rec.priority_id, []).append(rec)
            self._fill(self.table)
            period = f" {self.table.plan.period}" if self.table.plan.period else ""
            self.heading.setText(f"{self.table.plan.name}{period} ({board.short_name})")
            self.summary.setText(self._summary(self.table))
        self._reselect(selected)
        self._update_buttons()

    @staticmethod
    def _summary(table: PlanTable) -> str:
        counts = table.counts()
        total = sum(counts.values())
        if not total:
            return "No actions yet: add a priority, then its actions."
        said = ", ".join(f"{n} {w.lower()}" for w, n in counts.items())
        return f"{total} action{'s' if total != 1 else ''} as at {long_date(table.as_of)}: {said}."

    def _fill(self, table: PlanTable) -> None:
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for group in table.priorities:
            top = QTreeWidgetItem([group.priority.theme, "", "", "", ""])
            top.setData(0, ROLE, ("priority", group.priority.id))
            top.setFont(0, bold)
            top.setToolTip(0, group.priority.threat)
            self.tree.addTopLevelItem(top)
            for action in group.actions:
                top.addChild(self._action_item(action))
            for rec in self.recommendations.get(group.priority.id, []):
                row = QTreeWidgetItem([f"For support: {rec.text}", "", rec.in_progress,
                                       rec.decision_words, ""])  # fmt: skip
                row.setData(0, ROLE, ("recommendation", rec.id))
                row.setToolTip(0, rec.text)
                top.addChild(row)
            top.setExpanded(True)

    @staticmethod
    def _action_item(action: PlanActionInfo) -> QTreeWidgetItem:
        latest = action.latest
        progress = latest.text if latest else ""
        target = short_date(action.target_date) if action.target_date else ""
        item = QTreeWidgetItem([action.text, action.owner_names, progress, action.status_words,
                                target])  # fmt: skip
        item.setData(0, ROLE, ("action", action.id))
        for column in range(len(COLUMNS)):
            item.setToolTip(column, item.text(column))
        try:
            colour = STATUS_COLOURS[ProgressStatus(action.status)]
            item.setBackground(STATUS_COLUMN, QBrush(QColor(f"#{colour}")))
            item.setForeground(STATUS_COLUMN, QBrush(QColor("#000000")))
        except ValueError:
            pass  # no update yet: the words say so, no colour
        return item

    def _show_detail(self) -> None:
        priority, action = self.selected_priority(), self.selected_action()
        if action is not None:
            self.detail.setText(
                "\n".join(self._action_lines(action)) or "No progress recorded yet."
            )
        elif priority is not None:
            self.detail.setText(f"Threat or risk: {priority.threat or '(not stated)'}")
        else:
            self.detail.clear()
        self._update_buttons()

    def _action_lines(self, action: PlanActionInfo) -> list[str]:
        """Milestones, the linked meeting actions and the latest progress of either."""
        lines = [f"Milestones: {action.milestones}"] if action.milestones else []
        linked = self.services.plan_meetings.linked_actions(action.id)
        if linked:
            lines.append("Meeting actions: " + "; ".join(
                f"{a.minute_reference or 'action'} ({a.state.replace('_', ' ')})" for a in linked
            ))  # fmt: skip
        for entry in reversed(self.services.plan_meetings.timeline(action.id)[-3:]):
            said = status_words(entry.status) if entry.source == "plan" else "meeting action"
            lines.append(f"{long_date(entry.on_date)} – {said}: {entry.text}")
        return lines

    def _update_buttons(self) -> None:
        has_plan = self.plan_id is not None
        self.buttons["add_priority"].setEnabled(has_plan)
        self.buttons["add_action"].setEnabled(self.selected_priority() is not None)
        self.buttons["edit"].setEnabled(self._selected_key() is not None)
        self.buttons["progress"].setEnabled(self.selected_action() is not None)
        self.buttons["link"].setEnabled(self.selected_action() is not None)
        self.buttons["support"].setEnabled(has_plan)
        self.buttons["review"].setEnabled(has_plan)
        self.buttons["next_plan"].setEnabled(has_plan)
        self.buttons["import_csv"].setEnabled(has_plan)

    # -- what is chosen -----------------------------------------------------------------------
    def _selected_key(self) -> tuple[str, int] | None:
        items = self.tree.selectedItems()
        return items[0].data(0, ROLE) if items else None

    def _reselect(self, key: tuple[str, int] | None) -> None:
        if key is None:
            return
        for item in self._items():
            if item.data(0, ROLE) == key:
                self.tree.setCurrentItem(item)
                return

    def _items(self) -> list[QTreeWidgetItem]:
        found = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            found.append(top)
            found += [top.child(j) for j in range(top.childCount())]
        return found

    def select(self, kind: str, ident: int) -> None:
        self._reselect((kind, ident))

    def selected_action(self) -> PlanActionInfo | None:
        key = self._selected_key()
        if key is None or key[0] != "action" or self.table is None:
            return None
        for group in self.table.priorities:
            for action in group.actions:
                if action.id == key[1]:
                    return action
        return None

    def selected_priority(self) -> PriorityInfo | None:
        """The chosen priority, or the priority of the chosen action."""
        key = self._selected_key()
        if key is None or self.table is None:
            return None
        for group in self.table.priorities:
            if key == ("priority", group.priority.id) or any(
                key == ("action", a.id) for a in group.actions
            ):
                return group.priority
        return None

    def _choose_plan(self, index: int) -> None:
        self.plan_id = self.plan_choice.itemData(index)
        self.reload()

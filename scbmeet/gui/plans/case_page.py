"""The "Case reviews" page of a board: its restricted case reviews (domestic homicide reviews
delegated to it) - reference, stage reached and since when, costs, and the recommendations as
plan-style actions with their latest progress, rated in words (the shade only repeats it).

Closed business, said so at the top: a review's update goes only to a meeting's closed
session, and no public document carries any of it. Every change is an undoable command on
the page's ``undo_stack`` (Edit ▸ Undo while the page is shown).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QUndoStack
from PySide6.QtWidgets import (
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
from scbmeet.domain.plan_dto import CaseReviewInfo, PlanActionInfo
from scbmeet.domain.plan_meeting_dto import count_statuses, counts_in_words
from scbmeet.domain.plan_vocabulary import STATUS_COLOURS, ProgressStatus, status_words
from scbmeet.gui.plans.case_commands import (
    AddCaseReview,
    AddCost,
    AddStage,
    CaseContext,
    PutOnClosedAgenda,
)
from scbmeet.gui.plans.case_dialogs import (
    CaseReviewDialog,
    ClosedAgendaDialog,
    CostDialog,
    StageDialog,
)
from scbmeet.gui.plans.commands import AddPlanAction, RecordProgress
from scbmeet.gui.plans.dialogs import PlanActionDialog, ProgressDialog
from scbmeet.gui.widgets import dialogs
from scbmeet.gui.widgets.changes import hub_for
from scbmeet.gui.widgets.clock import today
from scbmeet.gui.widgets.commands import ServiceCommand, execute
from scbmeet.gui.widgets.inputs import short_date
from scbmeet.gui.widgets.lazy import ReloadWhenShown
from scbmeet.services import Services

COLUMNS = (
    "Review / recommendation",
    "Owner",
    "Stage / latest progress",
    "Status",
    "Costs / target",
)
STATUS_COLUMN = COLUMNS.index("Status")
ROLE = Qt.ItemDataRole.UserRole
RESTRICTED = (
    "Closed business. A review's update goes only to a meeting's closed session; no public "
    "agenda, pack, minutes or plan export carries any of it."
)


class CaseReviewsPage(ReloadWhenShown):
    """A board's register of restricted case reviews."""

    status_message = Signal(str)

    def __init__(self, services: Services, board_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.board_id = board_id
        self.reviews: list[CaseReviewInfo] = []
        self.recommendations: dict[int, list[PlanActionInfo]] = {}  # by review id
        self.undo_stack = QUndoStack(self)
        self.context = CaseContext(services, report=lambda exc: dialogs.report(self, exc))
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.note = QLabel(RESTRICTED)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 240), (1, 110), (3, 130), (4, 90)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemSelectionChanged.connect(self._show_detail)
        layout.addWidget(self.tree, 1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(self.detail.fontMetrics().lineSpacing() * 4)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.detail)
        layout.addLayout(self._buttons())
        hub_for(services).changed.connect(self._on_change)
        self.reload()

    def _buttons(self) -> QVBoxLayout:
        """The review's own changes on one row, its recommendations' on the next (one row
        of six would not fit a 1024-pixel screen)."""
        rows = QVBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for group in (
            (
                ("new", "New case review…", self.new_review),
                ("stage", "Stage reached…", self.add_stage),
                ("cost", "Costs…", self.add_cost),
                ("agenda", "On a closed agenda…", self.put_on_agenda),
            ),
            (
                ("recommend", "Add recommendation…", self.add_recommendation),
                ("progress", "Record progress…", self.record_progress),
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
        if change.entity in ("plan", "meeting", "agenda", "register", "person", "organisation"):
            self.request_reload()

    def reload(self) -> None:
        board = self.services.register.board(self.board_id)
        selected = self._selected_key()
        self.reviews = self.services.case_reviews.reviews(self.board_id)
        self.recommendations = {
            r.id: [a for g in self.services.plans.table(r.plan_id).priorities for a in g.actions]
            for r in self.reviews
        }
        self.heading.setText(f"Case reviews of {board.short_name} (closed business)")
        self.tree.clear()
        for review in self.reviews:
            item = self._review_item(review)
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)  # (only once it is in the tree)
        if not self.reviews:
            self.detail.setText("No case reviews: New case review registers one.")
        self._reselect(selected or (("review", self.reviews[0].id) if self.reviews else None))
        self._update_buttons()

    def _review_item(self, review: CaseReviewInfo) -> QTreeWidgetItem:
        actions = self.recommendations[review.id]
        since = f" since {short_date(review.stage_since)}" if review.stage_since else ""
        said = counts_in_words(count_statuses(actions)) if actions else "None yet"
        title = f"{review.reference} – {review.title_or_kind}"
        item = QTreeWidgetItem([title, "", f"{review.stage}{since}", said, review.costs])
        item.setData(0, ROLE, ("review", review.id))
        bold = QFont(self.tree.font())
        bold.setBold(True)
        item.setFont(0, bold)
        for column in range(len(COLUMNS)):
            item.setToolTip(column, item.text(column))
        for action in actions:
            item.addChild(self._recommendation_item(action))
        return item

    @staticmethod
    def _recommendation_item(action: PlanActionInfo) -> QTreeWidgetItem:
        progress = action.latest.text if action.latest else ""
        target = short_date(action.target_date) if action.target_date else ""
        item = QTreeWidgetItem([action.text, action.owner_names, progress, action.status_words,
                                target])  # fmt: skip
        item.setData(0, ROLE, ("recommendation", action.id))
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
        action, review = self.selected_recommendation(), self.selected_review()
        if action is not None:
            latest = action.latest
            self.detail.setText(
                f"{long_date(latest.on_date)} – {status_words(latest.status)}: {latest.text}"
                if latest is not None
                else "No progress recorded yet."
            )
        elif review is not None:
            stages = "; ".join(f"{long_date(on)}: {stage}" for stage, on in review.stages)
            self.detail.setText(f"Stages – {stages}. Costs so far {review.costs}.")
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected_review() is not None
        for name in ("stage", "cost", "recommend", "agenda"):
            self.buttons[name].setEnabled(chosen)
        self.buttons["progress"].setEnabled(self.selected_recommendation() is not None)

    # -- what is chosen -----------------------------------------------------------------------
    def _selected_key(self) -> tuple[str, int] | None:
        items = self.tree.selectedItems()
        return items[0].data(0, ROLE) if items else None

    def _reselect(self, key: tuple[str, int] | None) -> None:
        for item in self.items():
            if item.data(0, ROLE) == key:
                self.tree.setCurrentItem(item)
                return

    def items(self) -> list[QTreeWidgetItem]:
        found = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            found += [top, *(top.child(j) for j in range(top.childCount()))]
        return found

    def select(self, kind: str, ident: int) -> None:
        self._reselect((kind, ident))

    def selected_review(self) -> CaseReviewInfo | None:
        """The chosen review, or the review of the chosen recommendation."""
        key = self._selected_key()
        for review in self.reviews:
            if key == ("review", review.id) or any(
                key == ("recommendation", a.id) for a in self.recommendations[review.id]
            ):
                return review
        return None

    def selected_recommendation(self) -> PlanActionInfo | None:
        key = self._selected_key()
        for actions in self.recommendations.values():
            for action in actions:
                if key == ("recommendation", action.id):
                    return action
        return None

    # -- changing -----------------------------------------------------------------------------
    def _run(self, command: ServiceCommand, said: str = "") -> None:
        execute(self.undo_stack, command)
        self.reload()
        if said:
            self.status_message.emit(said)

    def new_review(self) -> None:
        def accept(values: dict[str, Any]) -> None:
            command = AddCaseReview(self.context, self.board_id, values["reference"],
                                    values["title"], values["notified_on"])  # fmt: skip
            self._run(command, f"Registered case review {values['reference'].strip()}.")
            if command.original is not None:
                self.select("review", command.original)

        dialogs.run_dialog(CaseReviewDialog(accept, today(), parent=self))

    def add_stage(self) -> None:
        review = self.selected_review()
        if review is None:
            return

        def accept(values: dict[str, Any]) -> None:
            self._run(AddStage(self.context, review.id, values["stage"], values["on"]))

        dialogs.run_dialog(StageDialog(accept, review, today(), parent=self))

    def add_cost(self) -> None:
        review = self.selected_review()
        if review is None:
            return

        def accept(values: dict[str, Any]) -> None:
            self._run(AddCost(self.context, review.id, values["pence"]))

        dialogs.run_dialog(CostDialog(accept, review, parent=self))

    def add_recommendation(self) -> None:
        review = self.selected_review()
        if review is None:
            return
        priority = self.services.case_reviews.recommendations_priority(review.id)

        def accept(values: dict[str, Any]) -> None:
            command = AddPlanAction(self.context, priority, values)
            self._run(command)
            if command.original is not None:
                self.select("recommendation", command.original)

        dialogs.run_dialog(PlanActionDialog(accept, parent=self))

    def record_progress(self) -> None:
        action = self.selected_recommendation()
        if action is None:
            return
        meetings = self.services.meetings.meetings(self.board_id)

        def accept(values: dict[str, Any]) -> None:
            command = RecordProgress(self.context, action.id, values)
            self._run(command, f"Progress recorded: {status_words(values['status'])}.")

        dialogs.run_dialog(ProgressDialog(accept, action, meetings, today(), parent=self))

    def put_on_agenda(self) -> None:
        """Its update as an item of a meeting to come, in closed session (the next first)."""
        review = self.selected_review()
        if review is None:
            return
        coming = sorted(
            (m for m in self.services.meetings.meetings(self.board_id)
             if m.date >= today() and not m.minutes_approved),
            key=lambda m: m.date,
        )  # fmt: skip

        def accept(values: dict[str, Any]) -> None:
            command = PutOnClosedAgenda(self.context, review.id, values["meeting_id"])
            self._run(command, f"On the closed session: {review.reference}.")

        dialogs.run_dialog(ClosedAgendaDialog(accept, review, coming, parent=self))

"""The partnership plan in minutes mode: progress and decisions recorded at the review item.

When the item being taken reviews a plan, a pane docked under the minute lists the plan's
actions (with each one's latest rating) and the actions put to the board for support. At
the update on a restricted case review the pane is titled for the review and lists its
recommendations (rated the same way).
Nothing opens over the typing: Ctrl+Shift+L puts the keyboard in the list of actions, where
**G**, **A**, **R**, **C** and **N** choose the rating (on track, at risk, off track,
complete, not started) and move to the line below the list for what was said; Enter there
records it at this meeting and goes on to the next action, Escape goes back to the list.
In the list of recommendations **Y** records "supported", **N** "not supported", **D**
"deferred" and Delete takes the decision back. Every step is one undoable command on the
window's undo stack; Escape in a list gives the keyboard back to the minute.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from scbmeet.domain import dto
from scbmeet.domain.errors import ScbmeetError
from scbmeet.domain.plan_dto import CaseReviewInfo
from scbmeet.domain.plan_meeting_dto import ReviewItemInfo
from scbmeet.domain.plan_vocabulary import STATUS_WORDS, Decision, ProgressStatus, status_words
from scbmeet.gui.minutes.commands import Host, ServiceCommand
from scbmeet.gui.minutes.panes import MinutesPanes

SHORTCUT = "Ctrl+Shift+L"
ROLE = Qt.ItemDataRole.UserRole
RATING_KEYS = {
    Qt.Key.Key_G: ProgressStatus.ON_TRACK,
    Qt.Key.Key_A: ProgressStatus.AT_RISK,
    Qt.Key.Key_R: ProgressStatus.OFF_TRACK,
    Qt.Key.Key_C: ProgressStatus.COMPLETE,
    Qt.Key.Key_N: ProgressStatus.NOT_STARTED,
}
DECISION_KEYS = {
    Qt.Key.Key_Y: Decision.SUPPORTED,
    Qt.Key.Key_N: Decision.NOT_SUPPORTED,
    Qt.Key.Key_D: Decision.DEFERRED,
}
LETTERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
PLAN_TITLE = "Partnership plan"
PLAN_ACTIONS_HEADING = ("Action", "Latest", "Here")
CASE_ACTIONS_HEADING = ("Recommendation", "Latest", "Here")


def case_review_title(case: CaseReviewInfo) -> str:
    """The pane's title at the update on a case review: ``Case review DHR-2025-03: ...``."""
    named = f"Case review {case.reference}"
    return (
        f"{named}: {case.title} (closed business)" if case.title else f"{named} (closed business)"
    )


class PaneHost(Host, Protocol):
    def item_being_taken(self) -> dto.AgendaItemInfo | None: ...

    def run_command(self, command: ServiceCommand) -> bool: ...

    def focus_narrative(self) -> None: ...


class RecordPlanProgress(ServiceCommand):
    """Progress on a plan action reported at this meeting."""

    def __init__(self, host: Host, plan_action_id: int, status: str, text: str) -> None:
        super().__init__(host, f"record plan progress: {status_words(status)}")
        self.plan_action_id, self.status, self.progress = plan_action_id, status, text
        self.progress_id: int | None = None

    def do(self) -> None:
        made = self.services.plans.record_progress(
            self.plan_action_id, self.status, self.progress, meeting_id=self.host.meeting.id
        )
        self.progress_id = made.id

    def revert(self) -> None:
        assert self.progress_id is not None
        self.services.plans.delete_progress(self.progress_id)


class DecideRecommendation(ServiceCommand):
    """The board's decision at this meeting on an action put to it (None: no decision)."""

    def __init__(
        self,
        host: Host,
        recommendation_id: int,
        decision: str | None,
        before: tuple[str, str] | None,
    ) -> None:
        said = decision.replace("_", " ") if decision else "no decision"
        super().__init__(host, f"record the board's decision: {said}")
        self.recommendation_id, self.decision, self.before = recommendation_id, decision, before

    def _set(self, decision: str | None, note: str = "") -> None:
        decisions, meeting_id = self.services.plan_decisions, self.host.meeting.id
        if decision is None:
            decisions.undecide(self.recommendation_id, meeting_id)
        else:
            decisions.decide(self.recommendation_id, meeting_id, decision, note)

    def do(self) -> None:
        self._set(self.decision)

    def revert(self) -> None:
        self._set(*(self.before or (None, "")))


class PlanReviewPane(QObject):
    """The docked plan pane of the minutes window, shown at an item that reviews a plan."""

    def __init__(self, host: PaneHost, window: MinutesPanes) -> None:
        super().__init__(window)
        self.host, self.window = host, window
        self.review: ReviewItemInfo | None = None
        self.case: CaseReviewInfo | None = None  # the review's, at a case review's update
        self.dock = QDockWidget(PLAN_TITLE, window)
        self.dock.setObjectName("planReviewDock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self.dock.setWidget(self._build())
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self.action = QAction("Record partnership plan &progress", window)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(lambda _checked=False: self.focus_actions())
        window.addAction(self.action)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # after the window has moved to the row chosen
        self._timer.timeout.connect(self.update_for_item)
        selection = window.agenda_view.selectionModel()
        selection.currentRowChanged.connect(lambda *_: self._timer.start())
        data_changed = getattr(window, "data_changed", None)
        if data_changed is not None:
            data_changed.connect(lambda _change: self._timer.start())

    def _build(self) -> QWidget:
        body = QWidget()
        self.heading = QLabel(objectName="planReviewHeading")
        self.heading.setWordWrap(True)
        self.actions = self._tree("planReviewActions", PLAN_ACTIONS_HEADING)
        self.rating = QComboBox(objectName="planReviewRating")
        for status, words in STATUS_WORDS.items():
            self.rating.addItem(words, status.value)
        self.progress_edit = QLineEdit(objectName="planReviewProgress")
        self.progress_edit.setPlaceholderText("what was reported (Enter records it; Esc: back)")
        self.recommendations = self._tree(
            "planReviewRecommendations", ("Action for support", "Decision here")
        )
        left = QVBoxLayout()
        left.addWidget(self.actions, 1)
        line = QHBoxLayout()
        line.addWidget(self.rating)
        line.addWidget(self.progress_edit, 1)
        left.addLayout(line)
        self.support = QWidget()  # the actions put to the board for support
        right = QVBoxLayout(self.support)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(QLabel("Y supported · N not supported · D deferred · Delete: none"))
        right.addWidget(self.recommendations, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addWidget(self.support, 2)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.heading)
        layout.addLayout(columns, 1)
        for widget in (self.actions, self.progress_edit, self.recommendations):
            widget.installEventFilter(self)
        body.setMaximumHeight(200)  # the minute above keeps most of a 700-pixel screen
        return body

    @staticmethod
    def _tree(name: str, headings: tuple[str, ...]) -> QTreeWidget:
        tree = QTreeWidget(objectName=name)
        tree.setHeaderLabels(list(headings))
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(headings)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        return tree

    # -- showing ------------------------------------------------------------------------------
    def update_for_item(self) -> None:
        """Show the pane at an item reviewing a plan (and fill it), hide it elsewhere.

        While the database cannot be read (gone, damaged) the pane stays as it is: the
        window's banner says why, and typing the minute goes on."""
        item = self.host.item_being_taken()
        try:
            review = self.host.services.plan_meetings.review_of_item(item.id) if item else None
            case = self._case_of(review)
            self.review, self.case = review, case
            if review is not None:
                self.refresh()
        except ScbmeetError:
            return
        self._title_for(case)
        self.dock.setVisible(review is not None)

    def _case_of(self, review: ReviewItemInfo | None) -> CaseReviewInfo | None:
        if review is None or not review.closed:  # a case review is only in closed session
            return None
        return self.host.services.case_reviews.of_plan(review.plan_id)

    def _title_for(self, case: CaseReviewInfo | None) -> None:
        """Say what the pane shows: the partnership plan, or a case review's recommendations."""
        self.dock.setWindowTitle(case_review_title(case) if case else PLAN_TITLE)
        self.actions.setHeaderLabels(list(CASE_ACTIONS_HEADING if case else PLAN_ACTIONS_HEADING))

    def refresh(self) -> None:
        review = self.review
        if review is None:
            return
        services, meeting_id = self.host.services, self.host.meeting.id
        table = services.plans.table(review.plan_id, meeting_id=meeting_id)
        here = {r.plan_action_id: r.progress for r in services.plan_meetings.progress_at(
            review.plan_id, meeting_id)}  # fmt: skip
        chosen = self._chosen(self.actions)
        self.actions.clear()
        for group in table.priorities:
            for action in group.actions:
                said = here.get(action.id)
                # A case review's recommendations are its plan's only priority: no theme.
                text = action.text if self.case else f"{group.priority.theme}: {action.text}"
                row = QTreeWidgetItem([text,
                                       action.status_words, said.status_words if said else ""])  # fmt: skip
                row.setData(0, ROLE, action.id)
                row.setToolTip(0, row.text(0))
                self.actions.addTopLevelItem(row)
        self._choose(self.actions, chosen)
        chosen = self._chosen(self.recommendations)
        self.recommendations.clear()
        for rec in services.plan_decisions.for_meeting(review.plan_id, meeting_id):
            decision = rec.decision_at(meeting_id)
            row = QTreeWidgetItem([rec.text, decision.words if decision else ""])
            row.setData(0, ROLE, rec.id)
            row.setToolTip(0, rec.text)
            self.recommendations.addTopLevelItem(row)
        self._choose(self.recommendations, chosen)
        # A case review's recommendations are plan-style actions; none is put for support.
        self.support.setVisible(self.case is None or self.recommendations.topLevelItemCount() > 0)
        counts = ", ".join(f"{n} {w.lower()}" for w, n in table.counts().items())
        shown, listed, nothing = (
            (f"{self.case.reference}'s recommendations", "the recommendations", "none yet")
            if self.case
            else (review.plan_name, "the actions", "no actions")
        )
        self.heading.setText(
            f"<b>{shown}</b> as at this meeting: {counts or nothing}. "
            f"{SHORTCUT}: {listed}; G A R C N rate one, then type what was said."
        )

    @staticmethod
    def _chosen(tree: QTreeWidget) -> int | None:
        item = tree.currentItem()
        return item.data(0, ROLE) if item is not None else None

    @staticmethod
    def _choose(tree: QTreeWidget, ident: int | None) -> None:
        for i in range(tree.topLevelItemCount()):
            if tree.topLevelItem(i).data(0, ROLE) == ident:
                tree.setCurrentItem(tree.topLevelItem(i))
                return
        if tree.topLevelItemCount():
            tree.setCurrentItem(tree.topLevelItem(0))

    # -- keys ---------------------------------------------------------------------------------
    def focus_actions(self) -> None:
        self.update_for_item()
        if self.dock.isVisible():
            self.actions.setFocus()

    def rate(self, status: ProgressStatus) -> None:
        """A rating chosen for the selected action: now the line for what was said."""
        if self.actions.currentItem() is None:
            return
        self.rating.setCurrentIndex(self.rating.findData(status.value))
        self.progress_edit.setFocus()

    def record(self) -> None:
        """Enter in the line: the rating and the words, at this meeting; then the next action."""
        item = self.actions.currentItem()
        if item is None:
            return
        command = RecordPlanProgress(
            self.host, int(item.data(0, ROLE)), str(self.rating.currentData()),
            self.progress_edit.text(),
        )  # fmt: skip
        if self.host.run_command(command):
            self.progress_edit.clear()
            self.refresh()
            below = self.actions.itemBelow(self.actions.currentItem())
            if below is not None:
                self.actions.setCurrentItem(below)
            self.actions.setFocus()

    def decide(self, decision: str | None) -> None:
        item = self.recommendations.currentItem()
        if item is None:
            return
        rec_id = int(item.data(0, ROLE))
        earlier = next(
            (r for r in self.host.services.plan_decisions.for_meeting(
                self.review.plan_id, self.host.meeting.id) if r.id == rec_id),
            None,
        ) if self.review else None  # fmt: skip
        made = earlier.decision_at(self.host.meeting.id) if earlier else None
        before = (made.decision, made.note) if made else None
        if self.host.run_command(DecideRecommendation(self.host, rec_id, decision, before)):
            self.refresh()
            below = self.recommendations.itemBelow(self.recommendations.currentItem())
            if below is not None:
                self.recommendations.setCurrentItem(below)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key = Qt.Key(event.key())
        if watched is self.progress_edit:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.record()
                return True
            if key == Qt.Key.Key_Escape:
                self.actions.setFocus()
                return True
            return False
        if event.modifiers() & ~LETTERS:
            return False
        if key == Qt.Key.Key_Escape:
            self.host.focus_narrative()
            return True
        if watched is self.actions:
            if key in RATING_KEYS:
                self.rate(RATING_KEYS[key])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.progress_edit.setFocus()
                return True
        if watched is self.recommendations:
            if key in DECISION_KEYS:
                self.decide(DECISION_KEYS[key].value)
                return True
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.decide(None)
                return True
        return False

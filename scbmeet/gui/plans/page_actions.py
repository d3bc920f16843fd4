"""What the partnership plan page's buttons do: the dialogs, then the undoable commands.

:class:`PlanPageChanges` is the part of :class:`~scbmeet.gui.plans.page.PlanPage` that
changes the plan (a new plan, priorities, actions, progress, a CSV import, the next plan)
and ties it to the meetings (a review item, a linked meeting action, an action for support
by the board). Each change is a command on the page's ``undo_stack``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from scbmeet.domain.errors import ScbmeetError
from scbmeet.domain.plan_dto import PlanActionInfo, PlanTable, PriorityInfo
from scbmeet.domain.plan_vocabulary import status_words
from scbmeet.gui.plans.commands import (
    AddPlanAction,
    AddPriority,
    EditPlanAction,
    EditPriority,
    PlanContext,
    RecordProgress,
)
from scbmeet.gui.plans.csv_import import ImportPlanCsv, PlanCsvDialog
from scbmeet.gui.plans.cycle import NextPlanDialog, StartNextPlan
from scbmeet.gui.plans.dialogs import PlanActionDialog, PlanDialog, PriorityDialog, ProgressDialog
from scbmeet.gui.plans.meeting_links import (
    AddRecommendation,
    LinkDialog,
    LinkMeetingAction,
    RecommendationDialog,
    ReviewAtMeeting,
    ReviewDialog,
)
from scbmeet.gui.widgets import dialogs
from scbmeet.gui.widgets.clock import today
from scbmeet.gui.widgets.commands import execute
from scbmeet.services import Services
from scbmeet.text.csv_text import decode_csv


class PlanPageChanges:
    """The plan page's changes (mixed into the page, which provides what is declared here)."""

    services: Services
    board_id: int
    plan_id: int | None
    table: PlanTable | None
    undo_stack: QUndoStack
    context: PlanContext
    status_message: Any  # the page's Signal(str)

    def reload(self) -> None:
        raise NotImplementedError

    def select(self, kind: str, ident: int) -> None:
        raise NotImplementedError

    def selected_action(self) -> PlanActionInfo | None:
        raise NotImplementedError

    def selected_priority(self) -> PriorityInfo | None:
        raise NotImplementedError

    def _show_detail(self) -> None:
        raise NotImplementedError

    def _widget(self) -> QWidget:
        """The page, as the parent of its dialogs."""
        assert isinstance(self, QWidget)
        return self

    # -- changing -----------------------------------------------------------------------------
    def new_plan(self) -> None:
        def accept(values: dict[str, object]) -> None:
            made = self.services.plans.add_plan(self.board_id, **values)  # type: ignore[arg-type]
            self.plan_id = made.id
            self.status_message.emit(f"Started {made.name}.")

        dialogs.run_dialog(PlanDialog(accept, parent=self._widget()))

    def add_priority(self) -> None:
        plan_id = self.plan_id
        if plan_id is None:
            return

        def accept(values: dict[str, object]) -> None:
            command = AddPriority(self.context, plan_id, str(values["theme"]),
                                  str(values["threat"]))  # fmt: skip
            execute(self.undo_stack, command)
            if command.original is not None:
                self.reload()
                self.select("priority", command.original)

        dialogs.run_dialog(PriorityDialog(accept, parent=self._widget()))

    def add_action(self) -> None:
        priority = self.selected_priority()
        if priority is None:
            return

        def accept(values: dict[str, object]) -> None:
            command = AddPlanAction(self.context, priority.id, values)
            execute(self.undo_stack, command)
            if command.original is not None:
                self.reload()
                self.select("action", command.original)

        dialogs.run_dialog(PlanActionDialog(accept, parent=self._widget()))

    def edit_selected(self) -> None:
        action = self.selected_action()
        if action is not None:
            before = {
                "text": action.text,
                "owners": action.owners,
                "target_date": action.target_date,
                "milestones": action.milestones,
            }

            def accept_action(values: dict[str, object]) -> None:
                execute(self.undo_stack, EditPlanAction(self.context, action.id, before, values))

            dialogs.run_dialog(PlanActionDialog(accept_action, action, parent=self._widget()))
            return
        priority = self.selected_priority()
        if priority is not None:
            old = {"theme": priority.theme, "threat": priority.threat}

            def accept_priority(values: dict[str, str]) -> None:
                execute(self.undo_stack, EditPriority(self.context, priority.id, old, values))

            dialogs.run_dialog(PriorityDialog(accept_priority, priority, parent=self._widget()))  # type: ignore[arg-type]

    def record_progress(self) -> None:
        action = self.selected_action()
        if action is None:
            return
        meetings = self.services.meetings.meetings(self.board_id)

        def accept(values: dict[str, object]) -> None:
            execute(self.undo_stack, RecordProgress(self.context, action.id, values))
            self.status_message.emit(f"Progress recorded: {status_words(str(values['status']))}.")

        dialogs.run_dialog(ProgressDialog(accept, action, meetings, today(), parent=self._widget()))

    def import_csv(self) -> None:
        """Import CSV…: a spreadsheet's plan, its columns mapped in a preview, all or nothing."""
        plan_id = self.plan_id
        files = dialogs.choose_open_files(self, "Import a plan from CSV", "CSV files (*.csv)")
        if plan_id is None or not files:
            return
        try:
            text = decode_csv(files[0].read_bytes(), files[0].name).text
        except (OSError, ScbmeetError) as exc:
            dialogs.report(self, exc)
            return

        def accept(values: dict[str, object]) -> None:
            mapping = values["mapping"]
            assert isinstance(mapping, dict)
            command = ImportPlanCsv(self.context, plan_id, text, mapping)
            execute(self.undo_stack, command)
            if command.added:
                self.status_message.emit(f"Imported {command.added} action(s).")

        dialogs.run_dialog(
            PlanCsvDialog(accept, self.services, plan_id, text, parent=self._widget())
        )

    def next_plan(self) -> None:
        """Next plan…: the dialog, then the undoable start of the next plan."""
        plan_id, table = self.plan_id, self.table
        if plan_id is None or table is None:
            return

        def accept(values: dict[str, object]) -> None:
            command = StartNextPlan(self.context, plan_id, dict(values))
            execute(self.undo_stack, command)
            if command.made is not None:
                self.plan_id = command.made
                self.reload()
                self.status_message.emit(command.outcome)

        dialogs.run_dialog(NextPlanDialog(accept, table, parent=self._widget()))

    # -- with the meetings --------------------------------------------------------------------
    def review_at_meeting(self) -> None:
        """A new agenda item of a meeting to come (the next first), reviewing the plan."""
        plan_id = self.plan_id
        if plan_id is None or self.table is None:
            return
        coming = sorted(
            (m for m in self.services.meetings.meetings(self.board_id)
             if m.date >= today() and not m.minutes_approved),
            key=lambda m: m.date,
        )  # fmt: skip
        title = f"{self.table.plan.name}: progress update"

        def accept(values: dict[str, object]) -> None:
            command = ReviewAtMeeting(self.context, int(str(values["meeting_id"])), plan_id,
                                      str(values["title"]))  # fmt: skip
            execute(self.undo_stack, command)
            if command.item_id is not None:
                self.status_message.emit("The plan is on that meeting's agenda.")

        dialogs.run_dialog(ReviewDialog(accept, coming, title, parent=self._widget()))

    def link_action(self) -> None:
        action = self.selected_action()
        if action is None:
            return
        actions = self.services.actions.actions(board_id=self.board_id)
        linked = {a.action_id for a in self.services.plan_meetings.linked_actions(action.id)}
        choices = [a for a in reversed(actions) if a.id not in linked]

        def accept(values: dict[str, object]) -> None:
            command = LinkMeetingAction(self.context, action.id, int(str(values["action_id"])))
            execute(self.undo_stack, command)
            self._show_detail()

        dialogs.run_dialog(LinkDialog(accept, action, choices, parent=self._widget()))

    def add_recommendation(self) -> None:
        plan_id = self.plan_id
        if plan_id is None or self.table is None:
            return
        chosen = self.selected_priority()
        priorities = [g.priority for g in self.table.priorities]

        def accept(values: dict[str, object]) -> None:
            execute(self.undo_stack, AddRecommendation(self.context, plan_id, dict(values)))

        dialogs.run_dialog(RecommendationDialog(accept, priorities, chosen.id if chosen else None,
                                                parent=self._widget()))  # fmt: skip

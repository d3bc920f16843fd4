"""The plan page's links to the meetings: reviewing the plan at a meeting, linking a meeting
action to a plan action, and the actions put to the board for support.

Each is an undoable command on the page's undo stack (the same pattern as the page's other
changes: run once before it is pushed, a refusal shown in the dialog and nothing pushed);
each dialog is a short form built in code.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from scbmeet.domain.dto import ActionInfo, MeetingInfo, long_date
from scbmeet.domain.plan_dto import PlanActionInfo, PriorityInfo
from scbmeet.gui.plans.commands import PlanCommand, PlanContext
from scbmeet.gui.plans.dialogs import Accept, PlanFormDialog, _text_box


class ReviewAtMeeting(PlanCommand):
    """A new agenda item of a meeting, reviewing the plan."""

    def __init__(self, context: PlanContext, meeting_id: int, plan_id: int, title: str) -> None:
        super().__init__(context, "Review the plan at a meeting")
        self.meeting_id, self.plan_id, self.title = meeting_id, plan_id, title
        self.item_id: int | None = None

    def apply(self) -> None:
        made = self.ctx.services.plan_meetings.add_review_item(
            self.meeting_id, self.plan_id, self.title
        )
        self.item_id = made.agenda_item_id

    def revert(self) -> None:
        assert self.item_id is not None
        self.ctx.services.agenda.delete_item(self.item_id)


class LinkMeetingAction(PlanCommand):
    def __init__(self, context: PlanContext, plan_action_id: int, action_id: int) -> None:
        super().__init__(context, "Link a meeting action to the plan")
        self.plan_action_original, self.action_id = plan_action_id, action_id

    def apply(self) -> None:
        self.ctx.services.plan_meetings.link_action(
            self.ctx.action(self.plan_action_original), self.action_id
        )

    def revert(self) -> None:
        self.ctx.services.plan_meetings.unlink_action(
            self.ctx.action(self.plan_action_original), self.action_id
        )


class AddRecommendation(PlanCommand):
    def __init__(self, context: PlanContext, plan_id: int, values: dict[str, Any]) -> None:
        super().__init__(context, f"Put to the board: {values['text']}")
        self.plan_id, self.values = plan_id, values
        self.made: int | None = None

    def apply(self) -> None:
        values = dict(self.values)
        priority = values.pop("priority_id")
        made = self.ctx.services.plan_decisions.add_recommendation(
            self.plan_id,
            values.pop("text"),
            priority_id=self.ctx.priority(priority) if priority is not None else None,
            **values,
        )
        self.made = made.id

    def revert(self) -> None:
        assert self.made is not None
        self.ctx.services.plan_decisions.delete_recommendation(self.made)


class ReviewDialog(PlanFormDialog):
    """Which meeting reviews the plan, and the agenda item's title."""

    def __init__(self, accept: Accept, meetings: Sequence[MeetingInfo], title: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__("Review the plan at a meeting", accept, parent)
        self.meeting = QComboBox()
        for m in meetings:
            self.meeting.addItem(f"Meeting of {long_date(m.date)}", m.id)
        self.add_field("&Meeting", self.meeting)
        self.title = QLineEdit(title)
        self.add_field("Agenda &item", self.title)
        self.mark_pristine()

    def values(self) -> dict[str, Any]:
        if self.meeting.currentData() is None:
            raise ValueError("The board has no meeting to come whose agenda can take the item.")
        return {"meeting_id": self.meeting.currentData(), "title": self.title.text()}


class LinkDialog(PlanFormDialog):
    """Which meeting action was taken towards the plan action."""

    def __init__(self, accept: Accept, plan_action: PlanActionInfo, actions: Sequence[ActionInfo],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__("Link a meeting action", accept, parent)
        self.add_field("Plan action", QLineEdit(plan_action.text, readOnly=True))
        self.action = QComboBox()
        for a in actions:
            where = f"{a.minute_reference}: " if a.minute_reference else ""
            self.action.addItem(f"{where}{a.text}"[:120], a.id)
        self.add_field("Meeting &action", self.action)
        self.mark_pristine()

    def values(self) -> dict[str, Any]:
        if self.action.currentData() is None:
            raise ValueError("The board has no meeting action to link.")
        return {"action_id": self.action.currentData()}


class RecommendationDialog(PlanFormDialog):
    """An action put to the board for support, under a priority."""

    def __init__(self, accept: Accept, priorities: Sequence[PriorityInfo],
                 chosen: int | None, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__("Action for support by the board", accept, parent)
        self.priority = QComboBox()
        for p in priorities:
            self.priority.addItem(p.theme, p.id)
        self.priority.addItem("(no priority)", None)
        self.priority.setCurrentIndex(max(0, self.priority.findData(chosen)))
        self.add_field("&Priority", self.priority)
        self.text = _text_box("", 3)
        self.add_field("&Action", self.text)
        self.in_progress = QLineEdit()
        self.in_progress.setPlaceholderText("Yes; Report back in November")
        self.add_field("&In progress", self.in_progress)
        self.mark_pristine()

    def values(self) -> dict[str, Any]:
        return {
            "priority_id": self.priority.currentData(),
            "text": self.text.toPlainText(),
            "in_progress": self.in_progress.text(),
        }

"""What the minutes say under an item besides its narrative: matters arising outcomes, update
requests and deferrals, in the board's words.

Each piece is recorded elsewhere in minutes mode (D/X/P on a matters-arising action, Ctrl+U
or ``#update``, Ctrl+D); this module only gathers what belongs under one
minute and writes it as sentences. Nothing here reads the database but through the services.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from scbmeet.domain import dto
from scbmeet.domain.dto import long_date
from scbmeet.domain.enums import ActionState, ItemKind, ItemStatus
from scbmeet.exports.records import MeetingRecord

UPDATE_PREFIX = "Update: "


@dataclass(frozen=True)
class ArisingOutcome:
    """What the meeting recorded about one earlier action: done, dropped or progress."""

    action: dto.ActionInfo
    progress: tuple[str, ...]
    closed_here: bool  # done or dropped at this meeting (not later)


def arising_sentence(outcome: ArisingOutcome) -> str:
    """``Minute 10/26 (Rachel Okafor: bring the breakdown): completed.``"""
    action = outcome.action
    reference = f"Minute {action.minute_reference}" if action.minute_reference else "Action"
    text = action.text.strip().rstrip(".")
    head = f"{reference} ({action.minutes_owner_line}: {text})"
    said = "; ".join(p.strip().rstrip(".") for p in outcome.progress if p.strip())
    if outcome.closed_here:  # what was said when it was closed, as the reason
        reason = f" {said[0].upper()}{said[1:]}." if said else ""
        if action.state == ActionState.DONE:
            return f"{head}: completed.{reason}"
        return f"{head}: no longer required; the action was dropped.{reason}"
    progress = f" Progress reported: {said}." if said else ""
    return f"{head}: still open.{progress}"


def update_request_sentence(entry: dto.ForwardPlanInfo) -> str:
    """``A further update on the performance overview was requested for May 2027.``"""
    when = (
        f"the meeting of {long_date(entry.due_meeting_date)}"
        if entry.due_meeting_date is not None
        else (f"{entry.due_month:%B %Y}" if entry.due_month is not None else "a later meeting")
    )
    title = entry.title.strip().rstrip(".")
    if title.startswith(UPDATE_PREFIX):
        return f"A further update on {title[len(UPDATE_PREFIX) :]} was requested for {when}."
    if title.lower().startswith(("a ", "an ", "the ")):  # "a further report on ..."
        return f"{title[0].upper()}{title[1:]} was requested for {when}."
    return f"A further update was requested for {when}: {title}."


def deferred_to(record: MeetingRecord) -> str:
    """``deferred to the next meeting (10 March 2027)``."""
    following = record.next_meeting
    when = f" ({long_date(following.date)})" if following is not None else ""
    return f"deferred to the next meeting{when}"


def deferral_sentence(record: MeetingRecord) -> str:
    """``This item was deferred to the next meeting (10 March 2027).``"""
    return f"This item was {deferred_to(record)}."


class MinuteNotes:
    """Everything printed under the minutes of one meeting besides narrative and decisions."""

    def __init__(self, record: MeetingRecord) -> None:
        self.record = record

    @cached_property
    def update_requests(self) -> dict[int, list[dto.ForwardPlanInfo]]:
        """Forward-plan entries asked for in each minute of this meeting, by minute id."""
        minute_ids = {m.id for m in self.record.minutes}
        found: dict[int, list[dto.ForwardPlanInfo]] = {}
        entries = self.record.services.forward_plan.entries(self.record.board.id)
        for entry in sorted(entries, key=lambda e: e.id):  # in the order they were asked for
            source = entry.source_minute_item_id
            if source in minute_ids and not entry.withdrawn and source is not None:
                found.setdefault(source, []).append(entry)
        return found

    @cached_property
    def arising_outcomes(self) -> list[ArisingOutcome]:
        """Earlier actions dealt with at this meeting: closed at it, or progress reported."""
        meeting_id = self.record.meeting.id
        reported: dict[int, list[str]] = {}
        for update in self.record.services.actions.reported_at(meeting_id):
            reported.setdefault(update.action_id, []).append(update.text)
        outcomes = []
        for action in self.record.outstanding_actions():
            progress = tuple(reported.get(action.id, ()))
            closed_here = action.closed_at_meeting_id == meeting_id and action.is_closed
            if closed_here or progress:
                outcomes.append(ArisingOutcome(action, progress, closed_here))
        return outcomes

    @cached_property
    def arising_minute_id(self) -> int | None:
        """The minute of the matters-arising item, or None."""
        for minute in self.record.minutes:
            item = self.record.item_by_id(minute.agenda_item_id)
            if item is not None and item.kind == ItemKind.MATTERS_ARISING:
                return minute.id
        return None

    def arising_for(self, minute: dto.MinuteItemInfo) -> list[str]:
        if minute.id != self.arising_minute_id:
            return []
        return [arising_sentence(o) for o in self.arising_outcomes]

    def requests_for(self, minute: dto.MinuteItemInfo) -> list[str]:
        return [update_request_sentence(e) for e in self.update_requests.get(minute.id, [])]

    def is_deferred(self, minute: dto.MinuteItemInfo) -> bool:
        item = self.record.item_by_id(minute.agenda_item_id)
        return item is not None and item.status == ItemStatus.DEFERRED

    def deferred_without_minute(self) -> list[dto.AgendaItemInfo]:
        """Deferred items nothing was minuted for: the minutes still say they were deferred."""
        minuted = {m.agenda_item_id for m in self.record.minutes}
        return [
            item
            for item in self.record.agenda
            if item.status == ItemStatus.DEFERRED and item.id not in minuted
        ]

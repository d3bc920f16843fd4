"""Where a record lives: the meeting and agenda item to show for a minute, resolution,
action, agenda item or paper named by a search hit, a history link or the chair's review.

Views emit ``openRequested(kind, id)``; the main window asks :meth:`PlaceService.locate`
where that is and shows it. Kinds are those of :data:`scbmeet.services.search.KINDS` plus
``"meeting"`` and ``"forward_plan"`` (an entry of a board's forward plan).
"""

from __future__ import annotations

from sqlmodel import Session, select

from scbmeet.domain.dto import Place
from scbmeet.domain.errors import NotFoundError, ValidationError
from scbmeet.domain.models import (
    Action,
    AgendaItem,
    ForwardPlanEntry,
    Meeting,
    MinuteItem,
    Paper,
    Resolution,
)
from scbmeet.services.base import ServiceBase, get_or_fail
from scbmeet.services.numbering import minute_reference

PLACE_KINDS = (
    "meeting",
    "agenda_item",
    "paper",
    "minute",
    "resolution",
    "action",
    "forward_plan",
)


class PlaceService(ServiceBase):
    """Finding the page on which a record is shown."""

    def locate(self, kind: str, ident: int) -> Place:
        """The place of record ``ident`` of ``kind``; :class:`NotFoundError` if it is gone."""
        if kind not in PLACE_KINDS:
            raise ValidationError(f"scbmeet cannot open a {kind!r}.")
        with self.db.reading() as s:
            return _locate(s, kind, ident)


def _locate(s: Session, kind: str, ident: int) -> Place:
    if kind == "meeting":
        meeting = get_or_fail(s, Meeting, ident, "meeting")
        return Place(board_id=meeting.board_id, meeting_id=meeting.id)
    if kind == "forward_plan":  # an entry of the forward plan: the board's forward plan page
        return Place(
            board_id=get_or_fail(s, ForwardPlanEntry, ident, "forward plan entry").board_id
        )
    if kind == "agenda_item":
        return _item_place(s, get_or_fail(s, AgendaItem, ident, "agenda item"))
    if kind == "paper":
        paper = get_or_fail(s, Paper, ident, "paper")
        item = get_or_fail(s, AgendaItem, paper.agenda_item_id, "agenda item")
        return _item_place(s, item, paper_id=paper.id)
    if kind == "resolution":
        ident = get_or_fail(s, Resolution, ident, "resolution").minute_item_id
    elif kind == "action":
        action = get_or_fail(s, Action, ident, "action")
        if action.minute_item_id is None:  # recorded in the register, not at a meeting
            return Place(board_id=action.board_id, action_id=action.id)
        return _minute_place(s, action.minute_item_id, action_id=action.id)
    return _minute_place(s, ident)


def _minute_place(s: Session, minute_id: int, *, action_id: int | None = None) -> Place:
    minute = s.get(MinuteItem, minute_id)
    if minute is None:
        raise NotFoundError(f"There is no minute with id {minute_id}.")
    return Place(
        board_id=minute.board_id,
        meeting_id=minute.meeting_id,
        agenda_item_id=minute.agenda_item_id or _item_titled(s, minute),
        minute_id=minute.id,
        action_id=action_id,
        minute_reference=minute_reference(minute.number, minute.numbering_year),
    )


def _item_titled(s: Session, minute: MinuteItem) -> int | None:
    """The agenda item of the minute's meeting with the minute's title (minutes written
    before they were linked to the agenda, or imported, carry only the title)."""
    title = minute.title.strip().casefold()
    items = s.exec(select(AgendaItem).where(AgendaItem.meeting_id == minute.meeting_id)).all()
    return next((i.id for i in items if i.title.strip().casefold() == title), None)


def _item_place(s: Session, item: AgendaItem, *, paper_id: int | None = None) -> Place:
    meeting = get_or_fail(s, Meeting, item.meeting_id, "meeting")
    return Place(
        board_id=meeting.board_id,
        meeting_id=meeting.id,
        agenda_item_id=item.id,
        paper_id=paper_id,
    )

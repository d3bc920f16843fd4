"""Everything a document says about one meeting, fetched through the services.

Public versions are filtered *here*, before any document code sees the data: closed-session
agenda items (and their sub-items and papers), their minutes (with resolutions and actions),
declarations about them and actions arising from them are simply not in a public record, so
no renderer can leak them into a body, header, comment or property.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cached_property

from scbmeet.domain import dto
from scbmeet.domain.closed import closed_item_ids
from scbmeet.domain.enums import AttendanceStatus, Role
from scbmeet.services import Services


class MeetingRecord:
    """One meeting as a document needs it; with ``public=True``, its public part only."""

    def __init__(self, services: Services, meeting_id: int, *, public: bool = False) -> None:
        self.services = services
        self.public = public
        self.meeting = services.meetings.meeting(meeting_id)
        self.board = services.register.board(self.meeting.board_id)

    # -- agenda -----------------------------------------------------------------------------
    @cached_property
    def _full_agenda(self) -> list[dto.AgendaItemInfo]:
        return self.services.agenda.agenda(self.meeting.id)

    @cached_property
    def closed_item_ids(self) -> frozenset[int]:
        """Closed-session items, and everything under them (:mod:`scbmeet.domain.closed`)."""
        return closed_item_ids(self._full_agenda)

    @cached_property
    def agenda(self) -> list[dto.AgendaItemInfo]:
        if not self.public:
            return self._full_agenda
        return [i for i in self._full_agenda if i.id not in self.closed_item_ids]

    def top_items(self, *, closed: bool) -> list[dto.AgendaItemInfo]:
        return [
            i
            for i in self.agenda
            if i.parent_id is None and (i.id in self.closed_item_ids) == closed
        ]

    def sub_items(self, item: dto.AgendaItemInfo) -> list[dto.AgendaItemInfo]:
        return [i for i in self.agenda if i.parent_id == item.id]

    def item_by_id(self, item_id: int | None) -> dto.AgendaItemInfo | None:
        return next((i for i in self.agenda if i.id == item_id), None)

    @property
    def papers(self) -> list[tuple[dto.AgendaItemInfo, dto.PaperInfo]]:
        """Every paper of the (visible) agenda, in agenda order."""
        return [(item, paper) for item in self.agenda for paper in item.papers]

    # -- minutes ----------------------------------------------------------------------------
    @cached_property
    def _full_minutes(self) -> list[dto.MinuteItemInfo]:
        return self.services.minutes.minutes(self.meeting.id)

    @cached_property
    def minutes(self) -> list[dto.MinuteItemInfo]:
        if not self.public:
            return self._full_minutes
        return [m for m in self._full_minutes if not self._is_closed_minute(m)]

    def _is_closed_minute(self, minute: dto.MinuteItemInfo) -> bool:
        return minute.is_closed or minute.agenda_item_id in self.closed_item_ids

    # The closed minutes' numbers and grounds, which even the public minutes keep.
    @property
    def all_minutes(self) -> list[dto.MinuteItemInfo]:
        return self._full_minutes

    def is_closed_minute(self, minute: dto.MinuteItemInfo) -> bool:
        return self._is_closed_minute(minute)

    def full_item(self, item_id: int | None) -> dto.AgendaItemInfo | None:
        return next((i for i in self._full_agenda if i.id == item_id), None)

    @cached_property
    def signature(self) -> tuple[str, date | None]:
        """Who signed these minutes as a correct record and when (``("", None)``: not yet)."""
        return self.services.publication.signature(self.meeting.id)

    def minute_for_item(self, item_id: int | None) -> dto.MinuteItemInfo | None:
        if item_id is None:
            return None
        return next((m for m in self.minutes if m.agenda_item_id == item_id), None)

    @property
    def withheld(self) -> bool:
        """Whether this public record leaves out anything taken in closed session."""
        if not self.public:
            return False
        return bool(self.closed_item_ids) or len(self.minutes) < len(self._full_minutes)

    # -- people -----------------------------------------------------------------------------
    @cached_property
    def attendance(self) -> list[dto.AttendanceInfo]:
        return self.services.meetings.attendance(self.meeting.id)

    def attending(self, status: AttendanceStatus) -> list[dto.AttendanceInfo]:
        return [a for a in self.attendance if a.status == status]

    @cached_property
    def memberships(self) -> list[dto.MembershipInfo]:
        """Memberships current on the meeting's date, chair first."""
        return self.services.register.memberships(self.board.id, current_on=self.meeting.date)

    def holder_of(self, role: Role) -> dto.PersonInfo | None:
        return next((m.person for m in self.memberships if m.role == role), None)

    @cached_property
    def chair(self) -> dto.PersonInfo | None:
        """Who chaired (or will chair): the chair if present, else the vice-chair if present.

        Before attendance is recorded, the chair named in the register.
        """
        present = {a.person.id for a in self.attending(AttendanceStatus.PRESENT)}
        chair = self.holder_of(Role.CHAIR)
        vice = self.holder_of(Role.VICE_CHAIR)
        if not present:
            return chair or vice
        for person in (chair, vice):
            if person is not None and person.id in present:
                return person
        return None

    @cached_property
    def declarations(self) -> list[dto.DeclarationInfo]:
        found = self.services.declarations.of_meeting(self.meeting.id)
        if not self.public:
            return found
        return [d for d in found if d.agenda_item_id not in self.closed_item_ids]

    # -- around the meeting -----------------------------------------------------------------
    @cached_property
    def next_meeting(self) -> dto.MeetingInfo | None:
        return self.services.meetings.next_meeting(self.board.id, self.meeting.date)

    @cached_property
    def previous_meeting(self) -> dto.MeetingInfo | None:
        return self.services.meetings.previous(self.meeting.id)

    @cached_property
    def approved_at(self) -> dto.MeetingInfo | None:
        at = self.meeting.approved_at_id
        return self.services.meetings.meeting(at) if at is not None else None

    def outstanding_actions(self) -> list[dto.ActionInfo]:
        """Actions from earlier meetings still open when this one began (public: none from
        closed-session minutes)."""
        actions = self.services.actions.outstanding(as_of_meeting_id=self.meeting.id)
        return visible_actions(self.services, actions) if self.public else actions


def closed_minute_ids(services: Services, meeting_ids: Iterable[int | None]) -> set[int]:
    """The ids of minutes taken in closed session at the given meetings."""
    closed: set[int] = set()
    for meeting_id in {m for m in meeting_ids if m is not None}:
        closed |= {m.id for m in services.minutes.minutes(meeting_id) if m.is_closed}
    return closed


def visible_actions(services: Services, actions: list[dto.ActionInfo]) -> list[dto.ActionInfo]:
    """``actions`` without those arising from closed-session minutes."""
    closed = closed_minute_ids(services, (a.meeting_id for a in actions))
    return [a for a in actions if a.minute_item_id not in closed]


def overdue_reference(meeting: dto.MeetingInfo, today: date | None) -> date:
    """The date an action must be due before to count as overdue: today, or the meeting's
    date once the meeting has passed (so an old log shows what was overdue then)."""
    today = today or date.today()
    return min(today, meeting.date)

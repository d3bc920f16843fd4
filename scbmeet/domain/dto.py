"""Plain, immutable data that the services hand out.

Nothing above the services (CLI, documents, GUI) sees an ORM object or a session; they
get these frozen dataclasses, which are safe to keep after the transaction has ended.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import date, datetime, time

from scbmeet.domain.enums import CLOSED_ACTION_STATES, MeetingState


def initials(given_names: str) -> str:
    """``"Paul James"`` -> ``"P J"``, as names are written in a PRESENT list."""
    return " ".join(part[0].upper() for part in given_names.split() if part)


@dataclass(frozen=True)
class BoardInfo:
    id: int
    name: str
    short_name: str
    parent_id: int | None
    default_venue: str
    default_start_time: time | None
    numbering: str
    numbering_start_month: int
    quorum_members: int | None
    quorum_statutory_orgs: int | None
    active: bool
    say_no_declarations: bool = False
    access_rules: str = ""  # "" (not bound), "england", "wales": see domain.access_rules
    papers_due_days: int = 3  # working days before the publication deadline
    decision_notice_days: int = 2  # working days after the meeting


@dataclass(frozen=True)
class OrganisationInfo:
    id: int
    name: str
    short_name: str
    kind: str
    is_statutory: bool
    parent_id: int | None
    active: bool


@dataclass(frozen=True)
class PersonInfo:
    id: int
    title: str
    given_names: str
    family_name: str
    job_title: str
    organisation_id: int | None
    organisation_name: str
    email: str
    active: bool
    action_name: str = ""  # how Action: lines name them; "" means title + name

    @property
    def in_actions(self) -> str:
        """``Councillor Paul Smith``, or the board's own form (``Councillor P Smith``)."""
        return self.action_name or self.display_name

    @property
    def full_name(self) -> str:
        """``Sally Goodwin``: how actions name their owners."""
        return " ".join(p for p in (self.given_names, self.family_name) if p)

    @property
    def display_name(self) -> str:
        """``Councillor Paul Smith``."""
        return " ".join(p for p in (self.title, self.full_name) if p)

    @property
    def formal_name(self) -> str:
        """``Councillor P J Smith``: how a PRESENT list names people."""
        return " ".join(p for p in (self.title, initials(self.given_names), self.family_name) if p)


@dataclass(frozen=True)
class SeatInfo:
    id: int
    board_id: int
    organisation_id: int
    organisation_name: str
    label: str
    holder_id: int | None
    deputy_id: int | None
    voting: bool


@dataclass(frozen=True)
class MembershipInfo:
    id: int
    board_id: int
    person: PersonInfo
    role: str
    seat_id: int | None
    start_date: date | None
    end_date: date | None

    def is_current(self, on: date) -> bool:
        started = self.start_date is None or self.start_date <= on
        not_ended = self.end_date is None or self.end_date >= on
        return started and not_ended


@dataclass(frozen=True)
class ThemeInfo:
    id: int
    name: str
    description: str


@dataclass(frozen=True)
class MeetingInfo:
    id: int
    board_id: int
    board_short_name: str
    board_name: str
    date: dt.date
    start_time: time | None
    end_time: time | None
    venue: str
    title: str
    state: str
    approved_at_id: int | None
    approved_on: dt.date | None
    first_minute_number: int | None
    ical_uid: str
    ical_sequence: int
    version: int

    @property
    def minutes_approved(self) -> bool:
        return self.state == MeetingState.MINUTES_APPROVED

    @property
    def label(self) -> str:
        """``MSCB 25 November 2026``."""
        return f"{self.board_short_name} {long_date(self.date)}"


def long_date(d: date) -> str:
    """``5 June 2013``: the way minutes write dates."""
    return f"{d.day} {d:%B %Y}"


@dataclass(frozen=True)
class AttendanceMark:
    """How one person took part, to be recorded (``status``: an AttendanceStatus value)."""

    person_id: int
    status: str
    substitute_for_id: int | None = None
    arrived_during_id: int | None = None
    left_during_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class AttendanceInfo:
    id: int
    meeting_id: int
    person: PersonInfo
    status: str
    substitute_for_id: int | None
    substitute_for_name: str
    arrived_during_id: int | None
    left_during_id: int | None
    note: str


@dataclass(frozen=True)
class PaperFileInfo:
    id: int
    paper_id: int
    role: str
    filename: str
    media_type: str
    size: int
    sha256: str


@dataclass(frozen=True)
class PaperInfo:
    id: int
    agenda_item_id: int
    position: int
    title: str
    author_id: int | None
    author_name: str
    attached_text: str
    recommendation: str
    state: str
    due_date: date | None
    received_on: date | None
    files: tuple[PaperFileInfo, ...] = ()
    theme_ids: tuple[int, ...] = ()
    urgency_reason: str = ""  # added after the agenda was published: why it is urgent


@dataclass(frozen=True)
class AgendaItemInfo:
    id: int
    meeting_id: int
    parent_id: int | None
    position: int
    number: str  # "4", "4.1"; "" for unnumbered headings (apologies, next meeting)
    title: str
    kind: str
    session: str
    closed_reference: str
    status: str
    presenter_ids: tuple[int, ...]
    presenter_text: str
    presenters: str  # everyone presenting, as one line
    duration_minutes: int | None
    notes: str
    theme_ids: tuple[int, ...] = ()
    papers: tuple[PaperInfo, ...] = ()
    exempt_paragraphs: tuple[int, ...] = ()  # Schedule 12A paragraphs 1-7 (closed items)
    closed_reason: str = ""  # why it is closed, in words (boards not bound by the Act)
    urgency_reason: str = ""  # added after the agenda was published: why it is urgent
    bullets: tuple[str, ...] = ()  # unnumbered points under the item's number, in order

    @property
    def supplementary(self) -> bool:
        return bool(self.urgency_reason)

    @property
    def is_closed(self) -> bool:
        return self.session == "closed"


TO_BE_CONFIRMED = "(owner to be confirmed)"


@dataclass(frozen=True)
class OwnerRef:
    """An action owner: exactly one of person or organisation (or team)."""

    person_id: int | None = None
    organisation_id: int | None = None
    name: str = ""

    def __post_init__(self) -> None:
        if (self.person_id is None) == (self.organisation_id is None):
            raise ValueError("an owner is a person or an organisation, not both or neither")


@dataclass(frozen=True)
class ActionStateWas:
    """An action's state as it was before a change, for putting it back (Edit ▸ Undo)."""

    action_id: int
    state: str
    closed_on: date | None = None
    closed_at_meeting_id: int | None = None


@dataclass(frozen=True)
class ActionUpdateInfo:
    id: int
    action_id: int
    on_date: date
    text: str
    meeting_id: int | None


@dataclass(frozen=True)
class ActionInfo:
    id: int
    board_id: int
    minute_item_id: int | None
    minute_reference: str
    meeting_id: int | None
    meeting_date: date | None
    text: str
    owners: tuple[OwnerRef, ...]
    due_date: date | None
    due_meeting_id: int | None
    due_meeting_date: date | None
    state: str
    created_on: date
    closed_on: date | None
    closed_at_meeting_id: int | None
    version: int
    latest_update: str = ""
    theme_ids: tuple[int, ...] = ()
    owner_to_confirm: str = ""  # the owner as typed, not yet matched to the register
    after_line: int | None = None  # where in the minute's narrative it was taken
    owners_in_minutes: tuple[str, ...] = ()  # each owner as the minutes name them

    @property
    def owner_confirmed(self) -> bool:
        return not self.owner_to_confirm

    @property
    def owner_line(self) -> str:
        """``Sally Goodwin/Kul Mahay``, as the register names owners; an owner not yet
        matched to the register is named as typed: ``Rachel Okafer (owner to be confirmed)``."""
        return self._with_unconfirmed([o.name for o in self.owners])

    def _with_unconfirmed(self, names: list[str]) -> str:
        if self.owner_to_confirm:
            names = [*names, f"{self.owner_to_confirm} {TO_BE_CONFIRMED}"]
        return "/".join(names)

    @property
    def typed_owner_line(self) -> str:
        """The owners as they would be typed again: register names, then the unmatched text."""
        names = [o.name for o in self.owners]
        if self.owner_to_confirm:
            names.append(self.owner_to_confirm)
        return "/".join(names)

    @property
    def minutes_owner_line(self) -> str:
        """``Councillor P Smith/DCC Alan Goodwin``, as the board's ``Action:`` lines name owners
        (an owner still to be confirmed named as typed, and marked so)."""
        if not self.owners_in_minutes:
            return self.owner_line
        return self._with_unconfirmed(list(self.owners_in_minutes))

    @property
    def is_closed(self) -> bool:
        return self.state in CLOSED_ACTION_STATES

    @property
    def due(self) -> date | None:
        """The effective due date: a date, or the date of the meeting it is due at."""
        return self.due_date or self.due_meeting_date

    def is_overdue(self, today: date) -> bool:
        return not self.is_closed and self.due is not None and self.due < today


@dataclass(frozen=True)
class ResolutionInfo:
    id: int
    minute_item_id: int
    position: int
    text: str
    version: int = 1  # raised by every save; a save can insist on the version it read


@dataclass(frozen=True)
class MinuteItemInfo:
    id: int
    meeting_id: int
    agenda_item_id: int | None
    position: int
    numbering_year: int
    number: int
    reference: str  # "10/13"
    title: str
    narrative: str
    version: int
    updated_at: datetime | None
    is_closed: bool = False
    resolutions: tuple[ResolutionInfo, ...] = ()
    actions: tuple[ActionInfo, ...] = ()


@dataclass(frozen=True)
class ForwardPlanInfo:
    id: int
    board_id: int
    title: str
    detail: str
    due_meeting_id: int | None
    due_meeting_date: date | None
    due_month: date | None
    source_minute_item_id: int | None
    source_text: str
    agenda_item_id: int | None
    answered_meeting_id: int | None
    withdrawn: bool
    created_on: date
    session: str = "open"  # "closed": asked for in closed session, taken in closed session

    @property
    def is_closed(self) -> bool:
        return self.session == "closed"

    @property
    def status(self) -> str:
        if self.withdrawn:
            return "withdrawn"
        if self.agenda_item_id is None:
            return "pending"
        return "scheduled"

    @property
    def due_label(self) -> str:
        if self.due_meeting_date is not None:
            return long_date(self.due_meeting_date)
        if self.due_month is not None:
            return f"{self.due_month:%B %Y}"
        return ""


@dataclass(frozen=True)
class DeclarationInfo:
    id: int
    meeting_id: int
    person_id: int
    person_name: str
    agenda_item_id: int | None
    nature: str
    left_room: bool = False
    interest_id: int | None = None  # the registered interest declared, if any
    kind: str = ""  # an InterestKind value ("" not said)


@dataclass(frozen=True)
class QuorumInfo:
    """Whether the voting members present at an item make a quorum, and who they are."""

    quorate: bool
    members_present: int
    members_needed: int | None
    statutory_organisations: int
    organisations_needed: int | None
    counted_person_ids: tuple[int, ...]  # the members counted (a substitute's member)
    item_id: int | None  # None: at the opening of the meeting
    text: str


@dataclass(frozen=True)
class AuditInfo:
    id: int
    at: datetime
    user: str
    entity: str
    entity_id: int | None
    operation: str
    meeting_id: int | None
    action_id: int | None
    reason: str
    before: str
    after: str


@dataclass(frozen=True)
class Change:
    """What a committed service call changed, for views that need refreshing."""

    entity: str
    ids: tuple[int, ...] = field(default=())


@dataclass(frozen=True)
class Place:
    """Where a record is shown: its board and meeting (and item, paper, minute, action).

    An action recorded in the register rather than at a meeting has no meeting.
    """

    board_id: int | None = None
    meeting_id: int | None = None
    agenda_item_id: int | None = None
    paper_id: int | None = None
    minute_id: int | None = None
    action_id: int | None = None
    minute_reference: str = ""  # "6/26", for saying where a minute is

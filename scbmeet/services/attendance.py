"""The attendance record of a board over a period: per member and per organisation.

A meeting counts once its attendance has been recorded (someone is marked present, absent,
in attendance or as sending apologies). A member is expected at the meetings held during
their term; they *attended* if present or in attendance, were *represented* if a
substitute came for them, and otherwise *missed* the meeting (apologies or no record).
The report flags members whose term ends soon and members (and organisations) who have
missed the last few meetings in a row, which is what a secretary checks before the
annual report and before sending out the next agenda.

The report is one pass over plain rows (no ORM objects at all: memberships, people and
organisations come as plain rows too, which is most of the cost on a short history): each
member's term is found among the meetings by date (bisect), so the work grows with the data.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlmodel import Session

from scbmeet.domain import dto
from scbmeet.domain.enums import AttendanceStatus, Role
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import Attendance, Board, Meeting, Membership, Organisation, Person, Seat
from scbmeet.services.base import ServiceBase, get_or_fail
from scbmeet.services.gc_pause import collector_paused

ATTENDED = frozenset((AttendanceStatus.PRESENT.value, AttendanceStatus.IN_ATTENDANCE.value))
_ABSENT = AttendanceStatus.ABSENT.value
_APOLOGIES = AttendanceStatus.APOLOGIES.value
DEFAULT_TERM_WARNING_DAYS = 90
DEFAULT_MISSED_IN_ROW = 3


def _table(model: type) -> sa.FromClause:
    """A model's table. The report's queries are on its Core columns: no ORM compile step,
    and no configuring of every mapper when the report is the first thing a process runs."""
    return sa.inspect(model).local_table


_ATTENDANCE = _table(Attendance)
_BOARD = _table(Board)
_MEETING = _table(Meeting)
_MEMBERSHIP = _table(Membership)
_ORGANISATION = _table(Organisation)
_PERSON = _table(Person)
_SEAT = _table(Seat)


@dataclass(frozen=True)
class MemberAttendance:
    """One membership's record over the period."""

    membership_id: int
    person_id: int
    name: str  # "Councillor Alice Brennan"
    sort_name: str  # "brennan alice": family name first, for sorting
    organisation_name: str
    role: str
    expected: int  # meetings held during the term, in the period
    attended: int  # present or in attendance
    apologies: int
    absent: int  # no apologies: marked absent or not recorded at all
    substituted: int  # missed, but a substitute came in their place
    missed_in_row: int  # the latest meetings missed one after another
    term_end: date | None
    term_ends_soon: bool
    missed_too_many: bool

    @property
    def rate(self) -> float | None:
        """Share of expected meetings attended (a substitute counts), or None if none."""
        if not self.expected:
            return None
        return (self.attended + self.substituted) / self.expected

    @property
    def flags(self) -> tuple[str, ...]:
        found = []
        if self.term_ends_soon and self.term_end is not None:
            found.append(f"term ends {dto.long_date(self.term_end)}")
        if self.missed_too_many:
            found.append(f"missed the last {self.missed_in_row} meetings")
        return tuple(found)


@dataclass(frozen=True)
class OrganisationAttendance:
    """Whether an organisation with a place on the board was there."""

    organisation_id: int
    name: str
    is_statutory: bool
    members: int  # memberships in the period held by its people
    meetings: int
    represented: int  # meetings at which somebody from it attended
    missed_in_row: int
    missed_too_many: bool

    @property
    def rate(self) -> float | None:
        return self.represented / self.meetings if self.meetings else None

    @property
    def flags(self) -> tuple[str, ...]:
        if self.missed_too_many:
            return (f"not represented at the last {self.missed_in_row} meetings",)
        return ()


@dataclass(frozen=True)
class AttendanceReport:
    board_id: int
    start: date
    end: date
    meeting_dates: tuple[date, ...]
    members: tuple[MemberAttendance, ...]
    organisations: tuple[OrganisationAttendance, ...]
    term_warning_days: int
    missed_in_row_limit: int

    @property
    def flagged_members(self) -> tuple[MemberAttendance, ...]:
        return tuple(m for m in self.members if m.flags)


@dataclass(frozen=True)
class _Recorded:
    """A meeting with its attendance: who came, who sent apologies, who was covered."""

    on: date
    status: dict[int, str]
    covered: set[int]  # people a substitute came for


def _trailing_misses(flags: Sequence[bool]) -> int:
    """How many of the last entries are misses (``True``), counting back to an attended one."""
    count = 0
    for missed in reversed(flags):
        if not missed:
            break
        count += 1
    return count


@dataclass(frozen=True, slots=True)
class _Membership:
    id: int
    person_id: int
    role: str
    start_date: date | None
    end_date: date | None


@dataclass(frozen=True, slots=True)
class _Person:
    id: int
    title: str
    given_names: str
    family_name: str
    organisation_id: int | None


@dataclass(frozen=True, slots=True)
class _Org:
    id: int
    name: str
    is_statutory: bool
    parent_id: int | None


def _memberships(s: Session, board_id: int) -> tuple[list[_Membership], dict[int, _Person]]:
    """The board's memberships, and their people, in one query."""
    query = sa.select(
        _MEMBERSHIP.c.id,
        _MEMBERSHIP.c.person_id,
        _MEMBERSHIP.c.role,
        _MEMBERSHIP.c.start_date,
        _MEMBERSHIP.c.end_date,
        _PERSON.c.title,
        _PERSON.c.given_names,
        _PERSON.c.family_name,
        _PERSON.c.organisation_id,
    ).join(_PERSON, _PERSON.c.id == _MEMBERSHIP.c.person_id)
    memberships, people = [], {}
    for row in s.connection().execute(query.where(_MEMBERSHIP.c.board_id == board_id)).all():
        mid, pid, role, starts, ends, title, given, family, org = row
        if mid is None:
            continue
        memberships.append(_Membership(mid, pid, role, starts, ends))
        people[pid] = _Person(pid, title, given, family, org)
    return memberships, people


def _organisations(s: Session) -> dict[int, _Org]:
    query = sa.select(
        _ORGANISATION.c.id,
        _ORGANISATION.c.name,
        _ORGANISATION.c.is_statutory,
        _ORGANISATION.c.parent_id,
    )
    return {
        oid: _Org(oid, name, statutory, parent)
        for oid, name, statutory, parent in s.connection().execute(query).all()
        if oid is not None
    }


class AttendanceService(ServiceBase):
    """Attendance over a period, for the register and the annual report."""

    def report(
        self,
        board_id: int,
        start: date,
        end: date,
        *,
        today: date | None = None,
        term_warning_days: int = DEFAULT_TERM_WARNING_DAYS,
        missed_in_row: int = DEFAULT_MISSED_IN_ROW,
    ) -> AttendanceReport:
        """Attendance at ``board_id`` 's meetings from ``start`` to ``end`` (both included).

        ``today`` (default: the real date) decides which terms end *soon*: within
        ``term_warning_days`` from today. ``missed_in_row`` is how many missed meetings
        in a row earn a flag.
        """
        if end < start:
            raise ValidationError("The period ends before it starts.")
        if term_warning_days < 0 or missed_in_row < 1:
            raise ValidationError(
                "Warn about terms ending in 0 days or more, and about 1 or more missed meetings."
            )
        today = today or date.today()
        with self.db.reading() as s, collector_paused():
            if (
                s.connection()
                .execute(sa.select(_BOARD.c.id).where(_BOARD.c.id == board_id))
                .first()
                is None
            ):
                get_or_fail(s, Board, board_id, "board")  # the one clear "no such board"
            org_of: dict[int, int | None] = {}
            meetings = self._recorded_meetings(s, board_id, start, end, org_of)
            every, people = _memberships(s, board_id)
            memberships = [
                m
                for m in every
                if (m.start_date is None or m.start_date <= end)
                and (m.end_date is None or m.end_date >= start)
            ]
            orgs = _organisations(s)
            seats = sa.select(_SEAT.c.organisation_id).where(_SEAT.c.board_id == board_id)
            seat_orgs = set(s.connection().execute(seats).scalars().all())
            attendee_orgs = self._attendee_organisations(meetings, orgs, org_of)
        on_dates = [r.on for r in meetings]
        members = [
            self._member_row(
                m, people, orgs, meetings, on_dates, today, term_warning_days, missed_in_row
            )
            for m in memberships
        ]
        order = {r.value: i for i, r in enumerate(Role)}
        members.sort(key=lambda r: (order.get(r.role, 99), r.organisation_name, r.sort_name))
        org_ids = seat_orgs | {
            people[m.person_id].organisation_id
            for m in memberships
            if people[m.person_id].organisation_id is not None
        }
        held_by = Counter(people[m.person_id].organisation_id for m in memberships)
        organisations = [
            self._organisation_row(orgs[oid], held_by[oid], meetings, attendee_orgs, missed_in_row)
            for oid in org_ids
            if oid in orgs
        ]
        organisations.sort(key=lambda r: (not r.is_statutory, r.name))
        return AttendanceReport(
            board_id=board_id,
            start=start,
            end=end,
            meeting_dates=tuple(m.on for m in meetings),
            members=tuple(members),
            organisations=tuple(organisations),
            term_warning_days=term_warning_days,
            missed_in_row_limit=missed_in_row,
        )

    @staticmethod
    def _recorded_meetings(
        s: Session, board_id: int, start: date, end: date, org_of: dict[int, int | None]
    ) -> list[_Recorded]:
        """The meetings with attendance recorded, oldest first, from plain rows; ``org_of``
        is filled in with each attendee's organisation.

        The meetings' dates are read once each, not once per attendance: turning stored
        text into dates costs more than the rest of the row.
        """
        in_period = (
            _MEETING.c.board_id == board_id,
            _MEETING.c.date >= start,
            _MEETING.c.date <= end,
        )
        days = dict(
            s.connection()
            .execute(sa.select(_MEETING.c.id, _MEETING.c.date).where(*in_period))
            .all()
        )
        query = (
            sa.select(
                _ATTENDANCE.c.meeting_id,
                _ATTENDANCE.c.person_id,
                _ATTENDANCE.c.status,
                _ATTENDANCE.c.substitute_for_id,
                _PERSON.c.organisation_id,
            )
            .join(_MEETING, _ATTENDANCE.c.meeting_id == _MEETING.c.id)
            .outerjoin(_PERSON, _PERSON.c.id == _ATTENDANCE.c.person_id)
            .where(*in_period)
            .order_by(_MEETING.c.date, _MEETING.c.id)
        )
        by_meeting: dict[int | None, _Recorded] = {}
        rows = s.connection().execute(query).all()
        for meeting_id, person_id, status, covered_id, org_id in rows:
            rec = by_meeting.get(meeting_id)
            if rec is None:
                rec = by_meeting[meeting_id] = _Recorded(days[meeting_id], {}, set())
            rec.status[person_id] = status
            org_of[person_id] = org_id
            if covered_id is not None and status in ATTENDED:
                rec.covered.add(covered_id)
        return sorted(by_meeting.values(), key=lambda r: r.on)

    @staticmethod
    def _attendee_organisations(
        meetings: Sequence[_Recorded], orgs: dict[int, _Org], org_of: dict[int, int | None]
    ) -> list[set[int]]:
        """For each meeting, the organisations (and the parents of teams) that attended."""
        parent_of = {oid: org.parent_id for oid, org in orgs.items()}
        out = []
        for m in meetings:
            present: set[int] = set()
            for pid, status in m.status.items():
                oid = org_of.get(pid)
                if status in ATTENDED and oid is not None:
                    present.add(oid)
                    parent = parent_of.get(oid)
                    if parent is not None:
                        present.add(parent)
            out.append(present)
        return out

    @staticmethod
    def _member_row(
        m: _Membership,
        people: dict[int, _Person],
        orgs: dict[int, _Org],
        meetings: Sequence[_Recorded],
        on_dates: Sequence[date],
        today: date,
        warning_days: int,
        missed_limit: int,
    ) -> MemberAttendance:
        person = people[m.person_id]
        # The meetings of the term, found by date: the work is the term's, not the history's.
        first = 0 if m.start_date is None else bisect.bisect_left(on_dates, m.start_date)
        last = len(on_dates) if m.end_date is None else bisect.bisect_right(on_dates, m.end_date)
        in_term = meetings[first:last]
        counts: dict[str, int] = defaultdict(int)
        misses = []
        person_id = m.person_id
        for r in in_term:
            status = r.status.get(person_id, _ABSENT)
            attended = status in ATTENDED
            covered = not attended and person_id in r.covered
            if attended:
                counts["attended"] += 1
            elif covered:
                counts["substituted"] += 1
            elif status == _APOLOGIES:
                counts["apologies"] += 1
            else:
                counts["absent"] += 1
            misses.append(not attended and not covered)
        in_row = _trailing_misses(misses)
        soon = m.end_date is not None and today <= m.end_date <= today + timedelta(warning_days)
        org = orgs.get(person.organisation_id) if person.organisation_id is not None else None
        return MemberAttendance(
            membership_id=m.id,
            person_id=person.id,
            name=" ".join(p for p in (person.title, person.given_names, person.family_name) if p),
            sort_name=f"{person.family_name} {person.given_names}".casefold(),
            organisation_name=org.name if org else "",
            role=m.role,
            expected=len(in_term),
            attended=counts["attended"],
            apologies=counts["apologies"],
            absent=counts["absent"],
            substituted=counts["substituted"],
            missed_in_row=in_row,
            term_end=m.end_date,
            term_ends_soon=soon,
            missed_too_many=in_row >= missed_limit,
        )

    @staticmethod
    def _organisation_row(
        org: _Org,
        members: int,
        meetings: Sequence[_Recorded],
        attendee_orgs: Sequence[set[int]],
        missed_limit: int,
    ) -> OrganisationAttendance:
        oid = org.id
        there = [oid in present for present in attendee_orgs]
        in_row = _trailing_misses([not x for x in there])
        return OrganisationAttendance(
            organisation_id=oid,
            name=org.name,
            is_statutory=org.is_statutory,
            members=members,
            meetings=len(meetings),
            represented=sum(there),
            missed_in_row=in_row,
            missed_too_many=in_row >= missed_limit,
        )

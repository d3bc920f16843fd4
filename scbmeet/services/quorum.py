"""Quorum: the voting members present at the item being taken.

Counted are the board's members on the meeting's date whose role votes (chair, vice-chair,
member - not advisers or officers) and whose seat, if any, is a voting one. A member counts
when marked present, from the item they arrived during (a late arrival) until the item they
left during (an early departure: not counted at that item). A substitute counts for the member
they replace, and represents that member's organisation; officers, guests and anyone else in
attendance never count. Items are ordered as they were taken: minuted items by minute
position, then the items not yet minuted in agenda order (the one being taken comes next).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, or_, select

from scbmeet.domain import dto
from scbmeet.domain.access_rules import InterestKind
from scbmeet.domain.agenda_order import display_order
from scbmeet.domain.enums import AttendanceStatus, Role
from scbmeet.domain.models import (
    AgendaItem,
    Attendance,
    Board,
    Declaration,
    Meeting,
    Membership,
    Organisation,
    Person,
    Seat,
)
from scbmeet.services.base import ServiceBase, get_or_fail
from scbmeet.services.meetings import minute_items_of

VOTING_ROLES = (Role.CHAIR.value, Role.VICE_CHAIR.value, Role.MEMBER.value)


def taking_order(s: Session, meeting_id: int) -> dict[int, int]:
    """{agenda item id: its place in the order the meeting took the items}."""
    order: dict[int, int] = {}
    for minute in minute_items_of(s, meeting_id):
        if minute.agenda_item_id is not None and minute.agenda_item_id not in order:
            order[minute.agenda_item_id] = len(order)
    items = s.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)).all()
    for item in display_order(items):
        if item.id is not None and item.id not in order:
            order[item.id] = len(order)
    return order


def in_the_room(row: Attendance, at: int | None, order: dict[int, int]) -> bool:
    """Whether someone marked present was in the room at the item in place ``at`` (None:
    at the opening): arrived no later than it, not left during it or before."""
    if row.status != AttendanceStatus.PRESENT.value:
        return False
    arrived = order.get(row.arrived_during_id) if row.arrived_during_id is not None else None
    left = order.get(row.left_during_id) if row.left_during_id is not None else None
    if at is None:
        return arrived is None
    return (arrived is None or arrived <= at) and (left is None or at < left)


def voting_members(s: Session, meeting: Meeting) -> dict[int, int | None]:
    """{person id: organisation id} of the board's voting members on the meeting's date."""
    # The memberships current on the day only: a board's history of terms grows each year.
    on = meeting.date
    rows = s.exec(
        select(Membership).where(
            Membership.board_id == meeting.board_id,
            or_(col(Membership.start_date).is_(None), col(Membership.start_date) <= on),
            or_(col(Membership.end_date).is_(None), col(Membership.end_date) >= on),
        )
    ).all()
    board_seats = s.exec(select(Seat).where(Seat.board_id == meeting.board_id)).all()
    seats = {seat.id: seat for seat in board_seats}
    voting: list[tuple[int, Seat | None]] = []
    for m in rows:
        current = (m.start_date is None or m.start_date <= meeting.date) and (
            m.end_date is None or m.end_date >= meeting.date
        )
        seat = seats.get(m.seat_id) if m.seat_id is not None else None
        if current and m.role in VOTING_ROLES and (seat is None or seat.voting):
            voting.append((m.person_id, seat))
    # A member without a seat sits for their own organisation: one query for all of them
    # (asked on every step of the minutes, once per person it was a statement each).
    unseated = [person_id for person_id, seat in voting if seat is None]
    own: dict[int | None, int | None] = {}
    if unseated:
        query = select(Person.id, Person.organisation_id).where(col(Person.id).in_(unseated))
        own = {person_id: organisation_id for person_id, organisation_id in s.exec(query)}
    return {
        person_id: seat.organisation_id if seat else own.get(person_id)
        for person_id, seat in voting
    }


def counted_members(
    rows: Sequence[Attendance],
    members: dict[int, int | None],
    at: int | None,
    order: dict[int, int],
) -> list[int]:
    """The voting members counted at the item: present themselves, or through a substitute."""
    counted: list[int] = []
    for row in rows:
        if not in_the_room(row, at, order):
            continue
        member = row.substitute_for_id if row.substitute_for_id is not None else row.person_id
        if member in members and member not in counted:
            counted.append(member)
    return counted


def pecuniary_at(s: Session, meeting_id: int, item_id: int | None) -> set[int]:
    """Members who declared a disclosable pecuniary interest at the item: they take no part,
    so they count towards neither the quorum nor a vote on it."""
    if item_id is None:
        return set()
    rows = s.exec(
        select(Declaration).where(
            Declaration.meeting_id == meeting_id,
            Declaration.agenda_item_id == item_id,
            Declaration.kind == InterestKind.PECUNIARY.value,
        )
    ).all()
    return {r.person_id for r in rows}


def interest_note(count: int) -> str:
    if not count:
        return ""
    who = "1 member" if count == 1 else f"{count} members"
    return f" ({who} with a disclosable pecuniary interest not counted.)"


def quorum_text(present: int, organisations: int, problems: list[str]) -> str:
    if problems:
        return "Not quorate: " + "; ".join(problems) + "."
    return (
        f"Quorate: {present} voting members present, "
        f"{organisations} statutory organisations represented."
    )


class QuorumService(ServiceBase):
    """Is the meeting quorate at an item?"""

    def at_item(self, meeting_id: int, item_id: int | None = None) -> dto.QuorumInfo:
        """The quorum at the agenda item ``item_id`` (None: at the opening of the meeting)."""
        with self.db.reading() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            board = get_or_fail(s, Board, meeting.board_id, "board")
            order = taking_order(s, meeting_id)
            at = order.get(item_id) if item_id is not None else None
            rows = s.exec(select(Attendance).where(Attendance.meeting_id == meeting_id)).all()
            members = voting_members(s, meeting)
            counted = counted_members(rows, members, at, order)
            conflicted = pecuniary_at(s, meeting_id, item_id)
            counted = [m for m in counted if m not in conflicted]
            statutory = {
                o.id for o in s.exec(select(Organisation)).all() if o.is_statutory and o.id
            }
        organisations = {members[m] for m in counted} & statutory
        problems = []
        if board.quorum_members is not None and len(counted) < board.quorum_members:
            problems.append(f"{len(counted)} of {board.quorum_members} voting members present")
        needed_orgs = board.quorum_statutory_orgs
        if needed_orgs is not None and len(organisations) < needed_orgs:
            problems.append(
                f"{len(organisations)} of {needed_orgs} statutory organisations represented"
            )
        return dto.QuorumInfo(
            quorate=not problems,
            members_present=len(counted),
            members_needed=board.quorum_members,
            statutory_organisations=len(organisations),
            organisations_needed=needed_orgs,
            counted_person_ids=tuple(counted),
            item_id=item_id,
            text=quorum_text(len(counted), len(organisations), problems)
            + interest_note(len(conflicted & set(members))),
        )

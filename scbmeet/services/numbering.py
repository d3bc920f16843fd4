"""Minute numbers: ``N/YY``, unique per board and numbering year, running on across meetings.

The numbers of a meeting's minutes follow their order and are recomputed whenever
minutes are added, removed or reordered, until the minutes are approved; from then on
they are fixed, and later changes elsewhere must not collide with them.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from scbmeet.domain.enums import MeetingState, NumberingScheme
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import Board, Meeting, MinuteItem


def numbering_year(board: Board, on: date) -> int:
    """The year a minute taken on ``on`` is numbered in (``13`` in ``10/13``)."""
    if board.numbering == NumberingScheme.MUNICIPAL and on.month < board.numbering_start_month:
        return on.year - 1
    return on.year


def minute_reference(number: int, year: int) -> str:
    return f"{number}/{year % 100:02d}"


def _meetings_in_year(session: Session, board: Board, year: int) -> list[Meeting]:
    meetings = session.exec(
        select(Meeting)
        .where(Meeting.board_id == board.id)
        .order_by(col(Meeting.date), col(Meeting.start_time), col(Meeting.id))
    ).all()
    return [m for m in meetings if numbering_year(board, m.date) == year]


def renumber(session: Session, board: Board, year: int) -> None:
    """Recompute the minute numbers of ``board`` 's unapproved meetings in ``year``."""
    session.flush()
    counter = 0  # the last number used so far in this board's year
    targets: dict[int, int] = {}
    items_by_id: dict[int, MinuteItem] = {}
    meetings = _meetings_in_year(session, board, year)
    for meeting in meetings:
        items = list(
            session.exec(
                select(MinuteItem)
                .where(MinuteItem.meeting_id == meeting.id)
                .order_by(col(MinuteItem.position), col(MinuteItem.id))
            ).all()
        )
        if meeting.state == MeetingState.MINUTES_APPROVED:
            if items:
                lowest = min(i.number for i in items)
                if lowest <= counter:
                    raise ValidationError(
                        f"Minute numbers would run into the approved minutes of {meeting.date:%d %B %Y} "
                        f"(which start at {minute_reference(lowest, year)}); reopen those first."
                    )
                counter = max(i.number for i in items)
            continue
        start = counter + 1
        if meeting.first_minute_number is not None:
            start = max(start, meeting.first_minute_number)
        counter = start - 1
        for item in items:
            counter += 1
            assert item.id is not None
            items_by_id[item.id] = item
            targets[item.id] = counter
    changed = [
        i
        for i, n in targets.items()
        if (items_by_id[i].numbering_year, items_by_id[i].number) != (year, n)
    ]
    if not changed:
        return
    # Two steps, so that a swap (or a move between years) never trips the unique
    # (board, year, number) constraint: first park the rows on numbers no row uses.
    with session.no_autoflush:
        for ident in changed:
            items_by_id[ident].number = -ident
    session.flush()
    for ident in changed:
        items_by_id[ident].numbering_year = year
        items_by_id[ident].number = targets[ident]
    session.flush()


def next_free_number(session: Session, board: Board, year: int) -> int:
    """A number no minute of the board's year uses yet (a placeholder until renumbering)."""
    numbers = session.exec(
        select(MinuteItem.number).where(
            MinuteItem.board_id == board.id, MinuteItem.numbering_year == year
        )
    ).all()
    return max([0, *numbers]) + 1

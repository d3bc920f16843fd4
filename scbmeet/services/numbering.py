"""Minute numbers: ``N/YY``, unique per board and numbering year, running on across meetings.

The numbers of a meeting's minutes follow their order and are recomputed whenever
minutes are added, removed or reordered, until the minutes are approved; from then on
they are fixed, and later changes elsewhere must not collide with them.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, func, select

from scbmeet.domain.enums import MeetingState, NumberingScheme
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import Board, Meeting, MinuteItem
from scbmeet.domain.references import minute_reference  # re-exported: the services use it


def numbering_year(board: Board, on: date) -> int:
    """The year a minute taken on ``on`` is numbered in (``13`` in ``10/13``)."""
    if board.numbering == NumberingScheme.MUNICIPAL and on.month < board.numbering_start_month:
        return on.year - 1
    return on.year


def year_span(board: Board, year: int) -> tuple[date, date]:
    """The first day of the board's numbering ``year`` and the first day after it."""
    if board.numbering == NumberingScheme.MUNICIPAL and board.numbering_start_month > 1:
        start = board.numbering_start_month
        return date(year, start, 1), date(year + 1, start, 1)
    return date(year, 1, 1), date(year + 1, 1, 1)


def _meetings_in_year(session: Session, board: Board, year: int) -> list[Meeting]:
    """The board's meetings of one numbering year only: a new minute costs the same on a
    board with sixty years of meetings as on a new one."""
    first, after = year_span(board, year)
    return list(
        session.exec(
            select(Meeting)
            .where(Meeting.board_id == board.id, Meeting.date >= first, Meeting.date < after)
            .order_by(col(Meeting.date), col(Meeting.start_time), col(Meeting.id))
        ).all()
    )


def _approved_numbers(session: Session, meeting: Meeting) -> tuple[int, int] | None:
    """The lowest and highest minute numbers of approved minutes (fixed: not loaded)."""
    low, high = session.exec(
        select(func.min(MinuteItem.number), func.max(MinuteItem.number)).where(
            MinuteItem.meeting_id == meeting.id
        )
    ).one()
    return None if low is None or high is None else (low, high)


def renumber(session: Session, board: Board, year: int) -> None:
    """Recompute the minute numbers of ``board`` 's unapproved meetings in ``year``."""
    session.flush()
    counter = 0  # the last number used so far in this board's year
    targets: dict[int, int] = {}
    items_by_id: dict[int, MinuteItem] = {}
    meetings = _meetings_in_year(session, board, year)
    for meeting in meetings:
        if meeting.state == MeetingState.MINUTES_APPROVED:
            numbers = _approved_numbers(session, meeting)
            if numbers is not None:
                lowest, highest = numbers
                if lowest <= counter:
                    raise ValidationError(
                        f"Minute numbers would run into the approved minutes of {meeting.date:%d %B %Y} "
                        f"(which start at {minute_reference(lowest, year)}); reopen those first."
                    )
                counter = highest
            continue
        items = list(
            session.exec(
                select(MinuteItem)
                .where(MinuteItem.meeting_id == meeting.id)
                .order_by(col(MinuteItem.position), col(MinuteItem.id))
            ).all()
        )
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

"""The chair's review trend: how many actions were open (and overdue) after each meeting.

An action is open after meeting day ``d`` if raised on or before ``d`` and not closed by
then; overdue too if its due date was before ``d``. Both are counted from the ends of
intervals: opened minus closed on or before ``d``. :func:`read_trend` asks the database
for the openings and closings already counted per day (a few hundred rows however many
actions) and the late spells by due and raised day: the database still scans the board's
actions, but what comes back, and all the Python work, follows the meetings and the spread
of due dates rather than every action ever raised.
:func:`open_per_meeting` does the same from one object per action (kept as the reference
the fast path is tested against).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from scbmeet.domain.enums import OPEN_ACTION_STATES
from scbmeet.domain.models import Action, Meeting

OUTSTANDING = sorted(OPEN_ACTION_STATES)
DayCount = tuple[date, int]


@dataclass(frozen=True)
class MeetingPoint:
    """How many actions were open (and overdue) when a meeting ended."""

    meeting_id: int
    date: date
    label: str
    open: int
    overdue: int


@dataclass(frozen=True, slots=True)
class PastMeeting:
    """What the trend needs of a meeting: its id, day and label."""

    id: int
    date: date
    label: str


class Lifespan(Protocol):
    """What the trend needs of an action: when it was raised, due and closed."""

    @property
    def created_on(self) -> date: ...
    @property
    def closed_on(self) -> date | None: ...
    @property
    def due(self) -> date | None: ...
    @property
    def is_closed(self) -> bool: ...


class Tally:
    """How many of some events happened on or before a day, from (day, how many) pairs."""

    def __init__(self, events: Iterable[DayCount]) -> None:
        merged = sorted(events)
        self._days = [day for day, _n in merged]
        self._totals = list(accumulate(n for _day, n in merged))

    def upto(self, day: date) -> int:
        at = bisect.bisect_right(self._days, day)
        return self._totals[at - 1] if at else 0


@dataclass(frozen=True)
class TrendEvents:
    """The interval ends the trend counts: openings, closings, and late spells."""

    opened: list[DayCount]
    closed: list[DayCount]
    late_from: list[DayCount]
    late_to: list[DayCount]


def late_spell(
    due: date | None, created_on: date, closed_on: date | None, is_closed: bool
) -> tuple[date, date] | None:
    """When an action was overdue: from the day after it was due (or raised, if later)
    until it was closed (``date.max`` while open); None if it never was."""
    if due is None:
        return None
    start = max(due + timedelta(days=1), created_on)
    end = closed_on if is_closed and closed_on is not None else date.max
    return (start, end) if start < end else None


def events_of(rows: Iterable[Lifespan]) -> TrendEvents:
    """The trend's events from one object per action."""
    events = TrendEvents([], [], [], [])
    for r in rows:
        events.opened.append((r.created_on, 1))
        if r.is_closed and r.closed_on is not None:
            events.closed.append((r.closed_on, 1))
        spell = late_spell(r.due, r.created_on, r.closed_on, r.is_closed)
        if spell is not None:
            events.late_from.append((spell[0], 1))
            events.late_to.append((spell[1], 1))
    return events


def points(events: TrendEvents, meetings: Sequence[PastMeeting], today: date) -> list[MeetingPoint]:
    """Open and overdue counts after each meeting before ``today``, oldest first."""
    opened, closed = Tally(events.opened), Tally(events.closed)
    late_from, late_to = Tally(events.late_from), Tally(events.late_to)
    return [
        MeetingPoint(
            m.id,
            m.date,
            m.label,
            opened.upto(m.date) - closed.upto(m.date),
            late_from.upto(m.date) - late_to.upto(m.date),
        )
        for m in sorted(meetings, key=lambda m: m.date)
        if m.date < today
    ]


def open_per_meeting(
    rows: Iterable[Lifespan], meetings: Sequence[PastMeeting], today: date
) -> list[MeetingPoint]:
    """The trend from one object per action (the reference :func:`read_trend` matches)."""
    return points(events_of(rows), meetings, today)


def read_events(s: Session, board_id: int) -> TrendEvents:
    """The trend's events of a board, each kind counted per day by the database.

    A late spell runs from ``max(due + 1 day, raised)`` to the day it was closed. One
    closed by the day it was due (or before it was raised) was never late and is left
    out; one closed exactly the day after it was due starts and ends that day, and so
    is counted by neither side, as :func:`late_spell` says.
    """
    connection = s.connection()
    on_board = col(Action.board_id) == board_id
    is_open = col(Action.state).in_(OUTSTANDING)
    closed_on = col(Action.closed_on)
    was_closed = sa.and_(col(Action.state).not_in(OUTSTANDING), closed_on.is_not(None))
    due_meeting = aliased(Meeting)
    due = sa.func.coalesce(col(Action.due_date), col(due_meeting.date))
    closed_late = sa.and_(was_closed, closed_on > due, closed_on >= col(Action.created_on))

    def per_day(*columns: Any, where: Any, by_due: bool = True) -> list[Any]:
        query = sa.select(*columns, sa.func.count()).select_from(Action)
        if by_due:
            query = query.outerjoin(due_meeting, col(due_meeting.id) == col(Action.due_meeting_id))
        return list(connection.execute(query.where(on_board, where).group_by(*columns)).all())

    still_late = sa.or_(is_open, closed_on.is_(None))
    late_from = per_day(
        due,
        col(Action.created_on),
        where=sa.and_(due.is_not(None), sa.or_(still_late, closed_late)),
    )
    return TrendEvents(
        opened=[
            (day, n) for day, n in per_day(col(Action.created_on), where=sa.true(), by_due=False)
        ],
        closed=[(day, n) for day, n in per_day(closed_on, where=was_closed, by_due=False)],
        late_from=[(max(d + timedelta(days=1), raised), n) for d, raised, n in late_from],
        late_to=[(day, n) for day, n in per_day(closed_on, where=closed_late)],
    )


def read_trend(
    s: Session, board_id: int, meetings: Sequence[PastMeeting], today: date
) -> list[MeetingPoint]:
    """Open and overdue actions after each meeting of a board before ``today``."""
    return points(read_events(s, board_id), meetings, today)


__all__ = [
    "Lifespan",
    "MeetingPoint",
    "PastMeeting",
    "open_per_meeting",
    "read_trend",
]

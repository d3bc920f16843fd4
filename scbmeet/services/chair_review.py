"""The chair's review: one page of what a chair wants to know before a meeting.

Outstanding actions by owner and by age, the overdue ones, what was closed at or since the
last meeting, forward-plan entries due at the next meeting, the last meeting's resolutions,
and two series for charts: open actions after each meeting, and the ages of those open now.
The full register rows are read only for what the page lists (outstanding actions and
those closed since the last meeting); the trend over every meeting counts interval ends
from a light query of each action's dates, so a long history costs little more.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from scbmeet.domain import dto
from scbmeet.domain.models import Action, AgendaItem, Board, Meeting
from scbmeet.services.action_filters import group_by_owner
from scbmeet.services.action_rows import OUTSTANDING, ActionRow, OwnerKey, Scope, load_rows
from scbmeet.services.base import Context, get_or_fail
from scbmeet.services.convert import board_info
from scbmeet.services.forward_plan import ForwardPlanService
from scbmeet.services.meetings import MeetingService
from scbmeet.services.minutes import MinutesService
from scbmeet.services.publication import PublicationService

# Age bands of outstanding actions: (label, from days, to days exclusive or None).
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("Under 3 months", 0, 91),
    ("3-6 months", 91, 183),
    ("6-12 months", 183, 366),
    ("1-2 years", 366, 731),
    ("Over 2 years", 731, None),
)


@dataclass(frozen=True)
class OwnerSummary:
    key: OwnerKey
    name: str
    outstanding: int
    overdue: int
    oldest_days: int


@dataclass(frozen=True)
class AgeBand:
    label: str
    min_days: int
    max_days: int | None  # exclusive; None for the last band
    count: int


@dataclass(frozen=True)
class MeetingPoint:
    """How many actions were open (and overdue) when a meeting ended."""

    meeting_id: int
    date: date
    label: str
    open: int
    overdue: int


@dataclass(frozen=True)
class ResolutionLine:
    minute_id: int
    minute_reference: str
    minute_title: str
    text: str


@dataclass(frozen=True)
class ChairReview:
    board_id: int
    board_name: str
    board_short_name: str
    today: date
    last_meeting: dto.MeetingInfo | None
    next_meeting: dto.MeetingInfo | None
    outstanding: tuple[ActionRow, ...]
    by_owner: tuple[OwnerSummary, ...]
    by_age: tuple[AgeBand, ...]
    overdue: tuple[ActionRow, ...]
    closed_since_last: tuple[ActionRow, ...]
    forward_plan_due: tuple[dto.ForwardPlanInfo, ...]
    last_resolutions: tuple[ResolutionLine, ...]
    open_per_meeting: tuple[MeetingPoint, ...]
    # Agendas due out soon or late, decision notices due or overdue (services.publication).
    reminders: tuple[str, ...] = ()


def owner_summaries(rows: Sequence[ActionRow]) -> list[OwnerSummary]:
    """Owners with the most outstanding actions first (then most overdue, then by name)."""
    summaries = [
        OwnerSummary(
            g.key,
            g.name,
            g.outstanding,
            g.overdue,
            max((r.age_days for r in g.rows if not r.is_closed), default=0),
        )
        for g in group_by_owner(r for r in rows if not r.is_closed)
    ]
    return sorted(summaries, key=lambda o: (-o.outstanding, -o.overdue, o.name))


def age_bands(rows: Sequence[ActionRow]) -> list[AgeBand]:
    ages = [r.age_days for r in rows if not r.is_closed]
    return [
        AgeBand(label, low, high, sum(1 for a in ages if a >= low and (high is None or a < high)))
        for label, low, high in AGE_BANDS
    ]


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


@dataclass(frozen=True, slots=True)
class _Span:
    created_on: date
    closed_on: date | None
    due: date | None
    is_closed: bool


def _lifespans(s: Session, board_id: int) -> list[_Span]:
    """Every action of the board as its dates only (one light query, no owners or text)."""
    due_meeting = aliased(Meeting)
    query = (
        sa.select(
            col(Action.created_on),
            col(Action.closed_on),
            col(Action.due_date),
            col(due_meeting.date),
            col(Action.state),
        )
        .select_from(Action)
        .outerjoin(due_meeting, col(due_meeting.id) == col(Action.due_meeting_id))
        .where(col(Action.board_id) == board_id)
    )
    return [
        _Span(created, closed, due_date or due_at, state not in OUTSTANDING)
        for created, closed, due_date, due_at, state in s.connection().execute(query).all()
    ]


def _closed_since_ids(s: Session, board_id: int, last: dto.MeetingInfo | None) -> tuple[int, ...]:
    if last is None:
        return ()
    query = sa.select(col(Action.id)).where(
        col(Action.board_id) == board_id,
        col(Action.state).not_in(sorted(OUTSTANDING)),
        col(Action.closed_on) >= last.date,
    )
    return tuple(i for i in s.connection().execute(query).scalars().all() if i is not None)


def open_per_meeting(
    rows: Sequence[Lifespan], meetings: Sequence[dto.MeetingInfo], today: date
) -> list[MeetingPoint]:
    """Open and overdue counts after each past meeting, by counting interval ends.

    An action is open after meeting day ``d`` if raised on or before ``d`` and not closed
    by then; overdue too if its due date was before ``d``.
    """
    opened = sorted(r.created_on for r in rows)
    closed = sorted(r.closed_on for r in rows if r.closed_on is not None and r.is_closed)
    overdue_from: list[date] = []
    overdue_to: list[date] = []
    for r in rows:
        if r.due is None:
            continue
        start = max(r.due + timedelta(days=1), r.created_on)
        end = r.closed_on if r.is_closed and r.closed_on is not None else date.max
        if start < end:
            overdue_from.append(start)
            overdue_to.append(end)
    overdue_from.sort()
    overdue_to.sort()
    points = []
    for m in sorted(meetings, key=lambda m: m.date):
        if m.date >= today:
            continue
        still_open = bisect.bisect_right(opened, m.date) - bisect.bisect_right(closed, m.date)
        late = bisect.bisect_right(overdue_from, m.date) - bisect.bisect_right(overdue_to, m.date)
        points.append(MeetingPoint(m.id, m.date, m.label, still_open, late))
    return points


def _closed_since(rows: Sequence[ActionRow], last: dto.MeetingInfo | None) -> list[ActionRow]:
    if last is None:
        return []
    done = [r for r in rows if r.is_closed and r.closed_on is not None and r.closed_on >= last.date]
    return sorted(done, key=lambda r: (r.closed_on or date.min, r.id), reverse=True)


def _forward_plan_due(ctx: Context, meeting: dto.MeetingInfo | None) -> list[dto.ForwardPlanInfo]:
    """Entries due at the next meeting: still waiting for an agenda, or already on its agenda."""
    if meeting is None:
        return []
    plan = ForwardPlanService(ctx)
    waiting = plan.due_at(meeting.id)
    with ctx.db.reading() as s:
        item_ids = set(
            s.exec(select(AgendaItem.id).where(AgendaItem.meeting_id == meeting.id)).all()
        )
    scheduled = [e for e in plan.entries(meeting.board_id) if e.agenda_item_id in item_ids]
    return [*scheduled, *(e for e in waiting if e.id not in {s.id for s in scheduled})]


def _resolutions(ctx: Context, meeting: dto.MeetingInfo | None) -> list[ResolutionLine]:
    if meeting is None:
        return []
    return [
        ResolutionLine(minute.id, minute.reference, minute.title, r.text)
        for minute in MinutesService(ctx).minutes(meeting.id)
        for r in minute.resolutions
    ]


def build_review(ctx: Context, board_id: int, today: date) -> ChairReview:
    meetings = MeetingService(ctx).meetings(board_id)
    past = [m for m in meetings if m.date < today]
    future = [m for m in meetings if m.date >= today]
    last = max(past, key=lambda m: m.date) if past else None
    upcoming = min(future, key=lambda m: m.date) if future else None
    with ctx.db.reading() as s:
        board = board_info(get_or_fail(s, Board, board_id, "board"))
        outstanding = load_rows(s, Scope(board_id, states=OUTSTANDING), today)
        closed_ids = _closed_since_ids(s, board_id, last)
        closed = load_rows(s, Scope(board_id, action_ids=closed_ids), today) if closed_ids else []
        spans = _lifespans(s, board_id)
    return ChairReview(
        board_id=board.id,
        board_name=board.name,
        board_short_name=board.short_name,
        today=today,
        last_meeting=last,
        next_meeting=upcoming,
        outstanding=tuple(outstanding),
        by_owner=tuple(owner_summaries(outstanding)),
        by_age=tuple(age_bands(outstanding)),
        overdue=tuple(
            sorted((r for r in outstanding if r.is_overdue), key=lambda r: r.due or today)
        ),
        closed_since_last=tuple(_closed_since(closed, last)),
        forward_plan_due=tuple(_forward_plan_due(ctx, upcoming)),
        last_resolutions=tuple(_resolutions(ctx, last)),
        open_per_meeting=tuple(open_per_meeting(spans, meetings, today)),
        reminders=tuple(PublicationService(ctx).reminders(board_id, today)),
    )


__all__ = [
    "AGE_BANDS",
    "AgeBand",
    "ChairReview",
    "MeetingPoint",
    "OwnerSummary",
    "ResolutionLine",
    "build_review",
]

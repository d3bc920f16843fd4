"""The chair's review: one page of what a chair wants to know before a meeting.

Outstanding actions by owner and by age, the overdue ones, what was closed at or since the
last meeting, forward-plan entries due at the next meeting, the last meeting's resolutions,
and two series for charts: open actions after each meeting, and the ages of those open now.
The full register rows are read only for what the page lists (outstanding actions and
those closed since the last meeting); the trend over every meeting is counted from
openings and closings the database tallies per day (:mod:`.review_trend`), and meetings
are read as ids and days only, so a long history costs little more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, select

from scbmeet.domain import dto
from scbmeet.domain.models import Action, AgendaItem, Board, Meeting, MinuteItem, Resolution
from scbmeet.services.action_filters import group_by_owner
from scbmeet.services.action_rows import OUTSTANDING, ActionRow, OwnerKey, Scope, load_rows
from scbmeet.services.base import Context, get_or_fail
from scbmeet.services.convert import board_info, meeting_info
from scbmeet.services.forward_plan import ForwardPlanService
from scbmeet.services.gc_pause import collector_paused
from scbmeet.services.numbering import minute_reference
from scbmeet.services.publication import PublicationService
from scbmeet.services.review_trend import MeetingPoint, PastMeeting, read_trend

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


def _closed_since_ids(s: Session, board_id: int, last: dto.MeetingInfo | None) -> tuple[int, ...]:
    if last is None:
        return ()
    query = sa.select(col(Action.id)).where(
        col(Action.board_id) == board_id,
        col(Action.state).not_in(sorted(OUTSTANDING)),
        col(Action.closed_on) >= last.date,
    )
    return tuple(i for i in s.connection().execute(query).scalars().all() if i is not None)


def _meeting_days(s: Session, board: dto.BoardInfo) -> list[PastMeeting]:
    """The board's meetings as ids, days and labels, newest first (no ORM objects)."""
    query = (
        sa.select(col(Meeting.id), col(Meeting.date))
        .where(col(Meeting.board_id) == board.id)
        .order_by(col(Meeting.date).desc(), col(Meeting.id).desc())
    )
    return [
        PastMeeting(i, on, f"{board.short_name} {dto.long_date(on)}")
        for i, on in s.connection().execute(query).all()
        if i is not None
    ]


def _last_and_next(
    meetings: Sequence[PastMeeting], today: date
) -> tuple[PastMeeting | None, PastMeeting | None]:
    past = [m for m in meetings if m.date < today]
    future = [m for m in meetings if m.date >= today]
    last = max(past, key=lambda m: m.date) if past else None
    upcoming = min(future, key=lambda m: m.date) if future else None
    return last, upcoming


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


def _resolutions(s: Session, meeting: dto.MeetingInfo | None) -> list[ResolutionLine]:
    """The meeting's resolutions in minute order, read as plain rows."""
    if meeting is None:
        return []
    query = (
        sa.select(
            col(MinuteItem.id),
            col(MinuteItem.number),
            col(MinuteItem.numbering_year),
            col(MinuteItem.title),
            col(Resolution.text),
        )
        .join(Resolution, col(Resolution.minute_item_id) == col(MinuteItem.id))
        .where(col(MinuteItem.meeting_id) == meeting.id)
        .order_by(
            col(MinuteItem.position),
            col(MinuteItem.id),
            col(Resolution.position),
            col(Resolution.id),
        )
    )
    return [
        ResolutionLine(minute_id, minute_reference(number, year), title, text)
        for minute_id, number, year, title, text in s.connection().execute(query).all()
        if minute_id is not None
    ]


def build_review(ctx: Context, board_id: int, today: date) -> ChairReview:
    # Thousands of small rows and no cycles among them: the collector would only walk
    # the whole program (a GUI holds many objects) again and again while they are made.
    with collector_paused():
        return _build_review(ctx, board_id, today)


def _build_review(ctx: Context, board_id: int, today: date) -> ChairReview:
    with ctx.db.reading() as s:
        board_row = get_or_fail(s, Board, board_id, "board")
        board = board_info(board_row)
        meetings = _meeting_days(s, board)
        last, upcoming = (
            meeting_info(get_or_fail(s, Meeting, m.id, "meeting"), board_row) if m else None
            for m in _last_and_next(meetings, today)
        )
        outstanding = load_rows(s, Scope(board_id, states=OUTSTANDING), today)
        closed_ids = _closed_since_ids(s, board_id, last)
        closed = load_rows(s, Scope(board_id, action_ids=closed_ids), today) if closed_ids else []
        trend = read_trend(s, board_id, meetings, today)
        resolutions = _resolutions(s, last)
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
        last_resolutions=tuple(resolutions),
        open_per_meeting=tuple(trend),
        reminders=tuple(PublicationService(ctx).reminders(board_id, today)),
    )


__all__ = [
    "AGE_BANDS",
    "AgeBand",
    "ChairReview",
    "MeetingPoint",
    "OwnerSummary",
    "PastMeeting",
    "ResolutionLine",
    "build_review",
]

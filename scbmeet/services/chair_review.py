"""The chair's review: one page of what a chair wants to know before a meeting.

Outstanding actions by owner and by age, the overdue ones, what was closed at or since the
last meeting, forward-plan entries due at the next meeting, the last meeting's resolutions,
and two series for charts: open actions after each meeting, and the ages of those open now.
The page lists the top :data:`LISTED` of each table and says how many more there are, so
the review is built from what the database counts (:mod:`.chair_review_counts`: totals,
age bands, one row per owner) and the register rows of the listed actions only; the trend
over every meeting is counted from openings and closings the database tallies per day
(:mod:`.review_trend`), and meetings are read as ids and days only, so a long history
costs little more. ``listed=None`` lists everything (the tests compare that with the
counts).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, select

from scbmeet.domain import dto
from scbmeet.domain.models import AgendaItem, Board, Meeting, MinuteItem, Resolution
from scbmeet.services.action_filters import group_by_owner
from scbmeet.services.action_rows import (
    ActionRow,
    BoardMeetings,
    OwnerKey,
    Scope,
    load_rows,
)
from scbmeet.services.base import Context, get_or_fail
from scbmeet.services.chair_review_counts import (
    OwnerCount,
    closed_since,
    outstanding_counts,
    owner_counts,
    owner_order,
    top_overdue,
)
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
LISTED = 25  # rows of each table the review lists; the rest are counted


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
    """The review as at ``today``. The tables hold the top ``listed`` rows (in the order
    shown) and the ``*_count`` fields say how many there are in all."""

    board_id: int
    board_name: str
    board_short_name: str
    today: date
    last_meeting: dto.MeetingInfo | None
    next_meeting: dto.MeetingInfo | None
    outstanding_count: int
    carried_count: int  # outstanding and carried across three or more meetings
    by_owner: tuple[OwnerSummary, ...]
    owner_count: int
    by_age: tuple[AgeBand, ...]
    overdue: tuple[ActionRow, ...]  # longest past due first
    overdue_count: int
    closed_since_last: tuple[ActionRow, ...]  # newest first
    closed_count: int
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


def build_review(
    ctx: Context, board_id: int, today: date, listed: int | None = LISTED
) -> ChairReview:
    # Small rows and no cycles among them: the collector would only walk the whole
    # program (a GUI holds many objects) again and again while they are made.
    with collector_paused():
        return _build_review(ctx, board_id, today, listed)


def _summary(owner: OwnerCount, today: date) -> OwnerSummary:
    oldest = max(0, (today - owner.oldest_raised).days)
    return OwnerSummary(owner.key, owner.name, owner.outstanding, owner.overdue, oldest)


def _listed_rows(
    s: Session, board_id: int, today: date, overdue: list[int], closed: list[int]
) -> tuple[list[ActionRow], list[ActionRow]]:
    """The register rows of the overdue and closed actions listed (one read for both), in
    the order the ids are given."""
    wanted = tuple(dict.fromkeys([*overdue, *closed]))
    rows = (
        {r.id: r for r in load_rows(s, Scope(board_id, action_ids=wanted), today)} if wanted else {}
    )
    return [rows[i] for i in overdue if i in rows], [rows[i] for i in closed if i in rows]


def _build_review(ctx: Context, board_id: int, today: date, listed: int | None) -> ChairReview:
    with ctx.db.reading() as s:
        board_row = get_or_fail(s, Board, board_id, "board")
        board = board_info(board_row)
        meetings = _meeting_days(s, board)
        last, upcoming = (
            meeting_info(get_or_fail(s, Meeting, m.id, "meeting"), board_row) if m else None
            for m in _last_and_next(meetings, today)
        )
        held = BoardMeetings(((m.id, board_id, m.date) for m in meetings), today)
        counts = outstanding_counts(s, board_id, today, [b[1:] for b in AGE_BANDS], held)
        owners = sorted(owner_counts(s, board_id, today), key=owner_order)
        overdue_ids = top_overdue(s, board_id, today, listed)
        closed_ids, closed_count = closed_since(s, board_id, last.date, listed) if last else ([], 0)
        overdue, closed = _listed_rows(s, board_id, today, overdue_ids, closed_ids)
        trend = read_trend(s, board_id, meetings, today)
        resolutions = _resolutions(s, last)
    return ChairReview(
        board_id=board.id,
        board_name=board.name,
        board_short_name=board.short_name,
        today=today,
        last_meeting=last,
        next_meeting=upcoming,
        outstanding_count=counts.outstanding,
        carried_count=counts.carried,
        by_owner=tuple(_summary(o, today) for o in owners[:listed]),
        owner_count=len(owners),
        by_age=tuple(
            AgeBand(label, low, high, n)
            for (label, low, high), n in zip(AGE_BANDS, counts.by_band, strict=True)
        ),
        overdue=tuple(overdue),
        overdue_count=counts.overdue,
        closed_since_last=tuple(closed),
        closed_count=closed_count,
        forward_plan_due=tuple(_forward_plan_due(ctx, upcoming)),
        last_resolutions=tuple(resolutions),
        open_per_meeting=tuple(trend),
        reminders=tuple(PublicationService(ctx).reminders(board_id, today)),
    )


__all__ = [
    "AGE_BANDS",
    "LISTED",
    "AgeBand",
    "ChairReview",
    "MeetingPoint",
    "OwnerSummary",
    "PastMeeting",
    "ResolutionLine",
    "build_review",
]

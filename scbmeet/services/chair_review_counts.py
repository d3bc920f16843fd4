"""What the chair's review counts: the database counts and groups, Python gets a row per group.

The page lists the top few of each table and counts the rest, so nothing here reads a row
per outstanding action: the totals, the age bands and the overdue are one aggregate row;
the owners are one row per owner (``GROUP BY``); the actions carried across three or more
meetings are counted from one row per (raised, closed, closed-at) group; and the overdue
and recently closed actions listed are picked by ``ORDER BY ... LIMIT`` before their
register rows are read. Each gives what :func:`~scbmeet.services.chair_review.owner_summaries`
and :func:`~scbmeet.services.chair_review.age_bands` give from every row (kept as the
reference the tests compare against).

No date arithmetic is left to the database (SQLite and PostgreSQL differ): an age band is
a range of days raised, worked out here and compared as plain dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from scbmeet.domain.models import Action, ActionOwner, Meeting, MinuteItem, Organisation, Person
from scbmeet.services.action_rows import (
    CARRIED_FLAG_AT,
    NO_OWNER,
    OUTSTANDING,
    BoardMeetings,
    OwnerKey,
    fold,
)

OPEN_STATES = sorted(OUTSTANDING)


@dataclass(frozen=True)
class OutstandingCounts:
    """The outstanding actions counted: in all, overdue, carried and by age band."""

    outstanding: int
    overdue: int
    carried: int  # carried across CARRIED_FLAG_AT or more meetings
    by_band: tuple[int, ...]  # one count per age band, as the bands are given


@dataclass(frozen=True)
class OwnerCount:
    """One owner's outstanding actions counted (an action with two owners counts for both)."""

    key: OwnerKey
    name: str
    outstanding: int
    overdue: int
    oldest_raised: date


class _Open:
    """The board's outstanding actions, with their effective due day, as SQL pieces."""

    def __init__(self, board_id: int, today: date) -> None:
        self.due_meeting = aliased(Meeting)
        self.due = sa.func.coalesce(col(Action.due_date), col(self.due_meeting.date))
        self.where = sa.and_(col(Action.board_id) == board_id, col(Action.state).in_(OPEN_STATES))
        self.late = sa.and_(self.due.is_not(None), self.due < today)

    def source(self, query: Any) -> Any:
        return query.select_from(Action).outerjoin(
            self.due_meeting, col(self.due_meeting.id) == col(Action.due_meeting_id)
        )


def _raised_after(today: date, days: int) -> date:
    """An action raised after this day is under ``days`` old on ``today``."""
    return today - timedelta(days=days)


def outstanding_counts(
    s: Session,
    board_id: int,
    today: date,
    bands: Sequence[tuple[int, int | None]],
    meetings: BoardMeetings,
) -> OutstandingCounts:
    """Totals in one aggregate row; the carried ones from a row per lifespan group."""
    open_ = _Open(board_id, today)
    raised = col(Action.created_on)
    band_sums = [
        sa.func.sum(
            sa.case(
                (
                    sa.and_(
                        # age = max(0, days since raised): one raised after today is 0 days old
                        raised <= _raised_after(today, low) if low > 0 else sa.true(),
                        raised > _raised_after(today, high) if high is not None else sa.true(),
                    ),
                    1,
                ),
                else_=0,
            )
        )
        for low, high in bands
    ]
    totals = sa.select(sa.func.count(), sa.func.sum(sa.case((open_.late, 1), else_=0)), *band_sums)
    row = s.connection().execute(open_.source(totals).where(open_.where)).one()
    lifespans = sa.select(
        raised, col(Action.closed_on), col(Action.closed_at_meeting_id), sa.func.count()
    ).where(open_.where)
    lifespans = lifespans.group_by(raised, col(Action.closed_on), col(Action.closed_at_meeting_id))
    carried = sum(
        n
        for created, closed, closed_at, n in s.connection().execute(lifespans).all()
        if meetings.count_carried(board_id, created, closed, closed_at) >= CARRIED_FLAG_AT
    )
    return OutstandingCounts(
        outstanding=row[0] or 0,
        overdue=row[1] or 0,
        carried=carried,
        by_band=tuple(n or 0 for n in row[2:]),
    )


def owner_counts(s: Session, board_id: int, today: date) -> list[OwnerCount]:
    """Every owner of an outstanding action, counted by the database (one row per owner)."""
    open_ = _Open(board_id, today)
    person = col(ActionOwner.person_id)
    org = sa.case((person.is_(None), sa.func.coalesce(col(ActionOwner.organisation_id), 0)))
    action_id = col(Action.id)
    late_id = sa.case((open_.late, action_id))
    grouped = (
        open_.source(
            sa.select(
                person,
                org,
                sa.func.count(sa.distinct(action_id)),
                sa.func.count(sa.distinct(late_id)),
                sa.func.min(col(Action.created_on)),
            )
        )
        .join(ActionOwner, col(ActionOwner.action_id) == action_id)
        .where(open_.where)
        .group_by(person, org)
    )
    rows = s.connection().execute(grouped).all()
    names = _owner_names(
        s,
        [p for p, _o, *_rest in rows if p is not None],
        [o for p, o, *_rest in rows if p is None],
    )
    counts = [
        OwnerCount(key, names.get(key, "?"), n, late, oldest)
        for key, n, late, oldest in (
            (("person", p) if p is not None else ("organisation", o or 0), n, late, oldest)
            for p, o, n, late, oldest in rows
        )
    ]
    unowned = sa.select(1).where(col(ActionOwner.action_id) == action_id).exists()
    nobody = (
        s.connection()
        .execute(
            open_.source(
                sa.select(
                    sa.func.count(),
                    sa.func.sum(sa.case((open_.late, 1), else_=0)),
                    sa.func.min(col(Action.created_on)),
                )
            ).where(open_.where, ~unowned)
        )
        .one()
    )
    if nobody[0]:
        counts.append(OwnerCount(NO_OWNER, "(no owner)", nobody[0], nobody[1] or 0, nobody[2]))
    return counts


def _owner_names(s: Session, people: list[int], orgs: list[int]) -> dict[OwnerKey, str]:
    """Owners' names as the register writes them (``Given Family``; an organisation's short
    name), for these owners only."""
    names: dict[OwnerKey, str] = {}
    if people:
        query = sa.select(col(Person.id), col(Person.given_names), col(Person.family_name)).where(
            col(Person.id).in_(people)
        )
        for pid, given, family in s.connection().execute(query).all():
            names[("person", pid or 0)] = " ".join(p for p in (given, family) if p) or "?"
    if orgs:
        query = sa.select(
            col(Organisation.id), col(Organisation.name), col(Organisation.short_name)
        ).where(col(Organisation.id).in_(orgs))
        for oid, name, short in s.connection().execute(query).all():
            names[("organisation", oid or 0)] = short or name
    return names


def owner_order(o: OwnerCount) -> tuple[Any, ...]:
    """Most outstanding first, then most overdue, then by name (as the register groups)."""
    return (-o.outstanding, -o.overdue, o.name, o.key == NO_OWNER, fold(o.name), o.key)


def top_overdue(s: Session, board_id: int, today: date, limit: int | None) -> list[int]:
    """Ids of the overdue actions longest past due (register order among equals)."""
    open_ = _Open(board_id, today)
    query = (
        open_.source(sa.select(col(Action.id)))
        .outerjoin(MinuteItem, col(MinuteItem.id) == col(Action.minute_item_id))
        .where(open_.where, open_.late)
        .order_by(
            open_.due,
            col(Action.created_on),
            sa.func.coalesce(col(MinuteItem.number), 0),
            col(Action.position),
            col(Action.id),
        )
        .limit(limit)
    )
    return [i for i in s.connection().execute(query).scalars().all() if i is not None]


def closed_since(
    s: Session, board_id: int, since: date, limit: int | None
) -> tuple[list[int], int]:
    """Ids of the actions closed on or after ``since``, newest first, and how many in all."""
    where = sa.and_(
        col(Action.board_id) == board_id,
        col(Action.state).not_in(OPEN_STATES),
        col(Action.closed_on) >= since,
    )
    count = s.connection().execute(sa.select(sa.func.count()).select_from(Action).where(where))
    total = count.scalar_one()
    query = (
        sa.select(col(Action.id))
        .where(where)
        .order_by(col(Action.closed_on).desc(), col(Action.id).desc())
        .limit(limit)
    )
    ids = [i for i in s.connection().execute(query).scalars().all() if i is not None]
    return ids, total


__all__ = [
    "OutstandingCounts",
    "OwnerCount",
    "closed_since",
    "outstanding_counts",
    "owner_counts",
    "owner_order",
    "top_overdue",
]

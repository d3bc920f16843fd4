"""Reading the partnership plan: rows to plain data, and the plan as it stood on a date.

The state "as of" a date takes, for each plan action, the latest progress recorded on or
before that date (the latest recorded, when two share a date); as of a meeting, the
meeting's date - so the table in a meeting's pack never shows an update made afterwards.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from scbmeet.domain import dto
from scbmeet.domain.closed import closed_item_ids
from scbmeet.domain.models import AgendaItem, Meeting, Organisation
from scbmeet.domain.plan_dto import (
    PlanActionInfo,
    PlanInfo,
    PlanPriorityRows,
    PriorityInfo,
    ProgressInfo,
)
from scbmeet.domain.plan_models import (
    CaseReview,
    Plan,
    PlanAction,
    PlanActionLink,
    PlanActionOwner,
    PlanPriority,
    PlanProgress,
    PlanReviewItem,
)
from scbmeet.services.convert import people_by_id


def restricted_plan_ids(s: Session) -> set[int]:
    """The plans that hold case reviews' recommendations: never listed with the others."""
    return set(s.exec(select(CaseReview.plan_id)).all())


def plan_info(row: Plan) -> PlanInfo:
    return PlanInfo(row.id or 0, row.board_id, row.name, row.period, row.status)


def priority_info(row: PlanPriority) -> PriorityInfo:
    return PriorityInfo(row.id or 0, row.plan_id, row.position, row.theme, row.threat)


def closed_review_meetings(s: Session, plan_id: int) -> frozenset[int]:
    """The meetings that reviewed the plan only in closed session: what was reported there
    is closed business (a meeting that also reviewed it in public is not one of them)."""
    links = s.exec(
        select(PlanReviewItem.agenda_item_id, AgendaItem.meeting_id)
        .join(AgendaItem, col(AgendaItem.id) == PlanReviewItem.agenda_item_id)
        .where(PlanReviewItem.plan_id == plan_id)
    ).all()
    meetings = {meeting for _item, meeting in links}
    if not meetings:
        return frozenset()
    items = s.exec(select(AgendaItem).where(col(AgendaItem.meeting_id).in_(meetings))).all()
    closed = closed_item_ids(items)
    reviewed_in_public = {meeting for item, meeting in links if item not in closed}
    return frozenset(meetings - reviewed_in_public)


def progress_info(
    row: PlanProgress, meeting_dates: dict[int, date], closed_meetings: frozenset[int] = frozenset()
) -> ProgressInfo:
    return ProgressInfo(
        id=row.id or 0,
        plan_action_id=row.plan_action_id,
        on_date=row.on_date,
        text=row.text,
        status=row.status,
        meeting_id=row.meeting_id,
        meeting_date=meeting_dates.get(row.meeting_id or -1),
        closed=row.meeting_id in closed_meetings,
    )


def meeting_dates(s: Session, ids: set[int | None]) -> dict[int, date]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = s.exec(select(Meeting).where(col(Meeting.id).in_(wanted))).all()
    return {m.id: m.date for m in rows if m.id is not None}


def owner_refs(s: Session, action_ids: Sequence[int]) -> dict[int, list[dto.OwnerRef]]:
    """Each plan action's owners in order, named as an action's are (an organisation by its
    short name)."""
    rows = s.exec(
        select(PlanActionOwner)
        .where(col(PlanActionOwner.plan_action_id).in_(action_ids))
        .order_by(col(PlanActionOwner.plan_action_id), col(PlanActionOwner.position))
    ).all()
    people = people_by_id(s, (r.person_id for r in rows))
    orgs = {o.id: o.short_name or o.name for o in s.exec(select(Organisation)).all()}
    found: dict[int, list[dto.OwnerRef]] = defaultdict(list)
    for r in rows:
        if r.person_id is not None:
            name = people[r.person_id].full_name if r.person_id in people else "?"
            found[r.plan_action_id].append(dto.OwnerRef(person_id=r.person_id, name=name))
        else:
            name = orgs.get(r.organisation_id, "?")
            found[r.plan_action_id].append(
                dto.OwnerRef(organisation_id=r.organisation_id, name=name)
            )
    return found


def latest_progress(
    s: Session,
    action_ids: Sequence[int],
    as_of: date | None,
    closed_meetings: frozenset[int] = frozenset(),
    *,
    public: bool = False,
) -> dict[int, ProgressInfo]:
    """The newest update of each action on or before ``as_of`` (None: the newest of all);
    ``public``: the newest not reported at one of ``closed_meetings``."""
    query = select(PlanProgress).where(col(PlanProgress.plan_action_id).in_(action_ids))
    if as_of is not None:
        query = query.where(col(PlanProgress.on_date) <= as_of)
    if public and closed_meetings:
        reported = col(PlanProgress.meeting_id)
        query = query.where(reported.is_(None) | reported.not_in(closed_meetings))
    rows = s.exec(
        query.order_by(
            col(PlanProgress.plan_action_id), col(PlanProgress.on_date), col(PlanProgress.id)
        )
    ).all()
    dates = meeting_dates(s, {r.meeting_id for r in rows})
    return {r.plan_action_id: progress_info(r, dates, closed_meetings) for r in rows}


def action_infos(
    s: Session,
    actions: Sequence[PlanAction],
    as_of: date | None = None,
    closed_meetings: frozenset[int] = frozenset(),
    *,
    public: bool = False,
) -> list[PlanActionInfo]:
    ids = [a.id for a in actions if a.id is not None]
    if not ids:
        return []
    owners = owner_refs(s, ids)
    latest = latest_progress(s, ids, as_of, closed_meetings, public=public)
    return [
        PlanActionInfo(
            id=a.id or 0,
            priority_id=a.priority_id,
            position=a.position,
            text=a.text,
            owners=tuple(owners.get(a.id or 0, [])),
            target_date=a.target_date,
            milestones=a.milestones,
            latest=latest.get(a.id or 0),
        )
        for a in actions
    ]


def priority_rows(
    s: Session, plan_id: int, as_of: date | None, *, public: bool = False
) -> tuple[PlanPriorityRows, ...]:
    """The plan's priorities in order, each with its actions in order (``public``: with no
    progress reported at a closed-session review of the plan)."""
    priorities = s.exec(
        select(PlanPriority)
        .where(PlanPriority.plan_id == plan_id)
        .order_by(col(PlanPriority.position), col(PlanPriority.id))
    ).all()
    ids = [p.id for p in priorities]
    actions = s.exec(
        select(PlanAction)
        .where(col(PlanAction.priority_id).in_(ids))
        .order_by(col(PlanAction.priority_id), col(PlanAction.position), col(PlanAction.id))
    ).all()
    infos = action_infos(s, actions, as_of, closed_review_meetings(s, plan_id), public=public)
    by_priority: dict[int, list[PlanActionInfo]] = defaultdict(list)
    for info in infos:
        by_priority[info.priority_id].append(info)
    return tuple(
        PlanPriorityRows(priority_info(p), tuple(by_priority.get(p.id or 0, [])))
        for p in priorities
    )


def public_rows(s: Session, plan_id: int, as_of: date) -> tuple[tuple[PlanPriorityRows, ...], int]:
    """The plan's rows for publication, and how many actions show an earlier update (or
    none) than the full table because their latest was reported in closed session."""
    shown, full = priority_rows(s, plan_id, as_of, public=True), priority_rows(s, plan_id, as_of)
    withheld = sum(
        a.latest != b.latest
        for public, kept in zip(shown, full, strict=True)
        for a, b in zip(public.actions, kept.actions, strict=True)
    )
    return shown, withheld


def progress_of_linked_plan_actions(s: Session, action_id: int) -> list[tuple[PlanProgress, str]]:
    """The progress recorded on the plan actions a meeting action is linked to, each with
    what it is on (``"Partnership Plan: Train frontline staff..."``), for its history."""
    rows = s.exec(
        select(PlanProgress, PlanAction, Plan)
        .join(PlanAction, col(PlanAction.id) == PlanProgress.plan_action_id)
        .join(PlanActionLink, col(PlanActionLink.plan_action_id) == PlanAction.id)
        .join(PlanPriority, col(PlanPriority.id) == PlanAction.priority_id)
        .join(Plan, col(Plan.id) == PlanPriority.plan_id)
        .where(PlanActionLink.action_id == action_id)
        .order_by(col(PlanProgress.on_date), col(PlanProgress.id))
    ).all()
    return [(progress, f"{plan.name}: {action.text}") for progress, action, plan in rows]


def plan_places(board: Any) -> list[Any]:
    """Where each plan action and progress update found by search is (PostgreSQL): the
    columns of ``search._place_query`` - kind, id, board id and short name, meeting id and
    date, minute id, number, numbering year, context ("Plan: priority" or "Plan: action")."""
    meeting = aliased(Meeting)
    actions = (
        sa.select(
            sa.literal("plan_action"),
            col(PlanAction.id),
            col(board.id),
            col(board.short_name),
            sa.null(),
            sa.null(),
            sa.null(),
            sa.null(),
            sa.null(),
            col(Plan.name) + ": " + col(PlanPriority.theme),
        )
        .join(PlanPriority, col(PlanPriority.id) == PlanAction.priority_id)
        .join(Plan, col(Plan.id) == PlanPriority.plan_id)
        .join(board, col(board.id) == Plan.board_id)
        .where(col(PlanAction.id).in_(sa.bindparam("plan_action_ids", expanding=True)))
    )
    progress = (
        sa.select(
            sa.literal("plan_progress"),
            col(PlanProgress.id),
            col(board.id),
            col(board.short_name),
            col(meeting.id),
            col(meeting.date),
            sa.null(),
            sa.null(),
            sa.null(),
            col(Plan.name) + ": " + col(PlanAction.text),
        )
        .join(PlanAction, col(PlanAction.id) == PlanProgress.plan_action_id)
        .join(PlanPriority, col(PlanPriority.id) == PlanAction.priority_id)
        .join(Plan, col(Plan.id) == PlanPriority.plan_id)
        .join(board, col(board.id) == Plan.board_id)
        .outerjoin(meeting, col(meeting.id) == PlanProgress.meeting_id)
        .where(col(PlanProgress.id).in_(sa.bindparam("plan_progress_ids", expanding=True)))
    )
    return [actions, progress]

"""Audit entries for deletions that take other records with them.

Deleting a meeting deletes its agenda, minutes, resolutions and actions by cascade;
deleting a minute deletes its resolutions and actions. The trail records each of them,
so that what was lost can be read back (and an action's own trail shows its deletion).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from scbmeet.domain.models import Action, AgendaItem, Meeting, MinuteItem, Resolution
from scbmeet.services.base import record_audit, snapshot
from scbmeet.services.convert import action_infos
from scbmeet.storage.engine import Database


def action_snapshot(session: Session, action: Action) -> str:
    """An action as JSON with its owners and minute reference, which live elsewhere."""
    info = action_infos(session, [action])[0]
    return snapshot(
        action, {"owners": info.owner_line, "minute_reference": info.minute_reference or ""}
    )


def record_minute_deletions(
    session: Session,
    db: Database,
    minutes: Sequence[MinuteItem],
    *,
    meeting_id: int | None,
    reason: str = "",
) -> None:
    """Record the deletion of ``minutes`` with their resolutions and actions."""
    ids = [m.id for m in minutes if m.id is not None]
    if not ids:
        return
    resolutions = session.exec(
        select(Resolution).where(col(Resolution.minute_item_id).in_(ids))
    ).all()
    actions = session.exec(select(Action).where(col(Action.minute_item_id).in_(ids))).all()
    for minute in minutes:
        _record_deletion(session, db, "minuteitem", minute, meeting_id, reason)
    for resolution in resolutions:
        _record_deletion(session, db, "resolution", resolution, meeting_id, reason)
    for action in actions:
        _record_deletion(
            session,
            db,
            "action",
            action,
            meeting_id,
            reason,
            before=action_snapshot(session, action),
            action_id=action.id,
        )


def _record_deletion(
    session: Session,
    db: Database,
    entity: str,
    row: Meeting | MinuteItem | Resolution | Action | AgendaItem,
    meeting_id: int | None,
    reason: str,
    *,
    before: str | None = None,
    action_id: int | None = None,
) -> None:
    """One "delete" entry: the row as it was (or ``before``, where it needs more)."""
    record_audit(
        session,
        db,
        entity=entity,
        entity_id=row.id,
        operation="delete",
        meeting_id=meeting_id,
        action_id=action_id,
        reason=reason,
        before=snapshot(row) if before is None else before,
    )


def record_agenda_item_deletions(
    session: Session,
    db: Database,
    items: Sequence[AgendaItem],
    *,
    meeting_id: int | None,
    reason: str = "",
) -> None:
    """Record the deletion of agenda ``items`` and of their sub-items (at any depth)."""
    doomed = list(items)
    seen = {i.id for i in doomed}
    frontier = [i.id for i in doomed if i.id is not None]
    while frontier:
        children = session.exec(
            select(AgendaItem).where(col(AgendaItem.parent_id).in_(frontier))
        ).all()
        frontier = []
        for child in children:
            if child.id not in seen:
                seen.add(child.id)
                doomed.append(child)
                frontier.append(child.id or 0)
    for item in doomed:
        _record_deletion(session, db, "agendaitem", item, meeting_id, reason)


def record_meeting_deletion(
    session: Session, db: Database, meeting: Meeting, *, reason: str = ""
) -> None:
    """Record the deletion of a meeting and of everything deleted with it."""
    _record_deletion(session, db, "meeting", meeting, meeting.id, reason)
    items = session.exec(
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting.id)
        .order_by(col(AgendaItem.parent_id).is_not(None), col(AgendaItem.position))
    ).all()
    record_agenda_item_deletions(session, db, items, meeting_id=meeting.id, reason=reason)
    minutes = session.exec(select(MinuteItem).where(MinuteItem.meeting_id == meeting.id)).all()
    record_minute_deletions(session, db, minutes, meeting_id=meeting.id, reason=reason)

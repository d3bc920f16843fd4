"""Progress on actions: updates recorded against an action (at a meeting, or between
meetings), taken back, listed, and those reported at a meeting. A part of
:class:`~scbmeet.services.actions.ActionService`.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import col, select

from scbmeet.domain import dto
from scbmeet.domain.enums import ActionState
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import (
    Action,
    ActionUpdate,
    Meeting,
)
from scbmeet.services.base import (
    ServiceBase,
    get_or_fail,
    record_audit,
    require_text,
    snapshot,
)


class ActionUpdatesPart(ServiceBase):
    """Progress updates on actions."""

    def add_update(
        self, action_id: int, text: str, *, on: date | None = None, meeting_id: int | None = None
    ) -> dto.ActionUpdateInfo:
        """Record progress on an action (at a meeting, when reported at one)."""
        text = require_text(text, "progress update")
        with self.db.transaction() as s:
            action = get_or_fail(s, Action, action_id, "action")
            when = on
            if meeting_id is not None:
                meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
                if meeting.board_id != action.board_id:
                    raise ValidationError("That meeting belongs to another board.")
                when = when or meeting.date
            row = ActionUpdate(
                action_id=action_id, on_date=when or date.today(), text=text, meeting_id=meeting_id
            )
            s.add(row)
            if action.state == ActionState.OPEN:
                before = snapshot(action)
                action.state = ActionState.IN_PROGRESS.value
                action.version += 1
                record_audit(
                    s,
                    self.db,
                    entity="action",
                    entity_id=action_id,
                    operation="state_change",
                    meeting_id=meeting_id,
                    action_id=action_id,
                    reason=f"progress reported: {text}",
                    before=before,
                    after=snapshot(action),
                )
            s.flush()
            info = dto.ActionUpdateInfo(row.id or 0, action_id, row.on_date, row.text, meeting_id)
        self._changed("action", action_id)
        return info

    def delete_update(self, update_id: int) -> None:
        """Remove a progress update recorded by mistake (kept in the audit trail)."""
        with self.db.transaction() as s:
            row = get_or_fail(s, ActionUpdate, update_id, "progress update")
            record_audit(
                s,
                self.db,
                entity="actionupdate",
                entity_id=update_id,
                operation="delete",
                meeting_id=row.meeting_id,
                action_id=row.action_id,
                before=snapshot(row),
            )
            action_id = row.action_id
            s.delete(row)
        self._changed("action", action_id)

    def updates(self, action_id: int) -> list[dto.ActionUpdateInfo]:
        with self.db.reading() as s:
            get_or_fail(s, Action, action_id, "action")
            rows = s.exec(
                select(ActionUpdate)
                .where(ActionUpdate.action_id == action_id)
                .order_by(col(ActionUpdate.on_date), col(ActionUpdate.id))
            ).all()
            return [
                dto.ActionUpdateInfo(r.id or 0, r.action_id, r.on_date, r.text, r.meeting_id)
                for r in rows
            ]

    def reported_at(self, meeting_id: int) -> list[dto.ActionUpdateInfo]:
        """Every progress update reported at a meeting (matters arising), in entry order."""
        with self.db.reading() as s:
            rows = s.exec(
                select(ActionUpdate)
                .where(ActionUpdate.meeting_id == meeting_id)
                .order_by(col(ActionUpdate.id))
            ).all()
            return [
                dto.ActionUpdateInfo(r.id or 0, r.action_id, r.on_date, r.text, r.meeting_id)
                for r in rows
            ]

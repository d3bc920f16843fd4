"""Putting actions' states back as they were: what Edit ▸ Undo of a state change calls.
A part of :class:`~scbmeet.services.actions.ActionService`.
"""

from __future__ import annotations

from collections.abc import Sequence

from scbmeet.domain import dto
from scbmeet.domain.enums import ActionState
from scbmeet.domain.models import Action
from scbmeet.services.base import (
    ServiceBase,
    get_or_fail,
    record_audit,
    require_choice,
    snapshot,
)


class ActionRestorePart(ServiceBase):
    """Restoring earlier action states (with the day and meeting they were closed at)."""

    def restore_states(self, earlier: Sequence[dto.ActionStateWas]) -> int:
        """Put each action back in the state it had, all or nothing; returns how many.

        A closed action gets back the day and meeting it was closed at (a state change
        would date it today). Recorded in the audit trail as a state change.
        """
        with self.db.transaction() as s:
            for was in earlier:
                state = require_choice(was.state, ActionState, "action state")
                action = get_or_fail(s, Action, was.action_id, "action")
                before = snapshot(action)
                action.state = state
                action.closed_on = was.closed_on
                action.closed_at_meeting_id = was.closed_at_meeting_id
                action.version += 1
                record_audit(
                    s,
                    self.db,
                    entity="action",
                    entity_id=action.id,
                    operation="state_change",
                    meeting_id=was.closed_at_meeting_id,
                    action_id=action.id,
                    reason="change undone",
                    before=before,
                    after=snapshot(action),
                )
        self._changed("action", *(was.action_id for was in earlier))
        return len(earlier)


__all__ = ["ActionRestorePart"]

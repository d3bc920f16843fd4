"""What imported minutes record of earlier actions, stored: each action a later meeting
records done or dropped is closed at that meeting, with what was said as progress (an action
closed in its own meeting's action table at its own meeting). Part of the one transaction of
:meth:`HistoryImportService.import_plan <scbmeet.services.history_import.HistoryImportService.import_plan>`;
the rows are written in one statement per kind, since a long history closes thousands."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import insert
from sqlmodel import Session

from scbmeet.domain.enums import CLOSED_ACTION_STATES, ActionState
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.history import ActionRef, ImportPlan, RecognisedAction
from scbmeet.domain.models import Action, ActionUpdate, AuditEntry, Board, Meeting
from scbmeet.services.base import clean_text, snapshot

# The actions an import adds, by (document, minute, action) index in the plan.
AddedActions = dict[tuple[int, int, int], tuple[Action, RecognisedAction]]


def record_outcomes(
    s: Session,
    user: str,
    board: Board,
    plan: ImportPlan,
    meetings: dict[date, Meeting],
    added: AddedActions,
) -> int:
    """Close (or note progress on) the earlier actions later minutes record; returns how
    many were closed. An action the import adds closed in its own action table is closed
    at its own meeting. (The actions have their ids: the minutes were flushed.)"""
    progress: list[dict[str, object]] = []  # added at once: one statement, not hundreds
    audit: list[dict[str, object]] = []
    closed_in_own_table: dict[int, list[tuple[Action, RecognisedAction]]] = {}
    for (at, _m, _a), (action, recognised) in added.items():
        if recognised.state in ("done", "dropped"):
            closed_in_own_table.setdefault(at, []).append((action, recognised))
    for index, document in enumerate(plan.documents):
        meeting = meetings[document.meeting_date or date.min]
        said = [
            (action, recognised.state, recognised.progress)
            for action, recognised in closed_in_own_table.get(index, [])
        ] + [
            (_target(s, board, o.target, added), o.state, o.progress)
            for o in document.outcomes
            if o.target is not None
        ]
        for action, state, text in said:
            if text.strip():
                progress.append(
                    {
                        "action_id": action.id,
                        "on_date": meeting.date,
                        "text": clean_text(text),
                        "meeting_id": meeting.id,
                    }
                )
            entry = _close(user, action, meeting, state)
            if entry is not None:
                audit.append(entry)
    if progress:
        s.execute(insert(ActionUpdate), progress)
    if audit:
        s.execute(insert(AuditEntry), audit)
    return len(audit)


def _target(
    s: Session,
    board: Board,
    target: ActionRef,
    added: AddedActions,
) -> Action:
    if target.action_id is None:
        return added[(target.document or 0, target.minute or 0, target.action or 0)][0]
    action = s.get(Action, target.action_id)
    if action is None or action.board_id != board.id or action.state in CLOSED_ACTION_STATES:
        raise ValidationError(
            f"Nothing was imported: the action {target.label!r} was changed since the "
            "preview; read the files again."
        )
    return action


def _close(user: str, action: Action, meeting: Meeting, state: str) -> dict[str, object] | None:
    """Done or dropped at ``meeting``: the audit entry saying so (None: progress only)."""
    if state not in ("done", "dropped") or action.state in CLOSED_ACTION_STATES:
        return None
    before = snapshot(action)
    action.state = ActionState(state).value
    action.closed_on = meeting.date
    action.closed_at_meeting_id = meeting.id
    action.version += 1
    return {  # as record_audit writes it
        "at": datetime.now(UTC).replace(microsecond=0),
        "user": user,
        "entity": "action",
        "entity_id": action.id,
        "operation": "state_change",
        "meeting_id": meeting.id,
        "action_id": action.id,
        "reason": "recorded in imported minutes",
        "before": before,
        "after": snapshot(action),
    }

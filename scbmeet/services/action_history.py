"""An action's history: the minute it came from, then each meeting it was carried across,
each progress update and each change of state, by date.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from scbmeet.domain.models import Action, ActionUpdate, AuditEntry, Meeting, MinuteItem
from scbmeet.domain.plan_vocabulary import status_words
from scbmeet.services.action_rows import (
    STATE_LABELS,
    ActionRow,
    Scope,
    board_meetings,
    load_rows,
    meeting_label,
)
from scbmeet.services.base import get_or_fail
from scbmeet.services.plans_rows import progress_of_linked_plan_actions

EVENT_ORDER = {"raised": 0, "carried": 1, "progress": 2, "plan": 2, "state": 3}


@dataclass(frozen=True)
class HistoryEvent:
    """One step in an action's life."""

    on: date
    kind: str  # raised, carried, progress, plan (a linked plan action's progress), state
    text: str
    meeting_id: int | None = None
    meeting_label: str = ""
    by: str = ""


@dataclass(frozen=True)
class ActionHistory:
    """An action, the minute it came from, and everything that happened to it since."""

    action: ActionRow
    minute_narrative: str
    events: tuple[HistoryEvent, ...]


def _state_events(s: Session, action_id: int) -> list[HistoryEvent]:
    events = []
    for entry in s.exec(
        select(AuditEntry)
        .where(AuditEntry.action_id == action_id, AuditEntry.operation == "state_change")
        .order_by(col(AuditEntry.id))
    ).all():
        before = _json(entry.before)
        after = _json(entry.after)
        old = STATE_LABELS.get(str(before.get("state")), str(before.get("state", "?")))
        new = STATE_LABELS.get(str(after.get("state")), str(after.get("state", "?")))
        on = entry.at.date()
        if after.get("closed_on"):
            on = date.fromisoformat(str(after["closed_on"]))
        text = f"{old} → {new}" + (f": {entry.reason}" if entry.reason else "")
        events.append(HistoryEvent(on, "state", text, entry.meeting_id, "", entry.user))
    return events


def _json(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def load_history(s: Session, action_id: int, today: date) -> ActionHistory:
    get_or_fail(s, Action, action_id, "action")
    row = load_rows(s, Scope(action_ids=(action_id,)), today)[0]
    dates = {
        i: on
        for i, on in s.execute(
            sa.select(col(Meeting.id), col(Meeting.date)).where(
                col(Meeting.board_id) == row.board_id
            )
        ).all()
    }
    labels = {i: meeting_label(row.board_short_name, on) for i, on in dates.items()}
    raised = f"Agreed under minute {row.minute_reference}" if row.minute_reference else "Agreed"
    events = [HistoryEvent(row.created_on, "raised", raised, row.meeting_id, row.meeting_label)]
    meetings = board_meetings(s, row.board_id, today)
    for meeting_id in meetings.carried_across(
        row.board_id, row.created_on, row.closed_on, row.closed_at_meeting_id
    ):
        label = labels.get(meeting_id, "")
        events.append(
            HistoryEvent(
                dates[meeting_id],
                "carried",
                "Still open after the meeting",
                meeting_id,
                label,
            )
        )
    for update in s.exec(
        select(ActionUpdate)
        .where(ActionUpdate.action_id == action_id)
        .order_by(col(ActionUpdate.on_date), col(ActionUpdate.id))
    ).all():
        label = labels.get(update.meeting_id, "") if update.meeting_id else ""
        events.append(
            HistoryEvent(update.on_date, "progress", update.text, update.meeting_id, label)
        )
    for progress, on_what in progress_of_linked_plan_actions(s, action_id):  # shows on both
        label = labels.get(progress.meeting_id, "") if progress.meeting_id else ""
        said = f"{on_what} - {status_words(progress.status)}" + (
            f": {progress.text}" if progress.text else ""
        )
        events.append(HistoryEvent(progress.on_date, "plan", said, progress.meeting_id, label))
    for event in _state_events(s, action_id):
        label = labels.get(event.meeting_id, "") if event.meeting_id else ""
        events.append(
            HistoryEvent(event.on, event.kind, event.text, event.meeting_id, label, event.by)
        )
    narrative = ""
    if row.minute_item_id is not None:
        minute = s.get(MinuteItem, row.minute_item_id)
        narrative = minute.narrative if minute else ""
    ordered = sorted(events, key=lambda e: (e.on, EVENT_ORDER.get(e.kind, 9)))
    return ActionHistory(row, narrative, tuple(ordered))

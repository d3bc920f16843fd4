"""Held steps as plain data for the journal, and back: :func:`step_entry` turns a command
(a resolution, an action, an attendance mark...) into a JSON-able step, :func:`command_of`
makes the command again, :func:`describe` says what it is as the minute-taker would, and
:func:`held_record` lists one under its minute, marked not yet saved."""

from __future__ import annotations

from datetime import date
from typing import Any

from scbmeet.domain import dto
from scbmeet.domain.errors import ScbmeetError
from scbmeet.gui.minutes.commands import (
    ActionDraft,
    AddAction,
    AddItem,
    AddProgress,
    AddResolution,
    AskForUpdate,
    AttendanceSpec,
    EditResolution,
    EditText,
    Host,
    KeepOpen,
    ServiceCommand,
    SetActionState,
    SetAttendance,
    SetItemStatus,
    TakeItem,
)
from scbmeet.gui.minutes.rows import RecordRow, RowKey

Step = dict[str, Any]

HELD_RECORDS = ("resolution", "action", "update")


def held_record(ident: str, step: Step) -> RecordRow:
    """A held step as a row of its minute's list, marked not yet saved."""
    if step["op"] == "resolution":
        return RecordRow("resolution", ident, str(step["text"]), pending="held")
    if step["op"] == "action":
        owners = "/".join(str(o[2]) for o in step["owners"]) or str(step.get("to_confirm", ""))
        return RecordRow("action", ident, str(step["text"]), owners, "", pending="held")
    return RecordRow(
        "update", ident, str(step["title"]), "", f"in {step['months']} months", pending="held"
    )


def step_entry(command: ServiceCommand) -> Step | None:
    """A command as plain data for the journal; None for one that cannot be kept so."""
    key = getattr(command, "key", None)
    row = [key.kind, key.id] if isinstance(key, RowKey) else None
    kind = type(command)
    if kind is AddResolution:
        assert isinstance(command, AddResolution)
        return {"op": "resolution", "row": row, "text": command.resolution_text}
    if kind is EditResolution:
        assert isinstance(command, EditResolution)
        return {
            "op": "edit_resolution",
            "row": _focus(command),
            "resolution_id": command.resolution_id,
            "before": command.before,
            "after": command.after,
        }
    if kind is AddAction:
        assert isinstance(command, AddAction)
        return {"op": "action", "row": row, **_draft_data(command.draft)}
    if kind is AskForUpdate:
        assert isinstance(command, AskForUpdate)
        return {
            "op": "update",
            "row": row,
            "title": command.title,
            "months": command.months,
            "detail": command.detail,
        }
    if kind is SetAttendance:
        assert isinstance(command, SetAttendance)
        return {
            "op": "attendance",
            "person_id": command.person_id,
            "name": command.text().split(":")[0],
            "before": _spec_data(command.before),
            "after": _spec_data(command.after),
        }
    if kind is AddProgress:
        assert isinstance(command, AddProgress)
        return {
            "op": "progress",
            "row": _focus(command),
            "action_id": command.action_id,
            "text": command.progress,
        }
    if kind is SetActionState:
        assert isinstance(command, SetActionState)
        return {
            "op": "action_state",
            "row": _focus(command),
            "action_id": command.action_id,
            "after": command.after,
        }
    if kind is KeepOpen:
        assert isinstance(command, KeepOpen)
        return {"op": "keep_open", "row": _focus(command), "action_id": command.action_id}
    if kind is SetItemStatus:
        assert isinstance(command, SetItemStatus)
        return {"op": "item_status", "row": row, "before": command.before, "after": command.after}
    if kind is AddItem:
        assert isinstance(command, AddItem)
        return {
            "op": "item",
            "title": command.title,
            "before_item_id": command.before_item_id,
            "closed": command.closed,
        }
    if kind is TakeItem:
        return {"op": "take", "row": row}
    if kind is EditText:
        return {"op": "text", "row": row}
    return None


def command_of(host: Host, step: Step) -> ServiceCommand | None:
    """The command a journalled step stands for (None: nothing to do, or it no longer can)."""
    op = step["op"]
    row = step.get("row")
    key = RowKey(str(row[0]), int(row[1])) if row is not None else RowKey("attendance", 0)
    if op == "resolution":
        return AddResolution(host, key, str(step["text"]))
    if op == "edit_resolution":
        return EditResolution(host, key, int(step["resolution_id"]), step["before"], step["after"])
    if op == "action":
        return AddAction(host, key, _draft_of(step))
    if op == "update":
        return AskForUpdate(host, key, step["title"], int(step["months"]), step["detail"])
    if op == "attendance":
        return SetAttendance(
            host,
            int(step["person_id"]),
            str(step["name"]),
            _spec_of(step["before"]),
            _spec_of(step["after"]),
        )
    if op in ("progress", "action_state", "keep_open"):
        try:
            action = host.services.actions.action(int(step["action_id"]))
        except ScbmeetError:
            return None
        if op == "progress":
            return AddProgress(host, key, action, str(step["text"]))
        if op == "keep_open":
            return KeepOpen(host, key, action)
        return SetActionState(host, key, action, str(step["after"]))
    if op == "item_status":
        return SetItemStatus(host, key, str(step["before"]), str(step["after"]))
    if op == "item":
        return AddItem(host, str(step["title"]), step["before_item_id"], closed=step["closed"])
    return None


def describe(steps: list[Step]) -> str:
    """What the steps are, as the minute-taker would say it."""
    return ", ".join(_describe(step) for step in steps)


def _describe(step: Step) -> str:
    op = step["op"]
    if op in ("resolution", "edit_resolution"):
        return f"resolution '{_short(step.get('text') or step.get('after') or '')}'"
    if op == "action":
        return f"action '{_short(step['text'])}'"
    if op == "update":
        return f"update request '{_short(step['title'])}'"
    if op == "attendance":
        after = step["after"]
        status = after["status"].replace("_", " ") if after else "not recorded"
        return f"{step['name']}: {status}"
    if op == "progress":
        return f"progress '{_short(step['text'])}'"
    if op == "action_state":
        return f"action marked {step['after'].replace('_', ' ')}"
    if op == "item":
        return f"new item '{_short(step['title'])}'"
    if op == "keep_open":
        return "action noted still open"
    return f"item {step.get('after', '')}"


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _focus(command: ServiceCommand) -> list[Any] | None:
    return [command.focus.kind, command.focus.id] if command.focus is not None else None


def _draft_data(draft: ActionDraft) -> Step:
    return {
        "text": draft.text,
        "owners": [[o.person_id, o.organisation_id, o.name] for o in draft.owners],
        "due_date": draft.due_date.isoformat() if draft.due_date else None,
        "due_meeting_id": draft.due_meeting_id,
        "to_confirm": draft.owner_to_confirm,
        "after_line": draft.after_line,
    }


def _draft_of(step: Step) -> ActionDraft:
    owners = tuple(dto.OwnerRef(p, o, name) for p, o, name in step["owners"])
    due = date.fromisoformat(step["due_date"]) if step["due_date"] else None
    return ActionDraft(
        str(step["text"]),
        owners,
        due,
        step["due_meeting_id"],
        owner_to_confirm=str(step.get("to_confirm") or ""),
        after_line=step.get("after_line"),
    )


def _spec_data(spec: AttendanceSpec | None) -> Step | None:
    if spec is None:
        return None
    return {
        "status": spec.status,
        "substitute_for_id": spec.substitute_for_id,
        "arrived_during_id": spec.arrived_during_id,
        "left_during_id": spec.left_during_id,
        "note": spec.note,
    }


def _spec_of(data: Step | None) -> AttendanceSpec | None:
    return AttendanceSpec(**data) if data is not None else None

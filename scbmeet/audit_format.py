"""Audit entries in words: one line per entry, and the fields it changed.

Shared by ``scbmeet audit`` and the GUI's audit trail view, so both say the same thing.
An entry's ``before`` and ``after`` are JSON snapshots of the row (see
:func:`scbmeet.services.base.snapshot`); bookkeeping fields (version numbers, timestamps)
are left out of the changes shown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from scbmeet.dto import AuditInfo

ENTITY_NAMES = {
    "minuteitem": "minute",
    "agendaitem": "agenda item",
    "resolution": "resolution",
    "action": "action",
    "meeting": "meeting",
    "paper": "paper",
    "paperfile": "paper file",
    "attendance": "attendance",
    "declaration": "declaration",
    "forwardplanentry": "forward plan entry",
}
OPERATION_NAMES = {
    "delete": "deleted",
    "state_change": "changed the state of",
    "reopen_minutes": "reopened the minutes of",
    "approve_minutes": "approved the minutes of",
    "edit_after_approval": "changed after approval",
    "add_after_approval": "added after approval",
    "edit": "changed",
    "save_conflict": "kept both versions after a save conflict on",
}
# Bookkeeping columns that change on every save and say nothing to a reader.
QUIET_FIELDS = frozenset({"version", "updated_at", "ical_sequence", "position", "id"})
# The field that names a row best, per entity, for the one-line summary.
LABEL_FIELDS = ("title", "text", "nature", "filename", "date")


@dataclass(frozen=True)
class FieldChange:
    """One field of an audited row: its value before and after (``None``: not there)."""

    field: str
    before: Any
    after: Any


def _load(snapshot: str) -> dict[str, Any]:
    if not snapshot:
        return {}
    try:
        data = json.loads(snapshot)
    except ValueError:
        return {"value": snapshot}
    return data if isinstance(data, dict) else {"value": data}


def local_time(at: datetime) -> datetime:
    """Audit times are stored in UTC (SQLite returns them without a zone)."""
    aware = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    return aware.astimezone()


def entity_name(entity: str) -> str:
    return ENTITY_NAMES.get(entity, entity)


def operation_name(operation: str) -> str:
    return OPERATION_NAMES.get(operation, operation.replace("_", " "))


def label(entry: AuditInfo) -> str:
    """What the entry is about, as a reader would name it: ``minute 12/26 "Budget"``."""
    row = _load(entry.before) or _load(entry.after)
    name = entity_name(entry.entity)
    if entry.entity == "minuteitem" and "number" in row and "numbering_year" in row:
        name += f" {row['number']}/{int(row['numbering_year']) % 100:02d}"
    elif entry.entity_id is not None and entry.entity not in ("meeting",):
        name += f" {entry.entity_id}"
    for key in LABEL_FIELDS:
        value = row.get(key)
        if isinstance(value, str) and value.strip():
            return f'{name} "{shorten(value, 60)}"'
    return name


def shorten(text: str, width: int) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def changes(entry: AuditInfo) -> list[FieldChange]:
    """The fields that differ between before and after (all of them for an addition or a
    deletion), bookkeeping fields left out."""
    before, after = _load(entry.before), _load(entry.after)
    keys = [k for k in dict.fromkeys([*before, *after]) if k not in QUIET_FIELDS]
    if before and after:
        keys = [k for k in keys if before.get(k) != after.get(k)]
    else:  # a whole row added or deleted: the ids that tie it to others say nothing
        keys = [k for k in keys if not k.endswith("_id")]
    return [FieldChange(k, before.get(k), after.get(k)) for k in keys]


def summary(entry: AuditInfo) -> str:
    """One line: when, who, what (and why, when a reason was given)."""
    when = local_time(entry.at).strftime("%Y-%m-%d %H:%M")
    line = f"{when}  {entry.user}  {operation_name(entry.operation)} {label(entry)}"
    if entry.reason:
        line += f"  (reason: {shorten(entry.reason, 200)})"
    return line


def change_lines(entry: AuditInfo, width: int = 100) -> list[str]:
    """The changed fields, one per line, for the CLI and tooltips."""
    out = []
    for change in changes(entry):
        if change.before is None and entry.before == "":
            out.append(f"{change.field}: {shorten(repr(change.after), width)}")
        elif change.after is None and entry.after == "":
            out.append(f"{change.field} was: {shorten(repr(change.before), width)}")
        else:
            out.append(
                f"{change.field}: {shorten(repr(change.before), width // 2)} -> "
                f"{shorten(repr(change.after), width // 2)}"
            )
    return out

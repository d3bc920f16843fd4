"""Audit entries in words: one line per entry, and the fields it changed.

Shared by ``scbmeet audit`` and the GUI's audit trail view, so both say the same thing.
An entry's ``before`` and ``after`` are JSON snapshots of the row (see
:func:`scbmeet.services.base.snapshot`); bookkeeping fields (version numbers, timestamps)
are left out of the changes shown.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from scbmeet.domain.dto import AuditInfo, long_date

# What a board secretary calls the rows of each table the audit log can name (every
# table: tests/test_audit_names.py fails when a table is added without its name here).
ENTITY_NAMES = {
    "action": "action",
    "actionowner": "action owner",
    "actiontheme": "action theme",
    "actionupdate": "action update",
    "agendaitem": "agenda item",
    "agendaitemtheme": "agenda item theme",
    "agendapresenter": "presenter",
    "agendatemplate": "agenda template",
    "attendance": "attendance",
    "auditentry": "audit entry",
    "board": "board",
    "casereview": "case review",
    "casereviewstage": "case review stage",
    "declaration": "declaration",
    "forwardplanentry": "forward plan entry",
    "interest": "registered interest",
    "meeting": "meeting",
    "membership": "membership",
    "minuteitem": "minute",
    "organisation": "organisation",
    "paper": "paper",
    "paperfile": "paper file",
    "papertheme": "paper theme",
    "person": "person",
    "plan": "plan",
    "planaction": "plan action",
    "planactionlink": "link between a plan action and an action",
    "planactionowner": "plan action owner",
    "plandecision": "board decision on a recommendation",
    "planduty": "statutory duty",
    "planpriority": "plan priority",
    "planprogress": "plan progress update",
    "planrecommendation": "recommendation",
    "planreviewitem": "plan review at agenda item",  # its id is the agenda item's
    "resolution": "resolution",
    "seat": "seat",
    "theme": "theme",
}
# How each operation reads, around the thing it was done to.
OPERATION_TEMPLATES = {
    "add": "added {what}",
    "delete": "deleted {what}",
    "state_change": "changed the state of {what}",
    "reopen_minutes": "reopened the approved minutes of {what}",
    "approve_minutes": "approved the minutes of {what}",
    "issue_agenda": "issued the agenda of {what}",
    "sign_minutes": "signed the minutes of {what}",
    "edit_after_approval": "changed {what} after approval",
    "add_after_approval": "added {what} after approval",
    "edit": "changed {what}",
    "restore": "restored {what}",
    "stage": "recorded a stage of {what}",
    "stage removed": "removed a stage of {what}",
    "import_csv": "imported {what} from a spreadsheet",
    "import_history": "imported {what} from past minutes",
    "save_conflict": "kept the unsaved version of {what} (two saves at once)",
}
# Bookkeeping columns that change on every save and say nothing to a reader.
QUIET_FIELDS = frozenset({"version", "updated_at", "ical_sequence", "position", "id"})
# Fields a reader looks for first, in this order; the rest follow alphabetically.
FIRST_FIELDS = ("state", "title", "text", "narrative", "owners", "date", "venue", "status")
# Fields whose names read oddly with their underscores turned to spaces.
FIELD_WORDS = {
    "on_date": "dated",
    "is_closed": "closed session",
    "published_at": "published",
    "numbering_year": "numbering year",
}
# A snapshot's plain values as JSON writes them: a code ("in_progress"), a day, a moment.
_CODE = re.compile(r"[a-z]+(?:_[a-z]+)+")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
# Fields holding one of a few codes, shown as words even when the code is one word ("open").
CODE_FIELDS = frozenset({"state", "status", "rating", "role", "kind", "decision", "stage"})
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


def field_words(field: str) -> str:
    """A snapshot's field as a reader names it: ``closed_on`` is "closed on"."""
    return FIELD_WORDS.get(field, field.replace("_", " "))


def value_words(field: str, value: Any, *, quoted: bool = True) -> str:
    """A field's value as a reader writes it: codes as words, days and moments as dates,
    ``(none)`` for nothing, text in quotes (so that its spaces show on one line)."""
    if value is None or value == "":
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if not isinstance(value, str):
        return str(value)
    if field in CODE_FIELDS or _CODE.fullmatch(value):
        return value.replace("_", " ")
    try:
        if _DAY.fullmatch(value):
            return long_date(date.fromisoformat(value))
        if _MOMENT.match(value):
            moment = local_time(datetime.fromisoformat(value))
            return f"{long_date(moment.date())} {moment:%H:%M}"
    except ValueError:
        pass  # looked like a date and was not: it is shown as it is
    return repr(value) if quoted else value


def describe(entry: AuditInfo, what: str | None = None) -> str:
    """What was done, as a sentence without its subject: ``deleted minute 12/26 "Budget"``.

    ``what`` names the thing instead of :func:`label` (``"this action"`` in a trail that
    is all about one action, where repeating its text would hide what changed).
    """
    template = OPERATION_TEMPLATES.get(
        entry.operation, entry.operation.replace("_", " ") + " {what}"
    )
    text = template.format(what=what or label(entry))
    if entry.operation == "state_change":
        before, after = _load(entry.before).get("state"), _load(entry.after).get("state")
        if before and after:
            text += f" from {_state(before)} to {_state(after)}"
    return text


def _state(value: Any) -> str:
    return str(value).replace("_", " ")


def label(entry: AuditInfo) -> str:
    """What the entry is about, as a reader would name it: ``minute 12/26 "Budget"``."""
    row = _load(entry.before) or _load(entry.after)
    name = entity_name(entry.entity)
    if entry.entity == "meeting" and isinstance(row.get("date"), str):
        try:
            return f"the meeting of {long_date(date.fromisoformat(row['date']))}"
        except ValueError:
            return "the meeting"
    if entry.entity == "minuteitem" and "number" in row and "numbering_year" in row:
        name += f" {row['number']}/{int(row['numbering_year']) % 100:02d}"
    elif entry.entity_id is not None:
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
    # Ids that tie a row to others are numbers that mean nothing to a reader.
    keys = [
        k
        for k in dict.fromkeys([*before, *after])
        if k not in QUIET_FIELDS and not k.endswith("_id")
    ]
    if before and after:
        keys = [k for k in keys if before.get(k) != after.get(k)]
    keys.sort(key=lambda k: FIRST_FIELDS.index(k) if k in FIRST_FIELDS else len(FIRST_FIELDS))
    return [FieldChange(k, before.get(k), after.get(k)) for k in keys]


def summary(entry: AuditInfo) -> str:
    """One line: when, who, what (and why, when a reason was given)."""
    when = local_time(entry.at).strftime("%Y-%m-%d %H:%M")
    line = f"{when}  {entry.user}  {describe(entry)}"
    if entry.reason:
        line += f"  (reason: {shorten(entry.reason, 200)})"
    return line


def change_lines(entry: AuditInfo, width: int = 100) -> list[str]:
    """The changed fields, one per line, for the CLI and tooltips."""
    out = []
    for change in changes(entry):
        name = field_words(change.field)
        before, after = (value_words(change.field, v) for v in (change.before, change.after))
        if change.before is None and entry.before == "":
            out.append(f"{name}: {shorten(after, width)}")
        elif change.after is None and entry.after == "":
            out.append(f"{name} was: {shorten(before, width)}")
        else:
            out.append(f"{name}: {shorten(before, width // 2)} -> {shorten(after, width // 2)}")
    return out

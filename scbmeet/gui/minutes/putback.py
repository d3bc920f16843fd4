"""Putting back, by itself, what the journal kept when minutes mode last ended unexpectedly.

When minutes mode opens, the meeting's journal may hold typing that never reached the
database (the app was killed, the machine lost power, the database was away). Each text
is put back into its minute without a question: over the text it was typed on, or - if
someone else changed the minute meanwhile - with both texts kept, theirs after the
:data:`~scbmeet.gui.minutes.autosave.CONFLICT_MARK` line, as a save conflict is shown.
Held steps (a resolution, an action, an attendance mark...) are done again. A passing
notice says what was put back. Text for an item that is no longer on the agenda becomes a
recovery file, offered as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from scbmeet.gui.minutes.autosave import CONFLICT_MARK, TextKeeper
from scbmeet.gui.minutes.commands import EditText, Host, ServiceCommand
from scbmeet.gui.minutes.rows import AgendaRow, RowKey
from scbmeet.storage.journal import Entry
from scbmeet.storage.recovery import Recovery, RecoveryStore


class PutBackHost(Host, Protocol):
    keeper: TextKeeper
    store: RecoveryStore

    def row(self, key: RowKey | None) -> AgendaRow | None: ...

    def go_to(self, key: RowKey) -> None: ...

    def ensure_minute(self, key: RowKey) -> bool: ...

    def run_command(self, command: ServiceCommand) -> bool: ...

    def refresh(self) -> None: ...


@dataclass
class PutBack:
    """What was put back, for the notice."""

    texts: list[str] = field(default_factory=list)  # "the narrative of 'Strategic assessment'"
    conflicts: list[str] = field(default_factory=list)  # rows also changed by someone else
    steps: list[str] = field(default_factory=list)  # "add a resolution", done again
    aside: list[str] = field(default_factory=list)  # items gone: kept as recovery files
    drafts: list[str] = field(default_factory=list)  # dialogs left open: listed, unfinished

    def notice(self) -> str:
        if not (self.texts or self.steps or self.aside or self.drafts):
            return ""
        parts = []
        if self.texts or self.steps:
            what = ", ".join([*self.texts, *self.steps])
            parts.append(
                f"Put back what was typed before minutes mode last closed without saving: {what}."
            )
        if self.drafts:
            parts.append(
                f"Put back, not yet saved: {', '.join(self.drafts)} (typed in a dialog left "
                "open; listed under its item: Enter finishes it, Delete discards it)."
            )
        if self.conflicts:
            parts.append(
                f"{', '.join(self.conflicts)} also changed meanwhile elsewhere: both versions "
                "are kept in the minute (theirs after the dashed line); tidy it up."
            )
        if self.aside:
            parts.append(
                f"Text typed into {', '.join(self.aside)}, no longer on the agenda, is offered "
                "from the recovery folder."
            )
        return " ".join(parts)


def put_back_texts(host: PutBackHost, entries: list[Entry]) -> PutBack:
    """Apply the journal's unsaved texts of an earlier session to their minutes."""
    done = PutBack()
    for entry in entries:
        if entry["key"][0] != "text":
            continue
        _, kind, ident, which = entry["key"]
        key = RowKey(str(kind), int(ident))
        row = host.row(key)
        title = str(entry.get("title") or (row.title if row else ""))
        if row is None:
            _set_aside(host, key, entry)
            done.aside.append(f"'{title}'")
            continue
        minute = row.minute
        current = (minute.title if which == "title" else minute.narrative) if minute else ""
        text, conflict = merged_with_theirs(entry, current, minute.version if minute else None)
        if text is None:
            continue
        host.go_to(key)
        host.ensure_minute(key)
        host.run_command(EditText(host, key, str(which), current, text))
        done.texts.append(f"the {'title' if which == 'title' else 'text'} of '{title}'")
        if conflict:
            done.conflicts.append(f"'{title}' was")
    return done


def merged_with_theirs(entry: Entry, current: str, version: int | None) -> tuple[str | None, bool]:
    """The text to put in the field (None: nothing to do) and whether it crossed an edit."""
    typed = str(entry["text"])
    if typed == current:
        return None, False
    if entry["key"][3] == "title":
        return typed, False
    base = str(entry.get("base_text") or "")
    untouched = version is not None and version == entry.get("base_version")
    if untouched or current.strip() in ("", base.strip()):
        return typed, False
    if typed.strip() and typed.strip() in current:
        return None, False  # what was typed is already in the minute
    return f"{typed}\n\n{CONFLICT_MARK}\n{current}", True


def _set_aside(host: PutBackHost, key: RowKey, entry: Entry) -> None:
    host.store.write(
        Recovery(
            database=host.services.db.name,
            meeting_id=host.meeting.id,
            meeting_label=host.meeting.label,
            row_kind=key.kind,
            row_id=key.id,
            minute_id=entry.get("base_minute_id"),
            title=str(entry.get("title") or ""),
            text=str(entry["text"]),
            base_text=str(entry.get("base_text") or ""),
            written_at=datetime.fromtimestamp(float(entry.get("at", 0))),
            reason="Typed before minutes mode closed without saving, into an item since removed.",
        )
    )

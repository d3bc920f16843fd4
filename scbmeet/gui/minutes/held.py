"""Steps kept in the journal while the database cannot take them (read-only, gone, locked).

A resolution typed with Ctrl+R, an action, an update request, an attendance mark, a matters
arising outcome: each is normally saved the moment it is made. When the database cannot
take it, the step is *held*: written at once to the meeting's write-ahead journal
(:mod:`scbmeet.storage.journal`), listed in the red banner as not yet saved, and done again,
in order, as soon as the database is back (tried every few seconds) or, if the app is
closed or killed first, when minutes mode next opens on the meeting. A held step leaves
the journal when it reaches the database. Text edits in the same step (the ``#action``
line taken out of the narrative) are applied at once: the narrative is journalled anyway.

:mod:`~scbmeet.gui.minutes.held_entries` turns a command into plain data and back.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from scbmeet.domain.errors import DamageFoundInUseError, DatabaseError, ScbmeetError
from scbmeet.gui.minutes.autosave import RETRY_MS, TextKeeper, check_database
from scbmeet.gui.minutes.commands import (
    EditText,
    Host,
    ServiceCommand,
)
from scbmeet.gui.minutes.held_entries import (
    HELD_RECORDS,
    Step,
    command_of,
    describe,
    held_record,
    step_entry,
)
from scbmeet.gui.minutes.rows import HeldItem, RecordRow, RowKey
from scbmeet.storage.journal import Entry


class HeldHost(Host, Protocol):
    keeper: TextKeeper
    banner: QWidget

    def ensure_minute(self, key: RowKey) -> bool: ...

    def run_group(self, label: str, commands: list[ServiceCommand]) -> bool: ...

    def show_banner(self, message: str) -> None: ...

    def show_save_state(self) -> None: ...

    def notice(self, message: str) -> None: ...

    def refresh(self) -> None: ...

    def records_changed(self) -> None: ...


@dataclass(frozen=True)
class HeldGroup:
    ident: str
    label: str
    steps: list[Step]
    reason: str

    @property
    def key(self) -> list[str]:
        return ["step", self.ident]

    def entry(self) -> Entry:
        return {"key": self.key, "label": self.label, "steps": self.steps, "reason": self.reason}


class HeldSteps(QObject):
    """The steps waiting for the database, oldest first."""

    def __init__(self, host: HeldHost, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.groups: list[HeldGroup] = []
        self.retry_timer = QTimer(self)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self.retry)
        self._retrying = False
        self._stopped = False

    # -- holding ---------------------------------------------------------------------------
    def unsaveable(self) -> str | None:
        """Why the database cannot take a step now (None: it can)."""
        if self._retrying:
            return None
        if self.groups:
            self.retry()  # earlier steps first, so the order is kept
            if self.groups:
                return self.groups[-1].reason
        if self.host.keeper.damage is not None or self.host.keeper.handed_over:
            return None  # the damaged-file banner and the recovery files handle that
        try:
            check_database(self.host.services)
        except DamageFoundInUseError:
            return None  # the step fails as before and the banner offers the backup
        except ScbmeetError as exc:
            return str(exc)
        return None

    def hold(self, label: str, commands: list[ServiceCommand], reason: str) -> bool:
        """Keep the steps in the journal instead; False if one of them cannot be kept."""
        steps = [step_entry(command) for command in commands]
        if any(step is None for step in steps):
            return False
        kept = [step for step in steps if step is not None and step["op"] not in ("text", "take")]
        if not kept and not any(isinstance(command, EditText) for command in commands):
            return False  # only starting a minute: the keeper does that with the first save
        for command in commands:
            if isinstance(command, EditText):
                command.do()  # text goes through the keeper, which journals it
        if kept:
            group = HeldGroup(uuid.uuid4().hex, label, kept, reason)
            self.groups.append(group)
            self.host.keeper.journal.record(group.entry())
            self.retry_timer.start()
        self.show()
        return True

    def held_after(self, exc: Exception) -> str | None:
        """A step failed: the reason to hold it, if the database could not take it."""
        damaged = isinstance(exc, DamageFoundInUseError) or self.host.keeper.damage is not None
        if isinstance(exc, DatabaseError) and not damaged:
            return str(exc)
        return None

    # -- doing them again --------------------------------------------------------------------
    def stop(self) -> None:
        """The window has closed: its held steps stay in the journal for the next start, and
        nothing here does them any more (a window opened since would do them a second time)."""
        self._stopped = True
        self.retry_timer.stop()

    def retry(self) -> None:
        """The database may be back: do the held steps, in order."""
        if self._stopped or self._retrying or not self.groups:
            return
        try:
            check_database(self.host.services)
        except ScbmeetError:
            return
        waiting, self.groups = self.groups, []
        done = self.do_again([group.entry() for group in waiting])
        if not self.groups:
            self.retry_timer.stop()
            if done:
                self.host.notice(f"Saved now the database is back: {', '.join(done)}.")
        self.show()

    def do_again(self, entries: list[Entry]) -> list[str]:
        """Do the steps of journal entries again, in order; what was done, for a notice."""
        done = []
        for entry in entries:
            if entry["key"][0] != "step":
                continue
            commands = self._commands(entry["steps"])
            label = str(entry["label"])
            if commands and self.groups:  # one was held again: the rest wait behind it
                self.hold(label, commands, self.groups[-1].reason)
            elif commands:
                held_before = len(self.groups)
                self._retrying = True
                try:
                    saved = self.host.run_group(label, commands)
                finally:
                    self._retrying = False
                if saved and len(self.groups) == held_before:
                    done.append(describe(entry["steps"]))
            self.host.keeper.journal.forget(entry["key"])  # saved, or held again anew
        return done

    def _commands(self, steps: list[Step]) -> list[ServiceCommand]:
        commands = []
        for step in steps:
            row = step.get("row")
            if row is not None and row[0] == "item":
                self.host.ensure_minute(RowKey(row[0], int(row[1])))
            command = command_of(self.host, step)
            if command is not None:
                commands.append(command)
        return commands

    # -- showing them ------------------------------------------------------------------------
    def waiting(self) -> bool:
        return bool(self.groups)

    def record_rows(self, row: RowKey) -> list[RecordRow]:
        """The held resolutions, actions and update requests of a minute, for its list."""
        found = []
        for group in self.groups:
            for step in group.steps:
                if step.get("row") == [row.kind, row.id] and step["op"] in HELD_RECORDS:
                    found.append(held_record(group.ident, step))
        return found

    def new_items(self) -> list[HeldItem]:
        """The items raised in the room (Ctrl+N) that are held, for the agenda list."""
        return [
            HeldItem(group.ident, str(step["title"]), step["before_item_id"], bool(step["closed"]))
            for group in self.groups
            for step in group.steps
            if step["op"] == "item"
        ]

    def marks(self) -> dict[int, str]:
        """Attendance held, by person: the status marked ("" for a mark taken away)."""
        held: dict[int, str] = {}
        for group in self.groups:
            for step in group.steps:
                if step["op"] == "attendance":
                    after = step["after"]
                    held[int(step["person_id"])] = after["status"] if after else ""
        return held

    def outcomes(self) -> dict[int, str]:
        """Matters arising outcomes held, by action: what was recorded."""
        words = {"progress": "progress reported", "keep_open": "still open"}
        held: dict[int, str] = {}
        for group in self.groups:
            for step in group.steps:
                if step["op"] == "action_state":
                    held[int(step["action_id"])] = str(step["after"]).replace("_", " ")
                elif step["op"] in words:
                    held[int(step["action_id"])] = words[step["op"]]
        return held

    def show(self) -> None:
        self.host.records_changed()
        if self.groups:
            what = "; ".join(describe(group.steps) for group in self.groups)
            self.host.show_banner(
                f"NOT SAVED: {self.groups[-1].reason} Kept in the journal, not yet in the "
                f"database: {what}. They are saved as soon as the database is back (tried "
                "every few seconds), or when minutes mode next opens."
            )
        elif not self.host.keeper.failing:
            self.host.banner.hide()  # nothing is waiting any more
        self.host.show_save_state()

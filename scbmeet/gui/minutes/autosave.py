"""Saving what the minute-taker types without a save button, and never losing it.

:class:`TextKeeper` holds every title and narrative typed but not yet in the database.
A single-shot timer saves them ``delay_ms`` after the last keystroke, and a second one no
later than :data:`MAX_WAIT_MS` after the first unsaved change however fast the typing;
the window also calls :meth:`TextKeeper.flush` on focus change, item change and close.
Every change also goes at once to the meeting's write-ahead journal
(:mod:`scbmeet.storage.journal`), on disk within a fraction of a second, and leaves it
when it reaches the database: a SIGKILL loses at most that fraction of a second. A save that fails
keeps the text (on screen and here), writes it to a recovery file at once, reports the
failure, and is retried every few seconds until the database is back. A file found
damaged is not retried by the timer (it does not mend itself, and every try touches it):
what is typed goes on into recovery files until a backup is restored, when
:meth:`TextKeeper.hand_over` puts every text the window holds into them and stops saving.
A save that finds the minute changed by someone else keeps both texts and says so.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from scbmeet.domain import dto
from scbmeet.domain.errors import ConflictError, DamageFoundInUseError, ScbmeetError
from scbmeet.gui.minutes.rows import RowKey
from scbmeet.gui.widgets.errors import log_bug
from scbmeet.services import Services
from scbmeet.storage.journal import Entry
from scbmeet.storage.recovery import (
    Recovery,
    RecoveryStore,
    ensure_database_present,
    ensure_database_writable,
)

log = logging.getLogger(__name__)

RETRY_MS = 5000
MAX_WAIT_MS = 800  # a save starts at most this long after the first unsaved change
CONFLICT_MARK = "----- also saved elsewhere meanwhile -----"


@dataclass(frozen=True)
class Pending:
    """Unsaved text of one row; ``None`` means the field was not changed."""

    key: RowKey
    title: str | None
    narrative: str | None
    base_minute_id: int | None  # the minute the text was typed over (None: none yet)
    base_version: int | None  # and its version
    base_narrative: str


class KeeperHost(Protocol):
    services: Services

    def minute_for(self, key: RowKey, *, fresh: bool = False) -> dto.MinuteItemInfo | None: ...

    def start_minute(self, key: RowKey) -> dto.MinuteItemInfo: ...

    def row_title(self, key: RowKey) -> str: ...

    def known_minutes(self) -> list[tuple[RowKey, dto.MinuteItemInfo]]: ...


@dataclass(frozen=True)
class SaveProblem:
    message: str
    recovery_path: Path | None
    recovery_error: str = ""
    damage: DamageFoundInUseError | None = None  # the database file itself is damaged


def check_database(services: Services) -> None:
    """Before saving: is the database file still there, and free to write? (Fails at once.)"""
    ensure_database_present(services.db)
    ensure_database_writable(services.db)


class TextKeeper(QObject):
    """Unsaved titles and narratives, the debounce timer, and the saving itself."""

    saved = Signal()  # everything typed is in the database
    failed = Signal(object)  # a SaveProblem
    conflicted = Signal(object, str)  # row key, the merged text now to be shown

    def __init__(
        self,
        host: KeeperHost,
        meeting: dto.MeetingInfo,
        store: RecoveryStore,
        delay_ms: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.meeting = meeting
        self.store = store
        self._pending: dict[RowKey, Pending] = {}
        self._versions: dict[RowKey, tuple[int | None, int | None, str]] = {}
        self._recovered: set[RowKey] = set()
        self.failing = False
        self.damage: DamageFoundInUseError | None = None
        self.handed_over = False  # a backup is being restored: nothing more goes to the database
        self.last_saved_at: datetime | None = None
        self.delay_ms = delay_ms
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.flush)
        self.max_wait_ms = MAX_WAIT_MS
        self.overdue = QTimer(self)  # not restarted by keystrokes: steady typing is saved too
        self.overdue.setSingleShot(True)
        self.overdue.timeout.connect(lambda: self.flush(seal=False))
        self.burst_ended: Callable[[], None] | None = None
        self.journal = store.journal(host.services.db.name, meeting.id)
        found = store.left_over_journals(host.services.db.name, meeting.id)
        self.left_over: list[Entry] = [e for _, entries in found for e in entries]  # unsaved
        self.left_over_files = [path for path, _ in found]  # by sessions that have ended
        self.save_seconds: list[float] = []  # how long each save took (the benchmark reads it)

    # -- what is pending -------------------------------------------------------------------
    def track(self, key: RowKey, minute: dto.MinuteItemInfo | None) -> None:
        """Remember the saved minute (and version) a row's editor was loaded from."""
        if key not in self._pending:
            self._versions[key] = (
                (minute.id, minute.version, minute.narrative) if minute else (None, None, "")
            )

    def change(self, key: RowKey, field: str, text: str) -> None:
        """Text was typed (or undone): save it after the quiet delay."""
        minute_id, version, base = self._versions.get(key, (None, None, ""))
        current = self._pending.get(key) or Pending(key, None, None, minute_id, version, base)
        if field == "title":
            current = replace(current, title=text)
        else:
            current = replace(current, narrative=text)
        self._pending[key] = current
        if not self.handed_over:  # after a hand-over the recovery files take it all
            self.journal.record(self._journal_entry(current, field, text))
        if self.failing:
            self._write_recovery(key, self._failing_reason())
        if self.damage is None and not self.handed_over:
            self.timer.start(RETRY_MS if self.failing else self.delay_ms)
            if not self.failing and not self.overdue.isActive():
                self.overdue.start(self.max_wait_ms)

    def _journal_entry(self, pending: Pending, field: str, text: str) -> Entry:
        return {
            "key": text_key(pending.key, field),
            "text": text,
            "base_minute_id": pending.base_minute_id,
            "base_version": pending.base_version,
            "base_text": pending.base_narrative,
            "title": self.host.row_title(pending.key),
        }

    def _failing_reason(self) -> str:
        if self.damage is not None or self.handed_over:
            return "The database file was found damaged."
        return "The database could not be reached."

    def pending_text(self, key: RowKey, field: str) -> str | None:
        pending = self._pending.get(key)
        if pending is None:
            return None
        return pending.title if field == "title" else pending.narrative

    def has_pending(self, key: RowKey | None = None) -> bool:
        return bool(self._pending) if key is None else key in self._pending

    def forget(self, key: RowKey) -> None:
        self._pending.pop(key, None)
        self._versions.pop(key, None)
        for field in ("title", "narrative"):
            self.journal.forget(text_key(key, field))

    # -- saving ---------------------------------------------------------------------------
    def flush(self, *, seal: bool = True) -> bool:
        """Save everything pending now; True if all of it reached the database.
        ``seal=False`` (a save in the middle of steady typing) keeps the undo step open."""
        self.timer.stop()
        self.overdue.stop()
        if seal and self.burst_ended is not None:
            self.burst_ended()
        if not self._pending:
            return True
        if self.handed_over:
            self._keep_all_in_recovery()
            return False
        failure: Exception | None = None
        started = time.perf_counter()
        for key in list(self._pending):
            try:
                self._save(key)
            except ConflictError as exc:
                self._keep_both(key, exc)
            except Exception as exc:
                failure = exc
                break
        if failure is not None:
            self._fail(self._describe(failure), failure)
            return False
        self.save_seconds.append(time.perf_counter() - started)
        del self.save_seconds[:-1000]
        self._recover_done()
        return not self._pending

    def _save(self, key: RowKey) -> None:
        pending = self._pending[key]
        check_database(self.host.services)
        minute = self.host.minute_for(key)
        if minute is None and not (pending.narrative or "").strip() and pending.title is None:
            self._pending.pop(key, None)  # nothing written in an item without a minute
            return
        if minute is None:
            minute = self.host.start_minute(key)
        if minute.id != pending.base_minute_id:
            # A minute made since the typing began (here, or by undo and redo): its
            # current version is the base, so nothing is taken for someone else's change.
            fresh = self.host.minute_for(key, fresh=True) or minute
            pending = replace(pending, base_minute_id=fresh.id, base_version=fresh.version)
        title = pending.title.strip() if pending.title is not None else None
        info = self.host.services.minutes.update_minute(
            minute.id,
            title=title or None,  # a blank title is not saved: the old one stands until retyped
            narrative=pending.narrative,
            expected_version=pending.base_version,
        )
        self._pending.pop(key, None)
        self._versions[key] = (info.id, info.version, info.narrative)
        self.last_saved_at = datetime.now()
        for field in ("title", "narrative"):  # in the database now: out of the journal
            self.journal.forget(text_key(key, field))

    def _keep_both(self, key: RowKey, exc: ConflictError) -> None:
        """Someone else saved this minute: keep their text under ours, tell the user."""
        pending = self._pending[key]
        minute = self.host.minute_for(key, fresh=True)
        minute_id, version = (minute.id, minute.version) if minute else (None, None)
        theirs = exc.theirs or ""
        self._versions[key] = (minute_id, version, theirs)
        mine = pending.narrative
        rebased = replace(
            pending, base_minute_id=minute_id, base_version=version, base_narrative=theirs
        )
        if mine is None or theirs.strip() in ("", mine.strip(), pending.base_narrative.strip()):
            self._pending[key] = rebased  # their save left the text alone: nothing to merge
        else:
            merged = f"{mine}\n\n{CONFLICT_MARK}\n{theirs}"
            self._pending[key] = replace(rebased, narrative=merged)
            self.conflicted.emit(key, merged)
        try:
            self._save(key)
        except Exception as again:
            self._fail(self._describe(again), again)

    def _describe(self, exc: Exception) -> str:
        if isinstance(exc, ScbmeetError):
            return str(exc)
        where = log_bug(exc)
        return (
            f"An unexpected error stopped the save ({type(exc).__name__}); details are in {where}."
        )

    def _fail(self, message: str, error: Exception | None = None) -> None:
        self.failing = True
        if isinstance(error, DamageFoundInUseError):
            self.damage = error
        path = None
        recovery_error = ""
        try:
            for key in list(self._pending):
                path = self._write_recovery(key, message)
        except OSError as exc:
            recovery_error = (
                f"The recovery file could not be written either ({exc.strerror or exc})."
            )
        if self.damage is None:
            self.timer.start(RETRY_MS)
        self.failed.emit(
            SaveProblem(message, path.parent if path else None, recovery_error, self.damage)
        )

    # -- handing over to a restored backup ---------------------------------------------------
    def hand_over(self) -> bool:
        """Before a backup replaces the database: write every unsaved text, and every
        minute's text as this window last read it (it may be newer than the backup), to
        recovery files, and save nothing more. False if a recovery file could not be written."""
        self.timer.stop()
        self.overdue.stop()
        self.handed_over = True
        self.failing = True
        try:
            for key, minute in self.host.known_minutes():
                if key not in self._pending and minute.narrative.strip():
                    self._write_snapshot(key, minute)
            self._keep_all_in_recovery()
        except OSError:
            log.exception("could not write the recovery files before a restore")
            return False
        for key in list(self._pending):  # the recovery files hold it now, for the backup
            for field in ("title", "narrative"):
                self.journal.forget(text_key(key, field))
        return True

    def _keep_all_in_recovery(self) -> None:
        for key in list(self._pending):
            self._write_recovery(key, self._failing_reason())

    def _write_snapshot(self, key: RowKey, minute: dto.MinuteItemInfo) -> None:
        """A saved minute's text, kept in case the backup about to be restored predates it."""
        self.store.write(
            Recovery(
                database=self.host.services.db.name,
                meeting_id=self.meeting.id,
                meeting_label=self.meeting.label,
                row_kind=key.kind,
                row_id=key.id,
                minute_id=minute.id,
                title=minute.title,
                text=minute.narrative,
                base_text=minute.narrative,
                written_at=datetime.now(),
                reason="Saved in the damaged database file before a backup was restored.",
            )
        )
        self._recovered.add(key)

    def _write_recovery(self, key: RowKey, reason: str) -> Path | None:
        pending = self._pending.get(key)
        if pending is None:
            return None
        minute = self.host.minute_for(key)
        recovery = Recovery(
            database=self.host.services.db.name,
            meeting_id=self.meeting.id,
            meeting_label=self.meeting.label,
            row_kind=key.kind,
            row_id=key.id,
            minute_id=minute.id if minute else None,
            title=pending.title or self.host.row_title(key),
            text=pending.narrative if pending.narrative is not None else pending.base_narrative,
            base_text=pending.base_narrative,
            written_at=datetime.now(),
            reason=reason,
        )
        path = self.store.write(recovery)
        self._recovered.add(key)
        return path

    def _recover_done(self) -> None:
        """Everything is saved: the recovery files of this session are no longer needed."""
        was_failing = self.failing
        self.failing = False
        self.damage = None
        for key in list(self._recovered):
            if key not in self._pending:
                self.store.discard_row(
                    self.host.services.db.name, self.meeting.id, key.kind, key.id
                )
                self._recovered.discard(key)
        if was_failing or not self._pending:
            self.saved.emit()


def text_key(key: RowKey, field: str) -> list[object]:
    """The journal key of a row's title or narrative."""
    return ["text", key.kind, key.id, field]

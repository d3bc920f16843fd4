"""Recovery files: what a minute-taker typed that could not reach the database.

When a save fails mid-meeting (the file was removed, the disk is full, the database is
locked) the text stays on screen and is also written here, one small JSON file per minute,
atomically (write to a temporary file, flush to disk, rename). On the next start the
minutes window lists what is pending for its database and offers to put it back; a
recovery is discarded only when the user says so or the text has reached the database.

Beside them the folder holds each meeting's write-ahead journal
(:meth:`RecoveryStore.journal`, :mod:`scbmeet.storage.journal`): every keystroke's text,
on disk within a fraction of a second, put back by itself when minutes mode reopens.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path

from scbmeet.domain.errors import DatabaseError, DatabaseLockedError
from scbmeet.storage.atomic import write_text_atomically
from scbmeet.storage.damage import damage_found_in_use, is_damage
from scbmeet.storage.engine import Database, read_only_guard
from scbmeet.storage.journal import Entry, Journal, left_over
from scbmeet.storage.paths import data_dir

log = logging.getLogger(__name__)

FORMAT = "scbmeet-recovery"
VERSION = 1


@dataclass(frozen=True)
class Recovery:
    """Text typed into one minute (or an agenda item not yet minuted) that was not saved."""

    database: str  # the database's name as shown to users (a path, or a URL without password)
    meeting_id: int
    meeting_label: str  # "MSCB 9 December 2026"
    row_kind: str  # "item" (an agenda item) or "minute" (a minute without an agenda item)
    row_id: int
    minute_id: int | None
    title: str
    text: str  # everything in the narrative when it was last typed
    base_text: str  # the narrative last saved, so a restore can tell if others changed it
    written_at: datetime
    reason: str  # the error that stopped the save
    path: Path | None = field(default=None, compare=False)

    @property
    def key(self) -> str:
        raw = f"{self.database}\n{self.meeting_id}\n{self.row_kind}\n{self.row_id}"
        return hashlib.sha256(raw.encode()).hexdigest()[:24]


def default_folder() -> Path:
    return data_dir() / "recovery"


class RecoveryStore:
    """The recovery folder: write, list and discard pending recoveries."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_folder()

    def write(self, recovery: Recovery) -> Path:
        """Write (or overwrite) the recovery for its minute; raises OSError if it cannot."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"minute-{recovery.key}.json"
        data = {k: v for k, v in asdict(recovery).items() if k != "path"}
        data["written_at"] = recovery.written_at.isoformat()
        payload = json.dumps(
            {"format": FORMAT, "version": VERSION, "recovery": data}, ensure_ascii=False, indent=1
        )
        write_text_atomically(target, payload)
        return target

    def pending(self, database: str | None = None, meeting_id: int | None = None) -> list[Recovery]:
        """Recoveries waiting (for one database and meeting, if given), oldest first."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in sorted(self.folder.glob("minute-*.json")):
            recovery = _read(path)
            if recovery is None:
                continue
            if database is not None and recovery.database != database:
                continue
            if meeting_id is not None and recovery.meeting_id != meeting_id:
                continue
            found.append(recovery)
        return sorted(found, key=lambda r: r.written_at)

    def discard(self, recovery: Recovery) -> None:
        """Forget a recovery (its text is back in the database, or the user let it go)."""
        (self.folder / f"minute-{recovery.key}.json").unlink(missing_ok=True)

    def journal(self, database: str, meeting_id: int) -> Journal:
        """A new session's write-ahead journal for the meeting."""
        session = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        return Journal(self.folder / f"{journal_prefix(database, meeting_id)}{session}.jsonl")

    def left_over_journals(self, database: str, meeting_id: int) -> list[tuple[Path, list[Entry]]]:
        """What ended sessions left unsaved in the meeting's journals, oldest first."""
        return left_over(self.folder, journal_prefix(database, meeting_id))

    def discard_row(self, database: str, meeting_id: int, row_kind: str, row_id: int) -> None:
        probe = Recovery(
            database, meeting_id, "", row_kind, row_id, None, "", "", "", datetime.now(), ""
        )
        self.discard(probe)


def journal_prefix(database: str, meeting_id: int) -> str:
    raw = f"{database}\n{meeting_id}"
    return f"journal-{hashlib.sha256(raw.encode()).hexdigest()[:24]}-"


def _read(path: Path) -> Recovery | None:
    """A recovery file's content, or None (logged) for a damaged or foreign file."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("format") != FORMAT:
            raise ValueError("not a recovery file")
        data = dict(raw["recovery"])
        data["written_at"] = datetime.fromisoformat(data["written_at"])
        return replace(Recovery(**data), path=path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("ignoring unreadable recovery file %s: %s", path, exc)
        return None


def ensure_database_present(db: Database) -> None:
    """Refuse to save into an SQLite file that has been deleted or moved away.

    SQLite keeps writing to an open file after it is unlinked, so the saves would seem to
    succeed and vanish when the app closes; checking first lets the user be told at once.
    """
    path = db.path
    if path is not None and not path.exists():
        raise DatabaseError(
            f"The database file {path} has been removed or moved; nothing more can be saved "
            "to it until it is put back."
        )


LOCK_PROBE_S = 0.3


def ensure_database_writable(db: Database, wait_s: float = LOCK_PROBE_S) -> None:
    """Refuse at once (after ``wait_s``) when another program holds SQLite's write lock.

    The services would wait out the full busy timeout first, freezing the window for
    seconds while the minute-taker types; a short probe tells them straight away. Brief
    locks, such as another save, are simply waited for. A file the probe finds damaged
    raises :class:`~scbmeet.domain.errors.DamageFoundInUseError`, as the save itself would.
    """
    path = db.path
    if path is None or not path.exists():
        return
    try:
        probe = sqlite3.connect(path, timeout=wait_s, isolation_level=None)
    except sqlite3.Error:
        return  # the save itself will report what is wrong
    damaged = False
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise DatabaseLockedError(
                f"The database {db.name} is locked by another program; "
                "what you type is kept until it is free."
            ) from exc
        damaged = is_damage(exc)
        if damaged:
            raise damage_found_in_use(path, exc) from exc
    except sqlite3.DatabaseError as exc:
        damaged = is_damage(exc)
        if damaged:
            raise damage_found_in_use(path, exc) from exc
    finally:
        _close_probe(probe, path, damaged)


def _close_probe(probe: sqlite3.Connection, path: Path, damaged: bool) -> None:
    """Close the probe; on a damaged file, without the checkpoint that closing the last
    connection makes (it would write the ``-wal`` into the file a specialist may need)."""
    guard = read_only_guard(path) if damaged else None
    try:
        probe.close()
    finally:
        if guard is not None:
            guard.close()

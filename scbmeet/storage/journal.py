"""The write-ahead journal of minutes mode: what was typed, on disk within a fraction of a second.

Every change the minute-taker makes (the whole text of a title or narrative after a
keystroke, or a step such as a resolution that could not reach the database) is an entry:
a JSON object with a ``key`` saying what it is about. A background thread appends the
newest entry of each key to a ``.jsonl`` file and fsyncs it, at most every
:data:`FLUSH_INTERVAL_S`, so the typing never waits for the disk and a SIGKILL loses at
most that fraction of a second. Entries that reached the database are dropped
(:meth:`Journal.forget`): the file is rewritten with what is still unsaved, and is
empty when everything is saved. A torn last line (a kill mid-write) is
ignored on reading; the newest entry of each key wins.

Each session writes a file of its own and holds a lock on it (``.lock`` beside it, with
``flock``) while it runs: :func:`left_over` gives only the files of sessions that ended
(closed with something unsaved, or killed), never those of a window still open.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from scbmeet.storage.atomic import sync_folder

try:
    import fcntl
except ImportError:  # Windows: no session locks, every other file counts as left over
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

FORMAT = "scbmeet-journal"
FLUSH_INTERVAL_S = 0.2
COMPACT_BYTES = 1_000_000  # rewrite the file with only the newest entries beyond this size

Entry = dict[str, Any]
EntryKey = tuple[Any, ...]


def entry_key(entry: Entry) -> EntryKey:
    return tuple(entry["key"])


class Journal:
    """One meeting's journal file, written by a thread of its own."""

    def __init__(self, path: Path, interval_s: float = FLUSH_INTERVAL_S) -> None:
        self.path = path
        self.interval_s = interval_s
        self.error: OSError | None = None  # the last write that failed (None: all well)
        self._state: dict[EntryKey, Entry] = {}
        self._lock_fd = _hold_lock(path)
        self._buffer: list[Entry] = []
        self._rewrite = False
        self._busy = False
        self._closed = False
        self._lock = threading.Condition()
        self._fd: int | None = None
        self._thread: threading.Thread | None = None

    def _wake(self) -> None:
        """(Under the lock.) Something is to be written: the writing thread sees to it."""
        self._closed = False
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="scbmeet-journal", daemon=True)
            self._thread.start()
        self._lock.notify_all()

    # -- what the window calls (never waits for the disk) ---------------------------------
    def entries(self) -> list[Entry]:
        """What the journal holds now (unsaved entries), oldest first."""
        with self._lock:
            return list(self._state.values())

    def record(self, entry: Entry) -> None:
        """Add an entry (it replaces any earlier entry with the same key)."""
        entry = {**entry, "at": entry.get("at", time.time())}
        with self._lock:
            self._state.pop(entry_key(entry), None)
            self._state[entry_key(entry)] = entry
            self._buffer.append(entry)
            self._wake()

    def forget(self, key: Iterable[Any]) -> None:
        """An entry reached the database: drop it."""
        with self._lock:
            if self._state.pop(tuple(key), None) is not None:
                self._rewrite = True
                self._wake()

    def sync(self, timeout_s: float = 5.0) -> bool:
        """Wait until everything recorded is on disk (closing, tests)."""
        deadline = time.monotonic() + timeout_s
        with self._lock:
            while self._buffer or self._rewrite or self._busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
        return True

    def close(self) -> None:
        """Write what is left and stop; an empty journal leaves no file behind."""
        self.sync()
        with self._lock:
            self._closed = True
            self._lock.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join(timeout=5)
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if not self._state:
            self.path.unlink(missing_ok=True)
        self._release_lock()

    def abandon(self) -> None:
        """Stop as a killed process would: the file stays as it is on disk (tests)."""
        self.sync()
        with self._lock:
            self._closed = True
            self._buffer, self._rewrite = [], False
            self._lock.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join(timeout=5)
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        self._release_lock()

    def _release_lock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None
            lock_path(self.path).unlink(missing_ok=True)

    # -- the writing thread -----------------------------------------------------------------
    def _run(self) -> None:
        last = 0.0
        while True:
            with self._lock:
                while not (self._buffer or self._rewrite or self._closed):
                    self._lock.wait()
                if self._closed and not (self._buffer or self._rewrite):
                    return
            pause = last + self.interval_s - time.monotonic()
            if pause > 0:
                time.sleep(pause)  # more keystrokes arrive meanwhile: one write for them all
            with self._lock:
                batch, self._buffer = self._buffer, []
                rewrite, self._rewrite = self._rewrite, False
                snapshot = list(self._state.values()) if rewrite else []
                self._busy = True
            try:
                if rewrite:
                    self._write_whole(snapshot)
                else:
                    self._append(_newest_of_each(batch))
                self.error = None
            except OSError as exc:
                log.warning("could not write the journal %s: %s", self.path, exc)
                self.error = exc
                with self._lock:
                    self._rewrite = True  # try the whole file again with the next change
            finally:
                last = time.monotonic()
                with self._lock:
                    self._busy = False
                    self._lock.notify_all()

    def _append(self, batch: list[Entry]) -> None:
        if not batch:
            return
        fd = self._open()
        os.write(fd, "".join(_line(e) for e in batch).encode("utf-8"))
        os.fsync(fd)
        if os.fstat(fd).st_size > COMPACT_BYTES:
            with self._lock:
                snapshot = list(self._state.values())
            self._write_whole(snapshot)

    def _write_whole(self, entries: list[Entry]) -> None:
        """The file becomes exactly these entries (atomically: a kill leaves old or new)."""
        if not entries:
            fd = self._open()
            os.ftruncate(fd, 0)
            os.fsync(fd)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, "".join(_line(e) for e in entries).encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, self.path)
        sync_folder(self.path.parent)
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def _open(self) -> int:
        if self._fd is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            created = not self.path.exists()
            self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            if created:
                sync_folder(self.path.parent)
        return self._fd


def lock_path(path: Path) -> Path:
    return path.with_suffix(".lock")


def _hold_lock(path: Path) -> int | None:
    """Take the session's lock (released when the process ends, however it ends)."""
    if fcntl is None:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path(path), os.O_WRONLY | os.O_CREAT, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        log.warning("could not lock the journal %s: %s", path, exc)
        return None
    return fd


def _in_use(path: Path) -> bool:
    """Is a running session holding this journal?"""
    if fcntl is None or not lock_path(path).exists():
        return False
    try:
        fd = os.open(lock_path(path), os.O_WRONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing releases the probe's lock
    return False


def left_over(folder: Path, prefix: str) -> list[tuple[Path, list[Entry]]]:
    """The journals (named ``prefix*.jsonl``) of sessions that have ended, oldest first,
    with what each holds."""
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob(f"{prefix}*.jsonl") if not _in_use(p)]
    files.sort(key=lambda p: p.stat().st_mtime)
    return [(path, read_journal(path)) for path in files]


def discard(path: Path) -> None:
    """A left-over journal has been put back: remove it."""
    path.unlink(missing_ok=True)
    lock_path(path).unlink(missing_ok=True)


def read_lines(path: Path) -> list[Entry]:
    """Every whole entry in a journal file, in order; a torn or foreign line is skipped."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        log.warning("could not read the journal %s: %s", path, exc)
        return []
    found = []
    for line in raw.decode("utf-8", errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and entry.get("format") == FORMAT and "key" in entry:
            found.append(entry)
    return found


def read_journal(path: Path) -> list[Entry]:
    """What a journal file holds: the newest entry of each key, oldest first."""
    return [entry for _key, entry in _fold(read_lines(path))]


def _fold(lines: list[Entry]) -> list[tuple[EntryKey, Entry]]:
    state: dict[EntryKey, Entry] = {}
    for entry in lines:
        state.pop(entry_key(entry), None)
        state[entry_key(entry)] = entry
    return list(state.items())


def _newest_of_each(batch: list[Entry]) -> list[Entry]:
    newest = {entry_key(e): e for e in batch}
    return [e for e in batch if newest[entry_key(e)] is e]


def _line(entry: Entry) -> str:
    return json.dumps({**entry, "format": FORMAT}, ensure_ascii=False) + "\n"

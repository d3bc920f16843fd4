"""Backups of SQLite databases: taking, checking, rotating, finding and restoring them.

Every copy is made with SQLite's online backup API: a plain file copy of a live WAL
database can come out empty or inconsistent (the newest pages live in the ``-wal``
file), while the backup API copies a consistent snapshot. Each copy is written beside
its destination as ``.partial``, re-opened and integrity-checked, and only then renamed
into place, so a backup that exists is a backup that was good when it was taken.

Backups of a database live in their own folder, ``backups/<stem>-<tag>`` in the user's
data folder (``tag`` is a short hash of the database's full path, so two databases that
are both called ``scbmeet.sqlite3`` never share backups), named
``<stem>-<kind>-<YYYYmmdd-HHMMSS>.sqlite3`` in local time. Kinds:

* ``daily``: on the first open of each day, when the database changed since its newest
  backup (see :func:`daily_backup_if_due`); rotated by :func:`backups_to_keep`.
* ``before-<revision>``: before a schema migration; ``before-restore``: the database as it
  was before ``scbmeet restore`` replaced it. The newest :data:`KEEP_OTHER_KINDS` of each.
* ``manual``: ``scbmeet backup`` without ``--to``; never deleted automatically.

A database that cannot be used (damaged, not a database, written by a newer scbmeet) is
never overwritten: :func:`restore_database` moves it aside (``.damaged`` / ``.newer``,
with its ``-wal`` and ``-shm`` files) before putting a backup in its place.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from scbmeet.domain.errors import (
    DatabaseError,
    DatabaseLockedError,
    NewerSchemaError,
    NotADatabaseError,
)
from scbmeet.storage import schema_match
from scbmeet.storage.netfs import is_unc_path
from scbmeet.storage.revisions import is_known_revision

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
BACKUP_SUFFIX = ".sqlite3"
DAILY = "daily"
MANUAL = "manual"
BEFORE_RESTORE = "before-restore"
KEEP_OTHER_KINDS = 5
STAMP_FORMAT = "%Y%m%d-%H%M%S"
STATE_FILE = "daily-check.json"
BUSY_TIMEOUT_S = 5.0
_NAME_RE = re.compile(r"^(?P<kind>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.sqlite3$")


@dataclass(frozen=True)
class BackupInfo:
    """One backup file of a database."""

    path: Path
    kind: str
    taken_at: datetime  # local time, from the file name


@dataclass(frozen=True)
class Diagnosis:
    """What is wrong with a database file: ``problem`` is ``damaged``, ``not_a_database``
    or ``newer``; ``detail`` says how, in words."""

    problem: str
    detail: str


@dataclass(frozen=True)
class RestoreResult:
    """What :func:`restore_database` did with the database it replaced."""

    target: Path
    previous: Path | None  # where the replaced database is now (a backup or a moved-aside file)
    previous_was_unusable: bool


# -- the copy itself ----------------------------------------------------------------------------
def _connect_existing(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection to an existing file (never creates one), waiting for locks like the app.

    SQLite's ``file:`` URIs cannot name a Windows network path (``\\\\server\\share``: it
    refuses a URI authority), so such a path is opened by name, read-write, after checking
    that it exists.
    """
    resolved = path.resolve()
    if is_unc_path(str(resolved)):
        if not resolved.is_file():
            raise sqlite3.OperationalError(f"unable to open database file {resolved}")
        return sqlite3.connect(str(resolved), timeout=BUSY_TIMEOUT_S)
    mode = "ro" if readonly else "rw"
    return sqlite3.connect(f"{resolved.as_uri()}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT_S)


def backup_sqlite(source: Path, destination: Path) -> Path:
    """Copy the database at ``source`` to ``destination`` through the backup API, checked.

    The copy is written beside ``destination`` as ``.partial``, checked, and renamed over
    ``destination`` only if it is sound.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with closing(_connect_existing(source)) as src, closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
        verify_sqlite(partial)
        partial.replace(destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return destination


def restore_sqlite(backup: Path, target: Path) -> None:
    """Write the contents of ``backup`` over the database at ``target`` (through SQLite)."""
    with closing(_connect_existing(backup)) as src, closing(_connect_existing(target)) as dst:
        src.backup(dst)


def verify_sqlite(path: Path) -> None:
    """Raise :class:`NotADatabaseError` unless ``path`` passes SQLite's integrity check."""
    try:
        with closing(_connect_existing(path, readonly=True)) as con:
            rows = con.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise NotADatabaseError(f"{path} is not a usable SQLite database ({exc}).") from exc
    if rows != [("ok",)]:
        problems = "; ".join(str(r[0]) for r in rows[:3])
        raise NotADatabaseError(f"{path} failed its integrity check: {problems}")


def timestamped_name(stem: str, label: str, when: datetime | None = None) -> str:
    return f"{stem}-{label}-{(when or datetime.now()):{STAMP_FORMAT}}{BACKUP_SUFFIX}"


# -- telling a good database from a bad one -------------------------------------------------------
def _schema_revision(con: sqlite3.Connection) -> tuple[str | None, bool]:
    """(the scbmeet schema revision, whether the database has any other tables)."""
    tables = {
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    others = bool(tables - {"alembic_version"})
    if "alembic_version" not in tables:
        return None, others
    row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    return (str(row[0]) if row else None), others


def is_read_only_error(error: BaseException | None) -> bool:
    """Whether a driver error says the file may not be written (SQLITE_READONLY)."""
    text = str(error).lower()
    return "readonly" in text or "read-only" in text


def read_only_location(path: Path) -> str | None:
    """Why ``path`` cannot be opened for lack of write access, in one sentence, or None.

    A database in WAL mode (scbmeet's own) needs its ``-shm`` file beside it even to be
    read, so in a folder that cannot be written (a read-only disk or share) SQLite says
    only "unable to open database file".
    """
    folder = path.parent
    if os.access(folder, os.W_OK):
        return None
    return (
        f"The database {path} is on a disk or in a folder scbmeet cannot write to (read-only), "
        "and SQLite must write beside it to open it; copy it to a writable folder "
        "(or ask for write access) and open the copy."
    )


def _connect_for_checking(path: Path) -> sqlite3.Connection:
    """A read-only connection where possible: checking a damaged file must not write to it
    (a read-write connection would checkpoint or discard its ``-wal`` on closing)."""
    con = None
    try:
        con = _connect_existing(path, readonly=True)
        con.execute("SELECT 1 FROM sqlite_master LIMIT 1")
        return con
    except sqlite3.DatabaseError as exc:
        if con is not None:
            con.close()
        if (
            not isinstance(exc, sqlite3.OperationalError)
            or "unable to open" not in str(exc).lower()
        ):
            raise
    # A read-only folder without the -shm file, or a hot rollback journal: only a
    # read-write connection can read it.
    return _connect_existing(path)


def diagnose(path: Path, *, thorough: bool = False, allow_empty: bool = True) -> Diagnosis | None:
    """None if ``path`` is a sound scbmeet database; otherwise what is wrong with it.

    ``quick_check`` (the default) finds damaged and truncated files in one pass over the
    pages; ``thorough`` runs the full ``integrity_check`` (also indexes against tables).
    An SQLite database with no tables at all counts as sound (scbmeet fills it) unless
    ``allow_empty`` is false, as for a backup, which must hold scbmeet's data.
    Raises :class:`DatabaseLockedError` or :class:`DatabaseError` when the file cannot be
    read at all for reasons that are not its fault (locked, no permission).
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseError(f"Cannot read {path}: {exc.strerror}.") from exc
    if not head:
        return Diagnosis("damaged", "the file is empty")
    if head != SQLITE_MAGIC:
        return Diagnosis("not_a_database", "it is not an SQLite database at all")
    check = "integrity_check" if thorough else "quick_check"
    try:
        with closing(_connect_for_checking(path)) as con:
            rows = con.execute(f"PRAGMA {check}").fetchall()
            if rows != [("ok",)]:
                return Diagnosis("damaged", damage_detail(rows))
            revision, other_tables = _schema_revision(con)
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise DatabaseLockedError(
                f"The database {path} is locked by another program; try again when it has finished."
            ) from exc
        if "unable to open" in text or is_read_only_error(exc):
            raise DatabaseError(
                read_only_location(path) or f"Cannot open the database {path}: {exc}."
            ) from exc
        return Diagnosis("damaged", str(exc))
    except sqlite3.DatabaseError as exc:
        return Diagnosis("damaged", str(exc))
    if revision is None and (other_tables or not allow_empty):
        return Diagnosis("not_a_database", "it is an SQLite database, but not an scbmeet one")
    if revision is None:
        return None
    if not is_known_revision(revision):
        return Diagnosis(
            "newer", f"it was written by a newer version of scbmeet (schema {revision})"
        )
    return None


def damage_detail(rows: list[tuple[object, ...]]) -> str:
    """SQLite's list of problems, shortened to its first problem and a count."""
    lines = [
        line.strip()
        for row in rows
        for line in str(row[0]).splitlines()
        if line.strip() and not line.startswith("***")
    ]
    if not lines:
        return "SQLite's check found damage"
    more = f", and {len(lines) - 1} more problem(s)" if len(lines) > 1 else ""
    return f"SQLite's check found damage ({lines[0][:120]}{more})"


def check_backup(path: Path) -> None:
    """Refuse (with a message naming the file) anything that is not a sound scbmeet database
    this scbmeet can open: the test every backup passes before it counts or is restored."""
    if not path.is_file():
        raise NotADatabaseError(f"There is no file {path}.")
    diagnosis = diagnose(path, thorough=True, allow_empty=False)
    if diagnosis is None:
        _check_backup_schema(path)
        return
    if diagnosis.problem == "newer":
        raise NewerSchemaError(f"{path} cannot be used: {diagnosis.detail}; update scbmeet first.")
    raise NotADatabaseError(f"{path} is not a valid scbmeet database: {diagnosis.detail}.")


def _check_backup_schema(path: Path) -> None:
    """Refuse a backup whose schema is not exactly its revision's, or whose rows refer to
    missing rows: restoring it would bring in whatever was planted there."""
    try:
        with closing(_connect_for_checking(path)) as con:
            revision, _ = _schema_revision(con)
            problems = schema_match.database_problems(con, revision) if revision else []
    except sqlite3.DatabaseError as exc:
        raise NotADatabaseError(f"{path} is not a valid scbmeet database: {exc}.") from exc
    if problems:
        more = f" (and {len(problems) - 3} more problems)" if len(problems) > 3 else ""
        raise NotADatabaseError(
            f"{path} is not a valid scbmeet database: {'; '.join(problems[:3])}{more}."
        )


# -- where backups live ---------------------------------------------------------------------------
def backups_root() -> Path:
    from scbmeet.storage.paths import data_dir

    return data_dir() / "backups"


def backup_folder(database: Path) -> Path:
    """The folder holding the backups of ``database`` (one folder per database file)."""
    resolved = os.path.normcase(str(database.expanduser().resolve()))
    tag = hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return backups_root() / f"{database.stem}-{tag}"


def list_backups(database: Path) -> list[BackupInfo]:
    """The backups of ``database`` in its backup folder, newest first."""
    folder = backup_folder(database)
    if not folder.is_dir():
        return []
    prefix = f"{database.stem}-"
    found = []
    for path in folder.iterdir():
        if not (path.name.startswith(prefix) and path.is_file()):
            continue
        match = _NAME_RE.match(path.name[len(prefix) :])
        if match is None:
            continue
        try:
            taken = datetime.strptime(match["stamp"], STAMP_FORMAT)
        except ValueError:
            continue
        try:  # within one second, the file written last is the newest
            written = path.stat().st_mtime_ns
        except OSError:
            continue
        info = BackupInfo(path, match["kind"], taken)
        found.append(((taken, int(match["n"] or 0), written), info))
    found.sort(key=lambda t: t[0], reverse=True)
    return [info for _, info in found]


def _unique_destination(folder: Path, stem: str, kind: str, when: datetime) -> Path:
    path = folder / timestamped_name(stem, kind, when)
    counter = 1
    while path.exists():
        counter += 1
        path = folder / f"{stem}-{kind}-{when:{STAMP_FORMAT}}-{counter}{BACKUP_SUFFIX}"
    return path


PARTIAL_SUFFIXES = (".partial", ".partial-journal", ".partial-wal", ".partial-shm")


def leftover_partials(database: Path) -> list[Path]:
    """The unfinished copies (``.partial`` and its journal) that a killed backup left in
    ``database``'s backup folder, oldest name first."""
    folder = backup_folder(database)
    if not folder.is_dir():
        return []
    prefix = f"{database.stem}-"
    return sorted(
        path
        for path in folder.iterdir()
        if path.name.startswith(prefix) and path.name.endswith(PARTIAL_SUFFIXES)
    )


def _in_use(partial: Path) -> bool:
    """Whether another backup is writing ``partial`` right now (it holds SQLite's lock on
    it); a killed backup's lock went with its process."""
    if not partial.name.endswith(".partial"):
        return _in_use(partial.with_name(partial.name.rsplit(".partial", 1)[0] + ".partial"))
    if not partial.exists():
        return False
    try:
        with closing(sqlite3.connect(f"{partial.as_uri()}?mode=rw", uri=True, timeout=0)) as con:
            con.execute("BEGIN IMMEDIATE")
            con.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        return "locked" in str(exc).lower() or "busy" in str(exc).lower()
    except sqlite3.DatabaseError:
        return False
    return False


def remove_leftover_partials(database: Path) -> list[Path]:
    """Delete what killed backups left behind (see :func:`leftover_partials`); returns it."""
    removed = []
    for path in leftover_partials(database):
        if _in_use(path):
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            log.warning("could not remove the unfinished backup %s: %s", path, exc)
            continue
        removed.append(path)
    if removed:
        log.info("removed %d file(s) left by an interrupted backup", len(removed))
    return removed


def take_backup(database: Path, kind: str, *, now: datetime | None = None) -> Path:
    """Back ``database`` up into its backup folder as ``kind``; returns the checked copy.

    What an earlier, killed backup left unfinished in the folder is removed first.
    """
    remove_leftover_partials(database)
    when = (now or datetime.now()).replace(microsecond=0)
    destination = _unique_destination(backup_folder(database), database.stem, kind, when)
    try:
        backup_sqlite(database, destination)
    except OSError as exc:
        raise DatabaseError(
            f"Could not write a backup of {database} to {destination.parent}: {exc.strerror or exc}."
        ) from exc
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"Could not back up {database}: {exc}.") from exc
    if kind not in (DAILY, MANUAL):
        _prune_kind(database, kind)
    return destination


def backup_to(database: Path, destination: Path) -> Path:
    """``scbmeet backup --to FILE``: a checked copy at ``destination``.

    An existing ``destination`` is replaced only if it is itself an scbmeet database (an
    older backup); anything else there is left alone and the backup refused.
    """
    destination = destination.expanduser()
    if destination.exists() and destination.resolve() == database.resolve():
        raise DatabaseError("A backup cannot be written over the database itself.")
    if destination.is_dir():
        raise DatabaseError(f"{destination} is a folder; name the backup file to write.")
    if destination.exists():
        try:
            check_backup(destination)
        except DatabaseError:
            raise DatabaseError(
                f"{destination} already exists and is not an scbmeet backup; "
                "choose another file name."
            ) from None
    if not destination.parent.is_dir():
        raise DatabaseError(f"The folder {destination.parent} does not exist.")
    try:
        return backup_sqlite(database, destination)
    except OSError as exc:
        raise DatabaseError(f"Could not write {destination}: {exc.strerror or exc}.") from exc


def newest_good_backup(database: Path) -> BackupInfo | None:
    """The newest backup of ``database`` that passes its check, or None."""
    for info in list_backups(database):
        try:
            if diagnose(info.path, allow_empty=False) is None:
                return info
        except DatabaseError:
            continue
        log.info("skipping unusable backup %s", info.path)
    return None


# -- rotation ----------------------------------------------------------------------------------------
def backups_to_keep(
    stamps: Iterable[datetime], *, daily: int, weekly: int, monthly: int
) -> set[datetime]:
    """Grandfather-father-son: of the given backup times, those to keep.

    The newest backup of each of the ``daily`` most recent days that have one, of each of
    the ``weekly`` most recent ISO weeks, and of each of the ``monthly`` most recent
    months. Days without changes have no backup, so "the last 7 daily" are the last 7
    days on which something had changed.
    """
    ordered = sorted(set(stamps), reverse=True)
    keep: set[datetime] = set()
    for count, period in (
        (daily, lambda t: t.date()),
        (weekly, lambda t: t.isocalendar()[:2]),
        (monthly, lambda t: (t.year, t.month)),
    ):
        seen: list[object] = []
        for stamp in ordered:
            key = period(stamp)
            if key in seen:
                continue
            if len(seen) >= max(count, 0):
                break
            seen.append(key)
            keep.add(stamp)
    return keep


def rotate(database: Path, *, daily: int, weekly: int, monthly: int) -> list[Path]:
    """Delete the daily backups the rotation no longer keeps; returns what was deleted."""
    dailies = [b for b in list_backups(database) if b.kind == DAILY]
    keep = backups_to_keep(
        (b.taken_at for b in dailies), daily=daily, weekly=weekly, monthly=monthly
    )
    removed = []
    for info in dailies:
        if info.taken_at not in keep:
            info.path.unlink(missing_ok=True)
            removed.append(info.path)
    return removed


def _prune_kind(database: Path, kind: str) -> None:
    for info in [b for b in list_backups(database) if b.kind == kind][KEEP_OTHER_KINDS:]:
        info.path.unlink(missing_ok=True)


# -- the daily backup ---------------------------------------------------------------------------------
def fingerprint(path: Path) -> str:
    """A hash of everything stored in the database, read in one snapshot.

    Two databases with the same fingerprint hold the same rows. SQLite keeps no durable
    "last changed" marker we could use instead (``data_version`` and ``total_changes`` are
    per connection, and the header's change counter is not kept up in WAL mode), and
    ``updated_at`` columns exist only on some tables. Blob columns are left out: a stored
    paper's bytes change only together with its ``sha256`` column, which is hashed.
    """
    digest = hashlib.sha256()
    with closing(_connect_for_checking(path)) as con:
        con.execute("BEGIN")  # one read snapshot for all tables
        tables = con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
        # A full-text index (a virtual table and its shadow tables, some WITHOUT ROWID) is
        # derived from the rows hashed here, so it is left out.
        virtual = [n for n, sql in tables if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
        tables = [
            (n, sql)
            for n, sql in tables
            if not any(n == v or n.startswith(f"{v}_") for v in virtual)
        ]
        for name, sql in tables:
            digest.update(f"{name}\0{sql}\0".encode())
            columns = [
                f'"{column}"'
                for _, column, kind, *_ in con.execute(f'PRAGMA table_info("{name}")')
                if (kind or "").upper() != "BLOB"
            ]
            for row in con.execute(f'SELECT {", ".join(columns)} FROM "{name}" ORDER BY rowid'):
                digest.update(repr(row).encode("utf-8", "surrogatepass"))
                digest.update(b"\n")
        con.execute("ROLLBACK")
    return digest.hexdigest()


def _read_state(folder: Path) -> dict[str, str]:
    try:
        raw = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in raw.items() if isinstance(v, str)} if isinstance(raw, dict) else {}


def _write_state(folder: Path, state: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / (STATE_FILE + ".partial")
    partial.write_text(json.dumps(state, indent=1), encoding="utf-8")
    partial.replace(folder / STATE_FILE)


def daily_backup_if_due(
    database: Path,
    *,
    now: datetime | None = None,
    daily: int = 7,
    weekly: int = 4,
    monthly: int = 12,
) -> Path | None:
    """On the first open of a day, back up ``database`` if it changed since its newest backup.

    "Changed" compares :func:`fingerprint` s, so opening and closing without editing makes
    no backup, and the fingerprint of the newest backup is remembered (in
    ``daily-check.json`` beside the backups) so it is computed once. Later opens on the
    same day do nothing. Returns the new backup, or None.
    """
    when = (now or datetime.now()).replace(microsecond=0)
    folder = backup_folder(database)
    state = _read_state(folder)
    today = when.date().isoformat()
    if state.get("checked_on") == today:
        return None
    current = fingerprint(database)
    newest = next(iter(list_backups(database)), None)
    made = None
    if newest is None or _fingerprint_of_backup(newest, state) != current:
        made = take_backup(database, DAILY, now=when)
        rotate(database, daily=daily, weekly=weekly, monthly=monthly)
        newest = BackupInfo(made, DAILY, when)
    _write_state(folder, {"checked_on": today, "backup": newest.path.name, "fingerprint": current})
    return made


def _fingerprint_of_backup(backup: BackupInfo, state: dict[str, str]) -> str:
    if state.get("backup") == backup.path.name and state.get("fingerprint"):
        return state["fingerprint"]
    try:
        return fingerprint(backup.path)
    except sqlite3.DatabaseError:
        return ""  # an unreadable backup does not count: take a new one


# -- restoring ---------------------------------------------------------------------------------------
def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def move_aside(path: Path, suffix: str) -> Path:
    """Rename ``path`` (and its ``-wal``/``-shm``/``-journal`` files) to ``<name><suffix>``,
    never over an existing file; returns the new path of the database file."""
    candidate = path.with_name(path.name + suffix)
    counter = 1
    while candidate.exists() or any(s.exists() for s in _sidecars(candidate)):
        counter += 1
        candidate = path.with_name(f"{path.name}.{counter}{suffix}")
    for old, new in zip(_sidecars(path), _sidecars(candidate), strict=True):
        if old.exists():
            old.rename(new)
    path.rename(candidate)
    return candidate


ASIDE_SUFFIX = {"damaged": ".damaged", "not_a_database": ".damaged", "newer": ".newer"}


def restore_database(backup: Path, target: Path, *, now: datetime | None = None) -> RestoreResult:
    """Put the backup ``backup`` in place of the database at ``target``.

    ``backup`` must be a sound scbmeet database (else nothing changes). A sound current
    database is first kept as a ``before-restore`` backup and then overwritten through
    SQLite (so other open connections see the restored data); an unusable one is moved
    aside untouched (``.damaged`` or ``.newer``) and the backup copied into its place.
    """
    backup = backup.expanduser()
    target = target.expanduser()
    check_backup(backup)
    if target.exists() and backup.resolve() == target.resolve():
        raise DatabaseError(f"{backup} is the database itself; choose a backup to restore.")
    if not target.parent.is_dir():
        raise DatabaseError(f"The folder {target.parent} does not exist.")
    if not target.exists():
        backup_sqlite(backup, target)
        return RestoreResult(target, None, False)
    diagnosis = diagnose(target)
    if diagnosis is not None:
        aside = move_aside(target, ASIDE_SUFFIX[diagnosis.problem])
        log.info("moved unusable %s aside to %s (%s)", target, aside, diagnosis.detail)
        backup_sqlite(backup, target)
        return RestoreResult(target, aside, True)
    kept = take_backup(target, BEFORE_RESTORE, now=now)
    try:
        restore_sqlite(backup, target)
    except sqlite3.OperationalError as exc:
        raise DatabaseError(
            f"Could not restore over {target} ({exc}); it is unchanged, and a copy is at {kept}."
        ) from exc
    problem = diagnose(target)
    if problem is not None:  # pragma: no cover - the backup API does not produce damaged copies
        raise DatabaseError(f"The restored {target} failed its check ({problem.detail}).")
    return RestoreResult(target, kept, False)

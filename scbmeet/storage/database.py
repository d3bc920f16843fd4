"""Opening the database: where it lives, how SQLite is tuned, and its schema kept current.

:func:`open_database` is the one way in. It resolves the location (``--db PATH``, then
``SCBMEET_DATABASE_URL``, then a file in the user's data directory), checks an existing
SQLite file before touching it (header, ``PRAGMA quick_check``, schema stamp: a damaged,
truncated, foreign or too-new file raises :class:`~scbmeet.domain.errors.UnusableDatabaseError`
naming the file and its newest good backup), migrates older ones, takes the daily backup,
and returns a :class:`Database` whose :meth:`~Database.transaction` runs one unit of work.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session

from scbmeet.domain.errors import (
    DamagedDatabaseError,
    DamageFoundInUseError,
    DatabaseError,
    DatabaseLockedError,
    NewerDatabaseFileError,
    NewerSchemaError,
    NotADatabaseError,
    UnusableDatabaseError,
)
from scbmeet.storage.paths import data_dir

ENV_URL = "SCBMEET_DATABASE_URL"

BUSY_TIMEOUT_MS = 5000


def default_database_path() -> Path:
    return data_dir() / "scbmeet.sqlite3"


def resolve_url(db_path: str | os.PathLike[str] | None = None) -> str:
    """The SQLAlchemy URL to use: an explicit file wins over the environment and default."""
    if db_path is not None:
        return sqlite_url(Path(db_path))
    from_env = os.environ.get(ENV_URL, "").strip()
    if from_env:
        return from_env
    return sqlite_url(default_database_path())


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind an SQLite URL, or None for other databases and in-memory ones."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def describe_url(url: str) -> str:
    """A name for the database that is safe to show (no password)."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    return make_url(url).render_as_string(hide_password=True)


def _tune_sqlite(engine: Engine) -> None:
    """Foreign keys, WAL with FULL sync, a busy timeout, and explicit transactions.

    WAL with ``synchronous=NORMAL`` can lose the last commits on power loss, and minutes
    typed in a meeting are exactly what may not be lost; hence FULL. The driver's own
    transaction handling is switched off so that writes begin IMMEDIATE (taking the write
    lock up front, where the busy timeout applies) and DDL is transactional.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite connections are tuned as described above."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _tune_sqlite(engine)
        return engine
    try:
        return sa.create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        raise DatabaseError(
            f"scbmeet cannot reach {describe_url(url)}: the database driver {exc.name!r} is not installed."
        ) from exc
    except sa.exc.ArgumentError as exc:
        raise DatabaseError(f"{url!r} is not a database URL scbmeet understands ({exc}).") from exc


# SQLite's result codes for a damaged file (primary codes: extended ones share the low byte).
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26


def is_damage(error: BaseException | None) -> bool:
    """Whether a driver error says the SQLite file itself is damaged (SQLITE_CORRUPT,
    SQLITE_NOTADB: "database disk image is malformed", "file is not a database")."""
    if error is None:
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return True
    text = str(error).lower()
    return "malformed" in text or "not a database" in text or "disk image" in text


@contextmanager
def translate_errors(where: str, *, path: Path | None = None) -> Iterator[None]:
    """Turn driver errors that users can act on into :class:`ScbmeetError` s.

    ``path`` is the SQLite file of a database already open: damage found there becomes a
    :class:`DamageFoundInUseError` naming the file and its newest good backup.
    """
    try:
        yield
    except OperationalError as exc:
        text = str(exc.orig).lower()
        first_line = _first_line(exc.orig)

        if "locked" in text or "busy" in text:
            raise DatabaseLockedError(
                f"The database {where} is locked by another program; "
                "try again when it has finished."
            ) from exc
        if "unable to open" in text:
            raise DatabaseError(f"Cannot open the database {where}: {first_line}") from exc
        if "disk" in text and "full" in text:
            raise DatabaseError(f"The disk holding {where} is full; nothing was saved.") from exc
        if "readonly" in text or "read-only" in text:
            raise DatabaseError(f"The database {where} is read-only; nothing was saved.") from exc
        if "could not connect" in text or "connection" in text:
            raise DatabaseError(f"Cannot connect to the database {where}: {first_line}") from exc
        raise
    except SADatabaseError as exc:
        if not is_damage(exc.orig):
            raise
        if path is not None:
            raise damage_found_in_use(path, exc.orig) from exc
        raise NotADatabaseError(
            f"{where} is not an scbmeet database, or it is damaged ({exc.orig})."
        ) from exc
    except sqlite3.DatabaseError as exc:  # raised outside SQLAlchemy (backup API, raw queries)
        if path is not None and is_damage(exc):
            raise damage_found_in_use(path, exc) from exc
        raise NotADatabaseError(f"{where} is not a usable SQLite database ({exc}).") from exc


def _first_line(error: BaseException | None) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else ""


def damage_found_in_use(path: Path, error: BaseException | None) -> DamageFoundInUseError:
    """The error for damage met in an open database: what SQLite said, and the way back."""
    found = unusable_database_error(
        path, "damaged", f'SQLite reported "{_first_line(error)}" while it was open', in_use=True
    )
    assert isinstance(found, DamageFoundInUseError)
    return found


def current_user() -> str:
    """Who is making changes, for the audit trail (a setting may override it)."""
    configured = os.environ.get("SCBMEET_USER", "").strip()
    if configured:
        return configured
    from scbmeet.settings import USER_NAME, Settings

    named = str(Settings.default().get(USER_NAME)).strip()
    if named:
        return named
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@dataclass
class Database:
    """An open, migrated database and the unit-of-work boundary for the services."""

    url: str
    engine: Engine
    user: str = field(default_factory=current_user)
    # Things the user should know about this database (a network share, a failed daily
    # backup); the CLI prints them on stderr, the GUI shows them once opened.
    warnings: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return describe_url(self.url)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed if the block succeeds, rolled back entirely if not."""
        with (
            translate_errors(self.name, path=self.path),
            Session(self.engine, expire_on_commit=False) as s,
            s.begin(),
        ):
            yield s

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only snapshot that does not take SQLite's write lock."""
        engine = self.engine.execution_options(sqlite_begin="DEFERRED")
        # Closing the session without committing rolls the snapshot back.
        with (
            translate_errors(self.name, path=self.path),
            Session(engine, expire_on_commit=False) as s,
        ):
            yield s

    def dispose(self) -> None:
        self.engine.dispose()

    def release_damaged_file(self) -> None:
        """Close every connection without writing to a file found damaged.

        The last connection to close a WAL database normally copies the ``-wal`` file into
        it (a checkpoint). For a damaged file that would write into it and fold away the
        newest transactions, which a specialist may yet recover from the ``-wal``; SQLite
        skips the checkpoint while another connection has the file open, so a read-only
        one (which never checkpoints) is held open meanwhile.
        """
        path = self.path
        guard = read_only_guard(path) if path is not None else None
        try:
            self.engine.dispose()
        finally:
            if guard is not None:
                guard.close()


def read_only_guard(path: Path) -> sqlite3.Connection | None:
    """A read-only connection holding ``path`` open (None if it cannot read it at all)."""
    try:
        guard = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, OSError, ValueError):
        return None
    try:
        # Takes the shared lock without reading the schema, which may be what is damaged.
        guard.execute("PRAGMA schema_version").fetchall()
    except sqlite3.Error:
        guard.close()
        return None
    return guard


def open_database(
    url: str | None = None,
    *,
    create: bool = True,
    migrate: bool = True,
    daily_backup: bool = True,
) -> Database:
    """Open (and if needed create and migrate) the database at ``url``.

    Raises :class:`DatabaseError` subclasses with a message naming the database when it
    is missing (and ``create`` is false), locked, or unusable (damaged, truncated, not a
    database, too new: :class:`UnusableDatabaseError`, carrying the newest good backup).
    An existing SQLite file gets its daily backup here (see
    :func:`scbmeet.storage.backup.daily_backup_if_due`) unless ``daily_backup`` is false.
    """
    from scbmeet.storage import schema

    url = url or resolve_url()
    where = describe_url(url)
    path = sqlite_path(url)
    existed = False
    if path is not None:
        if path.is_dir():
            raise DatabaseError(f"{where} is a folder, not a database file.")
        if not path.exists():
            if not create:
                raise DatabaseError(
                    f"There is no database at {where}; create one with 'scbmeet init'."
                )
            if not path.parent.exists():
                raise DatabaseError(f"The folder {path.parent} does not exist.")
        else:
            existed = check_existing_sqlite(path)
    engine = make_engine(url)
    database = Database(url=url, engine=engine)
    try:
        with translate_errors(where):
            if migrate:
                schema.upgrade(database)
            else:
                schema.ensure_current(database)
    except UnusableDatabaseError:
        engine.dispose()
        raise
    except (NotADatabaseError, NewerSchemaError) as exc:
        engine.dispose()
        if path is None:
            raise
        problem = "newer" if isinstance(exc, NewerSchemaError) else "damaged"
        raise unusable_database_error(path, problem, str(exc)) from exc
    except (DBAPIError, DatabaseError, OSError):
        engine.dispose()
        raise
    if path is not None:
        _after_opening_sqlite(database, path, backup=existed and daily_backup)
    return database


def _after_opening_sqlite(database: Database, path: Path, *, backup: bool) -> None:
    """The daily backup and the network-share check, as warnings rather than failures:
    neither may stop a secretary from opening the minutes."""
    from scbmeet.storage.netfs import network_share_warning

    if backup:
        try:
            take_daily_backup(path)
        except (DatabaseError, OSError, sqlite3.Error) as exc:
            database.warnings.append(f"The daily backup of {path} could not be made: {exc}")
    try:
        warning = network_share_warning(path)
    except OSError:
        warning = None
    if warning:
        database.warnings.append(warning)


def take_daily_backup(path: Path) -> Path | None:
    """The daily backup of ``path`` if one is due, with the rotation from the settings."""
    from scbmeet.settings import BACKUPS_DAILY, BACKUPS_MONTHLY, BACKUPS_WEEKLY, Settings
    from scbmeet.storage.backup import daily_backup_if_due

    settings = Settings.default()
    return daily_backup_if_due(
        path,
        daily=settings.get(BACKUPS_DAILY),
        weekly=settings.get(BACKUPS_WEEKLY),
        monthly=settings.get(BACKUPS_MONTHLY),
    )


def check_existing_sqlite(path: Path) -> bool:
    """Check an existing SQLite file before opening it; True if it holds a database.

    An empty file is taken for a new database, unless backups of it exist (then it is a
    database that lost its contents). Anything damaged, foreign or too new raises
    :class:`UnusableDatabaseError` with the newest good backup.
    """
    from scbmeet.storage.backup import diagnose, list_backups

    try:
        empty = path.stat().st_size == 0
    except OSError as exc:
        raise DatabaseError(f"Cannot read {path}: {exc.strerror}.") from exc
    if empty and not list_backups(path):
        return False
    diagnosis = diagnose(path)
    if diagnosis is not None:
        raise unusable_database_error(path, diagnosis.problem, diagnosis.detail)
    return True


def unusable_database_error(
    path: Path, problem: str, detail: str, *, in_use: bool = False
) -> UnusableDatabaseError:
    """The error for an unusable file: what is wrong, and the way back (a backup, if any).

    ``in_use``: the damage was found in a database already open, so the step that met it
    saved nothing (:class:`DamageFoundInUseError`).
    """
    from scbmeet.storage.backup import ASIDE_SUFFIX, backup_folder, newest_good_backup

    detail = detail.rstrip(".")
    if problem == "newer":
        message = (
            f"{path} cannot be opened: {detail}. It has not been changed; "
            "update scbmeet to open it."
        )
    elif problem == "not_a_database":
        message = f"{path} is not an scbmeet database: {detail}."
    elif in_use:
        message = f"{path} is damaged: {detail}. Nothing was saved by the step that failed."
    else:
        message = f"{path} is damaged: {detail}."
    good = newest_good_backup(path)
    if good is None:
        message += f" There is no good backup of it in {backup_folder(path)}."
    else:
        message += (
            f" The newest good backup is from {good.taken_at:%d %B %Y, %H:%M}: {good.path}."
            f" To put it in its place (the file is kept as {path.name}{ASIDE_SUFFIX[problem]}):"
            f' scbmeet restore "{good.path}" --db "{path}"'
        )
    error_class: type[UnusableDatabaseError] = DamagedDatabaseError
    if problem == "newer":
        error_class = NewerDatabaseFileError
    elif in_use:
        error_class = DamageFoundInUseError
    return error_class(
        message,
        path=path,
        problem=problem,
        backup=good.path if good is not None else None,
        detail=detail,
        backup_taken_at=good.taken_at if good is not None else None,
    )


def check_sqlite_header(path: Path) -> None:
    """Refuse a non-empty file that does not start with SQLite's magic string."""
    from scbmeet.storage.backup import SQLITE_MAGIC

    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseError(f"Cannot read {path}: {exc.strerror}.") from exc
    if head and head != SQLITE_MAGIC:
        raise NotADatabaseError(f"{path} is not an scbmeet database (it is not SQLite at all).")

"""The engine and the unit of work: where a database lives, how SQLite is tuned, and driver
errors turned into messages users can act on.

:class:`Database` is an open database; its :meth:`~Database.transaction` runs one unit of work
and :meth:`~Database.reading` a read-only snapshot. Opening one (checks, migration, the daily
backup) is :func:`scbmeet.storage.database.open_database`'s job, one layer up.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError

from scbmeet.domain.errors import (
    DatabaseError,
    DatabaseLockedError,
    NotADatabaseError,
)
from scbmeet.storage.backup import is_read_only_error, read_only_location
from scbmeet.storage.damage import damage_found_in_use, first_line, is_damage
from scbmeet.storage.urls import (  # where a database lives, re-exported for callers
    ENV_URL,
    URL_EXAMPLE,
    default_database_path,
    describe_url,
    mask_password,
    resolve_url,
    sqlite_path,
    sqlite_url,
)

if TYPE_CHECKING:  # the ORM and SQLModel load with the first session: a Core read needs neither
    from sqlmodel import Session

BUSY_TIMEOUT_MS = 5000
# Seconds to wait for a PostgreSQL server to answer (libpq waits for the network's own,
# minutes-long, timeout); a URL's own ``?connect_timeout=`` wins.
CONNECT_TIMEOUT_S = 15


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
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            if not is_read_only_error(exc):
                raise
            # A file scbmeet may not write (a backup, a read-only share) is read in the
            # journal mode it has; only writes are refused (see translate_errors).
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite connections are tuned as described above, and a
    PostgreSQL server that does not answer is given up on after :data:`CONNECT_TIMEOUT_S`."""
    try:
        parsed = make_url(url)
    except (ValueError, sa.exc.ArgumentError) as exc:  # a port that is not a number, ...
        raise DatabaseError(
            f"{mask_password(url)} is not a database URL scbmeet can read ({exc}); "
            f"write it as {URL_EXAMPLE}, or give an SQLite file's path."
        ) from exc
    if parsed.get_backend_name() == "sqlite":
        engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _tune_sqlite(engine)
        return engine
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
    try:
        return sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    except ModuleNotFoundError as exc:
        raise DatabaseError(
            f"scbmeet cannot reach {describe_url(url)}: the database driver {exc.name!r} is not installed."
        ) from exc
    except sa.exc.ArgumentError as exc:  # a database type SQLAlchemy has no dialect for
        raise DatabaseError(
            f"scbmeet does not know the database type {parsed.drivername!r} of "
            f"{describe_url(url)}; write {URL_EXAMPLE} for PostgreSQL, or give an SQLite "
            "file's path."
        ) from exc


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
        said = first_line(exc.orig)

        if "locked" in text or "busy" in text:
            raise DatabaseLockedError(
                f"The database {where} is locked by another program; "
                "try again when it has finished."
            ) from exc
        if "unable to open" in text:
            if path is not None and (problem := read_only_location(path)):
                raise DatabaseError(problem) from exc
            raise DatabaseError(f"Cannot open the database {where}: {said}") from exc
        if "disk" in text and "full" in text:
            raise DatabaseError(f"The disk holding {where} is full; nothing was saved.") from exc
        if is_read_only_error(exc.orig):
            raise DatabaseError(
                f"The database {where} is read-only: it can be read, but nothing can be saved "
                "to it; nothing was saved."
            ) from exc
        if "could not connect" in text or "connection" in text:
            raise DatabaseError(f"Cannot connect to the database {where}: {said}") from exc
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
    # When changes are recorded as made (None: now). The demo sets it, so that its audit
    # trail is dated as a secretary would have made it, not on the day it was built.
    clock: Callable[[], datetime] | None = None

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
        from sqlmodel import Session

        with (
            translate_errors(self.name, path=self.path),
            Session(self.engine, expire_on_commit=False) as s,
            s.begin(),
        ):
            yield s

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only snapshot that does not take SQLite's write lock."""
        from sqlmodel import Session

        engine = self.engine.execution_options(sqlite_begin="DEFERRED")
        # Closing the session without committing rolls the snapshot back.
        with (
            translate_errors(self.name, path=self.path),
            Session(engine, expire_on_commit=False) as s,
        ):
            yield s

    @contextmanager
    def reading_rows(self) -> Iterator[sa.Connection]:
        """:meth:`reading` for plain rows read with SQLAlchemy Core: a read-only snapshot
        on a connection, without a session (so without importing the ORM or SQLModel)."""
        engine = self.engine.execution_options(sqlite_begin="DEFERRED")
        with translate_errors(self.name, path=self.path), engine.connect() as conn:
            yield conn  # closed without a commit: the snapshot is rolled back

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


__all__ = [
    "ENV_URL",
    "Database",
    "default_database_path",
    "describe_url",
    "make_engine",
    "resolve_url",
    "sqlite_path",
    "sqlite_url",
    "translate_errors",
]

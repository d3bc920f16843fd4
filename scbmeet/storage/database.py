"""Opening the database: the one way in, at the top of the storage layers.

:func:`open_database` resolves the location (``--db PATH``, then
``SCBMEET_DATABASE_URL``, then a file in the user's data directory), checks an existing
SQLite file before touching it (header, ``PRAGMA quick_check``, schema stamp: a damaged,
truncated, foreign or too-new file raises :class:`~scbmeet.domain.errors.UnusableDatabaseError`
naming the file and its newest good backup), migrates older ones, takes the daily backup,
and returns a :class:`~scbmeet.storage.engine.Database` whose
:meth:`~scbmeet.storage.engine.Database.transaction` runs one unit of work.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from scbmeet.domain.errors import (
    DatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    UnusableDatabaseError,
)
from scbmeet.storage import schema
from scbmeet.storage.backup import daily_backup_if_due
from scbmeet.storage.damage import check_existing_sqlite, unusable_database_error
from scbmeet.storage.engine import (
    Database,
    describe_url,
    make_engine,
    resolve_url,
    sqlite_path,
    translate_errors,
)
from scbmeet.storage.server import reach_server


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
        if path is None and make_url(url).get_backend_name() != "sqlite":
            reach_server(engine, url)  # an unreachable server: one line naming host and database
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

    settings = Settings.default()
    return daily_backup_if_due(
        path,
        daily=settings.get(BACKUPS_DAILY),
        weekly=settings.get(BACKUPS_WEEKLY),
        monthly=settings.get(BACKUPS_MONTHLY),
    )

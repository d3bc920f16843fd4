"""Keeping a database's schema at the version this scbmeet expects, through Alembic.

* An empty database is created at head.
* An older scbmeet database is migrated; on SQLite a copy is taken first with the
  backup API and written back if any step fails, so a failed upgrade changes nothing.
* A database stamped with a revision we do not know was written by a newer scbmeet and
  is refused, untouched.
* A database with tables but no scbmeet stamp is not ours and is refused.

Alembic itself (and its templating and dialect modules) is imported only when there is
something to migrate: the revisions shipped are read from the migration scripts with
:mod:`ast` (:mod:`scbmeet.storage.revisions`), and the database's stamp with one query, so opening a current database
costs no Alembic import (a fifth of the app's start-up otherwise).
"""

from __future__ import annotations

import logging
import traceback
from typing import TYPE_CHECKING

import sqlalchemy as sa

from scbmeet.domain.errors import DatabaseError, NewerSchemaError, NotADatabaseError
from scbmeet.storage.backup import restore_sqlite, take_backup
from scbmeet.storage.revisions import alembic_config, head_revision, is_known_revision

if TYPE_CHECKING:
    from scbmeet.storage.engine import Database


log = logging.getLogger(__name__)


def current_revision(database: Database) -> str | None:
    """The database's Alembic stamp (one query; a read that takes no write lock)."""
    engine = database.engine.execution_options(sqlite_begin="DEFERRED")
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        stamps = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(stamps) > 1:
        raise NotADatabaseError(
            f"{database.name} has several schema stamps ({', '.join(map(str, stamps))}); "
            "it was not written by this scbmeet."
        )
    return str(stamps[0]) if stamps else None


def _table_names(database: Database) -> set[str]:
    return set(sa.inspect(database.engine).get_table_names())


def _classify(database: Database) -> tuple[str | None, bool]:
    """(current revision, whether the revision is one this scbmeet knows)."""
    current = current_revision(database)
    if current is None:
        foreign = _table_names(database) - {"alembic_version"}
        if foreign:
            raise NotADatabaseError(
                f"{database.name} is a database, but not an scbmeet one "
                f"(it has tables such as {sorted(foreign)[0]!r})."
            )
        return None, True
    return current, is_known_revision(current)


def ensure_current(database: Database) -> None:
    """Check, without changing anything, that the schema is exactly at head."""
    current, known = _classify(database)
    if not known:
        raise _newer(database, current)
    if current != head_revision():
        raise DatabaseError(f"{database.name} needs upgrading; open it with scbmeet first.")


def _newer(database: Database, current: str | None) -> NewerSchemaError:
    return NewerSchemaError(
        f"{database.name} was written by a newer version of scbmeet (schema {current}); "
        "it has not been changed. Please update scbmeet to open it."
    )


def upgrade(database: Database) -> None:
    """Bring the schema to head, safely (see the module docstring)."""
    current, known = _classify(database)
    if not known:
        raise _newer(database, current)
    head = head_revision()
    if current == head:
        return
    backup = None
    path = database.path
    if current is not None and path is not None and path.exists():
        backup = take_backup(path, f"before-{head}")
        log.info("backed up %s to %s before migrating", path, backup)
    try:
        _run_upgrade(database)
    except Exception as exc:
        if backup is not None and path is not None:
            database.engine.dispose()
            restore_sqlite(backup, path)
            raise DatabaseError(
                f"Upgrading {database.name} to schema {head} failed ({_first_line(exc)}); "
                f"it was put back as it was, a copy is at {backup}, and the details are in "
                f"{_log_failure(database, exc)}."
            ) from exc
        if current is None:  # a new database: nothing of the user's to put back
            raise
        raise DatabaseError(
            f"Upgrading {database.name} to schema {head} failed ({_first_line(exc)}); it was "
            f"left as it was, and the details are in {_log_failure(database, exc)}."
        ) from exc


def _first_line(exc: BaseException) -> str:
    """The gist of a driver error: SQLAlchemy's messages go on with the SQL, its
    parameters and a web link, one per line."""
    error = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return (lines[0] if lines else type(exc).__name__)[:200]


def _log_failure(database: Database, exc: BaseException) -> str:
    """Write the whole failure to the error log beside the data; returns where it went."""
    from scbmeet.storage.paths import data_dir

    log.error("upgrading %s failed", database.name, exc_info=exc)
    try:
        path = data_dir() / "scbmeet-errors.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"Upgrading {database.name} failed:\n")
            handle.write("".join(traceback.format_exception(exc)))
            handle.write("\n")
        return str(path)
    except OSError:
        return "the log (which could not be written)"


def _run_upgrade(database: Database) -> None:
    from alembic import command

    cfg = alembic_config()
    with database.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")

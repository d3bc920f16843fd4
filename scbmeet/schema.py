"""Keeping a database's schema at the version this scbmeet expects, through Alembic.

* An empty database is created at head.
* An older scbmeet database is migrated; on SQLite a copy is taken first with the
  backup API and written back if any step fails, so a failed upgrade changes nothing.
* A database stamped with a revision we do not know was written by a newer scbmeet and
  is refused, untouched.
* A database with tables but no scbmeet stamp is not ours and is refused.
"""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from scbmeet.backup import restore_sqlite, take_backup
from scbmeet.errors import DatabaseError, NewerSchemaError, NotADatabaseError

if TYPE_CHECKING:
    from scbmeet.database import Database

log = logging.getLogger(__name__)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", "scbmeet:migrations")
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "scbmeet ships at least one migration"
    return head


@functools.cache
def known_revisions() -> frozenset[str]:
    """Every revision this scbmeet ships (read once: the scripts do not change at run time)."""
    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(r.revision for r in script.walk_revisions())


def is_known_revision(revision: str) -> bool:
    """Whether ``revision`` is one of this scbmeet's migrations (else a newer one wrote it)."""
    return revision in known_revisions()


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


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
                f"Upgrading {database.name} failed ({exc}); it was put back as it was. "
                f"A copy is at {backup}."
            ) from exc
        raise


def _run_upgrade(database: Database) -> None:
    cfg = alembic_config()
    with database.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")

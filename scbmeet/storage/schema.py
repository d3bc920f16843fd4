"""Keeping a database's schema at the version this scbmeet expects, through Alembic.

* An empty database is created at head.
* An older scbmeet database is migrated; on SQLite a copy is taken first with the
  backup API and written back if any step fails, so a failed upgrade changes nothing.
* A database stamped with a revision we do not know was written by a newer scbmeet and
  is refused, untouched.
* A database with tables but no scbmeet stamp is not ours and is refused.

Alembic itself (and its templating and dialect modules) is imported only when there is
something to migrate: the revisions shipped are read from the migration scripts with
:mod:`ast`, and the database's stamp with one query, so opening a current database
costs no Alembic import (a fifth of the app's start-up otherwise).
"""

from __future__ import annotations

import ast
import functools
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from scbmeet.domain.errors import DatabaseError, NewerSchemaError, NotADatabaseError
from scbmeet.storage.backup import restore_sqlite, take_backup

if TYPE_CHECKING:
    from alembic.config import Config

    from scbmeet.storage.database import Database

VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"

log = logging.getLogger(__name__)


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "scbmeet.storage:migrations")
    return cfg


def _literal_assignments(tree: ast.Module) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            target, value = node.target.id, node.value
        elif (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            target, value = node.targets[0].id, node.value
        else:
            continue
        if target in ("revision", "down_revision"):
            values[target] = ast.literal_eval(value)
    return values


@functools.cache
def revision_graph() -> dict[str, tuple[str, ...]] | None:
    """{revision: the revisions it follows}, read from the scripts without Alembic; None
    if any script cannot be read that way (then Alembic is asked)."""
    graph: dict[str, tuple[str, ...]] = {}
    try:
        for path in sorted(VERSIONS_DIR.glob("*.py")):
            values = _literal_assignments(ast.parse(path.read_text(encoding="utf-8")))
            if path.name == "__init__.py" and not values:
                continue
            down = values.get("down_revision")
            graph[str(values["revision"])] = (
                tuple(down) if isinstance(down, tuple | list) else ((down,) if down else ())
            )
    except (OSError, SyntaxError, ValueError, KeyError):
        return None
    return graph or None


def head_revision() -> str:
    graph = revision_graph()
    if graph is not None:
        followed = {down for downs in graph.values() for down in downs}
        heads = [revision for revision in graph if revision not in followed]
        if len(heads) == 1:
            return heads[0]
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "scbmeet ships at least one migration"
    return head


@functools.cache
def known_revisions() -> frozenset[str]:
    """Every revision this scbmeet ships (read once: the scripts do not change at run time)."""
    graph = revision_graph()
    if graph is not None:
        return frozenset(graph)
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(r.revision for r in script.walk_revisions())


def is_known_revision(revision: str) -> bool:
    """Whether ``revision`` is one of this scbmeet's migrations (else a newer one wrote it)."""
    return revision in known_revisions()


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
                f"Upgrading {database.name} failed ({exc}); it was put back as it was. "
                f"A copy is at {backup}."
            ) from exc
        raise


def _run_upgrade(database: Database) -> None:
    from alembic import command

    cfg = alembic_config()
    with database.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")

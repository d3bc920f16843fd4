"""Whether an SQLite database's schema is exactly the one scbmeet's migrations make.

A restored backup or a checked database must hold nothing scbmeet did not create: a
planted trigger (``after insert on minuteitem ... delete from minuteitem``) would run on
the next save, and an extra table or view is at best somebody else's data. The schema of
a database stamped with revision R is compared, object by object (tables and their
columns and foreign keys, indexes, triggers, views), with that of an empty in-memory
database migrated to R by the same scripts; each difference is one sentence.

Imports nothing of scbmeet but :mod:`scbmeet.storage.revisions` (Alembic only when a
reference schema is first built), so :mod:`scbmeet.storage.backup` can use it.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable

import sqlalchemy as sa

from scbmeet.storage.revisions import alembic_config

# (type, name) -> what must be identical for the object to count as scbmeet's own.
Schema = dict[tuple[str, str], object]

MAX_REPORTED = 10

Query = Callable[[str], list[tuple[object, ...]]]


def _normalised(sql: object) -> str:
    return " ".join(str(sql or "").split()).lower()


def _quoted(name: str) -> str:
    escaped = name.replace('"', '""')
    return f'"{escaped}"'


def _table_shape(query: Query, name: str) -> object:
    """A table's columns (name, type, not null, default, primary key) and foreign keys:
    compared as structure, since SQLite versions word a rewritten CREATE TABLE differently."""
    columns = tuple(
        (str(r[1]), str(r[2]).upper(), bool(r[3]), _normalised(r[4]), int(str(r[5])))
        for r in query(f"PRAGMA table_info({_quoted(name)})")
    )
    keys = tuple(
        sorted(
            (str(r[2]), str(r[3]), str(r[4]), str(r[6]))
            for r in query(f"PRAGMA foreign_key_list({_quoted(name)})")
        )
    )
    return (columns, keys)


def read_schema(query: Query) -> Schema:
    """Every schema object outside SQLite's own (``sqlite_*``) with what identifies it."""
    schema: Schema = {}
    rows = query(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    )
    for kind, name, table, sql in rows:
        kind, name = str(kind), str(name)
        if kind == "table":
            schema[(kind, name)] = (
                _normalised(sql).startswith("create virtual"),
                _table_shape(query, name),
            )
        else:
            schema[(kind, name)] = (str(table), _normalised(sql))
    return schema


def schema_of_connection(con: sqlite3.Connection) -> Schema:
    return read_schema(lambda sql: con.execute(sql).fetchall())


@functools.cache
def reference_schema(revision: str) -> Schema:
    """The schema of an empty database migrated to ``revision`` (built once per process)."""
    from alembic import command

    engine = sa.create_engine("sqlite://", poolclass=sa.pool.StaticPool)
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            return read_schema(lambda sql: [tuple(r) for r in conn.exec_driver_sql(sql)])
    finally:
        engine.dispose()


def schema_differences(actual: Schema, revision: str) -> list[str]:
    """One sentence per object that differs from scbmeet's schema at ``revision``."""
    expected = reference_schema(revision)
    problems = []
    for key in sorted(actual.keys() - expected.keys()):
        problems.append(f"it has a {key[0]} scbmeet did not create: {key[1]}")
    for key in sorted(expected.keys() - actual.keys()):
        problems.append(f"its {key[0]} {key[1]} is missing")
    for key in sorted(actual.keys() & expected.keys()):
        if actual[key] != expected[key]:
            problems.append(f"its {key[0]} {key[1]} is not scbmeet's")
    return problems


def foreign_key_problems(query: Query) -> list[str]:
    """``PRAGMA foreign_key_check`` as sentences (at most :data:`MAX_REPORTED`), plus a count."""
    rows = query("PRAGMA foreign_key_check")
    problems = [f"{r[0]} row {r[1]} refers to a missing {r[2]}" for r in rows[:MAX_REPORTED]]
    if len(rows) > MAX_REPORTED:
        problems.append(f"and {len(rows) - MAX_REPORTED} more rows refer to missing rows")
    return problems


def database_problems(con: sqlite3.Connection, revision: str) -> list[str]:
    """Everything that makes the database at ``con`` (stamped ``revision``) not exactly an
    scbmeet database: schema differences, then rows that refer to missing rows."""

    def query(sql: str) -> list[tuple[object, ...]]:
        return con.execute(sql).fetchall()

    return schema_differences(read_schema(query), revision) + foreign_key_problems(query)


# PostgreSQL: scbmeet creates its tables (and indexes on them) and nothing else - no
# triggers, views or rules - so anything else in the schema is somebody else's.
_POSTGRESQL_OBJECTS = (
    (
        "table",
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    ),
    (
        "view",
        "SELECT table_name FROM information_schema.views WHERE table_schema = current_schema()",
    ),
    (
        "trigger",
        "SELECT DISTINCT trigger_name FROM information_schema.triggers "
        "WHERE trigger_schema = current_schema()",
    ),
)


def postgresql_foreign_objects(query: Query, own_tables: set[str]) -> list[str]:
    """Tables, views and triggers in the current PostgreSQL schema that scbmeet did not create."""
    problems = []
    for kind, sql in _POSTGRESQL_OBJECTS:
        for (name,) in sorted(query(sql)):
            if kind != "table" or str(name) not in own_tables:
                problems.append(f"the database has a {kind} scbmeet did not create: {name}")
    return problems

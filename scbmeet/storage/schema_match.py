"""Whether an SQLite database's schema is exactly the one scbmeet's migrations make.

A restored backup or a checked database must hold nothing scbmeet did not create: a
planted trigger (``after insert on minuteitem ... delete from minuteitem``) would run on
the next save, and an extra table or view is at best somebody else's data. The schema of
a database stamped with revision R is compared, object by object (tables and their
columns and foreign keys, indexes, triggers, views), with that of an empty in-memory
database migrated to R by the same scripts; each difference is one sentence.

The reference for the head revision is stored beside this module (:data:`STORED_REFERENCE`);
others are built. Imports nothing of scbmeet but :mod:`scbmeet.storage.revisions` (SQLAlchemy
and Alembic only when a reference schema is built), so :mod:`scbmeet.storage.backup` can use it.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

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


def _index_columns(query: Query, index: str) -> tuple[str, ...]:
    return tuple(str(r[2]) for r in query(f"PRAGMA index_info({_quoted(index)})"))


def _table_shape(query: Query, name: str, sql: object) -> object:
    """A table's columns (name, type, not null, default, key, hidden), foreign keys,
    unique and primary-key constraints and CHECK constraints, compared as structure: the
    CREATE TABLE text itself depends on the SQLAlchemy version that ran the migration."""
    columns = tuple(
        (str(r[1]), str(r[2]).upper(), bool(r[3]), _normalised(r[4]), int(str(r[5])), r[6])
        for r in query(f"PRAGMA table_xinfo({_quoted(name)})")
    )
    keys = tuple(
        sorted(
            (str(r[2]), str(r[3]), str(r[4]), str(r[6]))
            for r in query(f"PRAGMA foreign_key_list({_quoted(name)})")
        )
    )
    constraints = tuple(
        sorted(
            (str(r[3]), bool(r[2]), _index_columns(query, str(r[1])))
            for r in query(f"PRAGMA index_list({_quoted(name)})")
            if str(r[3]) != "c"  # indexes made by CREATE INDEX are compared on their own
        )
    )
    checks = len(re.findall(r"\bcheck\s*\(", _normalised(sql)))
    return (columns, keys, constraints, checks)


def _index_shape(query: Query, name: str, table: str, sql: object) -> object:
    """An index's table, uniqueness, columns and WHERE clause (a partial index)."""
    text = _normalised(sql)
    unique = text.startswith("create unique")
    where = text.split(" where ", 1)[1] if " where " in text else ""
    return (table, unique, _index_columns(query, name), where)


def read_schema(query: Query) -> Schema:
    """Every schema object outside SQLite's own (``sqlite_*``) with what identifies it."""
    schema: Schema = {}
    rows = query(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    )
    for kind, name, table, sql in rows:
        kind, name, table = str(kind), str(name), str(table)
        if kind == "table":
            virtual = _normalised(sql).startswith("create virtual")
            schema[(kind, name)] = (virtual, _table_shape(query, name, sql))
        elif kind == "index":
            schema[(kind, name)] = _index_shape(query, name, table, sql)
        else:  # triggers and views: scbmeet writes their SQL itself, word for word
            schema[(kind, name)] = (table, _normalised(sql))
    return schema


# The head revision's reference, stored (``scripts/make_schema_reference.py`` writes it and a
# test checks it against the migrations): ``scbmeet check`` and a restore then need neither
# Alembic nor a migrated copy, half the check's time. Any other revision is built.
STORED_REFERENCE = Path(__file__).resolve().parent / "schema_reference.json"


def _as_tuples(value: object) -> object:
    """JSON's lists back into the tuples :func:`read_schema` makes, at every depth."""
    if isinstance(value, list):
        return tuple(_as_tuples(v) for v in value)
    return value


def stored_reference() -> tuple[str, Schema] | None:
    """(revision, schema) as stored beside this module, or None if there is none."""
    try:
        data = json.loads(STORED_REFERENCE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    schema = {(str(kind), str(name)): _as_tuples(value) for kind, name, value in data["schema"]}
    return str(data["revision"]), schema


def stored_reference_text(revision: str, schema: Schema) -> str:
    """The stored file's text for ``schema``: one object a line, sorted, so a diff reads."""
    rows = [json.dumps([kind, name, schema[(kind, name)]]) for kind, name in sorted(schema)]
    return f'{{"revision": {json.dumps(revision)}, "schema": [\n' + ",\n".join(rows) + "\n]}\n"


@functools.cache
def reference_schema(revision: str) -> Schema:
    """The schema of an empty database migrated to ``revision`` (once per process)."""
    stored = stored_reference()
    if stored is not None and stored[0] == revision:
        return stored[1]
    return built_reference_schema(revision)


def built_reference_schema(revision: str) -> Schema:
    """The schema of an empty in-memory database migrated to ``revision`` by the scripts."""
    import sqlalchemy as sa  # only here: backups are checked with sqlite3 alone
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


def postgresql_tables(revision: str) -> set[str]:
    """The tables scbmeet makes on PostgreSQL at ``revision``: those of the SQLite reference
    but SQLite's full-text index (a virtual table and the shadow tables SQLite keeps for it;
    PostgreSQL searches columns of the tables themselves)."""
    schema = reference_schema(revision)
    tables = {name: shape for (kind, name), shape in schema.items() if kind == "table"}
    virtual = [name for name, shape in tables.items() if isinstance(shape, tuple) and shape[0]]
    return {
        name
        for name in tables
        if name not in virtual and not any(name.startswith(f"{v}_") for v in virtual)
    }


def postgresql_foreign_objects(query: Query, own_tables: set[str]) -> list[str]:
    """Tables, views and triggers in the current PostgreSQL schema that scbmeet did not create."""
    problems = []
    for kind, sql in _POSTGRESQL_OBJECTS:
        for (name,) in sorted(query(sql)):
            if kind != "table" or str(name) not in own_tables:
                problems.append(f"the database has a {kind} scbmeet did not create: {name}")
    return problems

"""Export and import of a whole database, or one board, as versioned JSON.

Format (``"format": "scbmeet-export"``, ``"version": 1``)::

    {"format": "scbmeet-export", "version": 1, "schema": "0001",
     "exported_at": "2026-11-21T10:00:00+00:00", "scope": "all" | {"board": "MSCB"},
     "tables": {"board": [{"id": 1, "name": ..., ...}], "meeting": [...], ...}}

Each table is a list of rows keyed by column name, exactly as stored: dates and times
in ISO 8601, file contents in base64, foreign keys as the ids used in the same file.
Import checks the whole file first (known tables and columns, types, vocabularies,
duplicate ids, references that resolve) and then inserts everything in one transaction
with fresh ids (rows go in as batched multi-row inserts, not one statement per row), so a
file is imported entirely or not at all. Organisations, people and
themes already in the database are matched by name (people by email, or by name and
organisation) rather than duplicated; a board that already exists is refused.
"""

from __future__ import annotations

import base64
import binascii
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import DataError, IntegrityError
from sqlmodel import SQLModel

import scbmeet.domain.models  # noqa: F401  (registers the tables)
from scbmeet.domain.closed import OPEN_UNDER_CLOSED, closed_item_ids, inconsistent_items
from scbmeet.domain.enums import ENUM_COLUMNS
from scbmeet.domain.errors import ImportFormatError, NotFoundError
from scbmeet.services import import_rules
from scbmeet.storage import revisions
from scbmeet.storage.engine import Database

FORMAT = "scbmeet-export"
VERSION = 1
MAX_TEXT = 5_000_000  # characters in one text value

# Soft references (not foreign keys) that still point at rows and must be remapped.
SOFT_REFERENCES = {("auditentry", "meeting_id"): "meeting", ("auditentry", "action_id"): "action"}
REGISTER_TABLES = ("organisation", "person", "theme")


def tables() -> list[sa.Table]:
    """Every scbmeet table, parents before children; tables with soft references (the audit
    trail) last, so that the rows they name have their new ids when they are imported."""
    ordered = [t for t in SQLModel.metadata.sorted_tables if t.name != "alembic_version"]
    soft = {name for name, _ in SOFT_REFERENCES}
    return [t for t in ordered if t.name not in soft] + [t for t in ordered if t.name in soft]


def _references(table: sa.Table) -> dict[str, str]:
    """{column: referenced table} for the table's foreign keys and soft references."""
    refs = {fk.parent.name: fk.column.table.name for fk in table.foreign_keys}
    for (tname, cname), target in SOFT_REFERENCES.items():
        if tname == table.name:
            refs[cname] = target
    return refs


# -- export ---------------------------------------------------------------------------------
def _to_json(value: Any) -> Any:
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return value


def export_data(db: Database, *, board_id: int | None = None) -> dict[str, Any]:
    """The database (or one board and what it uses) as a JSON-ready dict."""
    with db.reading() as s:
        conn = s.connection()
        data: dict[str, list[dict[str, Any]]] = {}
        for table in tables():
            rows = (
                conn.execute(sa.select(table).order_by(*table.primary_key.columns)).mappings().all()
            )
            data[table.name] = [{k: _to_json(v) for k, v in row.items()} for row in rows]
        scope: Any = "all"
        if board_id is not None:
            board = next((b for b in data["board"] if b["id"] == board_id), None)
            if board is None:
                raise NotFoundError(f"There is no board with id {board_id}.")
            data = _only_board(data, board_id)
            scope = {"board": board["short_name"]}
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema": revisions.head_revision(),
        "exported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "scope": scope,
        "tables": data,
    }


def _only_board(
    data: dict[str, list[dict[str, Any]]], board_id: int
) -> dict[str, list[dict[str, Any]]]:
    """Keep the board's own rows and the register rows they refer to."""
    keep: dict[str, set[Any]] = defaultdict(set)
    keep["board"].add(board_id)
    by_name = {t.name: t for t in tables()}
    # Rows that belong to the board: reachable from it through non-register references.
    for table in tables():
        if table.name in ("board", *REGISTER_TABLES):
            continue
        refs = _references(table)
        for row in data[table.name]:
            owned = any(
                row.get(col) is not None and row[col] in keep[target]
                for col, target in refs.items()
                if target not in REGISTER_TABLES
                and not (
                    table.name == "auditentry" and col == "action_id" and row.get("meeting_id")
                )
            )
            if owned:
                keep[table.name].add(_key(table, row))
    # Register rows that the kept rows refer to (and organisations' parents).
    for table in reversed(tables()):
        if table.name in REGISTER_TABLES:
            continue
        for row in data[table.name]:
            if _key(table, row) not in keep[table.name]:
                continue
            for col, target in _references(table).items():
                if target in REGISTER_TABLES and row.get(col) is not None:
                    keep[target].add(row[col])
    for row in data["person"]:
        if row["id"] in keep["person"] and row.get("organisation_id") is not None:
            keep["organisation"].add(row["organisation_id"])
    orgs = {r["id"]: r for r in data["organisation"]}
    for oid in list(keep["organisation"]):
        parent = orgs.get(oid, {}).get("parent_id")
        while parent is not None and parent not in keep["organisation"]:
            keep["organisation"].add(parent)
            parent = orgs.get(parent, {}).get("parent_id")
    # The register of interests goes with the board's people (members' standing interests).
    keep["interest"] |= {r["id"] for r in data["interest"] if r["person_id"] in keep["person"]}
    out = {}
    for name, rows in data.items():
        table = by_name[name]
        out[name] = [r for r in rows if _key(table, r) in keep[name]]
    for row in out["board"]:
        row["parent_id"] = None  # the parent board is not part of a one-board export
    return out


def _key(table: sa.Table, row: dict[str, Any]) -> Any:
    cols = [c.name for c in table.primary_key.columns]
    return row[cols[0]] if len(cols) == 1 else tuple(row[c] for c in cols)


# -- validation -------------------------------------------------------------------------------
def _fail(where: str, problem: str) -> ImportFormatError:
    return ImportFormatError(f"Nothing was imported: {where}: {problem}")


def _convert(value: Any, column: sa.Column[Any], where: str) -> Any:
    """The stored value for a JSON value, or an ImportFormatError saying what is wrong."""
    if value is None:
        if not column.nullable:
            raise _fail(where, "must not be null")
        return None
    kind = column.type
    python = _python_type(kind)
    if python is bool:
        if not isinstance(value, bool):
            raise _fail(where, f"expected true or false, got {_describe(value)}")
        return value
    if python is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise _fail(where, f"expected a whole number, got {_describe(value)}")
        bits = 63 if isinstance(kind, sa.BigInteger) else 31  # PostgreSQL's integer sizes
        if not -(2**bits) <= value < 2**bits:
            raise _fail(where, "number out of range")
        return value
    if not isinstance(value, str):
        raise _fail(where, f"expected text, got {_describe(value)}")
    if python is bytes:
        try:
            return base64.b64decode(value.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError, ValueError):
            raise _fail(where, "expected base64-encoded file contents") from None
    try:
        if python is datetime:
            parsed = datetime.fromisoformat(value)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        if python is date:
            return date.fromisoformat(value)
        if python is time:
            return time.fromisoformat(value)
    except ValueError:
        raise _fail(where, f"{value[:40]!r} is not a valid {python.__name__}") from None
    if "\x00" in value:
        raise _fail(where, "text contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _fail(where, "text contains an unpaired surrogate (\\ud800-\\udfff)") from None
    length = getattr(kind, "length", None)
    if length is not None and len(value) > length:
        raise _fail(where, f"text is too long ({len(value)} characters; at most {length})")
    if len(value) > MAX_TEXT:
        raise _fail(where, f"text is too long ({len(value)} characters)")
    vocabulary = ENUM_COLUMNS.get((column.table.name, column.name))
    if vocabulary is not None and value not in {v.value for v in vocabulary}:
        raise _fail(where, f"{value[:40]!r} is not one of {', '.join(v.value for v in vocabulary)}")
    return value


def _python_type(kind: sa.types.TypeEngine[Any]) -> type:
    impl = getattr(kind, "impl", kind)
    if isinstance(impl, sa.Boolean):
        return bool
    if isinstance(impl, sa.Integer):
        return int
    if isinstance(impl, sa.LargeBinary):
        return bytes
    if isinstance(impl, sa.DateTime):
        return datetime
    if isinstance(impl, sa.Date):
        return date
    if isinstance(impl, sa.Time):
        return time
    return str


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def validate(data: Any) -> dict[str, list[dict[str, Any]]]:
    """Check an export completely; return its rows converted to stored values."""
    if not isinstance(data, dict):
        raise ImportFormatError(
            "Nothing was imported: the file is not an scbmeet export (not a JSON object)."
        )
    if data.get("format") != FORMAT:
        raise ImportFormatError(
            'Nothing was imported: the file is not an scbmeet export (no "format": "scbmeet-export").'
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ImportFormatError("Nothing was imported: the export has no version number.")
    if version > VERSION:
        raise ImportFormatError(
            f"Nothing was imported: the export is format version {version}, newer than this scbmeet "
            f"understands ({VERSION}); update scbmeet."
        )
    if version < 1:
        raise ImportFormatError(f"Nothing was imported: unknown export version {version}.")
    raw_tables = data.get("tables")
    if not isinstance(raw_tables, dict):
        raise ImportFormatError('Nothing was imported: the export has no "tables" object.')
    known = {t.name: t for t in tables()}
    unknown = set(raw_tables) - set(known)
    if unknown:
        raise _fail("tables", f"unknown table {sorted(unknown)[0]!r}")
    converted: dict[str, list[dict[str, Any]]] = {}
    ids: dict[str, set[Any]] = {}
    for table in tables():
        rows = raw_tables.get(table.name, [])
        if not isinstance(rows, list):
            raise _fail(table.name, "expected a list of rows")
        columns = {c.name: c for c in table.columns}
        out = []
        seen: set[Any] = set()
        for index, row in enumerate(rows):
            where = f"{table.name}[{index}]"
            if not isinstance(row, dict):
                raise _fail(where, f"expected an object, got {_describe(row)}")
            extra = set(row) - set(columns)
            if extra:
                raise _fail(where, f"unknown field {sorted(extra)[0]!r}")
            values = {}
            for name, column in columns.items():
                if name not in row:
                    if column.primary_key or (not column.nullable and column.default is None):
                        raise _fail(where, f"missing field {name!r}")
                    continue
                values[name] = _convert(row[name], column, f"{where}.{name}")
            key = _key(table, values)
            if key in seen:
                raise _fail(where, f"duplicate id {key!r}")
            seen.add(key)
            out.append(values)
        converted[table.name] = out
        ids[table.name] = seen
    for table in tables():
        for col, target in _references(table).items():
            if (table.name, col) in SOFT_REFERENCES:
                continue
            for index, row in enumerate(converted[table.name]):
                ref = row.get(col)
                if ref is not None and ref not in ids[target]:
                    raise _fail(
                        f"{table.name}[{index}].{col}",
                        f"refers to {target} {ref}, which is not in the file",
                    )
            if target == table.name:
                _check_no_cycles(table.name, col, converted[table.name])
    _check_same_meeting(converted)
    _check_closed_session(converted["agendaitem"])
    _close_requests_from_closed_minutes(converted)
    _check_rules(converted)
    return converted


def _close_requests_from_closed_minutes(rows: dict[str, list[dict[str, Any]]]) -> None:
    """An update request asked in closed session is closed business, also in a file written
    before requests carried their session."""
    marked = [
        SimpleNamespace(id=r["id"], parent_id=r.get("parent_id"), session=r.get("session", "open"))
        for r in rows["agendaitem"]
    ]
    closed_items = closed_item_ids(marked)
    closed_minutes = {
        m["id"] for m in rows["minuteitem"] if m.get("agenda_item_id") in closed_items
    }
    for entry in rows["forwardplanentry"]:
        if entry.get("source_minute_item_id") in closed_minutes:
            entry["session"] = "closed"


def _check_closed_session(items: list[dict[str, Any]]) -> None:
    """No open sub-item under a closed item (the services refuse it too)."""
    marked = [
        SimpleNamespace(
            id=row["id"],
            parent_id=row.get("parent_id"),
            session=row.get("session", "open"),
            title=row.get("title", ""),
        )
        for row in items
    ]
    wrong = {id(i) for i in inconsistent_items(marked)}
    for index, item in enumerate(marked):
        if id(item) in wrong:
            raise _fail(f"agendaitem[{index}].session", OPEN_UNDER_CLOSED.format(title=item.title))


MAX_PROBLEMS_LISTED = 20


def _check_rules(rows: dict[str, list[dict[str, Any]]]) -> None:
    """The services' and ``check``'s rules (cleaning file names on the way): every problem
    on a line of its own, and nothing imported if there is any."""
    problems = import_rules.import_problems(rows)
    if not problems:
        return
    if len(problems) == 1:
        raise ImportFormatError(f"Nothing was imported: {problems[0]}.")
    lines = [f"  {p}" for p in problems[:MAX_PROBLEMS_LISTED]]
    if len(problems) > MAX_PROBLEMS_LISTED:
        lines.append(f"  and {len(problems) - MAX_PROBLEMS_LISTED} more")
    raise ImportFormatError(
        f"Nothing was imported: the file breaks {len(problems)} of scbmeet's rules:\n"
        + "\n".join(lines)
    )


def _check_no_cycles(table: str, column: str, rows: list[dict[str, Any]]) -> None:
    """A parent chain (boards, organisations, agenda items) must end, not loop."""
    parent = {row["id"]: row.get(column) for row in rows}
    for index, row in enumerate(rows):
        seen = {row["id"]}
        step = parent.get(row["id"])
        while step is not None:
            if step in seen:
                raise _fail(f"{table}[{index}].{column}", "the parents form a loop")
            seen.add(step)
            step = parent.get(step)


def _check_same_meeting(rows: dict[str, list[dict[str, Any]]]) -> None:
    """Sub-items sit in their parent's meeting; minutes carry their meeting's board."""
    item_meeting = {r["id"]: r["meeting_id"] for r in rows["agendaitem"]}
    for index, row in enumerate(rows["agendaitem"]):
        parent = row.get("parent_id")
        if parent is not None and item_meeting.get(parent) != row["meeting_id"]:
            raise _fail(f"agendaitem[{index}].parent_id", "the parent is in another meeting")
    meeting_board = {r["id"]: r["board_id"] for r in rows["meeting"]}
    for index, row in enumerate(rows["minuteitem"]):
        if meeting_board.get(row["meeting_id"]) != row["board_id"]:
            raise _fail(f"minuteitem[{index}].board_id", "differs from its meeting's board")


# -- import -------------------------------------------------------------------------------------
def import_data(db: Database, data: Any) -> dict[str, int]:
    """Import an export (see the module docstring); returns rows added per table."""
    rows = validate(data)
    counts: dict[str, int] = {}
    try:
        with db.transaction() as s:
            conn = s.connection()
            maps: dict[str, dict[Any, Any]] = defaultdict(dict)
            deferred: list[tuple[sa.Table, str, Any, Any]] = []
            for table in tables():
                counts[table.name] = _import_table(conn, table, rows[table.name], maps, deferred)
            _fill_self_references(conn, deferred, maps)
    except (IntegrityError, DataError) as exc:
        first_line = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else ""
        raise ImportFormatError(
            f"Nothing was imported: the data breaks a rule of the database ({first_line})."
        ) from None
    return counts


def _import_table(
    conn: sa.Connection,
    table: sa.Table,
    rows: Iterable[dict[str, Any]],
    maps: dict[str, dict[Any, Any]],
    deferred: list[tuple[sa.Table, str, Any, Any]],
) -> int:
    refs = _references(table)
    single_pk = len(table.primary_key.columns) == 1
    existing = (
        _existing_register(conn, table, maps) if table.name in (*REGISTER_TABLES, "board") else None
    )
    pending: list[tuple[Any, dict[str, Any], list[tuple[str, Any]]]] = []
    for row in rows:
        values = dict(row)
        old_id = values.pop("id", None) if single_pk else None
        if existing is not None:
            match = existing(values)
            if match is not None:
                maps[table.name][old_id] = match
                continue
        later: list[tuple[str, Any]] = []
        for col, target in refs.items():
            ref = values.get(col)
            if ref is None:
                continue
            if target == table.name:  # self-reference: fill in once every row exists
                later.append((col, ref))
                values[col] = None
            elif ref in maps[target]:
                values[col] = maps[target][ref]
            elif (table.name, col) in SOFT_REFERENCES:
                values[col] = None
            else:
                raise ImportFormatError(
                    f"Nothing was imported: {table.name}.{col} refers to a missing {target}."
                )
        if (
            table.name == "auditentry"
            and values.get("entity") in maps
            and values.get("entity_id") is not None
        ):
            values["entity_id"] = maps[values["entity"]].get(
                values["entity_id"], values["entity_id"]
            )
        pending.append((old_id, values, later))
    _insert_rows(conn, table, pending, maps, deferred)
    return len(pending)


INSERT_BATCH = 1000  # rows per multi-row INSERT


def _insert_rows(
    conn: sa.Connection,
    table: sa.Table,
    pending: list[tuple[Any, dict[str, Any], list[tuple[str, Any]]]],
    maps: dict[str, dict[Any, Any]],
    deferred: list[tuple[sa.Table, str, Any, Any]],
) -> None:
    """Insert ``pending`` rows (old id, values, self-references to fill in later) in batches,
    mapping each old id to the fresh one the database gives it.

    Rows of the same columns go in together as one multi-row ``INSERT ... RETURNING id``
    (ids come back in the rows' order), instead of one statement per row.
    """
    by_columns: dict[tuple[str, ...], list[tuple[Any, dict[str, Any], list[tuple[str, Any]]]]]
    by_columns = defaultdict(list)
    for item in pending:
        by_columns[tuple(sorted(item[1]))].append(item)
    single_pk = len(table.primary_key.columns) == 1
    # SQLite cannot say which id went to which row of a batch, so SQLAlchemy would send one
    # statement per row: there the ids are given instead, as SQLite would have given them
    # (one past the largest), safe because the import holds the write lock from its start.
    given_ids = single_pk and conn.dialect.name == "sqlite"
    next_id = _next_sqlite_id(conn, table) if given_ids else 0
    for group in by_columns.values():
        for start in range(0, len(group), INSERT_BATCH):
            batch = group[start : start + INSERT_BATCH]
            params = [values for _old, values, _later in batch]
            if not single_pk:
                conn.execute(sa.insert(table), params)
                continue
            if given_ids:
                new_ids = list(range(next_id, next_id + len(batch)))
                next_id += len(batch)
                params = [{**values, "id": i} for values, i in zip(params, new_ids, strict=True)]
                conn.execute(sa.insert(table), params)
            else:
                statement = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
                new_ids = list(conn.execute(statement, params).scalars().all())
            for (old_id, _values, later), new_id in zip(batch, new_ids, strict=True):
                maps[table.name][old_id] = new_id
                deferred.extend((table, col, new_id, ref) for col, ref in later)


def _next_sqlite_id(conn: sa.Connection, table: sa.Table) -> int:
    largest = conn.execute(sa.select(sa.func.max(table.c.id))).scalar()
    return int(largest or 0) + 1


def _fill_self_references(
    conn: sa.Connection,
    deferred: list[tuple[sa.Table, str, Any, Any]],
    maps: dict[str, dict[Any, Any]],
) -> None:
    """Point rows at rows of their own table (a team's parent, a sub-item's item), once
    every row exists: one batched UPDATE per table and column."""
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    by_name: dict[str, sa.Table] = {}
    for table, col, new_id, old_ref in deferred:
        target = _references(table)[col]
        by_name[table.name] = table
        grouped[(table.name, col)].append({"row_id": new_id, "new_ref": maps[target].get(old_ref)})
    for (name, col), params in grouped.items():
        table = by_name[name]
        conn.execute(
            sa.update(table)
            .where(table.c.id == sa.bindparam("row_id"))
            .values({col: sa.bindparam("new_ref")}),
            params,
        )


def _existing_register(
    conn: sa.Connection, table: sa.Table, maps: dict[str, dict[Any, Any]]
) -> Any:
    """A function finding an existing row that an imported register row stands for."""
    if table.name == "board":
        names = {n.lower() for n in conn.execute(sa.select(table.c.short_name)).scalars()}

        def board_clash(values: dict[str, Any]) -> None:
            if values["short_name"].lower() in names:
                raise ImportFormatError(
                    f"Nothing was imported: there is already a board called {values['short_name']!r}."
                )
            return None

        return board_clash
    if table.name in ("organisation", "theme"):
        by_name = {r.name.lower(): r.id for r in conn.execute(sa.select(table.c.id, table.c.name))}
        return lambda values: by_name.get(values["name"].lower())
    people = conn.execute(
        sa.select(
            table.c.id,
            table.c.email,
            table.c.given_names,
            table.c.family_name,
            table.c.organisation_id,
        )
    ).all()
    by_email = {p.email.lower(): p.id for p in people if p.email}
    by_name = {
        (p.given_names.lower(), p.family_name.lower(), p.organisation_id): p.id for p in people
    }

    def person_match(values: dict[str, Any]) -> Any:
        email = (values.get("email") or "").lower()
        if email and email in by_email:
            return by_email[email]
        org = maps["organisation"].get(values.get("organisation_id"))
        key = ((values.get("given_names") or "").lower(), values["family_name"].lower(), org)
        return by_name.get(key)

    return person_match

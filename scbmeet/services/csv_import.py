"""Importing members from a CSV file: a preview naming each row's problems, then all or nothing.

Expected columns (header names are matched case-insensitively; order is free):
``title, given_names, family_name, organisation, email, job_title, role, start_date, end_date``.
Only ``family_name`` and ``organisation`` are required. ``organisation`` must name an
organisation in the register (by name or short name). Dates are read as people write them
(``01/04/2025``, ``1 Apr 2025``, ``2025-04-01``). A person already in the register (same
email, or same name in the same organisation) becomes a member of this board as they are,
unless they are a member already; a person named twice in the file is a problem.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

import sqlalchemy as sa

from scbmeet.domain.enums import Role
from scbmeet.domain.errors import ImportFormatError, NotFoundError, ValidationError
from scbmeet.domain.models import Board, Membership, Organisation, Person
from scbmeet.services.base import ServiceBase
from scbmeet.services.gc_pause import collector_paused
from scbmeet.services.register_people import EMAIL_RE
from scbmeet.text.dates import parse_date

COLUMNS = (
    "title",
    "given_names",
    "family_name",
    "organisation",
    "email",
    "job_title",
    "role",
    "start_date",
    "end_date",
)
ALIASES = {
    "first name": "given_names",
    "first_name": "given_names",
    "given names": "given_names",
    "forename": "given_names",
    "surname": "family_name",
    "last name": "family_name",
    "last_name": "family_name",
    "family name": "family_name",
    "organization": "organisation",
    "job title": "job_title",
    "e-mail": "email",
    "start date": "start_date",
    "end date": "end_date",
}
MAX_ROWS = 5000
MAX_FIELD = 300
# The register's own limits, so that nothing is cut short silently on import.
FIELD_LIMITS = {
    "title": 40,
    "given_names": 120,
    "family_name": 120,
    "job_title": 200,
    "email": 254,
    "organisation": 200,
}
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ROLES = frozenset(r.value for r in Role)
DEFAULT_ROLE = Role.MEMBER.value
_BOARD, _ORGANISATION, _PERSON, _MEMBERSHIP = (
    cast(sa.Table, sa.inspect(model).local_table)
    for model in (Board, Organisation, Person, Membership)
)
# What each date typed in the file reads as (a date, or the problem with it): a file's
# dates repeat (one start date for a whole intake), so each is parsed once.
DateReadings = dict[str, date | str]


@dataclass(frozen=True)
class CsvRow:
    """One row of the file as it would be imported, with everything wrong with it."""

    line: int
    title: str
    given_names: str
    family_name: str
    organisation: str
    organisation_id: int | None
    email: str
    job_title: str
    role: str
    start_date: date | None
    end_date: date | None
    problems: tuple[str, ...] = field(default=())
    person_id: int | None = None  # someone already in the register: only made a member

    @property
    def note(self) -> str:
        """What importing the row will do, when it is not the usual new person."""
        return "already in the register: becomes a member" if self.person_id else ""

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class CsvPreview:
    rows: tuple[CsvRow, ...]
    file_problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.file_problems and bool(self.rows) and all(r.ok for r in self.rows)

    @property
    def problem_count(self) -> int:
        return len(self.file_problems) + sum(len(r.problems) for r in self.rows)


def _header_key(name: str) -> str:
    key = name.strip().lower().lstrip("\ufeff")
    return ALIASES.get(key, key.replace(" ", "_"))


def _parse_date(text: str, what: str, problems: list[str], readings: DateReadings) -> date | None:
    if not text:
        return None
    reading = readings.get(text)
    if reading is None:
        try:
            reading = parse_date(text)
        except ValueError as exc:
            reading = str(exc).rstrip(".")
        readings[text] = reading
    if isinstance(reading, str):
        problems.append(f"{what}: {reading}")
        return None
    return reading


NameKey = tuple[str, str, int | None]  # given names, family name (lower case), organisation


@dataclass(frozen=True)
class KnownPeople:
    """The register as the file is checked against it, read once: organisations by name
    and short name, people by email and by name within an organisation, and who of them
    is a member of the board being imported into."""

    orgs: dict[str, int]
    emails: dict[str, int]
    names: dict[NameKey, int]
    members: set[int]


@dataclass
class SeenInFile:
    """What the rows checked so far have named (a person named twice is a problem)."""

    emails: set[str] = field(default_factory=set)
    names: set[NameKey] = field(default_factory=set)
    dates: DateReadings = field(default_factory=dict)


def _cleaned(key: str, value: str, problems: list[str]) -> str:
    """A field without control characters, cut to its limit (each named as a problem)."""
    if CONTROL_CHARS.search(value):
        problems.append(f"{key.replace('_', ' ')} contains control characters")
        value = CONTROL_CHARS.sub("", value)
    limit = FIELD_LIMITS.get(key, MAX_FIELD)
    if len(value.strip()) > limit:
        problems.append(
            f"{key.replace('_', ' ')} is too long "
            f"({len(value.strip())} characters; at most {limit})"
        )
        value = value[:limit]
    return value.strip()


class MemberCsvService(ServiceBase):
    """Preview and import of a board's members from CSV."""

    def preview(self, board_id: int, text: str) -> CsvPreview:
        """Check every row without saving anything."""
        if not isinstance(text, str):
            raise ImportFormatError("The member file must be text.")
        try:
            reader = csv.reader(io.StringIO(text, newline=""))
            raw_rows = list(reader)
        except csv.Error as exc:
            return CsvPreview((), (f"The file is not valid CSV: {exc}.",))
        raw_rows = [r for r in raw_rows if any(c.strip() for c in r)]
        if not raw_rows:
            return CsvPreview((), ("The file is empty.",))
        header = [_header_key(h) for h in raw_rows[0]]
        file_problems = []
        unknown = [h for h in header if h not in COLUMNS]
        if unknown:
            file_problems.append(f"Unknown column(s): {', '.join(repr(u[:30]) for u in unknown)}.")
        for required in ("family_name", "organisation"):
            if required not in header:
                file_problems.append(f"The file has no {required.replace('_', ' ')} column.")
        if len(header) != len(set(header)):
            file_problems.append("A column appears twice in the header.")
        if len(raw_rows) - 1 > MAX_ROWS:
            file_problems.append(f"The file has more than {MAX_ROWS} rows.")
        if file_problems:
            return CsvPreview((), tuple(file_problems))
        known = self._known_people(board_id)
        seen = SeenInFile()
        with collector_paused():  # thousands of rows, no cycles among them
            rows = tuple(
                self._check_row(index, header, raw, known, seen)
                for index, raw in enumerate(raw_rows[1:], start=2)
            )
        return CsvPreview(rows)

    def _known_people(self, board_id: int) -> KnownPeople:
        """The register, in one snapshot of four plain queries (never a query per row, nor
        ORM objects: the register may hold thousands of people), on the tables' Core
        columns (no ORM compile step, nor configuring every mapper in a fresh process)."""
        with self.db.reading() as s:
            conn = s.connection()
            board = conn.execute(sa.select(_BOARD.c.id).where(_BOARD.c.id == board_id))
            if board.first() is None:
                raise NotFoundError(f"There is no board with id {board_id}.")
            org_rows = conn.execute(
                sa.select(_ORGANISATION.c.id, _ORGANISATION.c.name, _ORGANISATION.c.short_name)
            ).all()
            people = conn.execute(
                sa.select(
                    _PERSON.c.id,
                    _PERSON.c.given_names,
                    _PERSON.c.family_name,
                    _PERSON.c.organisation_id,
                    _PERSON.c.email,
                )
            ).all()
            members = set(
                conn.execute(
                    sa.select(_MEMBERSHIP.c.person_id).where(_MEMBERSHIP.c.board_id == board_id)
                ).scalars()
            )
        orgs: dict[str, int] = {}
        for oid, name, short_name in org_rows:
            assert oid is not None
            orgs[name.strip().lower()] = oid
            if short_name:
                orgs.setdefault(short_name.strip().lower(), oid)
        return KnownPeople(
            orgs=orgs,
            emails={email.lower(): pid for pid, _g, _f, _o, email in people if email and pid},
            names={
                (given.lower(), family.lower(), org): pid
                for pid, given, family, org, _e in people
                if pid is not None
            },
            members=members,
        )

    @staticmethod
    def _check_row(
        line: int, header: list[str], raw: list[str], known: KnownPeople, seen: SeenInFile
    ) -> CsvRow:
        problems: list[str] = []
        if len(raw) > len(header):
            problems.append(f"has {len(raw)} fields but the header has {len(header)}")
        values = {
            key: _cleaned(key, raw[i] if i < len(raw) else "", problems)
            for i, key in enumerate(header)
        }
        family = values.get("family_name", "")
        if not family:
            problems.append("family name is missing")
        org_name = values.get("organisation", "")
        org_id = known.orgs.get(org_name.lower())
        if not org_name:
            problems.append("organisation is missing")
        elif org_id is None:
            problems.append(f"unknown organisation {org_name[:60]!r}")
        email = values.get("email", "")
        name_key = (values.get("given_names", "").lower(), family.lower(), org_id)
        person_id: int | None = None
        if email and not EMAIL_RE.match(email):
            problems.append(f"bad email {email[:60]!r}")
        elif email:
            person_id = known.emails.get(email.lower())
            if email.lower() in seen.emails:
                problems.append(f"duplicate person: {email} appears twice in the file")
            seen.emails.add(email.lower())
        elif family:
            person_id = known.names.get(name_key)
            if name_key in seen.names:
                problems.append("duplicate person: appears twice in the file")
        seen.names.add(name_key)
        if person_id is not None and person_id in known.members:
            problems.append("already a member of this board")
        role = (values.get("role") or DEFAULT_ROLE).lower().replace("-", "_").replace(" ", "_")
        if role not in ROLES:
            problems.append(f"unknown role {values.get('role', '')[:30]!r}")
        start = _parse_date(values.get("start_date", ""), "start date", problems, seen.dates)
        end = _parse_date(values.get("end_date", ""), "end date", problems, seen.dates)
        if start and end and end < start:
            problems.append("end date is before start date")
        return CsvRow(
            line=line,
            title=values.get("title", ""),
            given_names=values.get("given_names", ""),
            family_name=family,
            organisation=org_name,
            organisation_id=org_id,
            email=email,
            job_title=values.get("job_title", ""),
            role=role,
            start_date=start,
            end_date=end,
            problems=tuple(problems),
            person_id=person_id,
        )

    def import_members(self, board_id: int, text: str) -> int:
        """Import every row, or none: refused (with the first problems named) if any is wrong."""
        preview = self.preview(board_id, text)
        if not preview.ok:
            first = list(preview.file_problems) + [
                f"line {r.line}: {p}" for r in preview.rows for p in r.problems
            ]
            more = f" (and {len(first) - 3} more)" if len(first) > 3 else ""
            raise ValidationError(
                "Nothing was imported: " + "; ".join(first[:3]) + more
                if first
                else "Nothing was imported: the file has no members."
            )
        with self.db.transaction() as s, collector_paused():
            _insert_members(s.connection(), board_id, preview.rows)
        self._changed("person")
        self._changed("membership")
        return len(preview.rows)


def _insert_members(conn: sa.Connection, board_id: int, rows: Sequence[CsvRow]) -> None:
    """The new people and every row's membership, each as one batched insert (never a
    flush, nor a statement, per row)."""
    people = [
        {
            "title": row.title[:40],
            "given_names": row.given_names[:120],
            "family_name": row.family_name[:120],
            "job_title": row.job_title[:200],
            "organisation_id": row.organisation_id,
            "email": row.email[:254],
            "active": True,
        }
        for row in rows
        if row.person_id is None
    ]
    new_ids = iter(_insert_people(conn, people))
    memberships = [
        {
            "board_id": board_id,
            "person_id": row.person_id if row.person_id is not None else next(new_ids),
            "role": row.role,
            "seat_id": None,
            "start_date": row.start_date,
            "end_date": row.end_date,
        }
        for row in rows
    ]
    _insert_rows(conn, _MEMBERSHIP, memberships)


def _insert_people(conn: sa.Connection, people: list[dict[str, Any]]) -> list[int]:
    """Insert ``people``; their new ids, in the same order.

    On SQLite the ids are given, as SQLite would give them (one past the largest): safe,
    because the import holds the write lock from the start of its transaction, and one
    plain ``executemany``, where getting ids back would cost a statement per row there.
    Elsewhere one batched ``INSERT ... RETURNING`` in the rows' order.
    """
    if not people:
        return []
    table = _PERSON
    if conn.dialect.name == "sqlite":
        largest = conn.execute(sa.select(sa.func.max(table.c.id))).scalar()
        first = int(largest or 0) + 1
        ids = list(range(first, first + len(people)))
        _insert_rows(conn, table, [{**p, "id": i} for p, i in zip(people, ids, strict=True)])
        return ids
    statement = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return [int(i) for i in conn.execute(statement, people).scalars().all()]


def _insert_rows(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Rows of the same keys as one ``executemany``. On SQLite straight to the driver, as
    tuples (dates as the ISO text SQLAlchemy stores them as): building SQLAlchemy's
    parameters took longer than SQLite's insert itself."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(sa.insert(table), rows)
        return
    names = list(rows[0])
    dates = {n for n in names if isinstance(table.c[n].type, sa.Date)}
    marks = ", ".join("?" for _ in names)
    columns = ", ".join(f'"{n}"' for n in names)
    conn.exec_driver_sql(
        f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})',
        [tuple(_iso(row[n]) if n in dates else row[n] for n in names) for row in rows],
    )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None

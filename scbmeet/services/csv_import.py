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
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from scbmeet.domain.enums import Role
from scbmeet.domain.errors import ImportFormatError, ValidationError
from scbmeet.domain.models import Board, Membership, Organisation, Person
from scbmeet.services.base import ServiceBase, get_or_fail
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


def _parse_date(text: str, what: str, problems: list[str]) -> date | None:
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError as exc:
        problems.append(f"{what}: {str(exc).rstrip('.')}")
        return None


@dataclass(frozen=True)
class KnownPeople:
    """Who is in the register already (by email, and by name within an organisation), and
    who of them is a member of the board being imported into."""

    emails: dict[str, int]
    names: dict[tuple[str, str, int | None], int]
    members: set[int]


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
        with self.db.reading() as s:
            get_or_fail(s, Board, board_id, "board")
            orgs: dict[str, int] = {}
            # Plain rows, not ORM objects: the register may hold thousands of people.
            org_rows = s.connection().execute(
                sa.select(
                    col(Organisation.id), col(Organisation.name), col(Organisation.short_name)
                )
            )
            for oid, name, short_name in org_rows.all():
                assert oid is not None
                orgs[name.strip().lower()] = oid
                if short_name:
                    orgs.setdefault(short_name.strip().lower(), oid)
            people = (
                s.connection()
                .execute(
                    sa.select(
                        col(Person.id),
                        col(Person.given_names),
                        col(Person.family_name),
                        col(Person.organisation_id),
                        col(Person.email),
                    )
                )
                .all()
            )
            members = set(
                s.exec(select(Membership.person_id).where(Membership.board_id == board_id)).all()
            )
        known = KnownPeople(
            emails={email.lower(): pid for pid, _g, _f, _o, email in people if email and pid},
            names={
                (given.lower(), family.lower(), org): pid
                for pid, given, family, org, _e in people
                if pid is not None
            },
            members=members,
        )
        seen_emails: set[str] = set()
        seen_names: set[tuple[str, str, int | None]] = set()
        rows = []
        with collector_paused():  # thousands of rows, no cycles among them
            for index, raw in enumerate(raw_rows[1:], start=2):
                rows.append(
                    self._check_row(index, header, raw, orgs, known, seen_emails, seen_names)
                )
        return CsvPreview(tuple(rows))

    @staticmethod
    def _check_row(
        line: int,
        header: list[str],
        raw: list[str],
        orgs: dict[str, int],
        known: KnownPeople,
        seen_emails: set[str],
        seen_names: set[tuple[str, str, int | None]],
    ) -> CsvRow:
        problems: list[str] = []
        if len(raw) > len(header):
            problems.append(f"has {len(raw)} fields but the header has {len(header)}")
        values = {key: (raw[i] if i < len(raw) else "") for i, key in enumerate(header)}
        for key, value in list(values.items()):
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
            values[key] = value.strip()
        family = values.get("family_name", "")
        if not family:
            problems.append("family name is missing")
        org_name = values.get("organisation", "")
        org_id = orgs.get(org_name.lower())
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
            if email.lower() in seen_emails:
                problems.append(f"duplicate person: {email} appears twice in the file")
            seen_emails.add(email.lower())
        elif family:
            person_id = known.names.get(name_key)
            if name_key in seen_names:
                problems.append("duplicate person: appears twice in the file")
        seen_names.add(name_key)
        if person_id is not None and person_id in known.members:
            problems.append("already a member of this board")
        role = (values.get("role") or Role.MEMBER.value).lower().replace("-", "_").replace(" ", "_")
        if role not in {r.value for r in Role}:
            problems.append(f"unknown role {values.get('role', '')[:30]!r}")
        start = _parse_date(values.get("start_date", ""), "start date", problems)
        end = _parse_date(values.get("end_date", ""), "end date", problems)
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


NewPersonKey = tuple[str, str, int | None, str]


def _new_person_key(person: dict[str, Any] | None) -> NewPersonKey:
    assert person is not None
    return (
        person["given_names"],
        person["family_name"],
        person["organisation_id"],
        person["email"],
    )


def _with_new_people(
    rows: Sequence[CsvRow], people: Sequence[dict[str, Any]]
) -> list[tuple[CsvRow, dict[str, Any] | None]]:
    """Each row with the person inserted for it (None: already in the register)."""
    new = iter(people)
    return [(row, None if row.person_id is not None else next(new)) for row in rows]


def _insert_members(conn: sa.Connection, board_id: int, rows: Sequence[CsvRow]) -> None:
    """The new people and every row's membership as two batched inserts (not a flush per
    row, nor one statement per person to get the ids back in order)."""
    new_rows = [row for row in rows if row.person_id is None]
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
        for row in new_rows
    ]
    fresh: dict[NewPersonKey, int] = {}
    if people:
        # Batched, so the ids come back in no promised order: each is matched to its row by
        # name, organisation and email, which the preview has made unique among new rows.
        statement = sa.insert(Person).returning(
            col(Person.id),
            col(Person.given_names),
            col(Person.family_name),
            col(Person.organisation_id),
            col(Person.email),
        )
        fresh = {
            (given, family, org, email): int(pid)
            for pid, given, family, org, email in conn.execute(statement, people).all()
            if pid is not None
        }
        if len(fresh) != len(people):  # the preview refuses such files; never guess
            raise ValidationError("Two new people in the file are the same person.")
    person_ids = [
        row.person_id if row.person_id is not None else fresh[_new_person_key(person)]
        for row, person in _with_new_people(rows, people)
    ]
    if not person_ids:
        return
    memberships = [
        {
            "board_id": board_id,
            "person_id": person_id,
            "role": row.role,
            "seat_id": None,
            "start_date": row.start_date,
            "end_date": row.end_date,
        }
        for row, person_id in zip(rows, person_ids, strict=True)
    ]
    conn.execute(sa.insert(Membership), memberships)

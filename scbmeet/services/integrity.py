"""``scbmeet check``: the database's own integrity checks plus scbmeet's rules.

The rules read plain rows with SQLAlchemy Core, naming only the columns they look at:
SQLModel and the table classes (:mod:`scbmeet.domain.models`) would cost about half the
command's time to import, and building an ORM object for every meeting, minute and agenda
item of a long history as much again. ``tests/test_cli_imports.py`` holds it to that.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

import sqlalchemy as sa

from scbmeet.domain.bullets import bullets_problem
from scbmeet.domain.case_review_lines import open_case_review_lines
from scbmeet.domain.closed import inconsistent_items
from scbmeet.domain.enums import ActionState, MeetingState
from scbmeet.domain.references import minute_reference
from scbmeet.storage import schema_match
from scbmeet.storage.engine import Database

_MEETING = sa.table(
    "meeting",
    sa.column("id", sa.Integer),
    sa.column("board_id", sa.Integer),
    sa.column("date", sa.Date),
    sa.column("state", sa.String),
    sa.column("approved_on", sa.Date),
)
_MINUTE = sa.table(
    "minuteitem",
    sa.column("id", sa.Integer),
    sa.column("meeting_id", sa.Integer),
    sa.column("board_id", sa.Integer),
    sa.column("position", sa.Integer),
    sa.column("number", sa.Integer),
    sa.column("numbering_year", sa.Integer),
)
_ACTION = sa.table("action", sa.column("state", sa.String), sa.column("closed_on", sa.Date))
_AGENDA_ITEM = sa.table(
    "agendaitem",
    sa.column("id", sa.Integer),
    sa.column("meeting_id", sa.Integer),
    sa.column("parent_id", sa.Integer),
    sa.column("position", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("session", sa.String),
    sa.column("title", sa.String),
    sa.column("bullets", sa.String),
)
_PLAN_REVIEW_ITEM = sa.table(
    "planreviewitem", sa.column("agenda_item_id", sa.Integer), sa.column("plan_id", sa.Integer)
)
_CASE_REVIEW = sa.table(
    "casereview",
    sa.column("plan_id", sa.Integer),
    sa.column("reference", sa.String),
    sa.column("title", sa.String),
)


class _Meeting(NamedTuple):
    id: int
    board_id: int
    date: dt.date
    state: str
    approved_on: dt.date | None


class _Minute(NamedTuple):
    id: int
    meeting_id: int
    board_id: int
    number: int
    numbering_year: int


class _AgendaItem(NamedTuple):
    id: int
    meeting_id: int
    parent_id: int | None
    position: int
    kind: str
    session: str
    title: str
    bullets: str


class _Review(NamedTuple):
    reference: str
    title: str


def _schema_problems(db: Database, conn: sa.Connection) -> list[str]:
    """Schema objects scbmeet did not create (a planted trigger, an extra table) and, on
    SQLite, rows that refer to missing rows."""

    def query(sql: str) -> list[tuple[object, ...]]:
        return [tuple(row) for row in conn.exec_driver_sql(sql)]

    revision = str(conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar())
    if not db.is_sqlite:
        own = schema_match.postgresql_tables(revision)
        return schema_match.postgresql_foreign_objects(query, own)
    differences = schema_match.schema_differences(schema_match.read_schema(query), revision)
    return [f"The database's schema: {d}" for d in differences] + schema_match.foreign_key_problems(
        query
    )


def _minute_problems(conn: sa.Connection, meetings: dict[int, _Meeting]) -> list[str]:
    """Minutes filed under another board than their meeting's, and meetings whose minutes'
    numbers do not run on one by one in the minutes' order."""
    problems = []
    per_meeting: dict[int, list[_Minute]] = defaultdict(list)
    rows = conn.execute(
        sa.select(
            _MINUTE.c.id,
            _MINUTE.c.meeting_id,
            _MINUTE.c.board_id,
            _MINUTE.c.number,
            _MINUTE.c.numbering_year,
        ).order_by(_MINUTE.c.position, _MINUTE.c.id)
    )
    for item in map(_Minute._make, rows):
        per_meeting[item.meeting_id].append(item)
        meeting = meetings.get(item.meeting_id)
        if meeting is not None and meeting.board_id != item.board_id:
            problems.append(f"minute {item.id} is filed under the wrong board")
    for meeting_id, items in per_meeting.items():
        got = [i.number for i in items]
        if got != list(range(got[0], got[0] + len(got))):
            meeting = meetings.get(meeting_id)
            which = meeting.date if meeting is not None else f"meeting {meeting_id}"
            refs = ", ".join(minute_reference(i.number, i.numbering_year) for i in items)
            problems.append(f"minutes of {which} are not numbered in order: {refs}")
    return problems


def _closed_actions_without_date(conn: sa.Connection) -> list[str]:
    closed = (ActionState.DONE.value, ActionState.DROPPED.value)
    count = conn.execute(
        sa.select(sa.func.count())
        .select_from(_ACTION)
        .where(_ACTION.c.state.in_(closed), _ACTION.c.closed_on.is_(None))
    ).scalar_one()
    return [f"{count} closed action(s) have no closing date"] if count else []


def _agenda_problems(items: Sequence[_AgendaItem]) -> list[str]:
    """Open items under a closed one, and bullets that break the bullets' rules."""
    problems = [
        f"agenda item {wrong.title!r} is marked open under a closed-session item "
        "(it is treated as closed)"
        for wrong in inconsistent_items(items)
    ]
    for item in items:
        if item.bullets and (problem := bullets_problem(item.bullets)):
            problems.append(f"agenda item {item.title!r}: {problem}")
    return problems


def _open_case_reviews(
    conn: sa.Connection, items: Sequence[_AgendaItem], meetings: dict[int, _Meeting]
) -> list[str]:
    """Agenda items in open session that are the update on a restricted case review."""
    linked = conn.execute(
        sa.select(
            _PLAN_REVIEW_ITEM.c.agenda_item_id, _CASE_REVIEW.c.reference, _CASE_REVIEW.c.title
        ).join(_CASE_REVIEW, _CASE_REVIEW.c.plan_id == _PLAN_REVIEW_ITEM.c.plan_id)
    ).all()
    if not linked:
        return []
    review_of_item = {item_id: _Review(reference, title) for item_id, reference, title in linked}
    concerned = {i.meeting_id for i in items if i.id in review_of_item}
    agendas = [i for i in items if i.meeting_id in concerned]  # whole agendas: the numbers
    dates = {m.id: m.date for m in meetings.values() if m.id in concerned}
    return open_case_review_lines(agendas, review_of_item, dates)


def check_database(db: Database) -> list[str]:
    """Every problem found, as sentences; an empty list means the database is sound."""
    problems: list[str] = []
    with db.reading_rows() as conn:
        if db.is_sqlite:
            rows = conn.exec_driver_sql("PRAGMA integrity_check").all()
            if rows != [("ok",)]:
                problems.extend(f"SQLite integrity: {r[0]}" for r in rows[:20])
        problems.extend(_schema_problems(db, conn))
        meetings = {
            m.id: _Meeting._make(m)
            for m in conn.execute(sa.select(_MEETING).order_by(_MEETING.c.id))
        }
        problems.extend(_minute_problems(conn, meetings))
        for m in meetings.values():
            if m.state == MeetingState.MINUTES_APPROVED and m.approved_on is None:
                problems.append(f"meeting {m.date} is approved but has no approval date")
        problems.extend(_closed_actions_without_date(conn))
        items = [
            _AgendaItem._make(row)
            for row in conn.execute(sa.select(_AGENDA_ITEM).order_by(_AGENDA_ITEM.c.id))
        ]
        problems.extend(_agenda_problems(items))
        problems.extend(_open_case_reviews(conn, items, meetings))
    return problems

"""``scbmeet check``: the database's own integrity checks plus scbmeet's rules."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from sqlmodel import SQLModel, col, select

from scbmeet.domain.bullets import bullets_problem
from scbmeet.domain.closed import inconsistent_items
from scbmeet.domain.enums import MeetingState
from scbmeet.domain.models import Action, AgendaItem, Meeting, MinuteItem
from scbmeet.services.numbering import minute_reference
from scbmeet.services.plan_restricted import stored_open_case_reviews
from scbmeet.storage import schema_match
from scbmeet.storage.engine import Database


def _schema_problems(db: Database, conn: sa.Connection) -> list[str]:
    """Schema objects scbmeet did not create (a planted trigger, an extra table) and, on
    SQLite, rows that refer to missing rows."""

    def query(sql: str) -> list[tuple[object, ...]]:
        return [tuple(row) for row in conn.exec_driver_sql(sql)]

    if not db.is_sqlite:
        own = {t.name for t in SQLModel.metadata.sorted_tables} | {"alembic_version"}
        return schema_match.postgresql_foreign_objects(query, own)
    revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    differences = schema_match.schema_differences(schema_match.read_schema(query), str(revision))
    return [f"The database's schema: {d}" for d in differences] + schema_match.foreign_key_problems(
        query
    )


def check_database(db: Database) -> list[str]:
    """Every problem found, as sentences; an empty list means the database is sound."""
    problems: list[str] = []
    with db.reading() as s:
        conn = s.connection()
        if db.is_sqlite:
            rows = conn.exec_driver_sql("PRAGMA integrity_check").all()
            if rows != [("ok",)]:
                problems.extend(f"SQLite integrity: {r[0]}" for r in rows[:20])
        problems.extend(_schema_problems(db, conn))
        meetings = {m.id: m for m in s.exec(select(Meeting)).all()}
        numbers: dict[tuple[int, int], list[MinuteItem]] = defaultdict(list)
        per_meeting: dict[int, list[MinuteItem]] = defaultdict(list)
        for item in s.exec(select(MinuteItem).order_by(col(MinuteItem.position))).all():
            numbers[(item.board_id, item.numbering_year)].append(item)
            per_meeting[item.meeting_id].append(item)
            meeting = meetings.get(item.meeting_id)
            if meeting is not None and meeting.board_id != item.board_id:
                problems.append(f"minute {item.id} is filed under the wrong board")
        for meeting_id, items in per_meeting.items():
            got = [i.number for i in items]
            if got != list(range(got[0], got[0] + len(got))):
                m = meetings[meeting_id]
                refs = ", ".join(minute_reference(i.number, i.numbering_year) for i in items)
                problems.append(f"minutes of {m.date} are not numbered in order: {refs}")
        for m in meetings.values():
            if m.state == MeetingState.MINUTES_APPROVED and m.approved_on is None:
                problems.append(f"meeting {m.date} is approved but has no approval date")
        closed_without_date = s.exec(
            select(sa.func.count())
            .select_from(Action)
            .where(col(Action.state).in_(("done", "dropped")), col(Action.closed_on).is_(None))
        ).one()
        if closed_without_date:
            problems.append(f"{closed_without_date} closed action(s) have no closing date")
        agenda_items = s.exec(select(AgendaItem)).all()
        for wrong in inconsistent_items(agenda_items):
            problems.append(
                f"agenda item {wrong.title!r} is marked open under a closed-session item "
                "(it is treated as closed)"
            )
        for agenda_item in agenda_items:
            if agenda_item.bullets and (problem := bullets_problem(agenda_item.bullets)):
                problems.append(f"agenda item {agenda_item.title!r}: {problem}")
        problems.extend(stored_open_case_reviews(s))
    return problems

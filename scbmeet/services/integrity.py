"""``scbmeet check``: the database's own integrity checks plus scbmeet's rules."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from sqlmodel import col, select

from scbmeet.domain.closed import inconsistent_items
from scbmeet.domain.enums import MeetingState
from scbmeet.domain.models import Action, AgendaItem, Meeting, MinuteItem
from scbmeet.services.numbering import minute_reference
from scbmeet.storage.engine import Database


def check_database(db: Database) -> list[str]:
    """Every problem found, as sentences; an empty list means the database is sound."""
    problems: list[str] = []
    with db.reading() as s:
        conn = s.connection()
        if db.is_sqlite:
            rows = conn.exec_driver_sql("PRAGMA integrity_check").all()
            if rows != [("ok",)]:
                problems.extend(f"SQLite integrity: {r[0]}" for r in rows[:20])
            for row in conn.exec_driver_sql("PRAGMA foreign_key_check").all()[:20]:
                problems.append(f"{row[0]} row {row[1]} refers to a missing {row[2]}")
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
        for wrong in inconsistent_items(s.exec(select(AgendaItem)).all()):
            problems.append(
                f"agenda item {wrong.title!r} is marked open under a closed-session item "
                "(it is treated as closed)"
            )
    return problems

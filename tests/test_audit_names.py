"""``scbmeet audit`` names what was changed as a board secretary would ("plan progress
update", not ``planprogress``): every table the audit log can name has a user-facing name,
and every operation the demo's log holds reads as a past-tense sentence."""

from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa
from sqlmodel import SQLModel

import scbmeet.domain.models  # noqa: F401  (registers the tables)
from scbmeet.text.audit_format import ENTITY_NAMES, OPERATION_TEMPLATES
from tests.cli_run import run


def audited_tables() -> set[str]:
    """Every table: an audit entry's ``entity`` is the name of the table its row is in."""
    return set(SQLModel.metadata.tables) - {"alembic_version"}


def test_every_table_has_a_name_a_secretary_would_use():
    missing = sorted(audited_tables() - set(ENTITY_NAMES))
    assert missing == [], f"give these tables a user-facing name in ENTITY_NAMES: {missing}"
    assert sorted(set(ENTITY_NAMES) - audited_tables()) == []  # no names of dropped tables


def _logged(services) -> tuple[set[str], set[str]]:
    with services.db.reading() as s:
        rows = s.connection().execute(sa.text("SELECT entity, operation FROM auditentry")).all()
    return {r[0] for r in rows}, {r[1] for r in rows}


def test_every_operation_in_the_demo_log_reads_as_a_sentence(demo):
    services, _summary = demo
    entities, operations = _logged(services)
    assert {"planprogress", "planreviewitem", "casereview"} <= entities
    assert sorted(operations - set(OPERATION_TEMPLATES)) == []


# Table names of two or more words run together, as they must never be printed.
RAW_NAME = re.compile(
    r"\b(" + "|".join(sorted(t for t in ENTITY_NAMES if ENTITY_NAMES[t] != t)) + r")\b"
)


def test_the_audit_command_prints_the_secretarys_words_either_way_round(demo, capsys):
    services, summary = demo
    reviewed = next(
        m
        for m in summary.meeting_ids
        if any(e.entity == "planprogress" for e in services.meetings.audit(m))
    )
    on = services.meetings.meeting(reviewed).date.isoformat()
    upcoming = services.meetings.meeting(summary.upcoming_meeting_id).date.isoformat()
    path = str(services.db.engine.url.database)
    services.db.dispose()
    for argv in (
        ("--db", path, "audit", "--meeting", on),
        ("audit", "--meeting", on, "--db", path),
    ):
        code, out, err = run(capsys, *argv)
        assert (code, err) == (0, "")
        summaries = [line for line in out.splitlines() if not line.startswith(" ")]
        assert any(
            "  added plan progress update " in line and line.endswith('"') for line in summaries
        )
        assert any("  signed the minutes of the meeting of " in line for line in summaries)
        assert RAW_NAME.search(out) is None, RAW_NAME.search(out)
    code, out, _ = run(capsys, "audit", "--db", path, "--meeting", upcoming)
    assert code == 0
    assert "changed plan review at agenda item " in out
    assert RAW_NAME.search(out) is None


def test_the_changed_fields_read_in_words_not_as_stored(demo):
    """Field names without underscores, codes as words, days and moments as dates, nothing
    as ``(none)``; free text stays quoted so that its spaces show."""
    from scbmeet.text.audit_format import change_lines, value_words

    services, summary = demo
    action = services.actions.outstanding(board_id=summary.board_id)[0]
    services.actions.set_state(action.id, "done", on=date(2026, 11, 30))
    entries = services.actions.audit(action.id)
    closed = change_lines(entries[0])
    assert any(re.fullmatch(r"state: (open|in progress) -> done", line) for line in closed)
    assert "closed on: (none) -> 30 November 2026" in closed
    assert not any("'" in line or "_" in line or "None" in line for line in closed)
    assert value_words("text", "Letters sent") == "'Letters sent'"
    assert value_words("text", "Letters sent", quoted=False) == "Letters sent"  # detail pane
    assert value_words("published_at", "2026-09-15T16:00:00+00:00").startswith("15 September")
    assert value_words("is_closed", True) == "yes" and value_words("state", "open") == "open"

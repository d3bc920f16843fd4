"""``scbmeet audit`` names what was changed as a board secretary would ("plan progress
update", not ``planprogress``): every table the audit log can name has a user-facing name,
and every operation the demo's log holds reads as a past-tense sentence."""

from __future__ import annotations

import re

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

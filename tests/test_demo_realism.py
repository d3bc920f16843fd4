"""The demo's records read as a real board's would (issue 19): its audit trail and the
actions' history name the board's secretary (not whoever built the demo, nor "root") and
are dated on the days the work was done (after each meeting, never the day it was built)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import select

from scbmeet.demo import ANALYST, SECRETARY, build_demo, typed_up
from scbmeet.domain.models import AuditEntry
from scbmeet.services import Services

DEMO_TODAY = date(2026, 11, 21)


def audit_entries(services: Services) -> list[AuditEntry]:
    with services.db.reading() as s:
        return list(s.exec(select(AuditEntry)).all())


def test_the_audit_trail_names_the_secretary_and_real_days(demo):
    services, summary = demo
    entries = audit_entries(services)
    assert len(entries) > 10
    assert {e.user for e in entries} <= {SECRETARY, ANALYST}
    meetings = {m.id: m for m in services.meetings.meetings(summary.board_id)}
    first = min(m.date for m in meetings.values())
    for entry in entries:
        day = entry.at.date()
        assert first - timedelta(days=60) <= day <= DEMO_TODAY, (entry.operation, day)
        if entry.meeting_id in meetings and meetings[entry.meeting_id].date < DEMO_TODAY:
            held = meetings[entry.meeting_id].date
            assert held <= day <= typed_up(held) + timedelta(days=200), (entry.operation, day)


def test_the_action_history_shows_who_and_when_as_it_happened(demo):
    services, summary = demo
    rows = services.action_register.rows(summary.board_id, today=DEMO_TODAY)
    events = [
        event
        for row in rows
        for event in services.action_register.history(row.id, today=DEMO_TODAY).events
        if event.kind == "state"
    ]
    assert events
    assert {e.by for e in events} <= {SECRETARY, ANALYST}
    assert all(e.on < DEMO_TODAY for e in events)  # the demo was built "today": not seen


def test_the_builder_is_not_named_and_later_changes_are_the_users(services):
    services.db.user = "root"
    summary = build_demo(services, DEMO_TODAY)
    assert "root" not in {e.user for e in audit_entries(services)}
    assert services.db.user == "root" and services.db.clock is None
    row = services.action_register.rows(summary.board_id, today=DEMO_TODAY)[0]
    services.actions.set_state(row.id, "dropped")
    latest = max(audit_entries(services), key=lambda e: e.id or 0)
    assert (latest.user, latest.at.date()) == ("root", date.today())

"""The partnership plan through its service: plans, priorities, actions, progress, as of."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from scbmeet.domain.errors import NotFoundError, ValidationError
from scbmeet.domain.models import AuditEntry
from scbmeet.jsonio import export_data, import_data
from scbmeet.services import Services


def make_plan(services: Services, board_id: int):
    plans = services.plans
    plan = plans.add_plan(board_id, "Community Safety Agreement", period="2025-2028")
    asb = plans.add_priority(plan.id, "Anti-social behaviour", "Repeat victims in two towns.")
    da = plans.add_priority(plan.id, "Domestic abuse", "Reports rising; refuge places short.")
    a1 = plans.add_action(
        asb.id, "Run a joint problem-solving panel", "Rachel Okafor", target_date=date(2026, 3, 31)
    )
    a2 = plans.add_action(da.id, "Train frontline staff", "Insp Fairley/MFRS")
    return plan, asb, da, a1, a2


def test_a_plan_is_built_and_read_back_in_order(demo):
    services, summary = demo
    plan, _asb, _da, a1, _a2 = make_plan(services, summary.board_id)
    table = services.plans.table(plan.id, as_of=date(2026, 1, 1))
    assert [g.priority.theme for g in table.priorities] == [
        "Anti-social behaviour",
        "Domestic abuse",
    ]
    assert table.priorities[0].priority.threat == "Repeat victims in two towns."
    assert [a.text for a in table.priorities[0].actions] == ["Run a joint problem-solving panel"]
    assert table.priorities[1].actions[0].owner_names == "Joanne Fairley / MFRS"
    assert a1.target_date == date(2026, 3, 31)
    assert table.priorities[1].actions[0].status_words == "No update"
    assert services.plans.current_plan(summary.board_id) == plan
    assert services.plans.find_plan(summary.board_id, "community safety agreement") == plan


def test_progress_as_of_a_date_or_a_meeting_shows_what_was_known_then(demo):
    services, summary = demo
    plan, _asb, _da, a1, _a2 = make_plan(services, summary.board_id)
    meetings = sorted(services.meetings.meetings(summary.board_id), key=lambda m: m.date)
    first, second = meetings[0], meetings[1]
    services.plans.record_progress(a1.id, "on track", "Panel set up.", meeting_id=first.id)
    services.plans.record_progress(a1.id, "At risk", "Venue lost.", meeting_id=second.id)
    at_first = services.plans.table(plan.id, meeting_id=first.id).priorities[0].actions[0]
    assert (at_first.status_words, at_first.latest.text) == ("On track", "Panel set up.")
    assert at_first.latest.on_date == first.date
    at_second = services.plans.table(plan.id, meeting_id=second.id).priorities[0].actions[0]
    assert at_second.status == "at_risk" and at_second.latest.meeting_date == second.date
    before = services.plans.table(plan.id, as_of=first.date.replace(year=first.date.year - 1))
    assert before.priorities[0].actions[0].latest is None
    assert [p.text for p in services.plans.progress(a1.id)] == ["Panel set up.", "Venue lost."]
    assert services.plans.table(plan.id, meeting_id=second.id).counts() == {
        "At risk": 1,
        "No update": 1,
    }


def test_editing_changes_only_what_is_given(demo):
    services, summary = demo
    plan, asb, _da, a1, _a2 = make_plan(services, summary.board_id)
    changed = services.plans.update_action(a1.id, milestones="Panel by May; review in June")
    assert changed.target_date == date(2026, 3, 31) and changed.text == a1.text
    cleared = services.plans.update_action(a1.id, target_date=None, owners="MP")
    assert cleared.target_date is None and cleared.owner_names == "MP"
    assert services.plans.update_priority(asb.id, theme="ASB").theme == "ASB"
    assert services.plans.update_plan(plan.id, status="finished").status == "finished"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda p, ids: p.add_plan(ids["board"], "COMMUNITY safety agreement"),
            "already has a plan",
        ),
        (lambda p, ids: p.add_priority(ids["plan"], "  "), "priority must not be empty"),
        (lambda p, ids: p.add_action(ids["asb"], "Do it", "Nobody Known"), "not in the register"),
        (lambda p, ids: p.add_action(ids["asb"], "", "MP"), "action must not be empty"),
        (lambda p, ids: p.record_progress(ids["a1"], "purple"), "not a valid progress status"),
        (lambda p, ids: p.update_plan(ids["plan"], status="gone"), "not a valid plan state"),
    ],
)
def test_bad_input_is_refused_and_nothing_changes(demo, call, message):
    services, summary = demo
    plan, asb, _da, a1, _a2 = make_plan(services, summary.board_id)
    ids = {"board": summary.board_id, "plan": plan.id, "asb": asb.id, "a1": a1.id}
    before = services.plans.table(plan.id)
    with pytest.raises(ValidationError, match=message):
        call(services.plans, ids)
    assert services.plans.table(plan.id) == before
    assert services.plans.progress(a1.id) == []


def test_a_meeting_of_another_board_is_refused(demo):
    services, summary = demo
    _plan, _asb, _da, a1, _a2 = make_plan(services, summary.board_id)
    other = next(b for b in services.register.boards() if b.id != summary.board_id)
    meeting = services.meetings.create_meeting(other.id, date(2027, 2, 3))
    with pytest.raises(ValidationError, match="not one of this plan's board"):
        services.plans.record_progress(a1.id, "complete", meeting_id=meeting.id)
    with pytest.raises(NotFoundError):
        services.plans.find_plan(other.id)


def test_changes_are_in_the_audit_trail(demo):
    services, summary = demo
    _plan, _asb, _da, a1, _a2 = make_plan(services, summary.board_id)
    services.plans.record_progress(a1.id, "complete", "Done.")
    with services.db.reading() as s:
        entities = {(e.entity, e.operation) for e in s.exec(select(AuditEntry)).all()}
    assert {("plan", "add"), ("planaction", "add"), ("planprogress", "add")} <= entities


def test_deleting_a_priority_takes_its_actions_and_progress(demo):
    services, summary = demo
    plan, asb, _da, a1, _a2 = make_plan(services, summary.board_id)
    services.plans.record_progress(a1.id, "on_track", "Going.")
    services.plans.delete_priority(asb.id)
    assert [g.priority.theme for g in services.plans.table(plan.id).priorities] == [
        "Domestic abuse"
    ]
    with pytest.raises(NotFoundError):
        services.plans.progress(a1.id)


def test_a_plan_survives_json_export_and_import(demo, tmp_path):
    services, summary = demo
    plan, _asb, _da, a1, _a2 = make_plan(services, summary.board_id)
    services.plans.record_progress(a1.id, "off track", "Stalled.", on_date=date(2026, 5, 1))
    data = export_data(services.db, board_id=summary.board_id)
    # the demo plan's, its case review's recommendations and these
    assert len(data["tables"]["planaction"]) == 4 + 2 + 2
    target = Services(_fresh_db(tmp_path))
    import_data(target.db, data)
    board = target.register.board_by_short_name("MSCB")
    copied = target.plans.find_plan(board.id, "Community Safety Agreement")
    assert (copied.name, copied.period) == ("Community Safety Agreement", "2025-2028")
    original = services.plans.table(plan.id, as_of=date(2026, 6, 1))
    again = target.plans.table(copied.id, as_of=date(2026, 6, 1))
    assert _shape(again) == _shape(original)


def _shape(table):
    return [
        (
            g.priority.theme,
            [(a.text, a.owner_names, a.status_words, a.target_date) for a in g.actions],
        )
        for g in table.priorities
    ]


def _fresh_db(tmp_path):
    from scbmeet.storage.database import open_database
    from scbmeet.storage.engine import sqlite_url

    return open_database(sqlite_url(tmp_path / "copy.sqlite3"), create=True, daily_backup=False)


def test_on_every_backend_owners_and_progress_are_kept_and_deleting_cascades(small):
    """SQLite and PostgreSQL alike: the owner check, ordering and cascades of the new tables."""
    plans = small.services.plans
    plan = plans.add_plan(small.board.id, "Hate Crime Plan", period="2026-2027")
    priority = plans.add_priority(plan.id, "Hate crime", "Under-reporting in rural areas.")
    action = plans.add_action(priority.id, "Open third-party reporting centres", "S Goodwin/TP")
    assert action.owner_names == "Sally Goodwin / TP"
    meeting = small.meeting(date(2027, 1, 20))
    plans.record_progress(action.id, "green", "Two centres open.", meeting_id=meeting.id)
    latest = plans.table(plan.id, as_of=date(2027, 2, 1)).priorities[0].actions[0].latest
    assert (latest.status_words, latest.on_date, latest.meeting_date) == (
        "On track",
        date(2027, 1, 20),
        date(2027, 1, 20),
    )
    plans.delete_plan(plan.id)
    assert plans.plans(small.board.id) == []
    with pytest.raises(NotFoundError):
        plans.action(action.id)

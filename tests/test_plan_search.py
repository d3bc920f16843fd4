"""Search finds the partnership plan's actions and progress, on SQLite and PostgreSQL, and
forgets them when they change or go."""

from __future__ import annotations

from datetime import date

from scbmeet.services import Services


def build(services: Services):
    board = services.register.create_board("Marlshire Safer Communities Board", "MSCB")
    meeting = services.meetings.create_meeting(board.id, date(2026, 6, 3), standard_agenda=False)
    plans = services.plans
    plan = plans.add_plan(board.id, "Community Safety Agreement", period="2025-2028")
    priority = plans.add_priority(plan.id, "Domestic abuse", "Refuge places are short.")
    services.register.create_organisation("Marlshire Fire and Rescue Service", short_name="MFRS")
    action = plans.add_action(priority.id, "Train frontline staff to refer survivors", "MFRS")
    progress = plans.record_progress(
        action.id, "at risk", "Commissioning of the trainer delayed.", meeting_id=meeting.id
    )
    return board, meeting, plan, action, progress


def test_plan_actions_and_progress_are_found_where_they_are(services):
    board, meeting, _plan, action, progress = build(services)
    hits = services.search.search("frontline", board_id=board.id)
    assert [(h.kind, h.id) for h in hits] == [("plan_action", action.id)]
    assert hits[0].kind_label == "Plan action"
    assert hits[0].context == "Community Safety Agreement: Domestic abuse"
    assert hits[0].snippet.text.startswith("Train frontline staff")
    found = services.search.search("commissioning")
    assert [(h.kind, h.id) for h in found] == [("plan_progress", progress.id)]
    assert found[0].meeting_id == meeting.id and found[0].place == "MSCB 3 June 2026"
    assert found[0].context.startswith("Community Safety Agreement: Train frontline")
    assert services.plan_meetings.locate("plan_progress", progress.id)[2] == action.id


def test_changed_and_deleted_plan_rows_leave_the_index(services):
    _board, _meeting, plan, action, _progress = build(services)
    services.plans.update_action(action.id, text="Run awareness sessions for staff")
    assert services.search.search("frontline") == []
    assert [h.kind for h in services.search.search("awareness")] == ["plan_action"]
    services.plans.delete_plan(plan.id)
    assert services.search.search("awareness") == []
    assert services.search.search("commissioning") == []

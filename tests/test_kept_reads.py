"""Costly reads' last answers, kept by the services until the next committed change (the
chair's review and the plan's status, for a page that opens a moment after them)."""

from __future__ import annotations

from datetime import date

from scbmeet.services.kept_reads import Kept, KeptReads

DEMO_TODAY = date(2026, 11, 21)


def test_an_answer_is_kept_until_the_next_change():
    kept = KeptReads()
    assert kept.recall("review") is None
    assert kept.read("review", lambda: [1, 2]) == [1, 2]
    assert kept.recall("review") == Kept([1, 2])
    assert kept.recall("other") is None
    kept.changed()
    assert kept.recall("review") is None


def test_an_answer_that_a_change_overtook_during_its_read_is_not_kept():
    kept = KeptReads()

    def read_while_a_change_commits() -> str:
        kept.changed()  # committed on another thread while this read ran
        return "as it was before the change"

    assert kept.read("review", read_while_a_change_commits) == "as it was before the change"
    assert kept.recall("review") is None


def test_none_is_an_answer_kept_like_any_other():
    kept = KeptReads()
    kept.read("plan", lambda: None)
    assert kept.recall("plan") == Kept(None)


def test_the_review_is_kept_for_its_board_and_day_until_a_change(undated_demo):
    services, summary = undated_demo
    register = services.action_register
    assert register.kept_review(summary.board_id, today=DEMO_TODAY) is None
    review = register.review(summary.board_id, today=DEMO_TODAY)
    assert register.kept_review(summary.board_id, today=DEMO_TODAY) == review
    assert register.kept_review(summary.board_id, today=date(2026, 11, 22)) is None
    row = register.rows(summary.board_id, states=["open"], today=DEMO_TODAY)[0]
    services.actions.update_action(row.id, {"due_date": DEMO_TODAY})
    assert register.kept_review(summary.board_id, today=DEMO_TODAY) is None


def test_the_plan_status_is_kept_until_a_change(undated_demo):
    services, summary = undated_demo
    plans = services.plan_meetings
    assert plans.kept_status(summary.board_id, DEMO_TODAY) is None
    status = plans.status(summary.board_id, DEMO_TODAY)
    assert status is not None
    assert plans.kept_status(summary.board_id, DEMO_TODAY) == Kept(status)
    priority = services.plans.priorities(status.plan_id)[0]
    services.plans.add_action(priority.id, "Late-night transport patrols", "MCVS")
    assert plans.kept_status(summary.board_id, DEMO_TODAY) is None

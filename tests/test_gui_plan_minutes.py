"""Minutes mode records partnership plan progress and the board's decisions at the item
that reviews the plan: keys in a docked pane, never a dialog, each step undoable."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from tests.minutes.conftest import open_window, press, type_text


def _review_performance_item(services, summary) -> int:
    plan = services.plans.current_plan(summary.board_id)
    item = next(
        i
        for i in services.agenda.agenda(summary.upcoming_meeting_id)
        if i.title.startswith("Quarter 2 performance")
    )
    services.plan_meetings.set_review(item.id, plan.id)
    return plan.id


def test_progress_and_decisions_are_recorded_from_the_keyboard(qtbot, demo, tmp_path):
    services, summary = demo
    plan_id = _review_performance_item(services, summary)
    window = open_window(qtbot, services, summary.upcoming_meeting_id, tmp_path / "r")
    pane = window.plan_review
    window.go_to(window.row_titled("Frequency of meetings"))
    qtbot.waitUntil(lambda: not pane.dock.isVisible() and pane.review is None)
    window.go_to(window.row_titled("Quarter 2 performance"))
    qtbot.waitUntil(lambda: pane.dock.isVisible())
    assert QApplication.focusWidget() is window.narrative  # the minute keeps the keyboard
    assert QApplication.activeModalWidget() is None
    press("ctrl+shift+L")
    assert QApplication.focusWidget() is pane.actions
    first = pane.actions.topLevelItem(0).data(0, 0x0100)
    press("A")  # at risk: the keyboard goes to the line for what was said
    assert QApplication.focusWidget() is pane.progress_edit
    type_text("Panel short of police officers.")
    press("Return")
    assert QApplication.activeModalWidget() is None
    latest = services.plans.progress(first)[-1]
    assert (latest.status, latest.text, latest.meeting_id) == (
        "at_risk",
        "Panel short of police officers.",
        summary.upcoming_meeting_id,
    )
    assert QApplication.focusWidget() is pane.actions
    assert pane.actions.currentItem().data(0, 0x0100) != first  # on to the next action
    qtbot.waitUntil(lambda: pane.actions.topLevelItem(0).text(2) == "At risk")
    press("ctrl+Z")
    assert services.plans.progress(first)[-1].meeting_id != summary.upcoming_meeting_id
    pane.recommendations.setFocus()
    press("Y")
    recs = services.plan_decisions.for_meeting(plan_id, summary.upcoming_meeting_id)
    assert recs[0].decision_at(summary.upcoming_meeting_id).words == "Supported"
    press("D")
    recs = services.plan_decisions.for_meeting(plan_id, summary.upcoming_meeting_id)
    assert recs[1].decision_at(summary.upcoming_meeting_id).words == "Deferred"
    press("ctrl+Z")
    recs = services.plan_decisions.for_meeting(plan_id, summary.upcoming_meeting_id)
    assert recs[1].decision_at(summary.upcoming_meeting_id) is None
    press("Escape")
    assert QApplication.focusWidget() is window.narrative
    window.close()

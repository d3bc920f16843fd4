"""In minutes mode the plan pane says what it shows: at the update on a restricted case
review it is titled for that review and lists its recommendations; back at an item that
reviews the partnership plan it is the "Partnership plan" again."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from tests.minutes.conftest import open_window, press, type_text

CASE_TITLE = "Case review DHR-2025-03: DV Homicide Review (closed business)"


def _headings(pane) -> list[str]:
    header = pane.actions.headerItem()
    return [header.text(i) for i in range(header.columnCount())]


def test_the_pane_is_titled_for_the_case_review_and_back_for_the_plan(qtbot, demo, tmp_path):
    services, summary = demo
    review = services.case_reviews.find(summary.board_id, "DHR-2025-03")
    item = services.case_reviews.put_on_agenda(review.id, summary.upcoming_meeting_id)
    window = open_window(qtbot, services, summary.upcoming_meeting_id, tmp_path / "r")
    pane = window.plan_review
    window.go_to(window.row_titled("Domestic homicide review - action plan"))  # not linked
    qtbot.waitUntil(lambda: not pane.dock.isVisible())
    press("alt+Down")  # on to the review's own update, the last item
    qtbot.waitUntil(lambda: pane.dock.isVisible() and pane.review is not None)
    assert pane.review.agenda_item_id == item.id
    assert pane.dock.windowTitle() == CASE_TITLE
    assert _headings(pane)[0] == "Recommendation"
    texts = [pane.actions.topLevelItem(i).text(0) for i in range(pane.actions.topLevelItemCount())]
    assert texts[0] == "Ask about coercive control at every housing tenancy review"
    assert not pane.support.isVisible()  # nothing of a case review is put for support
    assert "DHR-2025-03's recommendations" in pane.heading.text()
    assert QApplication.focusWidget() is window.narrative  # the minute keeps the keyboard
    # Its recommendations are rated as plan actions are, from the keyboard.
    press("ctrl+shift+L")
    assert QApplication.focusWidget() is pane.actions
    press("A")
    type_text("Housing partners trained; audit due in March.")
    press("Return")
    first = pane.actions.topLevelItem(0).data(0, 0x0100)
    latest = services.plans.progress(first)[-1]
    assert (latest.status, latest.meeting_id) == ("at_risk", summary.upcoming_meeting_id)
    assert pane.dock.windowTitle() == CASE_TITLE  # a refresh keeps the title
    press("Escape")
    window.go_to(window.row_titled("Quarter 2 performance"))  # it reviews the plan
    qtbot.waitUntil(lambda: pane.dock.windowTitle() == "Partnership plan")
    assert pane.dock.isVisible()
    assert _headings(pane)[0] == "Action"
    assert pane.support.isVisible()
    assert pane.actions.topLevelItem(0).text(0).startswith("Anti-social behaviour: ")
    window.close()

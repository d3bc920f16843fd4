"""The plan at a glance on the board's page and the chair's review, through the main window."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.domain.dto import long_date
from scbmeet.gui.plans.status_box import PlanStatusBox
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_services):
    w = MainWindow(demo_services, demo=True)
    install_extensions(w)
    qtbot.addWidget(w)
    return w


def test_the_board_page_says_how_the_plan_stands_in_words(window, demo, qtbot):
    services, summary = demo
    window.navigate("board", summary.board_id)
    page = window.current_page()
    text = page.plan_status.label.text()
    assert "Partnership Plan 2026-2029" in text
    assert "Domestic abuse: 1 off track." in text
    assert "Anti-social behaviour: 1 on track, 1 at risk." in text
    assert "No plan action is past its target date." in text
    third = services.meetings.meeting(summary.meeting_ids[2])
    assert f"Every action has been updated since the review of {long_date(third.date)}." in text
    priority = services.plans.priorities(page.plan_status.status.plan_id)[0]
    services.plans.add_action(priority.id, "Late-night transport patrols", "MCVS",
                              target_date=date(2026, 10, 1))  # fmt: skip
    qtbot.waitUntil(lambda: "Overdue</b> (1): Late-night transport patrols" in
                    page.plan_status.label.text())  # fmt: skip
    assert "No update since the review of" in page.plan_status.label.text()


def test_the_chairs_review_carries_the_plan_too(window, demo, qtbot):
    _services, summary = demo
    window.navigate("review", summary.board_id)
    page = window.current_page()
    box = page.findChild(PlanStatusBox, "planStatusBox")
    assert box is not None
    assert "Reducing reoffending: 1 complete." in box.label.text()
    qtbot.waitUntil(lambda: page.review is not None)  # the rest of the review, read meanwhile

"""The plan at a glance on the board's page and the chair's review, through the main window."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.domain.dto import long_date
from scbmeet.gui.plans.status_box import READING, PlanStatusBox
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
    qtbot.waitUntil(lambda: not page.plan_status.loading())  # read off the GUI thread
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
    qtbot.waitUntil(lambda: "Reducing reoffending: 1 complete." in box.label.text())
    qtbot.waitUntil(lambda: page.review() is not None)  # the rest of the review, read meanwhile


def test_the_plan_box_says_it_is_reading_until_the_plan_comes(demo_services, demo, qtbot):
    """The read runs off the GUI thread: the box is on the page at once, saying so."""
    _services, summary = demo
    box = PlanStatusBox(demo_services, summary.board_id, date.today)
    qtbot.addWidget(box)
    assert box.loading() and box.label.text() == READING and box.status is None
    with qtbot.waitSignal(box.statusShown):
        pass
    assert not box.loading() and "Partnership Plan 2026-2029" in box.label.text()
    assert box.status is not None and box.status.plan_name == "Partnership Plan 2026-2029"


def test_a_late_plan_read_never_replaces_a_newer_one(demo_services, demo, qtbot):
    """Two reads asked for in a row: only the second is shown, whichever comes back first."""
    _services, summary = demo
    box = PlanStatusBox(demo_services, summary.board_id, date.today)
    qtbot.addWidget(box)
    box.refresh()
    qtbot.waitUntil(lambda: not box.loading())
    box._shown(1, "an older read", None)  # the first read's answer, arriving late
    assert "Partnership Plan 2026-2029" in box.label.text()


def test_a_plan_that_cannot_be_read_is_one_line_in_the_box(demo_services, demo, qtbot, monkeypatch):
    from scbmeet.domain.errors import ScbmeetError

    _services, summary = demo

    def away(*_args, **_kwargs):
        raise ScbmeetError("The database cannot be reached.")

    monkeypatch.setattr(demo_services.plan_meetings, "status", away)
    box = PlanStatusBox(demo_services, summary.board_id, date.today)
    qtbot.addWidget(box)
    qtbot.waitUntil(lambda: not box.loading())
    assert box.label.text() == "The plan cannot be read just now: The database cannot be reached."

"""Kept pages behind another page of the main window do not re-read after each change
(while minutes are taken every autosave is one); they catch up when shown again. The page
on screen reloads as before."""

from __future__ import annotations

import pytest

from scbmeet.gui.actions.register import ActionsRegisterWidget
from scbmeet.gui.actions.review import ChairReviewWidget
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # shown window


@pytest.fixture
def window(qtbot, demo_services):
    w = MainWindow(demo_services, demo=True)
    install_extensions(w)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def shown_review(qtbot, window, board_id) -> ChairReviewWidget:
    window.navigate("review", board_id)
    page = window.current_page()
    assert isinstance(page, ChairReviewWidget)
    qtbot.waitUntil(lambda: page.review() is not None and not page.loading(), timeout=10000)
    return page


def outstanding_ids(services, board_id) -> list[int]:
    return [a.id for a in services.actions.outstanding(board_id=board_id)]


def test_a_review_behind_another_page_reads_again_only_when_shown(qtbot, window, demo):
    services, summary = demo
    review = shown_review(qtbot, window, summary.board_id)
    before = review.review().outstanding_count
    window.navigate("members", None)
    assert not review.isVisible()

    services.actions.set_state(outstanding_ids(services, summary.board_id)[0], "done")
    assert review._reloads.behind and not review.loading()  # noted, nothing read
    assert review.review().outstanding_count == before

    window.navigate("review", summary.board_id)
    assert window.current_page() is review and review.loading()  # reading at once
    qtbot.waitUntil(lambda: not review.loading(), timeout=10000)
    assert review.review().outstanding_count == before - 1
    assert not review._reloads.pending()


def test_the_review_on_screen_reloads_after_a_change_as_before(qtbot, window, demo):
    services, summary = demo
    review = shown_review(qtbot, window, summary.board_id)
    before = review.review().outstanding_count
    services.actions.set_state(outstanding_ids(services, summary.board_id)[0], "done")
    assert review._reloads.pending() and not review._reloads.behind
    qtbot.waitUntil(lambda: review.review().outstanding_count == before - 1, timeout=10000)


def test_a_register_behind_the_review_catches_up_when_shown(qtbot, window, demo):
    services, summary = demo
    window.navigate("actions", summary.board_id)
    register = window.current_page()
    assert isinstance(register, ActionsRegisterWidget)
    qtbot.waitUntil(lambda: not register.loading(), timeout=10000)
    first = outstanding_ids(services, summary.board_id)[0]
    assert first in register.visible_action_ids()
    shown_review(qtbot, window, summary.board_id)

    services.actions.set_state(first, "done")
    assert register._reloads.behind and not register.loading()
    assert first in register.visible_action_ids()  # as it was

    window.navigate("actions", summary.board_id)
    qtbot.waitUntil(lambda: first not in register.visible_action_ids(), timeout=10000)

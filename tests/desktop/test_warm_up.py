"""The warm-up after start-up: once the first page is ready, the app imports the chair's
review's module, reads the review once ahead, off the GUI thread, makes the review page on
that read (no second read) and keeps it in the window, not shown, painted once off screen;
then it imports every other page's module and exempts what start-up made from the garbage
collector's full passes. It stops if the window closes first, and leaves a review page
already opened by a click as it is."""

from __future__ import annotations

import gc

import pytest

from scbmeet.gui.actions.review import ChairReviewWidget
from scbmeet.gui.shell.main_window import MainWindow
from scbmeet.gui.shell.pages import lazy_page, page_key

from .launching import started

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # shown windows

EXTENSION_MODULES = {
    "scbmeet.gui.actions.review",
    "scbmeet.gui.actions.search_view",
    "scbmeet.gui.plans.page",
    "scbmeet.gui.plans.case_page",
}


def test_the_warm_up_imports_every_page_module_and_reads_the_review_ahead(qtbot, demo, monkeypatch):
    launcher, window = started(qtbot, demo)
    warm = launcher.warm_up
    assert warm is not None and not warm.done  # it waits for the first page's paint
    register = window.services.action_register
    reviewed: list[int] = []
    read = register.review

    def counting(board_id, **kwargs):
        reviewed.append(board_id)
        return read(board_id, **kwargs)

    monkeypatch.setattr(register, "review", counting)
    assert gc.get_freeze_count() == 0
    qtbot.waitUntil(lambda: warm.done, timeout=10000)
    assert gc.get_freeze_count() > 10000  # start-up's objects: out of the collector's passes
    assert warm.imported == window.pages.lazy_modules(first="review")
    assert warm.imported[0] == "scbmeet.gui.actions.review"
    assert set(warm.imported) >= EXTENSION_MODULES
    assert "scbmeet.gui.agenda.meeting_page" in warm.imported
    assert warm.read_done and warm.rehearsed
    first_board = window.services.register.boards()[0]
    assert reviewed == [first_board.id]
    # The review page made on that read is kept in the window, ready and not shown.
    made = warm.made_ahead
    assert isinstance(made, ChairReviewWidget) and made.review() is not None
    assert window.pages.holds(page_key("review", first_board.id))
    assert not made.isVisible() and window.current_page() is not made
    window.close()
    launcher.cleanup()


def test_the_warm_up_stops_when_the_window_closes_first(qtbot, demo):
    launcher, window = started(qtbot, demo)
    warm = launcher.warm_up
    assert warm is not None
    window.close()
    qtbot.waitUntil(lambda: warm.done, timeout=5000)
    assert warm.imported == [] and not warm.read_done and not warm.rehearsed
    assert warm.made_ahead is None
    assert gc.get_freeze_count() == 0
    launcher.cleanup()


def test_the_pages_modules_are_listed_once_each_in_the_order_registered_or_one_first(
    qtbot, demo_services
):
    window = MainWindow(demo_services, demo=True)
    qtbot.addWidget(window)
    window.register_page("extra", "Extra", lazy_page("scbmeet.gui.register.pages", "MembersPage"))
    modules = window.pages.lazy_modules()
    assert len(modules) == len(set(modules))
    assert modules.index("scbmeet.gui.register.board_pages") < modules.index(
        "scbmeet.gui.agenda.meeting_page"
    )
    assert "scbmeet.gui.register.pages" in modules
    # The page made ahead's module first; the same modules, once each.
    extra_first = window.pages.lazy_modules(first="extra")
    assert extra_first[0] == "scbmeet.gui.register.pages"
    assert sorted(extra_first) == sorted(modules)
    assert window.pages.lazy_modules(first="welcome") == modules  # not a lazy page


def test_a_click_on_the_review_before_the_warm_up_reaches_it_keeps_that_page(qtbot, demo):
    launcher, window = started(qtbot, demo)
    warm = launcher.warm_up
    assert warm is not None and not warm.read_done
    board = window.services.register.boards()[0]
    window.navigate("review", board.id)  # the chair clicks at once
    clicked = window.current_page()
    assert isinstance(clicked, ChairReviewWidget)
    qtbot.waitUntil(lambda: warm.done, timeout=10000)
    assert warm.made_ahead is None and not warm.rehearsed  # nothing made a second time
    assert window.current_page() is clicked and clicked.isVisible()
    qtbot.waitUntil(lambda: clicked.review() is not None)
    window.close()
    launcher.cleanup()

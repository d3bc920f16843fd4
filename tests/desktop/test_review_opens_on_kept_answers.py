"""The chair's review opened a moment after its read (the warm-up's, or its last visit's):
through the main window it shows the kept review and plan status at once (after the
warm-up, on the page it made ahead), reads afresh once it is painted, and shows what
another process changed meanwhile; a change through the app meanwhile is read when the
page is shown."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QStackedWidget, QWidget

from scbmeet.gui.actions.review import ChairReviewWidget
from scbmeet.gui.plans.status_box import READING
from scbmeet.gui.shell.main_window import MainWindow
from scbmeet.gui.widgets.after_paint import AfterFirstPaint
from scbmeet.services import Services
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url

from .launching import started

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # shown windows


@pytest.fixture
def warmed(qtbot, demo):
    """The app started on the demo, its warm-up done (the review read ahead, rehearsed)."""
    launcher, window = started(qtbot, demo)
    warm_up = launcher.warm_up
    assert warm_up is not None
    qtbot.waitUntil(lambda: warm_up.done, timeout=15000)
    yield launcher, window
    window.close()
    launcher.cleanup()


def counted_reviews(services: Services, monkeypatch) -> list[int]:
    """The boards whose review is read afresh from now on."""
    register = services.action_register
    read, boards = register.review, []

    def counting(board_id, **kwargs):
        boards.append(board_id)
        return read(board_id, **kwargs)

    monkeypatch.setattr(register, "review", counting)
    return boards


def open_review(window: MainWindow) -> ChairReviewWidget:
    board = window.services.register.boards()[0]
    window.navigate("review", board.id)
    page = window.current_page()
    assert isinstance(page, ChairReviewWidget)
    return page


def test_after_the_warm_up_the_review_is_on_the_page_at_once(warmed, qtbot, monkeypatch):
    launcher, window = warmed
    assert launcher.warm_up is not None and launcher.warm_up.rehearsed
    reads = counted_reviews(window.services, monkeypatch)
    made: list[object] = []
    monkeypatch.setattr(ChairReviewWidget, "__init__", lambda *args, **kw: made.append(args))
    page = open_review(window)
    # Before the event loop has run once: no page made, nothing read, the review and plan
    # (kept, on the page made ahead) shown.
    assert page is launcher.warm_up.made_ahead and made == []
    assert page.review() is not None and reads == []
    assert page.tiles["outstanding"].accessibleDescription().endswith("outstanding")
    assert page.plan_status.showing() and page.plan_status.label.text() != READING
    assert page.loading()  # the fresh read behind it is yet to come
    qtbot.waitUntil(lambda: not page.loading() and not page.plan_status.loading())
    assert reads == [page.review().board_id]  # read afresh once, after the page was painted


def test_a_change_from_another_process_shows_once_read_afresh(warmed, qtbot):
    _launcher, window = warmed
    services = window.services
    board = services.register.boards()[0]
    kept = services.action_register.kept_review(board.id)
    assert kept is not None
    # Another secretary closes an outstanding action on the shared file: this process's
    # services hear nothing of it.
    other_db = open_database(sqlite_url(services.db.path), daily_backup=False)
    try:
        other = Services(other_db)
        row = other.action_register.rows(board.id, states=["open", "in_progress"])[0]
        other.actions.set_state(row.id, "done", note="done by another secretary")
    finally:
        other_db.dispose()
    page = open_review(window)
    before = f"{kept.outstanding_count:,} outstanding"
    assert page.tiles["outstanding"].accessibleDescription() == before  # kept: at once
    after = f"{kept.outstanding_count - 1:,} outstanding"
    qtbot.waitUntil(lambda: page.tiles["outstanding"].accessibleDescription() == after)
    assert not page.loading()


def test_a_review_read_afresh_and_unchanged_leaves_the_page_as_it_is(warmed, qtbot, monkeypatch):
    _launcher, window = warmed
    shown: list[object] = []
    show = ChairReviewWidget._show
    monkeypatch.setattr(
        ChairReviewWidget, "_show", lambda self, review: (shown.append(review), show(self, review))
    )
    page = open_review(window)
    assert shown == []  # the kept review, laid out when the page was made ahead
    assert page.review() is not None
    qtbot.waitUntil(lambda: not page.loading())
    assert shown == []  # the fresh read found the same review: not laid out again


def test_a_change_through_the_app_forgets_the_kept_review(warmed, qtbot, monkeypatch):
    _launcher, window = warmed
    services = window.services
    board = services.register.boards()[0]
    assert services.action_register.kept_review(board.id) is not None
    reads = counted_reviews(services, monkeypatch)
    row = services.action_register.rows(board.id, states=["open"])[0]
    services.actions.update_action(row.id, {"due_date": date.today()})
    assert services.action_register.kept_review(board.id) is None
    qtbot.wait(400)  # longer than the page's reload delay: hidden, it only notes the change
    assert reads == []
    page = open_review(window)
    assert page.loading() and page.meetings_label.text() == "Reading the review…"
    qtbot.waitUntil(lambda: not page.loading())
    assert reads == [board.id]
    assert page.meetings_label.text() != "Reading the review…"


def test_work_after_first_paint_waits_for_the_widget_on_screen(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    calls: list[str] = []
    after = AfterFirstPaint(widget, lambda: calls.append("read"), at_latest_ms=60_000)
    widget.resize(200, 100)
    widget.grab()  # painted off screen, as the warm-up rehearses a page: not on screen
    qtbot.wait(50)
    assert calls == [] and not after.done
    widget.show()
    qtbot.waitUntil(lambda: after.done)  # painted on screen: long before the minute is up
    assert calls == ["read"]


def test_work_after_first_paint_runs_at_the_latest_for_a_page_never_shown(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    calls: list[str] = []
    after = AfterFirstPaint(widget, lambda: calls.append("read"), at_latest_ms=10)
    qtbot.waitUntil(lambda: after.done)
    assert calls == ["read"]


def test_work_after_first_paint_waits_for_a_page_kept_hidden_in_a_window_on_screen(qtbot):
    window = QStackedWidget()
    qtbot.addWidget(window)
    shown, kept = QWidget(), QWidget()
    window.addWidget(shown)
    window.addWidget(kept)
    window.show()
    qtbot.waitExposed(window)
    calls: list[str] = []
    after = AfterFirstPaint(kept, lambda: calls.append("read"), at_latest_ms=20)
    qtbot.wait(100)  # past "at the latest": kept hidden behind the page shown, it waits
    assert calls == [] and not after.done
    window.setCurrentWidget(kept)
    qtbot.waitUntil(lambda: after.done)
    assert calls == ["read"]

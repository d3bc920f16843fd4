"""Every page fits a 1024x700 window (issue 19): no page's minimum size makes the window
grow past the screen, or leaves the right-hand part of a page out of sight."""

from __future__ import annotations

import pytest

from scbmeet.gui import hooks
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.main_window import MainWindow

SMALL_SCREEN = (1024, 700)


@pytest.fixture
def small_window(qtbot, demo_services, monkeypatch):
    monkeypatch.setattr(hooks, "export_document", hooks.export_document)
    w = MainWindow(demo_services, demo=True)
    install_extensions(w)
    qtbot.addWidget(w)
    w.resize(*SMALL_SCREEN)
    w.show()
    qtbot.waitExposed(w)
    return w


def places(demo):
    """Every kind of page, on the demo board: the walk of each window-size test."""
    services, summary = demo
    board = services.register.boards()[0].id
    return [
        ("board", board),
        ("meetings", board),
        ("meeting", summary.upcoming_meeting_id),
        ("meeting", summary.meeting_ids[0]),
        ("members", board),
        ("organisations", None),
        ("forward_plan", board),
        ("actions", board),
        ("review", board),
        ("search", None),
        ("plan", board),
        ("cases", board),
    ]


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_every_page_fits_a_1024_by_700_window(small_window, demo, qtbot):
    too_wide = []
    for kind, ident in places(demo):
        small_window.navigate(kind, ident)
        page = small_window.current_page()
        qtbot.waitUntil(lambda page=page: page.isVisible())
        needed = page.minimumSizeHint()
        if needed.width() > small_window.stack.width() or small_window.width() > SMALL_SCREEN[0]:
            too_wide.append(f"{kind}: needs {needed.width()}, has {small_window.stack.width()}")
    assert too_wide == []
    hint = small_window.minimumSizeHint()
    assert hint.width() <= SMALL_SCREEN[0] and hint.height() <= SMALL_SCREEN[1]
    assert small_window.size().toTuple() == SMALL_SCREEN

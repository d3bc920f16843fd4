"""Search is found from the toolbar, and the keyboard moves from the box into the results."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from scbmeet.gui import hooks
from scbmeet.gui.actions.search_view import SearchWidget
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def window(qtbot, demo_services, monkeypatch):
    monkeypatch.setattr(hooks, "export_document", hooks.export_document)
    w = MainWindow(demo_services, demo=True)
    install_extensions(w)
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_search_everything_is_on_the_toolbar_and_takes_the_typing(window, qtbot):
    toolbar = window.findChild(QToolBar, "mainToolbar")
    assert window.search_action in toolbar.actions()
    button = toolbar.widgetForAction(window.search_action)
    assert button.isVisible() and button.geometry().right() < toolbar.width()
    window.search_action.trigger()
    page = window.current_page()
    assert isinstance(page, SearchWidget)
    qtbot.waitUntil(page.query_edit.hasFocus)
    qtbot.keyClicks(page.query_edit, "alcohol")  # typed at once, no pause before Down
    qtbot.keyClick(page.query_edit, Qt.Key.Key_Down)
    assert page.results_view.hasFocus()
    assert page.results_view.currentIndex().row() == 0
    qtbot.keyClick(page.results_view, Qt.Key.Key_Return)
    assert not isinstance(window.current_page(), SearchWidget)  # the hit's place is shown

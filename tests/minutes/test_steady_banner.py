"""The red not-saved banner of the minutes window does not move the agenda under the mouse:
a click on an agenda row made as the banner appears takes the row aimed at."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication


def _settle() -> None:
    QApplication.processEvents()
    QApplication.processEvents()


def test_the_not_saved_banner_does_not_move_the_agenda(qtbot, window):
    window.resize(1024, 700)
    _settle()
    view = window.agenda_view
    before = view.mapTo(window, QPoint(0, 0))
    row_rect = view.visualRect(window.agenda_model.index(3, 1))
    aimed = row_rect.center()
    aimed_title = window.agenda_model.index(3, 1).data()
    window.show_banner("Not saved: the database cannot be reached. " * 4)
    qtbot.waitUntil(lambda: window.banner.isVisible() and window.banner.height() > 0)
    _settle()
    assert view.mapTo(window, QPoint(0, 0)) == before
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=aimed)
    assert view.currentIndex().siblingAtColumn(1).data() == aimed_title
    # the banner is still in sight, across the window, under the panes
    banner_top = window.banner.mapTo(window, QPoint(0, 0)).y()
    assert banner_top > before.y() + view.height() - 1
    assert window.banner.width() > window.width() // 2

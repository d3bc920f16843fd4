"""A "Still missing" line growing as papers are expected never moves the agenda under the
mouse: it sits below the agenda, so a click made as it grows lands on the row aimed at.
Through the main window (the minutes window's banner: tests/minutes/test_steady_banner.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from scbmeet.gui.agenda.meeting_page import MeetingPage
from scbmeet.gui.shell.main_window import MainWindow


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # the window is shown
def test_new_missing_papers_do_not_push_the_agenda_down(qtbot, demo_services, upcoming):
    window = MainWindow(demo_services, demo=True)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.navigate("meeting", upcoming)
    page = window.current_page()
    assert isinstance(page, MeetingPage)
    qtbot.waitExposed(window)
    view, label = page.builder.view, page.builder.missing_label
    QApplication.processEvents()
    before = view.mapTo(window, QPoint(0, 0))
    height = label.height()
    item = next(i for i in page.builder.model.items() if i.title == "Performance report")
    for n in range(6):  # enough to wrap the line onto several more lines
        demo_services.agenda.add_paper(
            item.id, f"A long-titled supplementary report on community safety, part {n + 1}"
        )
    qtbot.waitUntil(lambda: "part 6" in label.text())
    qtbot.waitUntil(lambda: label.height() > height)  # it did grow...
    assert view.mapTo(window, QPoint(0, 0)) == before  # ...and the agenda stayed put
    assert label.mapTo(window, QPoint(0, 0)).y() > before.y() + view.height() - 1

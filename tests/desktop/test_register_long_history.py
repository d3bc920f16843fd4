"""The actions register on a long built history (benchmarks/build_large_db.py), through the
main window at 1024x700, used as a secretary would (issue 14): type a search, switch to all
states, sort by a column, open an action - and what keeps it quick: keys that arrive faster
than the rows filter are filtered once, a key that leaves the same actions shown changes
nothing on screen, and a repaint works out no cell it has painted before."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest

from scbmeet.gui import hooks
from scbmeet.gui.actions import register_shown
from scbmeet.gui.actions.register import ActionsRegisterWidget
from scbmeet.gui.agenda.meeting_page import MeetingPage
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.main_window import MainWindow
from scbmeet.services import Services
from scbmeet.services.action_filters import ActionFilter, filter_rows
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from build_large_db import build_large_db

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # shown windows


@pytest.fixture(scope="module")
def history_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("history") / "three-years.sqlite3"
    built = build_large_db(path, years=3)
    return path, built.board_id


@pytest.fixture
def page(qtbot, history_path, monkeypatch):
    monkeypatch.setattr(hooks, "export_document", hooks.export_document)  # restored afterwards
    path, board_id = history_path
    database = open_database(sqlite_url(path))
    window = MainWindow(Services(database))
    install_extensions(window)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.navigate("actions", board_id)
    register = window.current_page()
    assert isinstance(register, ActionsRegisterWidget)
    qtbot.waitUntil(lambda: not register.loading(), timeout=20000)
    yield register
    window.close()
    database.dispose()


def _post_keys(widget, text: str) -> None:
    """Keys queued at once, as when typing outpaces the window (or a paste of keys)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            key = Qt.Key(ord(char.upper()))
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            QCoreApplication.postEvent(widget, event)


def test_search_all_states_sort_and_open_an_action(page, qtbot, qtmodeltester):
    window = page.window()
    qtmodeltester.check(page.proxy)  # watches every change below too
    outstanding = page.visible_rows()
    assert outstanding and not any(r.is_closed for r in outstanding)
    page.search_edit.setFocus()
    QTest.keyClicks(page.search_edit, "partnership")
    assert page.search_edit.text() == "partnership"  # every key shown
    wanted = filter_rows(outstanding, ActionFilter(text="partnership"))
    assert [r.id for r in page.visible_rows()] == [r.id for r in wanted] and wanted

    page.state_combo.setCurrentIndex(page.state_combo.findText("All states"))
    qtbot.waitUntil(lambda: not page.loading(), timeout=20000)
    every = page.table.rows()
    assert any(r.is_closed for r in page.visible_rows())
    assert [r.id for r in page.visible_rows()] == [
        r.id for r in filter_rows(every, ActionFilter(states=frozenset(), text="partnership"))
    ]

    due = page.table.column_of("due")
    header = page.view.header()
    middle = QPoint(header.sectionViewportPosition(due) + header.sectionSize(due) // 2, 5)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    order = header.sortIndicatorOrder()
    assert header.sortIndicatorSection() == due
    dues = [r.due for r in page.visible_rows() if r.due is not None]
    ascending = order == Qt.SortOrder.AscendingOrder
    assert len(dues) > 10 and dues == sorted(dues, reverse=not ascending)

    target = next(r for r in page.visible_rows() if r.minute_item_id is not None)
    assert page.show_action(target.id)
    index = page.view.selectionModel().selectedRows()[0]
    page.view.scrollTo(index)
    middle = page.view.visualRect(index).center()
    QTest.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=middle)  # as a
    QTest.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=middle)  # person
    opened = window.current_page()
    assert isinstance(opened, MeetingPage)
    assert opened.meeting_id == target.meeting_id


def test_keys_queued_faster_than_the_filter_are_shown_at_once_and_filtered_once(page, qtbot):
    passes = []
    page.proxy.layoutChanged.connect(lambda *_: passes.append(page.search_edit.text()))
    page.search_edit.setFocus()
    _post_keys(page.search_edit, "partnership")
    QCoreApplication.sendPostedEvents()  # every key in, before the event loop turns
    assert page.search_edit.text() == "partnership"  # nothing typed is lost or waits
    qtbot.waitUntil(lambda: bool(passes), timeout=5000)
    assert passes == ["partnership"]  # one filter for the eleven keys, of all of them
    wanted = filter_rows(page.table.rows(), page.action_filter())
    assert [r.id for r in page.visible_rows()] == [r.id for r in wanted] and wanted


def test_a_key_that_leaves_the_same_actions_shown_changes_nothing_on_screen(page, qtbot):
    page.search_edit.setFocus()
    QTest.keyClicks(page.search_edit, "partnershi")
    shown = page.visible_rows()
    assert shown
    changes = []
    page.proxy.layoutChanged.connect(lambda *_: changes.append(1))
    QTest.keyClicks(page.search_edit, "p")  # every action with "partnershi" has "partnership"
    assert page.visible_rows() == shown
    assert changes == []
    QTest.keyClicks(page.search_edit, " qqqq")  # none has this: that is a change
    assert page.visible_rows() == [] and changes


def test_a_repaint_works_out_no_cell_it_has_painted_before(page, qtbot, monkeypatch):
    worked_out = []
    real = register_shown.action_cell_data

    def counted(row, key, role):
        worked_out.append(key)
        return real(row, key, role)

    page.state_combo.setCurrentIndex(page.state_combo.findText("All states"))
    qtbot.waitUntil(lambda: not page.loading(), timeout=20000)
    page.view.viewport().repaint()
    monkeypatch.setattr(register_shown, "action_cell_data", counted)
    page.search_edit.setFocus()
    QTest.keyClicks(page.search_edit, "county")
    assert page.visible_rows()  # filtered (once the keys are in): new rows on screen
    page.view.viewport().repaint()
    first = len(worked_out)
    on_screen = page.view.viewport().height() // page.view.sizeHintForRow(0) + 2
    columns = page.table.columnCount()
    assert 0 < first <= 4 * columns * on_screen  # the rows painted, not all of them
    assert page.proxy.rowCount() > 2 * on_screen
    page.view.viewport().repaint()
    assert len(worked_out) == first  # looked up, not worked out again

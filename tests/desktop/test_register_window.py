"""The actions register in the main window, used as a secretary would (issue 14): typing
filters the rows read once, the selected action stays selected and its history stays in the
pane, and asking for every state reads the closed actions off the GUI thread, saying so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from scbmeet.gui import hooks
from scbmeet.gui.actions.register import ActionsRegisterWidget
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.main_window import MainWindow
from scbmeet.services.action_filters import ActionFilter

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # shown windows


@pytest.fixture
def register(qtbot, demo_services, monkeypatch):
    monkeypatch.setattr(hooks, "export_document", hooks.export_document)  # restored afterwards
    window = MainWindow(demo_services, demo=True)
    install_extensions(window)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.navigate("actions", demo_services.register.boards()[0].id)
    page = window.current_page()
    assert isinstance(page, ActionsRegisterWidget)
    qtbot.waitUntil(lambda: not page.loading(), timeout=10000)
    return page


def _click_row(page: ActionsRegisterWidget, action_id: int) -> None:
    row = next(n for n, r in enumerate(page.visible_rows()) if r.id == action_id)
    index = page.proxy.index(row, page.table.column_of("text"))
    page.view.scrollTo(index)
    QTest.mouseClick(
        page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.visualRect(index).center()
    )


def _typed(page: ActionsRegisterWidget, text: str) -> None:
    page.search_edit.setFocus()
    QTest.keyClicks(page.search_edit, text)


def test_typing_keeps_the_selected_action_and_its_history(register, qtbot):
    page = register
    every = page.visible_rows()
    target = every[-1]
    word = max(target.text.split(), key=len).lower()
    _click_row(page, target.id)
    assert [r.id for r in page.selected_rows()] == [target.id]
    assert target.text[:40] in page.history_browser.toPlainText()

    _typed(page, word)
    wanted = [r.id for r in every if ActionFilter(text=word).matches(r)]
    assert [r.id for r in page.visible_rows()] == wanted and len(wanted) < len(every)
    assert [r.id for r in page.selected_rows()] == [target.id]  # still selected
    assert target.text[:40] in page.history_browser.toPlainText()
    assert page.count_label.text().startswith(f"Showing {len(wanted)} of {len(every)}")

    _typed(page, " qqqq")  # no action says this: the selection goes, and the pane with it
    assert page.visible_rows() == [] and page.selected_rows() == []
    assert page.history_browser.toPlainText() == ""
    QTest.keyClicks(page.search_edit, "\b" * 5)
    assert [r.id for r in page.visible_rows()] == wanted


def test_all_states_are_read_off_the_gui_thread_keeping_the_selection(register, qtbot):
    page = register
    outstanding = page.visible_rows()
    target = outstanding[0]
    _click_row(page, target.id)
    page.state_combo.setCurrentIndex(page.state_combo.findText("All states"))
    assert page.loading()  # nothing is read on the GUI thread
    assert "reading the closed actions too…" in page.count_label.text()
    assert [r.id for r in page.visible_rows()] == [r.id for r in outstanding]  # meanwhile
    qtbot.waitUntil(lambda: not page.loading(), timeout=10000)
    shown = page.visible_rows()
    assert len(shown) > len(outstanding) and any(r.is_closed for r in shown)
    assert page.count_label.text().startswith(f"Showing {len(shown)} of {len(shown)} actions")
    assert [r.id for r in page.selected_rows()] == [target.id]
    assert target.text[:40] in page.history_browser.toPlainText()
    page.state_combo.setCurrentIndex(page.state_combo.findText("Done"))
    assert not page.loading()  # every state is in hand: no second read
    assert page.visible_rows() and all(r.state == "done" for r in page.visible_rows())

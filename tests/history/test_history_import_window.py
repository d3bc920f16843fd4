"""File > Import past minutes... through the main window: choose the files, read the preview
(made off the GUI thread), import; a damaged file among them leaves Import disabled."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings

from scbmeet.gui.shell.app import create_application
from scbmeet.gui.shell.main_window import MainWindow
from scbmeet.gui.widgets import dialogs
from scbmeet.services import Services
from scbmeet.storage.database import open_database

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def window(qtbot, qapp, tmp_path, monkeypatch):
    create_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    services = Services(open_database(f"sqlite:///{tmp_path / 'board.db'}", create=True))
    board = services.register.create_board("Northshire Safer Communities Board", "NSCB")
    services.register.create_person("Goodwin", given_names="Sally")
    w = MainWindow(services)
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.show()
    qtbot.waitExposed(w)
    w.navigate("members", board.id)
    return w, board.id


def _file_menu_action(window, text):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    return next(a for a in menu.actions() if a.text() == text)


def test_import_past_minutes_from_the_file_menu(window, qtbot, documents, tmp_path, monkeypatch):
    w, board_id = window
    files = [documents["june"](tmp_path / "june.docx"), documents["agenda"](tmp_path / "a.docx")]
    seen = {}
    messages: list[str] = []

    def handle(dialog) -> bool:
        dialog.load_files(files)
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=60_000)
        seen["preview"] = dialog.preview.toPlainText()
        seen["ready"] = dialog.import_button.isEnabled()
        dialog.start_import()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
        return True

    monkeypatch.setattr(dialogs, "run_dialog", handle)
    monkeypatch.setattr(dialogs, "inform", lambda _p, _t, text: messages.append(text))
    action = _file_menu_action(w, "Import &past minutes…")
    assert action.isEnabled()
    action.trigger()
    assert "10/13 Young people at risk of exploitation" in seen["preview"]
    assert "Action: Sally Goodwin/Kul Mahay (new)" in seen["preview"]
    assert seen["ready"]
    assert messages and "2 meeting(s), 3 minutes" in messages[0]
    meetings = sorted(w.services.meetings.meetings(board_id), key=lambda m: m.date)
    assert [m.reference for m in w.services.minutes.minutes(meetings[0].id)] == [
        "9/13",
        "10/13",
        "11/13",
    ]
    assert len(w.services.agenda.agenda(meetings[1].id)) == 6  # with "Date of next meeting"


def test_a_damaged_file_is_named_and_nothing_can_be_imported(
    window, qtbot, documents, tmp_path, monkeypatch
):
    w, board_id = window
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 torn")
    files = [documents["june"](tmp_path / "june.docx"), broken]
    state = {}

    def handle(dialog) -> bool:
        dialog.load_files(files)
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=60_000)
        state["summary"] = dialog.summary.text()
        state["ready"] = dialog.import_button.isEnabled()
        return False

    monkeypatch.setattr(dialogs, "run_dialog", handle)
    _file_menu_action(w, "Import &past minutes…").trigger()
    assert "broken.pdf: is damaged or not a PDF." in state["summary"]
    assert not state["ready"]
    assert w.services.meetings.meetings(board_id) == []


def _edit_cell(qtbot, table, row, column, text):
    """Open a cell for editing, type over it and press Tab, as a secretary would (the
    editor is found in the table, not by focus, which another window may hold)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    table.setCurrentCell(row, column)
    table.editItem(table.item(row, column))

    def editor():
        return next((e for e in table.findChildren(QLineEdit) if e.isVisible()), None)

    qtbot.waitUntil(lambda: editor() is not None)
    line = editor()
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Tab)  # to the next cell, as Tab does: the text is kept
    qtbot.waitUntil(lambda: table.item(row, column).text() == text)


def test_the_preview_is_corrected_before_importing(window, qtbot, documents, tmp_path, monkeypatch):
    w, board_id = window
    reg = w.services.register
    jo = reg.create_person("Townshend", given_names="Jo")
    alan = reg.create_person("Goodwin", given_names="Alan", title="DCC")
    reg.create_person("Goodwin", given_names="Anne")
    files = [
        documents["june"](tmp_path / "june.docx"),
        documents["november"](tmp_path / "nov.docx"),
    ]
    seen: dict[str, object] = {}

    def handle(dialog) -> bool:
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.load_files(files)
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=60_000)
        seen["names"] = sorted(dialog.tabs.names.combos)
        seen["first"] = dialog.summary.text()
        seen["blocked"] = not dialog.import_button.isEnabled()
        tabs = dialog.tabs
        assert tabs.names is not None and tabs.paragraphs is not None and tabs.minutes is not None
        seen["tabs"] = [tabs.tabText(i) for i in range(tabs.count())]
        tabs.setCurrentWidget(tabs.names)
        tabs.names.choose("A Goodwin", "DCC Alan Goodwin")
        tabs.names.choose("J Townsend", "Jo Townshend")
        tabs.setCurrentWidget(tabs.paragraphs)
        _source, _text, combo = tabs.paragraphs.rows[0]
        combo.setCurrentIndex(combo.findText("Add to 9/13", Qt.MatchFlag.MatchStartsWith))
        tabs.setCurrentWidget(tabs.minutes)
        _edit_cell(qtbot, tabs.minutes.meetings, 0, 1, "6 June 2013")
        _edit_cell(qtbot, tabs.minutes.minutes, 1, 2, "Young people at risk")
        shown = dialog.plans_shown
        qtbot.waitUntil(
            lambda: dialog.plans_shown > shown and dialog.import_button.isEnabled(), timeout=60_000
        )
        seen["preview"] = dialog.preview.toPlainText()
        seen["ready"] = dialog.summary.text()
        dialog.import_button.click()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
        return True

    from PySide6.QtCore import Qt

    monkeypatch.setattr(dialogs, "run_dialog", handle)
    messages: list[str] = []
    monkeypatch.setattr(dialogs, "inform", lambda _p, _t, text: messages.append(text))
    _file_menu_action(w, "Import &past minutes…").trigger()
    assert messages and "3 earlier action(s) closed as the later minutes record" in messages[0]
    assert "'A Goodwin' could be more than one person" in str(seen["first"])
    assert seen["blocked"]
    assert "K Mahay / Kul Mahay / Supt Kul Mahay" in seen["names"]  # one person, one row
    assert seen["tabs"] == [
        "What was read",
        "Names to match (11)",
        "Paragraphs not placed (1)",
        "Dates and minutes",
    ]
    preview = str(seen["preview"])
    assert "june.docx: minutes of NORTHSHIRE SAFER COMMUNITIES BOARD, 6 June 2013" in preview
    assert "10/13 Young people at risk\n" in preview
    assert "Not placed" not in preview and "(ambiguous)" not in preview
    assert "3 earlier action(s) to close" in str(seen["ready"])

    meetings = sorted(w.services.meetings.meetings(board_id), key=lambda m: m.date)
    assert [m.date for m in meetings] == [date(2013, 6, 6), date(2013, 11, 27)]
    minutes = w.services.minutes.minutes(meetings[0].id)
    assert minutes[1].title == "Young people at risk"
    assert "declared a personal interest" in minutes[0].narrative
    present = {a.person.id for a in w.services.meetings.attendance(meetings[0].id)}
    assert {jo.id, alan.id} <= present
    states = sorted(a.state for a in w.services.actions.actions(board_id=board_id))
    assert states == ["done", "done", "dropped", "open", "open"]


def test_a_mistyped_correction_is_named_and_blocks_the_import(
    window, qtbot, documents, tmp_path, monkeypatch
):
    w, board_id = window
    state = {}

    def handle(dialog) -> bool:
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.load_files([documents["june"](tmp_path / "june.docx")])
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=60_000)
        assert dialog.import_button.isEnabled()
        minutes = dialog.tabs.minutes
        dialog.tabs.setCurrentWidget(minutes)
        _edit_cell(qtbot, minutes.meetings, 0, 1, "31 Juen 2013")
        _edit_cell(qtbot, minutes.minutes, 0, 1, "nine")
        qtbot.waitUntil(lambda: "Juen" in dialog.summary.text(), timeout=60_000)
        state["summary"] = dialog.summary.text()
        state["ready"] = dialog.import_button.isEnabled()
        dialog.start_import()  # refused: nothing starts
        return False

    monkeypatch.setattr(dialogs, "run_dialog", handle)
    _file_menu_action(w, "Import &past minutes…").trigger()
    assert "june.docx: '31 Juen 2013' is not a date: 'juen' is not a month." in state["summary"]
    assert "june.docx: 'nine' is not a minute number (type it as 9/13 or 9)." in state["summary"]
    assert not state["ready"]
    assert w.services.meetings.meetings(board_id) == []

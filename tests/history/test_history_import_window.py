"""File > Import past minutes... through the main window: choose the files, read the preview
(made off the GUI thread), import; a damaged file among them leaves Import disabled."""

from __future__ import annotations

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

"""Export dialogs through the main window: they start in the folder of the last export,
"Open documents after exporting" says when nothing can open the file, and the calendar
invitation (.ics) is exported from the window as ``scbmeet ics`` writes it (issue 19)."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtWidgets import QToolButton

from scbmeet.gui import hooks
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.main_window import MainWindow
from scbmeet.gui.widgets import dialogs
from scbmeet.settings import EXPORT_FOLDER, Settings


@pytest.fixture
def window(qtbot, demo_services, upcoming, monkeypatch):
    monkeypatch.setattr(hooks, "export_document", hooks.export_document)
    w = MainWindow(demo_services, demo=True)
    install_extensions(w)
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.navigate("meeting", upcoming)
    return w


@pytest.fixture
def asked(monkeypatch, prompts) -> list[str]:
    """The path each file chooser suggested; the answer is ``prompts.save_path``."""
    suggestions: list[str] = []

    def choose(_parent, _caption, suggested, _filters):
        suggestions.append(suggested)
        return prompts.save_path

    monkeypatch.setattr(dialogs, "choose_save_path", choose)
    return suggestions


def test_the_next_export_starts_in_the_folder_of_the_last(window, asked, prompts, tmp_path, qtbot):
    folder = tmp_path / "Board papers"
    folder.mkdir()
    prompts.save_path = folder / "agenda.docx"
    window.export_current("agenda", False)
    qtbot.waitUntil(lambda: (folder / "agenda.docx").exists(), timeout=20000)
    assert Path(asked[0]).parent == Path.home()  # nothing exported before: the home folder
    assert Settings.default().get(EXPORT_FOLDER) == str(folder)

    prompts.save_path = None  # cancelled: nothing written, the folder is still the last one
    window.invitation_action.trigger()
    assert Path(asked[1]).parent == folder
    assert Path(asked[1]).name.endswith("invitation.ics")


def test_a_remembered_folder_that_has_gone_falls_back_to_home(window, asked, prompts, tmp_path):
    Settings.default().set(EXPORT_FOLDER, str(tmp_path / "removed"))
    prompts.save_path = None
    window.export_current("minutes", True)
    window.invitation_action.trigger()
    assert asked and all(Path(a).parent == Path.home() for a in asked)


def test_open_after_export_says_when_nothing_opens_the_file(
    window, asked, prompts, tmp_path, qtbot, monkeypatch
):
    monkeypatch.setattr(hooks, "open_file", lambda path: prompts.opened.append(path) and False)
    window.open_after_export_action.setChecked(True)
    prompts.save_path = tmp_path / "agenda.docx"
    window.export_current("agenda", False)
    qtbot.waitUntil(lambda: bool(prompts.opened), timeout=20000)
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Saved {tmp_path / 'agenda.docx'}.")
    assert "Nothing on this computer opens .docx files" in message


def test_a_file_that_opens_is_just_saved(window, asked, prompts, tmp_path, qtbot):
    window.open_after_export_action.setChecked(True)
    prompts.save_path = tmp_path / "agenda.docx"
    window.export_current("agenda", False)
    qtbot.waitUntil(lambda: bool(prompts.opened), timeout=20000)
    assert window.statusBar().currentMessage() == f"Saved {tmp_path / 'agenda.docx'}"


def test_the_calendar_invitation_is_exported_from_the_window(
    window, asked, prompts, demo_services, upcoming, tmp_path, qtbot
):
    window.open_after_export_action.setChecked(False)
    menu_texts = [a.text() for a in window.export_menu.actions()]
    assert "Calendar &invitation (.ics)…" in menu_texts
    assert window.invitation_action.isEnabled()
    prompts.save_path = tmp_path / "invite"  # no suffix typed: .ics is added
    window.invitation_action.trigger()
    written = tmp_path / "invite.ics"
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage() == f"Saved {written}", timeout=20000
    )
    meeting = demo_services.meetings.meeting(upcoming)
    [event] = Calendar.from_ical(written.read_bytes()).walk("VEVENT")
    assert event.decoded("dtstart").date() == meeting.date
    assert prompts.opened == []


def test_the_meeting_page_export_button_offers_the_invitation_too(
    window, asked, prompts, tmp_path, qtbot
):
    window.open_after_export_action.setChecked(False)
    page = window.current_page()
    button = page.form.findChild(QToolButton, "exportButton")
    [invitation] = [a for a in button.menu().actions() if "(.ics)" in a.text()]
    prompts.save_path = tmp_path / "from the page.ics"
    invitation.trigger()
    written = tmp_path / "from the page.ics"
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage() == f"Saved {written}", timeout=20000
    )
    assert Calendar.from_ical(written.read_bytes()).walk("VEVENT")


def test_no_meeting_shown_no_invitation(window, demo_services):
    window.navigate("actions", demo_services.register.boards()[0].id)
    assert not window.invitation_action.isEnabled()

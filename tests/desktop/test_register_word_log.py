"""The actions register's *Word action log…* button: the actions shown, saved as a Word log."""

from __future__ import annotations

import pytest
from docx import Document

from scbmeet.gui import hooks
from scbmeet.gui.actions.register import ActionsRegisterWidget
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.main_window import MainWindow
from scbmeet.gui.shell.word_export import actions_register_with_word_log, register_log_exporter
from scbmeet.gui.widgets import tasks


def _choose_owner(page: ActionsRegisterWidget, name: str) -> None:
    page.owner_combo.setCurrentIndex(page.owner_combo.findText(name))
    assert page.owner_combo.currentText() == name


def _paragraphs(path):
    return [(p.style.name, p.text) for p in Document(path).paragraphs]


@pytest.fixture
def page(qtbot, demo):
    services, summary = demo
    widget = actions_register_with_word_log(services, summary.board_id)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: not widget.loading())  # the rows are read off the GUI thread
    return widget


def test_the_button_writes_the_actions_shown_under_the_filter(qtbot, page, prompts, tmp_path):
    assert not page.word_button.isHidden()
    _choose_owner(page, "Rachel Okafor")
    shown = [r.minute_reference for r in page.visible_rows()]
    prompts.save_path = tmp_path / "rachel"  # no suffix typed: .docx is added
    page.word_button.click()
    written = tmp_path / "rachel.docx"
    qtbot.waitUntil(lambda: bool(prompts.messages), timeout=10000)
    assert prompts.messages == [f"Saved the action log as {written}."]
    assert ("Heading 1", "Outstanding actions, owner Rachel Okafor") in _paragraphs(written)
    rows = Document(written).tables[0].rows
    assert [r.cells[0].text for r in rows[1:]] == shown and len(shown) == 2
    assert prompts.errors == []


def test_cancelling_the_file_chooser_writes_nothing(qtbot, page, prompts, tmp_path):
    prompts.save_path = None
    page.word_button.click()
    qtbot.waitUntil(lambda: not tasks._alive, timeout=30_000)  # nothing left to report back
    assert list(tmp_path.glob("*.docx")) == [] and prompts.messages == []


def test_nothing_shown_is_said_before_asking_where(qtbot, page, prompts):
    page.search_edit.setText("no action says this")
    assert page.visible_rows() == []
    page.word_button.click()
    assert "nothing to put in an action log" in prompts.messages[0]


def test_in_the_main_window_it_reports_in_the_status_bar_and_opens_the_file(
    qtbot, demo, prompts, tmp_path, monkeypatch
):
    services, summary = demo
    monkeypatch.setattr(hooks, "export_document", hooks.export_document)  # restored afterwards
    window = MainWindow(services, demo=True)
    install_extensions(window)
    # The wiring the lead adds to install_extensions:
    window.register_page("actions", "Actions", actions_register_with_word_log)
    qtbot.addWidget(window)
    window.navigate("actions", summary.board_id)
    page = window.current_page()
    assert isinstance(page, ActionsRegisterWidget)
    qtbot.waitUntil(lambda: not page.loading())
    window.open_after_export_action.setChecked(True)
    prompts.save_path = tmp_path / "log.docx"
    page.word_button.click()
    qtbot.waitUntil(lambda: bool(prompts.opened), timeout=10000)
    assert prompts.opened == [prompts.save_path]
    assert window.statusBar().currentMessage() == f"Saved {prompts.save_path}"
    assert ("Heading 1", "Outstanding actions") in _paragraphs(prompts.save_path)
    assert prompts.messages == []


def test_the_exporter_can_be_plugged_into_any_register(qtbot, demo, prompts, tmp_path):
    services, _summary = demo
    widget = ActionsRegisterWidget(services, None)  # all boards
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: not widget.loading())
    widget.set_word_exporter(register_log_exporter(services, widget))
    prompts.save_path = tmp_path / "all.docx"
    widget.word_button.click()
    qtbot.waitUntil(lambda: prompts.save_path.exists(), timeout=10000)
    qtbot.waitUntil(lambda: bool(prompts.messages), timeout=10000)
    assert ("SCB Title", "Marlshire Safer Communities Board") in _paragraphs(prompts.save_path)

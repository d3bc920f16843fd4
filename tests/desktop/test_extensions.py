"""The parts of scbmeet plugged into the main window: pages, minutes mode and Word exports."""

from __future__ import annotations

import pytest
from docx import Document

from scbmeet.gui import hooks
from scbmeet.gui.actions.register import ActionsRegisterWidget
from scbmeet.gui.actions.review import ChairReviewWidget
from scbmeet.gui.actions.search_view import SearchWidget
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_services, monkeypatch):
    monkeypatch.setattr(hooks, "export_document", hooks.export_document)  # restored afterwards
    w = MainWindow(demo_services, demo=True)
    install_extensions(w)
    qtbot.addWidget(w)
    return w


def test_the_registers_review_and_search_are_pages(window, demo):
    _services, summary = demo
    window.navigate("actions", summary.board_id)
    assert isinstance(window.current_page(), ActionsRegisterWidget)
    window.navigate("review", summary.board_id)
    assert isinstance(window.current_page(), ChairReviewWidget)
    window.show_page("search", None)
    assert isinstance(window.current_page(), SearchWidget)


@pytest.mark.parametrize(
    ("kind", "public", "expected", "absent"),
    [
        ("agenda", False, "Domestic homicide review - action plan progress", None),
        ("agenda", True, "Frequency of meetings next year", "Domestic homicide review"),
        ("minutes", False, "Hate crime strategy refresh", None),
        ("brief", False, "declarations of interest", None),
    ],
)
def test_word_documents_come_out_of_the_export_menu(
    qtbot, window, demo, prompts, tmp_path, kind, public, expected, absent
):
    services, summary = demo
    meeting_id = summary.upcoming_meeting_id if kind != "minutes" else summary.meeting_ids[2]
    prompts.save_path = tmp_path / f"{kind}.docx"
    window.export_document(meeting_id, kind, public)
    qtbot.waitUntil(lambda: prompts.save_path.exists(), timeout=10000)
    text = "\n".join(p.text for p in Document(prompts.save_path).paragraphs)
    tables = "\n".join(
        c.text for t in Document(prompts.save_path).tables for r in t.rows for c in r.cells
    )
    assert expected.lower() in (text + tables).lower()
    if absent:
        assert absent not in text + tables
    assert prompts.errors == []
    del services


def test_the_registers_word_button_writes_the_actions_shown(qtbot, window, demo, prompts, tmp_path):
    _services, summary = demo
    window.navigate("actions", summary.board_id)
    page = window.current_page()
    qtbot.waitUntil(lambda: not page.loading())  # the rows are read off the GUI thread
    assert page.word_button.isVisibleTo(page)
    prompts.save_path = tmp_path / "register.docx"
    page.word_button.click()
    qtbot.waitUntil(lambda: prompts.save_path.exists(), timeout=10000)
    cells = [c.text for t in Document(prompts.save_path).tables for r in t.rows for c in r.cells]
    shown = page.visible_rows()
    assert shown and all(any(row.text in cell for cell in cells) for row in shown)
    assert prompts.errors == []


def test_the_audit_trail_of_a_meeting_is_one_menu_away(window, demo, prompts):
    services, summary = demo
    earlier = summary.meeting_ids[1]  # its minutes were approved at the third meeting
    window.navigate("meeting", earlier)
    seen = []
    prompts.on_dialog(lambda dialog: seen.append(dialog.view.model.rowCount()) or True)
    window.audit_action.trigger()
    assert type(prompts.shown[-1]).__name__ == "AuditTrailDialog"
    assert seen and seen[0] == len(services.meetings.audit(earlier)) > 0


def test_backups_open_from_the_file_menu(window, demo, prompts):
    from scbmeet.storage.backup import take_backup

    services, _summary = demo
    take_backup(services.db.path, "manual")
    rows = []
    prompts.on_dialog(lambda dialog: rows.append(dialog.model.rowCount()) or True)
    window.backups_action.trigger()
    assert type(prompts.shown[-1]).__name__ == "BackupsDialog"
    assert rows == [1]


def test_exporting_minutes_with_owners_to_be_confirmed_says_so(
    qtbot, window, demo, prompts, tmp_path
):
    services, summary = demo
    meeting_id = summary.meeting_ids[2]
    minute = services.minutes.minutes(meeting_id)[0]
    services.actions.add_action(minute.id, "Bring it", [], owner_to_confirm="Rachel Okafer")
    prompts.save_path = tmp_path / "minutes.docx"
    window.export_document(meeting_id, "minutes", False)
    qtbot.waitUntil(lambda: "to be confirmed" in window.statusBar().currentMessage(), timeout=10000)
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Saved {prompts.save_path}. 1 action has its owner")
    assert f"{minute.reference}: Rachel Okafer" in message
    text = [p.text for p in Document(prompts.save_path).paragraphs]
    assert "Action: Rachel Okafer (owner to be confirmed)" in text

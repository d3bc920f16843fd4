"""Damage found while the window is open, and the audit trail from the actions register."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QLabel, QWidget

from scbmeet.domain.errors import DamageFoundInUseError
from scbmeet.gui import hooks
from scbmeet.gui.actions.register import ActionsRegisterWidget
from scbmeet.gui.safety import in_use, unusable
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.main_window import MainWindow
from scbmeet.gui.widgets import errors
from scbmeet.services import Services
from scbmeet.storage import backup
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url

from .conftest import DEMO_TODAY

SCREENSHOTS = os.environ.get("SCBMEET_SCREENSHOTS")  # a folder, to look at the screens
PAGE = 4096


def _snap(widget: QWidget, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SCREENSHOTS) / f"{name}.png"))


def _board_names(services: Services) -> list[str]:
    return [b.short_name for b in services.register.boards()]


@pytest.fixture
def open_window(qtbot, demo, monkeypatch):
    """A main window on the demo file showing its actions register; a backup taken
    before the last change (a board added), and every change checkpointed into the file."""
    services, summary = demo
    path = services.db.path
    good = backup.take_backup(path, backup.MANUAL)
    services.register.create_board("Added after the backup", "AAB")
    services.db.dispose()
    database = open_database(sqlite_url(path), daily_backup=False)
    # install_extensions plugs Word export in for good; later tests expect it unplugged.
    monkeypatch.setattr(hooks, "export_document", hooks.export_document)
    window = MainWindow(Services(database))
    install_extensions(window)
    qtbot.addWidget(window)
    window.navigate("actions", summary.board_id)
    assert "AAB" in _board_names(window.services)
    yield window, path, good
    for w in (window, getattr(window, "successor", None)):
        if w is not None:
            w.services.db.dispose()


def _truncate(path: Path) -> None:
    """The file is cut short under the open window (a sync tool, a failing disk)."""
    with path.open("r+b") as handle:
        handle.truncate(PAGE * 2)


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # the new window is shown
def test_damage_found_on_a_reload_offers_the_backup_and_reopens_on_it(qtbot, open_window, prompts):
    window, path, good = open_window
    page = window.current_page()
    assert isinstance(page, ActionsRegisterWidget)
    _truncate(path)
    asked = []

    def restore(dialog: unusable.DamagedDatabaseDialog) -> bool:
        asked.append(dialog)
        texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
        assert dialog.windowTitle() == "The database file has been damaged"
        assert str(path) in texts and str(good) in texts and "malformed" in texts
        assert "demo.sqlite3.damaged" in texts and "need entering again" in texts
        assert dialog.quit_button.text() == "Not now"
        # Another page meeting the same damage meanwhile is not asked about again.
        assert errors.offer_damage_recovery(page, dialog.error)
        _snap(dialog, "damaged-mid-session")
        dialog.restore_button.click()
        return True

    prompts.on_dialog(restore)
    page.reload()
    qtbot.waitUntil(lambda: getattr(window, "successor", None) is not None, timeout=5000)
    successor = window.successor
    qtbot.addWidget(successor)
    assert len(asked) == 1 and isinstance(asked[0].error, DamageFoundInUseError)
    aside = path.with_name("demo.sqlite3.damaged")
    assert aside.stat().st_size == PAGE * 2, "the damaged file is kept as it was"
    assert "demo.sqlite3.damaged" in prompts.messages[0]
    assert successor.services.db.path == path.resolve()
    assert "AAB" not in _board_names(successor.services)  # what the backup holds
    labels = [
        successor.navigator_model.index(r, 0).data()
        for r in range(successor.navigator_model.rowCount())
    ]
    assert not any("Added after the backup" in str(label) for label in labels)
    assert any("Marlshire" in str(label) or "MSCB" in str(label) for label in labels)


def test_not_now_leaves_the_file_and_the_window_alone(qtbot, open_window, prompts):
    window, path, _good = open_window
    _truncate(path)
    prompts.on_dialog(lambda dialog: dialog.quit_button.click() or False)
    window.current_page().reload()
    qtbot.waitUntil(lambda: not prompts.dialogs)  # the recovery dialog was offered
    assert not path.with_name("demo.sqlite3.damaged").exists()
    assert path.stat().st_size == PAGE * 2
    assert getattr(window, "successor", None) is None


def test_damage_in_a_file_no_window_shows_is_an_ordinary_message(tmp_path, monkeypatch):
    error = DamageFoundInUseError(
        "x is damaged", path=tmp_path / "x.sqlite3", problem="damaged", backup=None
    )
    monkeypatch.setattr(errors, "damage_handler", in_use._recover_in_a_window)
    assert not errors.offer_damage_recovery(None, error)
    assert not errors.offer_damage_recovery(None, ValueError("a bug"))


# -- the audit trail of one action -------------------------------------------------------------------
def _audit_link(widget: ActionsRegisterWidget) -> str:
    """The address of the history pane's "Audit trail…" link (as a click would follow it)."""
    block = widget.history_browser.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.text().startswith("Audit trail"):
                return fragment.charFormat().anchorHref()
            fragments += 1
        block = block.next()
    raise AssertionError("the history pane has no audit trail link")


def test_the_history_pane_opens_the_audit_trail_of_the_selected_action(qtbot, demo, prompts):
    services, summary = demo
    row = services.action_register.rows(summary.board_id, today=DEMO_TODAY)[0]
    services.actions.set_state(row.id, "in_progress")
    services.actions.set_state(row.id, "done", note="Report received")
    widget = ActionsRegisterWidget(services, summary.board_id, today=DEMO_TODAY)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    assert widget.show_action(row.id)  # a closed action: selected once it has been read
    qtbot.waitUntil(lambda: "Audit trail" in widget.history_browser.toPlainText())
    link = _audit_link(widget)
    assert link == f"scbmeet:audit/{row.id}"
    _snap(widget, "register-audit-link")
    shown = []

    def look(dialog) -> bool:
        shown.append(dialog)
        _snap(dialog, "action-audit-trail")
        return False

    prompts.on_dialog(look)
    widget.history_browser.anchorClicked.emit(QUrl(link))
    assert len(shown) == 1
    view = shown[0].view
    assert "Audit trail of the action" in view.title_label.text()
    whats = [view.proxy.index(r, 2).data() for r in range(view.proxy.rowCount())]
    assert len(whats) == len(services.actions.audit(row.id))  # the demo's history too
    assert sum("to in progress" in w for w in whats) >= 1
    assert any("from in progress to done" in w for w in whats)

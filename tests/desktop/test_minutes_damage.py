"""Damage found while taking minutes: the banner offers the newest good backup, and not a
word typed is lost on the way to it.

The file is truncated under the open windows (a sync tool, a failing disk), as in
``tests/test_damage_in_use.py``; the autosave then meets the damage, and the minute-taker
restores the backup from the banner.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from scbmeet.domain.errors import DamageFoundInUseError
from scbmeet.gui import hooks
from scbmeet.gui.minutes.dialogs import RecoveryDialog
from scbmeet.gui.minutes.window import MinutesWindow
from scbmeet.gui.safety import in_use, unusable
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.main_window import MainWindow
from scbmeet.services import Services
from scbmeet.storage import backup
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url
from scbmeet.storage.recovery import RecoveryStore

SCREENSHOTS = os.environ.get("SCBMEET_SCREENSHOTS")  # a folder, to look at the screens
PAGE = 4096
IN_BACKUP = "The performance figures were noted."  # saved before the backup
SAVED = "Rachel Okafor presented the priorities."  # saved after the backup was taken
EARLIER = "The Board heard the offender management update."  # saved after it, elsewhere
TYPED = " The Board endorsed them."  # typed once the file was damaged

# Windows are shown and raised, which the offscreen platform only notes.
pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise"
)


def _snap(widget: QWidget, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SCREENSHOTS) / f"{name}.png"))


@pytest.fixture
def main_window(qtbot, demo, monkeypatch):
    """A main window on the demo file, opened as the app opens it, with a backup taken
    before anything below was typed."""
    services, summary = demo
    path = services.db.path
    _item_minuted(services, summary.upcoming_meeting_id, "Performance report", IN_BACKUP)
    good = backup.take_backup(path, backup.MANUAL)
    services.db.dispose()
    database = open_database(sqlite_url(path), daily_backup=False)
    monkeypatch.setattr(hooks, "export_document", hooks.export_document)
    window = MainWindow(Services(database))
    install_extensions(window)
    qtbot.addWidget(window)
    window.show()
    yield window, path, good, summary
    for w in (window, getattr(window, "successor", None)):
        if w is not None:
            w.services.db.dispose()


def _item_minuted(services: Services, meeting_id: int, title: str, narrative: str) -> None:
    [item] = [i for i in services.agenda.agenda(meeting_id) if i.title.startswith(title)]
    services.minutes.add_minute(meeting_id, item.title, agenda_item_id=item.id, narrative=narrative)


def _minutes_windows(owner: QWidget) -> list[MinutesWindow]:
    return [w for w in owner.findChildren(MinutesWindow) if w.isVisible()]


def _take_minutes(qtbot, main: MainWindow, meeting_id: int) -> MinutesWindow:
    main.take_minutes(meeting_id)
    [window] = _minutes_windows(main)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=2000)
    return window


def _type(window: MinutesWindow, text: str) -> None:
    window.narrative.setFocus()
    window.narrative.moveCursor(window.narrative.textCursor().MoveOperation.End)
    QTest.keyClicks(window.narrative, text)


def _damage(path: Path) -> bytes:
    """Another program checkpoints the file, then it is cut short; returns what is left."""
    outsider = sqlite3.connect(path)
    outsider.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    outsider.close()
    with path.open("r+b") as handle:
        handle.truncate(PAGE * 2)
    return path.read_bytes()


def _restore_from_the_banner(qtbot, window: MinutesWindow, prompts) -> list:
    asked: list = []

    def restore(dialog: unusable.DamagedDatabaseDialog) -> bool:
        asked.append(dialog)
        dialog.restore_button.click()
        return True

    prompts.on_dialog(restore)
    qtbot.mouseClick(window.restore_button, Qt.MouseButton.LeftButton)
    return asked


def _stored_narrative(services: Services, meeting_id: int, agenda_item_id: int) -> str | None:
    for minute in services.minutes.minutes(meeting_id):
        if minute.agenda_item_id == agenda_item_id:
            return minute.narrative
    return None


def test_damage_while_typing_offers_the_backup_and_the_typing_comes_back(
    qtbot, main_window, prompts
):
    main, path, good, summary = main_window
    meeting_id = summary.upcoming_meeting_id
    window = _take_minutes(qtbot, main, meeting_id)
    earlier = window.row_titled("Integrated offender")
    window.go_to(earlier)
    _type(window, EARLIER)
    key = window.row_titled("Strategic assessment")
    window.go_to(key)
    _type(window, SAVED)
    assert window.save_now()  # in the database, but not in the backup
    damaged = _damage(path)

    _type(window, TYPED)
    qtbot.waitUntil(lambda: window.keeper.damage is not None, timeout=3000)  # the first save
    assert window.restore_button.isVisible()
    banner = window.banner_label.text()
    assert "demo.sqlite3 is damaged" in banner and "NOT SAVED" in banner
    assert "newest good backup" in banner and "offered back" in banner
    assert str(RecoveryStore().folder) in window.banner_label.toolTip()
    assert window.restore_button.text() == "Restore the newest backup…"
    assert isinstance(window.keeper.damage, DamageFoundInUseError)
    assert not window.keeper.timer.isActive(), "a damaged file is not retried by the timer"
    _type(window, " Noted.")  # typing goes on; nothing is asked meanwhile
    assert window.narrative.toPlainText() == SAVED + TYPED + " Noted."
    assert not prompts.shown
    QApplication.processEvents()  # let the status bar lay out its new text before the picture
    _snap(window, "minutes-damaged")

    asked = _restore_from_the_banner(qtbot, window, prompts)
    qtbot.waitUntil(lambda: getattr(main, "successor", None) is not None, timeout=5000)
    successor = main.successor
    qtbot.addWidget(successor)
    assert len(asked) == 1 and asked[0].error.backup == good

    # The damaged file is kept aside exactly as it was; the backup is in its place.
    aside = path.with_name("demo.sqlite3.damaged")
    assert aside.read_bytes() == damaged
    assert successor.services.db.path == path.resolve()
    assert _stored_narrative(successor.services, meeting_id, key.id) in (None, "")

    # Minutes mode is open again on the same meeting, over the restored file...
    [again] = _minutes_windows(successor)
    assert again is not window and again.meeting.id == meeting_id
    assert again.services is successor.services
    assert again.services.db.name == window.services.db.name  # the recovery files' key
    # ... and offers back everything typed since the backup, which goes into the minute.
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), RecoveryDialog), timeout=2000
    )
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, RecoveryDialog)
    offered = [dialog.model.row_at(row).text for row in range(dialog.model.rowCount())]
    # (not the performance report: the backup holds that minute as the window had it)
    assert sorted(offered) == sorted([EARLIER, SAVED + TYPED + " Noted."])
    for _ in offered:
        QTest.keyClick(dialog.view, Qt.Key.Key_Return)  # "Put back into the minutes"
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=2000)
    stored = successor.services
    assert _stored_narrative(stored, meeting_id, key.id) == SAVED + TYPED + " Noted."
    assert _stored_narrative(stored, meeting_id, earlier.id) == EARLIER
    performance = window.row_titled("Performance report")
    assert _stored_narrative(stored, meeting_id, performance.id) == IN_BACKUP
    assert again.narrative.toPlainText() == SAVED + TYPED + " Noted."
    assert RecoveryStore().pending() == []
    again.close()


def test_a_meeting_the_backup_does_not_hold_is_named_and_its_text_kept(qtbot, main_window, prompts):
    main, path, _good, summary = main_window
    later = main.services.meetings.create_meeting(summary.board_id, date(2027, 3, 10))
    window = _take_minutes(qtbot, main, later.id)
    window.step(1)
    _type(window, "Typed in a meeting made after the backup.")
    _damage(path)
    qtbot.waitUntil(window.restore_button.isVisible, timeout=3000)
    shown: list[str] = []

    def read_the_kept_text(dialog: RecoveryDialog) -> bool:
        shown.append(dialog.form.findChild(QLabel, "introLabel").text())
        assert dialog.preview.toPlainText() == "Typed in a meeting made after the backup."
        assert not dialog.form.findChild(QPushButton, "discardButton").isVisibleTo(dialog)
        _snap(dialog, "minutes-kept-texts")
        dialog.reject()
        return False

    _restore_from_the_banner(qtbot, window, prompts)
    prompts.on_dialog(read_the_kept_text)
    qtbot.waitUntil(lambda: getattr(main, "successor", None) is not None, timeout=5000)
    successor = main.successor
    qtbot.addWidget(successor)

    assert _minutes_windows(successor) == []
    [told] = shown
    assert "not in the backup" in told and later.label in told
    assert str(RecoveryStore().folder) in told
    [kept] = RecoveryStore().pending(meeting_id=later.id)
    assert kept.text == "Typed in a meeting made after the backup."


def test_not_now_keeps_the_window_typing_into_recovery_files(qtbot, main_window, prompts):
    main, path, _good, summary = main_window
    window = _take_minutes(qtbot, main, summary.upcoming_meeting_id)
    window.go_to(window.row_titled("Strategic assessment"))
    damaged = _damage(path)
    _type(window, "Still typing.")
    qtbot.waitUntil(window.restore_button.isVisible, timeout=3000)
    prompts.on_dialog(lambda dialog: dialog.quit_button.click() or False)
    qtbot.mouseClick(window.restore_button, Qt.MouseButton.LeftButton)
    assert not prompts.dialogs, "the recovery dialog was offered"
    assert path.read_bytes() == damaged and not path.with_name("demo.sqlite3.damaged").exists()
    assert getattr(main, "successor", None) is None
    _type(window, " More.")
    [kept] = RecoveryStore().pending()
    assert kept.text == "Still typing. More."
    assert window.restore_button.isVisible()  # asked again only when the user asks
    window.close()


def test_minutes_mode_on_its_own_reopens_itself_on_the_backup(qtbot, demo, prompts, tmp_path):
    services, summary = demo
    path = services.db.path
    backup.take_backup(path, backup.MANUAL)
    store = RecoveryStore(tmp_path / "recovery")
    window = MinutesWindow(services, summary.upcoming_meeting_id, recovery_store=store)
    qtbot.addWidget(window)
    window.show()
    window.go_to(window.row_titled("Strategic assessment"))
    damaged = _damage(path)
    _type(window, "Typed with no main window open.")
    qtbot.waitUntil(window.restore_button.isVisible, timeout=3000)
    _restore_from_the_banner(qtbot, window, prompts)
    qtbot.waitUntil(lambda: bool(in_use._reopened), timeout=5000)
    [again] = list(in_use._reopened)
    assert again.meeting.id == summary.upcoming_meeting_id and again.store is store
    assert not window.isVisible()
    assert path.with_name("demo.sqlite3.damaged").read_bytes() == damaged
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), RecoveryDialog), timeout=2000
    )
    dialog = QApplication.activeModalWidget()
    assert dialog.preview.toPlainText() == "Typed with no main window open."
    dialog.reject()
    reopened_services = again.services
    again.close()  # it deletes itself on closing, and lets go of its place
    qtbot.waitUntil(lambda: not in_use._reopened, timeout=2000)
    reopened_services.db.dispose()


def test_the_banner_names_the_damage_plainly(qtbot, demo, tmp_path):
    services, summary = demo
    window = MinutesWindow(
        services, summary.upcoming_meeting_id, recovery_store=RecoveryStore(tmp_path / "r")
    )
    qtbot.addWidget(window)
    error = DamageFoundInUseError(
        "long message", path=services.db.path, problem="damaged", backup=None
    )
    window.report(error)
    assert not window.restore_button.isHidden()
    assert window.restore_button.text() == "Choose a backup…"
    texts = " ".join(label.text() for label in window.findChildren(QLabel))
    assert "No good backup" in texts and "long message" not in texts


def test_opening_another_database_instead_keeps_the_minutes_for_the_damaged_one(
    qtbot, main_window, prompts, tmp_path
):
    main, path, _good, summary = main_window
    other = tmp_path / "other.sqlite3"
    open_database(sqlite_url(other)).dispose()
    window = _take_minutes(qtbot, main, summary.upcoming_meeting_id)
    window.go_to(window.row_titled("Strategic assessment"))
    database_name = window.services.db.name
    damaged = _damage(path)
    _type(window, "Typed before opening another database.")
    qtbot.waitUntil(window.restore_button.isVisible, timeout=3000)

    def open_other(dialog: unusable.DamagedDatabaseDialog) -> bool:
        dialog._choose_file = lambda *_args: other
        dialog.findChild(QPushButton, "openOtherButton").click()
        return True

    prompts.on_dialog(open_other)
    qtbot.mouseClick(window.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(main, "successor", None) is not None, timeout=5000)
    successor = main.successor
    qtbot.addWidget(successor)
    assert successor.services.db.path == other.resolve()
    still_open = [w for w in QApplication.topLevelWidgets() if isinstance(w, MinutesWindow)]
    assert _minutes_windows(successor) == [] and not any(w.isVisible() for w in still_open)
    assert path.read_bytes() == damaged, "the damaged file is left as it was"
    [told] = [m for m in prompts.messages if "recovery folder" in m]
    assert str(path) in told and "9 December 2026" in told
    kept = {r.title: r.text for r in RecoveryStore().pending(database_name)}
    assert kept["Strategic assessment priorities"] == "Typed before opening another database."
    assert IN_BACKUP in kept.values()  # every minute the window had, for that file

"""When the database goes away mid-meeting the minute-taker is told at once, the text stays on
screen, in the journal and in a recovery file, and the next start puts it back."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from scbmeet.domain.errors import DatabaseError
from scbmeet.gui.minutes.autosave import CONFLICT_MARK
from scbmeet.gui.minutes.dialogs import RecoveryDialog
from scbmeet.services import Services
from scbmeet.storage.backup import backup_sqlite
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url
from scbmeet.storage.recovery import RecoveryStore


def _stored(services, window, key):
    minute = next(
        (m for m in services.minutes.minutes(window.meeting.id) if m.agenda_item_id == key.id), None
    )
    return minute.narrative if minute else None


def _remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def test_a_removed_database_is_reported_at_once_and_put_back_next_time(
    qtbot, open_minutes, demo, tmp_path, kb
):
    services, summary = demo
    path = services.db.path
    backup = backup_sqlite(path, tmp_path / "last-night.sqlite3")
    store_dir = tmp_path / "recovery"
    window = open_minutes(services, summary.upcoming_meeting_id, store_dir)
    key = window.row_titled("Strategic assessment")
    window.go_to(key)
    kb.type("Rachel Okafor presented the priorities")
    window.save_now()
    _remove_database_files(path)
    kb.type(" and the Board endorsed them.")
    qtbot.waitUntil(window.banner.isVisible, timeout=1000)  # told at once: at the first save
    assert "removed or moved" in window.banner_label.text()
    assert "NOT SAVED" in window.save_status.text()
    full = "Rachel Okafor presented the priorities and the Board endorsed them."
    assert window.narrative.toPlainText() == full
    [recovery] = RecoveryStore(store_dir).pending()
    assert recovery.text == full
    assert str(store_dir) in window.banner_label.text()
    kb.type(" Still typing.")  # the recovery file keeps up with the typing
    assert RecoveryStore(store_dir).pending()[0].text == full + " Still typing."
    window.close()
    services.db.dispose()

    shutil.copyfile(backup, path)  # the file is put back (here: last night's copy)
    db = open_database(sqlite_url(path))
    try:
        again = open_minutes(Services(db), summary.upcoming_meeting_id, store_dir)
        # The journal puts it back by itself, with no question asked, and says so.
        qtbot.waitUntil(lambda: _stored(Services(db), again, key) is not None, timeout=3000)
        assert _stored(Services(db), again, key) == full + " Still typing."
        assert QApplication.activeModalWidget() is None
        assert "Put back" in again.notice_label.text()
        assert "Strategic assessment" in again.notice_label.text()
        assert RecoveryStore(store_dir).pending() == []  # nothing left to offer
        again.close()
    finally:
        db.dispose()


def test_a_locked_database_is_reported_at_once_and_saving_resumes_when_it_is_free(
    qtbot, open_minutes, demo, tmp_path, kb
):
    services, summary = demo
    path = services.db.path
    store_dir = tmp_path / "recovery"
    window = open_minutes(services, summary.upcoming_meeting_id, store_dir)
    key = window.row_titled("Strategic assessment")
    window.go_to(key)
    kb.type("Before the lock.")
    assert window.save_now()
    locker = sqlite3.connect(path)
    try:
        locker.execute("BEGIN EXCLUSIVE")
        kb.type(" During the lock.")
        started = time.monotonic()
        assert not window.save_now()
        assert time.monotonic() - started < 1  # not the 5 s the database would wait
        assert window.banner.isVisible()
        assert "locked" in window.banner_label.text()
        assert RecoveryStore(store_dir).pending()[0].text == "Before the lock. During the lock."
    finally:
        locker.rollback()
        locker.close()
    retry = window.findChild(QPushButton, "bannerRetryButton")
    qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible()
    assert "Saved again" in window.notice_label.text()
    assert _stored(services, window, key) == "Before the lock. During the lock."
    assert RecoveryStore(store_dir).pending() == []
    window.close()


def test_a_full_disk_is_reported_and_the_text_kept(
    qtbot, open_minutes, demo, window, kb, monkeypatch
):
    services, _ = demo
    key = window.row_titled("Performance report")
    window.go_to(key)
    kb.type("Figures for quarter 2.")
    assert window.save_now()

    def disk_full(*args, **kwargs):
        raise DatabaseError(f"The disk holding {services.db.name} is full; nothing was saved.")

    monkeypatch.setattr(services.minutes, "update_minute", disk_full)
    kb.type(" More.")
    qtbot.waitUntil(window.banner.isVisible, timeout=1000)
    assert "disk" in window.banner_label.text()
    kb.press("alt+Down")  # moving on does not lose the text: it is kept for that item
    kb.press("alt+Up")
    assert window.narrative.toPlainText() == "Figures for quarter 2. More."
    monkeypatch.undo()
    assert window.save_now()
    assert _stored(services, window, key) == "Figures for quarter 2. More."
    assert not window.banner.isVisible()


def test_the_banner_says_so_when_the_recovery_file_cannot_be_written_either(
    qtbot, open_minutes, demo, tmp_path, kb
):
    services, summary = demo
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the recovery folder should be")
    window = open_minutes(services, summary.upcoming_meeting_id, blocked)
    window.go_to(window.row_titled("Performance report"))
    kb.type("Words")
    window.save_now()
    _remove_database_files(services.db.path)
    kb.type(" that cannot be saved")
    assert not window.save_now()
    assert "could not be written either" in window.banner_label.text()
    assert window.narrative.toPlainText() == "Words that cannot be saved"
    window.close()


def test_someone_else_saving_the_same_minute_keeps_both_texts(
    qtbot, open_minutes, demo, window, kb
):
    services, _ = demo
    key = window.row_titled("Performance report")
    window.go_to(key)
    kb.type("Mine.")
    assert window.save_now()
    other_db = open_database(services.db.url)
    try:
        minute_id = window.row(key).minute.id
        Services(other_db).minutes.update_minute(minute_id, narrative="Theirs.")
    finally:
        other_db.dispose()
    kb.type(" More of mine.")
    assert window.save_now()
    shown = window.narrative.toPlainText()
    assert shown == f"Mine. More of mine.\n\n{CONFLICT_MARK}\nTheirs."
    assert _stored(services, window, key) == shown
    assert "changed by someone else" in window.notice_label.text()


def test_recoveries_can_be_left_for_later_or_discarded(qtbot, open_minutes, demo, tmp_path, kb):
    services, summary = demo
    store = RecoveryStore(tmp_path / "recovery")
    window = open_minutes(services, summary.upcoming_meeting_id, store.folder)
    window.go_to(window.row_titled("Performance report"))
    kb.type("Lost words")
    window.save_now()
    _remove_database_files(services.db.path)
    kb.type(" here")
    window.save_now()
    window.close()
    assert len(store.pending()) == 1
    # The database is gone, so a second window cannot open; the recovery dialog is tested alone.
    later = RecoveryDialog(None, store.pending(), lambda r: False, store.discard)
    qtbot.addWidget(later)
    later.show()
    later.reject()  # "Decide later"
    assert len(store.pending()) == 1
    again = RecoveryDialog(None, store.pending(), lambda r: False, store.discard)
    qtbot.addWidget(again)
    again.show()
    again._drop()
    assert store.pending() == []
    assert not again.isVisible()


def test_approved_minutes_open_read_only(qtbot, open_minutes, demo, tmp_path):
    services, summary = demo
    window = open_minutes(services, summary.meeting_ids[0], tmp_path / "recovery")
    assert window.narrative.isReadOnly()
    assert "read-only" in window.notice_label.text()
    window.close()


def test_typing_into_a_new_item_while_locked_keeps_up_and_numbers_it_later(qtbot, demo, window, kb):
    services, _ = demo
    key = window.row_titled("Frequency of meetings")
    window.go_to(key)
    locker = sqlite3.connect(services.db.path, isolation_level=None)
    try:
        locker.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        kb.type("Quarterly meetings were agreed.")
        assert time.monotonic() - started < 2  # one short probe, not one per keystroke
        assert window.row(key).minute is None
        assert not window.save_now()
        assert "locked" in window.banner_label.text()
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert window.save_now()
    assert _stored(services, window, key) == "Quarterly meetings were agreed."
    assert services.agenda.item(key.id).status == "taken"

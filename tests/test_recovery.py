"""Recovery files keep unsaved minutes safe until the next start."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from scbmeet.domain.errors import DatabaseError
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url
from scbmeet.storage.recovery import (
    Recovery,
    RecoveryStore,
    default_folder,
    ensure_database_present,
)


def _recovery(
    text: str = "The board noted", *, row_id: int = 5, database: str = "/x.db"
) -> Recovery:
    return Recovery(
        database=database,
        meeting_id=3,
        meeting_label="MSCB 9 December 2026",
        row_kind="item",
        row_id=row_id,
        minute_id=None,
        title="Performance report",
        text=text,
        base_text="",
        written_at=datetime(2026, 12, 9, 10, 15, 3),
        reason="The disk is full",
    )


def test_a_recovery_round_trips(tmp_path: Path):
    store = RecoveryStore(tmp_path / "rec")
    path = store.write(_recovery("Narrative with ünïcode\nand two lines"))
    assert path.parent == tmp_path / "rec"
    [back] = store.pending()
    assert back.text == "Narrative with ünïcode\nand two lines"
    assert back.written_at == datetime(2026, 12, 9, 10, 15, 3)
    assert back.path == path
    assert back == _recovery("Narrative with ünïcode\nand two lines")


def test_writing_again_replaces_the_minutes_earlier_recovery(tmp_path: Path):
    store = RecoveryStore(tmp_path)
    store.write(_recovery("first"))
    store.write(_recovery("first and more"))
    store.write(_recovery("other item", row_id=6))
    texts = sorted(r.text for r in store.pending())
    assert texts == ["first and more", "other item"]
    assert not list(tmp_path.glob(".recovery.*")), "no temporary files are left behind"


def test_pending_filters_by_database_and_meeting(tmp_path: Path):
    store = RecoveryStore(tmp_path)
    store.write(_recovery(database="/a.db"))
    store.write(_recovery(database="/b.db"))
    assert [r.database for r in store.pending("/b.db")] == ["/b.db"]
    assert store.pending("/a.db", meeting_id=99) == []


def test_discarding(tmp_path: Path):
    store = RecoveryStore(tmp_path)
    store.write(_recovery(row_id=1))
    store.write(_recovery(row_id=2))
    store.discard(next(r for r in store.pending() if r.row_id == 1))
    store.discard_row("/x.db", 3, "item", 2)
    assert store.pending() == []


def test_a_damaged_recovery_file_is_skipped_not_fatal(tmp_path: Path, caplog):
    store = RecoveryStore(tmp_path)
    store.write(_recovery())
    (tmp_path / "minute-broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "minute-foreign.json").write_text(json.dumps({"format": "x"}), encoding="utf-8")
    assert len(store.pending()) == 1
    assert "unreadable recovery file" in caplog.text


def test_a_missing_folder_has_nothing_pending(tmp_path: Path):
    assert RecoveryStore(tmp_path / "nowhere").pending() == []


def test_the_default_folder_is_in_the_data_folder(_private_data_dir: Path):
    assert default_folder() == _private_data_dir / "recovery"


def test_a_removed_database_file_is_noticed(tmp_path: Path):
    path = tmp_path / "live.sqlite3"
    db = open_database(sqlite_url(path))
    try:
        ensure_database_present(db)
        path.rename(tmp_path / "moved.sqlite3")
        with pytest.raises(DatabaseError, match="removed or moved"):
            ensure_database_present(db)
    finally:
        db.dispose()


def test_a_write_lock_held_elsewhere_is_noticed_quickly(tmp_path: Path, monkeypatch):
    import sqlite3

    from scbmeet.domain.errors import DatabaseLockedError
    from scbmeet.storage import recovery
    from scbmeet.storage.recovery import ensure_database_writable

    path = tmp_path / "live.sqlite3"
    db = open_database(sqlite_url(path))
    locker = sqlite3.connect(path, isolation_level=None)
    try:
        ensure_database_writable(db)
        locker.execute("BEGIN IMMEDIATE")
        waits: list[float] = []
        connect = sqlite3.connect

        def probe(*args, **kwargs):
            waits.append(kwargs["timeout"])
            return connect(*args, **kwargs)

        monkeypatch.setattr(recovery.sqlite3, "connect", probe)
        with pytest.raises(DatabaseLockedError, match="locked by another program"):
            ensure_database_writable(db, wait_s=0.1)
        monkeypatch.undo()
        assert waits == [0.1]  # the probe's short wait, not the engine's busy timeout
        locker.execute("ROLLBACK")
        ensure_database_writable(db)
    finally:
        locker.close()
        db.dispose()

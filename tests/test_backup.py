"""Backups: the backup API copy, checks, rotation, the daily backup, and restoring."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scbmeet.domain.errors import DatabaseError, NewerSchemaError, NotADatabaseError
from scbmeet.services import Services
from scbmeet.storage import backup
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url
from scbmeet.storage.paths import data_dir

NOW = datetime(2026, 11, 21, 9, 30)


def _make_db(path: Path) -> Path:
    """A small scbmeet database with one board in it."""
    database = open_database(sqlite_url(path))
    Services(database).register.create_board("Marlshire Safer Communities Board", "MSCB")
    database.dispose()
    return path


def _boards(path: Path) -> list[str]:
    with sqlite3.connect(path) as con:
        return [r[0] for r in con.execute("SELECT short_name FROM board ORDER BY id")]


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096 : 4096 * 3] = b"\xee" * (4096 * 2)
    path.write_bytes(bytes(data))


def test_a_backup_of_a_live_wal_database_holds_what_is_only_in_the_wal(tmp_path):
    path = tmp_path / "live.sqlite3"
    database = open_database(sqlite_url(path))
    services = Services(database)
    services.register.create_board("Eastvale Community Safety Partnership", "ECSP")
    # The engine keeps its connection: the new rows sit in the -wal file, not the main file.
    assert (tmp_path / "live.sqlite3-wal").stat().st_size > 0
    copy = backup.backup_sqlite(path, tmp_path / "copy.sqlite3")
    database.dispose()
    assert _boards(copy) == ["ECSP"]
    assert not (tmp_path / "copy.sqlite3-wal").exists()
    assert not list(tmp_path.glob("*.partial"))


def test_a_damaged_source_gives_no_backup_and_no_leftovers(tmp_path):
    path = _make_db(tmp_path / "x.sqlite3")
    _damage(path)
    with pytest.raises((NotADatabaseError, sqlite3.DatabaseError)):
        backup.backup_sqlite(path, tmp_path / "copy.sqlite3")
    assert not (tmp_path / "copy.sqlite3").exists()
    assert not list(tmp_path.glob("*.partial"))


def test_backups_of_same_named_databases_in_different_folders_are_kept_apart(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    one = _make_db(tmp_path / "a" / "scbmeet.sqlite3")
    two = _make_db(tmp_path / "b" / "scbmeet.sqlite3")
    assert backup.backup_folder(one) != backup.backup_folder(two)
    assert backup.backup_folder(one).parent == data_dir() / "backups"
    made = backup.take_backup(one, backup.MANUAL, now=NOW)
    assert made.name == "scbmeet-manual-20261121-093000.sqlite3"
    assert [b.path for b in backup.list_backups(one)] == [made]
    assert backup.list_backups(two) == []


def test_two_backups_in_the_same_second_do_not_overwrite_each_other(tmp_path):
    path = _make_db(tmp_path / "x.sqlite3")
    first = backup.take_backup(path, backup.MANUAL, now=NOW)
    second = backup.take_backup(path, backup.MANUAL, now=NOW)
    assert first != second and first.exists() and second.exists()
    assert backup.list_backups(path)[0].path == second


def test_kinds_other_than_daily_and_manual_keep_only_the_newest_few(tmp_path):
    path = _make_db(tmp_path / "x.sqlite3")
    for hour in range(backup.KEEP_OTHER_KINDS + 3):
        backup.take_backup(path, backup.BEFORE_RESTORE, now=NOW + timedelta(hours=hour))
    kept = backup.list_backups(path)
    assert len(kept) == backup.KEEP_OTHER_KINDS
    assert kept[0].taken_at == NOW + timedelta(hours=backup.KEEP_OTHER_KINDS + 2)


# -- rotation ------------------------------------------------------------------------------------
def test_rotation_keeps_last_days_weeks_and_months():
    stamps = [datetime(2026, 1, 1, 9) + timedelta(days=d) for d in range(365)]
    keep = backup.backups_to_keep(stamps, daily=7, weekly=4, monthly=12)
    last = stamps[-1]
    assert {last - timedelta(days=d) for d in range(7)} <= keep
    # Four weeks: the newest backup of each of the four most recent ISO weeks.
    weeks = {s.isocalendar()[:2] for s in keep if s < last - timedelta(days=6)}
    assert weeks  # older weeks are represented
    months = {(s.year, s.month) for s in keep}
    assert len(months) == 12
    assert len(keep) <= 7 + 4 + 12


@given(
    st.lists(
        st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)),
        max_size=60,
    ),
    st.integers(0, 10),
    st.integers(0, 6),
    st.integers(0, 14),
)
def test_rotation_properties(stamps, daily, weekly, monthly):
    keep = backup.backups_to_keep(stamps, daily=daily, weekly=weekly, monthly=monthly)
    assert keep <= set(stamps)
    assert len(keep) <= daily + weekly + monthly
    if stamps and (daily or weekly or monthly):
        assert max(stamps) in keep  # the newest backup is never rotated away
    for stamp in keep:  # whatever is kept is the newest of its day, week or month
        same_day = [s for s in stamps if s.date() == stamp.date()]
        same_week = [s for s in stamps if s.isocalendar()[:2] == stamp.isocalendar()[:2]]
        same_month = [s for s in stamps if (s.year, s.month) == (stamp.year, stamp.month)]
        assert stamp in (max(same_day), max(same_week), max(same_month))


def test_rotate_deletes_only_daily_backups_that_fall_out(tmp_path):
    path = _make_db(tmp_path / "x.sqlite3")
    for day in range(10):
        backup.take_backup(path, backup.DAILY, now=NOW + timedelta(days=day))
    manual = backup.take_backup(path, backup.MANUAL, now=NOW - timedelta(days=400))
    removed = backup.rotate(path, daily=3, weekly=0, monthly=0)
    assert len(removed) == 7
    left = backup.list_backups(path)
    assert [b.taken_at.day for b in left if b.kind == backup.DAILY] == [30, 29, 28]
    assert manual in [b.path for b in left]


# -- the daily backup --------------------------------------------------------------------------------
def test_daily_backup_only_on_the_first_open_of_a_day_and_only_after_changes(tmp_path):
    path = _make_db(tmp_path / "x.sqlite3")
    first = backup.daily_backup_if_due(path, now=NOW)
    assert first is not None and backup.list_backups(path)[0].kind == backup.DAILY
    assert backup.daily_backup_if_due(path, now=NOW + timedelta(hours=1)) is None
    # Next day, nothing changed: no new backup.
    assert backup.daily_backup_if_due(path, now=NOW + timedelta(days=1)) is None
    # A change that adds no row (an edited name) is still a change.
    with sqlite3.connect(path) as con:
        con.execute("UPDATE board SET name = 'Marlshire Community Safety Board'")
    con.close()
    made = backup.daily_backup_if_due(path, now=NOW + timedelta(days=2))
    assert made is not None
    assert len(backup.list_backups(path)) == 2


def test_fingerprint_ignores_page_layout_but_not_content(tmp_path):
    path = _make_db(tmp_path / "x.sqlite3")
    before = backup.fingerprint(path)
    copy = backup.backup_sqlite(path, tmp_path / "copy.sqlite3")
    with sqlite3.connect(copy) as con:
        con.execute("VACUUM")
    con.close()
    assert backup.fingerprint(copy) == before
    with sqlite3.connect(copy) as con:
        con.execute("UPDATE board SET default_venue = 'County Hall'")
    con.close()
    assert backup.fingerprint(copy) != before


def test_opening_an_existing_database_takes_the_daily_backup_and_a_new_one_does_not(tmp_path):
    fresh = tmp_path / "fresh.sqlite3"
    open_database(sqlite_url(fresh)).dispose()
    assert backup.list_backups(fresh) == []
    database = open_database(sqlite_url(fresh))
    assert database.warnings == []
    database.dispose()
    assert [b.kind for b in backup.list_backups(fresh)] == [backup.DAILY]


def test_a_failed_daily_backup_is_a_warning_not_a_refusal(tmp_path):
    path = _make_db(tmp_path / "x.sqlite3")
    blocker = data_dir() / "backups"  # a file where the backups folder should be
    shutil.rmtree(blocker, ignore_errors=True)
    blocker.write_text("not a folder")
    database = open_database(sqlite_url(path))
    try:
        assert any("daily backup" in w for w in database.warnings)
        assert Services(database).register.boards()[0].short_name == "MSCB"
    finally:
        database.dispose()


# -- checks ----------------------------------------------------------------------------------------
def test_check_backup_refuses_anything_but_a_sound_scbmeet_database(tmp_path):
    good = _make_db(tmp_path / "good.sqlite3")
    backup.check_backup(good)
    text = tmp_path / "notes.txt"
    text.write_text("minutes of the meeting")
    with pytest.raises(NotADatabaseError, match=r"notes\.txt is not a valid scbmeet database"):
        backup.check_backup(text)
    foreign = tmp_path / "other.sqlite3"
    with sqlite3.connect(foreign) as con:
        con.execute("CREATE TABLE t (x)")
    con.close()
    with pytest.raises(NotADatabaseError, match="not an scbmeet one"):
        backup.check_backup(foreign)
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).execute("PRAGMA user_version = 1").connection.close()
    with pytest.raises(NotADatabaseError):
        backup.check_backup(empty)
    damaged = _make_db(tmp_path / "damaged.sqlite3")
    _damage(damaged)
    with pytest.raises(NotADatabaseError, match="damage"):
        backup.check_backup(damaged)
    newer = _make_db(tmp_path / "newer.sqlite3")
    with sqlite3.connect(newer) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.close()
    with pytest.raises(NewerSchemaError, match="newer version"):
        backup.check_backup(newer)
    with pytest.raises(NotADatabaseError, match="There is no file"):
        backup.check_backup(tmp_path / "missing.sqlite3")


def test_newest_good_backup_skips_damaged_backups(tmp_path):
    path = _make_db(tmp_path / "x.sqlite3")
    good = backup.take_backup(path, backup.DAILY, now=NOW)
    bad = backup.take_backup(path, backup.DAILY, now=NOW + timedelta(days=1))
    _damage(bad)
    found = backup.newest_good_backup(path)
    assert found is not None and found.path == good


# -- restoring --------------------------------------------------------------------------------------
def test_restore_refuses_an_invalid_file_and_changes_nothing(tmp_path):
    path = _make_db(tmp_path / "x.sqlite3")
    before = path.read_bytes()
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    with pytest.raises(DatabaseError, match=r"junk\.sqlite3"):
        backup.restore_database(junk, path)
    assert path.read_bytes() == before
    assert backup.list_backups(path) == []


def test_restore_keeps_the_current_database_as_a_backup(tmp_path):
    path = _make_db(tmp_path / "x.sqlite3")
    saved = backup.take_backup(path, backup.MANUAL, now=NOW)
    database = open_database(sqlite_url(path))
    Services(database).register.create_board("Northmoor CSP", "NCSP")
    result = backup.restore_database(saved, path, now=NOW + timedelta(hours=1))
    assert not result.previous_was_unusable
    assert result.previous is not None and result.previous.parent == backup.backup_folder(path)
    assert _boards(result.previous) == ["MSCB", "NCSP"]
    # The window that was open sees the restored data on its next read.
    assert [b.short_name for b in Services(database).register.boards()] == ["MSCB"]
    database.dispose()


def test_restore_moves_a_damaged_database_aside_with_its_wal(tmp_path):
    path = _make_db(tmp_path / "x.sqlite3")
    saved = backup.take_backup(path, backup.MANUAL, now=NOW)
    _damage(path)
    wal = tmp_path / "x.sqlite3-wal"
    wal.write_bytes(b"stale frames of the damaged file")
    damaged_bytes = path.read_bytes()
    result = backup.restore_database(saved, path)
    assert result.previous_was_unusable
    assert result.previous == tmp_path / "x.sqlite3.damaged"
    assert result.previous.read_bytes() == damaged_bytes
    assert (tmp_path / "x.sqlite3.damaged-wal").read_bytes() == b"stale frames of the damaged file"
    assert not wal.exists()
    assert _boards(path) == ["MSCB"]
    # A second damaged file never overwrites the first one moved aside.
    _damage(path)
    again = backup.restore_database(saved, path)
    assert again.previous == tmp_path / "x.sqlite3.2.damaged"
    assert (tmp_path / "x.sqlite3.damaged").read_bytes() == damaged_bytes


def test_restore_into_a_missing_file_and_refuses_restoring_a_file_onto_itself(tmp_path):
    source = _make_db(tmp_path / "x.sqlite3")
    target = tmp_path / "new.sqlite3"
    assert backup.restore_database(source, target).previous is None
    assert _boards(target) == ["MSCB"]
    with pytest.raises(DatabaseError, match="the database itself"):
        backup.restore_database(target, target)


def test_backup_to_a_chosen_file_replaces_only_an_older_backup(tmp_path):
    path = _make_db(tmp_path / "x.sqlite3")
    usb = tmp_path / "usb.sqlite3"
    assert backup.backup_to(path, usb) == usb
    assert backup.backup_to(path, usb) == usb  # an older backup there is replaced
    letter = tmp_path / "letter.docx"
    letter.write_bytes(b"PK\x03\x04 a Word document")
    with pytest.raises(DatabaseError, match="not an scbmeet backup"):
        backup.backup_to(path, letter)
    assert letter.read_bytes() == b"PK\x03\x04 a Word document"
    with pytest.raises(DatabaseError, match="over the database itself"):
        backup.backup_to(path, path)
    with pytest.raises(DatabaseError, match="does not exist"):
        backup.backup_to(path, tmp_path / "no" / "such" / "b.sqlite3")


def test_network_paths_are_opened_by_name_since_sqlite_uris_cannot_name_them(tmp_path):
    # On POSIX "//tmp/x" is "/tmp/x" but reads as a UNC path: it takes the by-name route
    # that a Windows \\server\share path takes.
    path = Path("/" + str(_make_db(tmp_path / "x.sqlite3")))
    assert backup.diagnose(path) is None
    copy = backup.backup_sqlite(path, tmp_path / "copy.sqlite3")
    assert _boards(copy) == ["MSCB"]
    with pytest.raises(sqlite3.OperationalError, match="unable to open"):
        backup.fingerprint(Path("/" + str(tmp_path / "missing.sqlite3")))

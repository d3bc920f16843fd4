"""Opening a database file that is damaged, truncated, foreign or too new."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from scbmeet.domain.errors import (
    DamagedDatabaseError,
    NewerDatabaseFileError,
    NewerSchemaError,
    NotADatabaseError,
    UnusableDatabaseError,
)
from scbmeet.services import Services
from scbmeet.storage import backup
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url


def _make_db(path: Path) -> Path:
    database = open_database(sqlite_url(path))
    Services(database).register.create_board("Marlshire Safer Communities Board", "MSCB")
    database.dispose()
    return path


def _open_fails(path: Path) -> UnusableDatabaseError:
    before = path.read_bytes()
    with pytest.raises(UnusableDatabaseError) as caught:
        open_database(sqlite_url(path))
    assert path.read_bytes() == before, "a file that cannot be opened is never changed"
    assert str(path) in str(caught.value)
    assert caught.value.path == path
    return caught.value


@pytest.fixture
def with_backup(tmp_path: Path) -> tuple[Path, Path]:
    path = _make_db(tmp_path / "minutes.sqlite3")
    return path, backup.take_backup(path, backup.MANUAL)


def test_a_truncated_file_names_itself_and_offers_the_newest_good_backup(with_backup):
    path, saved = with_backup
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    error = _open_fails(path)
    assert isinstance(error, DamagedDatabaseError)
    assert isinstance(error, NotADatabaseError)  # older callers catch this
    assert error.problem == "damaged"
    assert error.backup == saved
    assert str(saved) in str(error) and "scbmeet restore" in str(error)
    assert "minutes.sqlite3.damaged" in str(error)
    assert "\n" not in str(error)  # one line on the terminal


def test_damaged_pages_are_found_by_the_quick_check(with_backup):
    path, saved = with_backup
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 4] = b"\xee" * (4096 * 2)
    path.write_bytes(bytes(data))
    error = _open_fails(path)
    assert error.problem == "damaged" and "damage" in str(error)
    assert error.backup == saved


def test_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "agenda.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    error = _open_fails(path)
    assert error.problem == "not_a_database"
    assert error.backup is None
    assert "There is no good backup" in str(error)


def test_an_sqlite_database_of_another_program(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE contacts (name TEXT)")
    con.close()
    error = _open_fails(path)
    assert error.problem == "not_a_database" and "not an scbmeet" in str(error)


def test_a_database_from_a_newer_scbmeet_is_refused_untouched(with_backup):
    path, saved = with_backup
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    con.close()
    error = _open_fails(path)
    assert isinstance(error, NewerDatabaseFileError) and isinstance(error, NewerSchemaError)
    assert error.problem == "newer" and "newer version of scbmeet" in str(error)
    assert error.backup == saved
    assert "minutes.sqlite3.newer" in str(error)


def test_an_emptied_file_with_backups_is_damaged_and_one_without_is_new(with_backup, tmp_path):
    path, saved = with_backup
    path.write_bytes(b"")
    error = _open_fails(path)
    assert error.problem == "damaged" and "empty" in str(error)
    assert error.backup == saved
    new = tmp_path / "new.sqlite3"
    new.touch()
    open_database(sqlite_url(new)).dispose()
    assert new.stat().st_size > 0


def test_restoring_the_offered_backup_opens_again(with_backup):
    path, _ = with_backup
    path.write_bytes(path.read_bytes()[:5000])
    error = _open_fails(path)
    assert error.backup is not None
    result = backup.restore_database(error.backup, path)
    assert result.previous == path.with_name("minutes.sqlite3.damaged")
    database = open_database(sqlite_url(path))
    assert [b.short_name for b in Services(database).register.boards()] == ["MSCB"]
    database.dispose()


def test_a_sound_database_opens_without_warnings(tmp_path):
    path = _make_db(tmp_path / "ok.sqlite3")
    database = open_database(sqlite_url(path))
    assert database.warnings == []
    database.dispose()


def test_the_revisions_read_without_alembic_are_alembics():
    from alembic.script import ScriptDirectory

    from scbmeet.storage import revisions

    script = ScriptDirectory.from_config(revisions.alembic_config())
    assert revisions.revision_graph() is not None
    assert revisions.head_revision() == script.get_current_head()
    assert revisions.known_revisions() == {r.revision for r in script.walk_revisions()}

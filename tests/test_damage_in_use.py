"""A database file damaged while scbmeet has it open (SQLite only: PostgreSQL has no file).

Each test opens the file the way the app does, damages it from outside (another program,
a failing disk), and calls an ordinary service: the error names the file and its newest
good backup, and letting go of the file writes nothing into it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from scbmeet.domain.errors import (
    DamagedDatabaseError,
    DamageFoundInUseError,
    DatabaseLockedError,
    NotADatabaseError,
    UnusableDatabaseError,
)
from scbmeet.services import Services
from scbmeet.storage import backup
from scbmeet.storage.damage import is_damage
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url, translate_errors

PAGE = 4096


@pytest.fixture
def saved(tmp_path: Path) -> tuple[Path, Path]:
    """A database with one board, checkpointed into its file, and a backup of it."""
    path = tmp_path / "minutes.sqlite3"
    database = open_database(sqlite_url(path))
    Services(database).register.create_board("Marlshire Safer Communities Board", "MSCB")
    database.dispose()
    return path, backup.take_backup(path, backup.MANUAL)


@pytest.fixture
def in_use(saved: tuple[Path, Path]) -> Iterator[Services]:
    """Services over the file, opened as the app opens it (nothing read yet)."""
    database = open_database(sqlite_url(saved[0]), daily_backup=False)
    yield Services(database)
    database.dispose()


def _overwrite_pages_after_the_first(path: Path) -> None:
    """Another program scribbles over every page but the header page, in place."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(PAGE)
        handle.write(b"\xee" * (size - PAGE))


def _truncate(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(PAGE * 2)


def _damage_found(call) -> DamageFoundInUseError:
    with pytest.raises(DamageFoundInUseError) as caught:
        call()
    return caught.value


def test_a_read_of_damaged_pages_names_the_file_and_its_newest_good_backup(saved, in_use):
    path, good = saved
    _overwrite_pages_after_the_first(path)
    error = _damage_found(in_use.register.boards)
    assert error.path == path and error.problem == "damaged" and error.backup == good
    message = str(error)
    assert message.startswith(f"{path} is damaged: SQLite reported")
    assert "malformed" in message and "Nothing was saved" in message
    assert str(good) in message and "minutes.sqlite3.damaged" in message
    assert f'scbmeet restore "{good}"' in message and "\n" not in message
    # Callers that know only the start-up errors still recognise it.
    assert isinstance(error, DamagedDatabaseError | UnusableDatabaseError | NotADatabaseError)


def test_a_file_truncated_under_a_save_is_damage_and_nothing_is_kept(saved, in_use):
    path, _good = saved
    _truncate(path)
    error = _damage_found(lambda: in_use.register.create_board("Second board", "SB"))
    assert error.path == path
    assert path.stat().st_size == PAGE * 2, "the failed save wrote nothing into the file"


def test_without_a_backup_the_message_says_where_none_was_found(saved, in_use):
    path, good = saved
    good.unlink()
    _overwrite_pages_after_the_first(path)
    error = _damage_found(lambda: in_use.meetings.meetings(1))
    assert error.backup is None and "There is no good backup of it" in str(error)


def test_a_search_over_damaged_pages_is_damage_too(saved, in_use):
    path, _good = saved
    _overwrite_pages_after_the_first(path)
    assert _damage_found(lambda: in_use.search.search("board")).path == path


def test_letting_go_of_a_damaged_file_writes_nothing_into_it(saved):
    path, good = saved
    database = open_database(sqlite_url(path), daily_backup=False)
    Services(database).register.create_board("Second board", "SB")  # now only in the -wal
    wal = path.with_name(path.name + "-wal")
    assert wal.stat().st_size > 0
    _overwrite_pages_after_the_first(path)
    damaged, in_wal = path.read_bytes(), wal.read_bytes()
    database.release_damaged_file()
    assert path.read_bytes() == damaged and wal.read_bytes() == in_wal
    result = backup.restore_database(good, path)
    assert result.previous_was_unusable and result.previous is not None
    assert result.previous.read_bytes() == damaged
    assert Path(f"{result.previous}-wal").read_bytes() == in_wal
    with sqlite3.connect(path) as con:
        assert [r[0] for r in con.execute("SELECT short_name FROM board")] == ["MSCB"]


def test_a_sound_database_is_let_go_of_as_usual(saved):
    database = open_database(sqlite_url(saved[0]), daily_backup=False)
    Services(database).register.create_board("Second board", "SB")
    database.release_damaged_file()
    database = open_database(database.url, daily_backup=False)
    assert [b.short_name for b in Services(database).register.boards()] == ["MSCB", "SB"]
    database.dispose()


def test_what_counts_as_damage():
    corrupt = sqlite3.DatabaseError("database disk image is malformed")
    assert is_damage(corrupt) and is_damage(sqlite3.DatabaseError("file is not a database"))
    assert not is_damage(sqlite3.OperationalError("database is locked"))
    assert not is_damage(None) and not is_damage(sqlite3.IntegrityError("UNIQUE failed"))


def test_other_errors_are_translated_as_before(tmp_path):
    import sqlalchemy as sa

    locked = sa.exc.OperationalError("BEGIN", {}, sqlite3.OperationalError("database is locked"))
    with pytest.raises(DatabaseLockedError), translate_errors("x", path=tmp_path / "x"):
        raise locked
    malformed = sa.exc.DatabaseError("SELECT", {}, sqlite3.DatabaseError("disk image malformed"))
    with pytest.raises(NotADatabaseError) as caught, translate_errors("somewhere"):
        raise malformed
    assert not isinstance(caught.value, UnusableDatabaseError)  # no file: nothing to offer


def test_the_minutes_lock_probe_reports_damage_and_writes_nothing(saved, in_use):
    """Minutes mode probes for a write lock before each save: on a damaged file that is
    damage (the way back offered), and the probe writes nothing into the file."""
    from scbmeet.storage.recovery import ensure_database_writable

    path, good = saved
    in_use.register.boards()  # the app holds a connection, as it does while open
    _truncate(path)
    damaged = path.read_bytes()
    error = _damage_found(lambda: ensure_database_writable(in_use.db))
    assert error.path == path and error.backup == good
    assert path.read_bytes() == damaged

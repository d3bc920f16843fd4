"""Opening databases: SQLite tuning, migrations, and refusing what is not ours or too new."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa

from scbmeet.domain.errors import (
    DatabaseError,
    DatabaseLockedError,
    NewerSchemaError,
    NotADatabaseError,
)
from scbmeet.services import Services
from scbmeet.storage import engine as engine_module
from scbmeet.storage import revisions, schema
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import resolve_url, sqlite_url
from scbmeet.storage.paths import data_dir


def test_sqlite_connections_are_tuned_for_safety(sqlite_db_url):
    db = open_database(sqlite_db_url)
    with db.engine.connect() as conn:
        pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("foreign_keys") == 1
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("busy_timeout") == engine_module.BUSY_TIMEOUT_MS
    db.dispose()


def test_foreign_keys_are_enforced(db):
    with pytest.raises(sa.exc.IntegrityError), db.transaction() as s:
        s.connection().execute(
            sa.text(
                "INSERT INTO meeting (board_id, date, venue, title, state, ical_uid, ical_sequence, "
                "version, updated_at) VALUES (999, '2020-01-01', '', '', 'planned', 'u', 0, 1, "
                "'2020-01-01 00:00:00')"
            )
        )


def test_a_new_database_is_migrated_to_head(db):
    assert schema.current_revision(db) == revisions.head_revision()
    names = set(sa.inspect(db.engine).get_table_names())
    assert {"board", "meeting", "minuteitem", "action", "auditentry", "paperfile"} <= names


def test_reopening_is_idempotent(sqlite_db_url):
    open_database(sqlite_db_url).dispose()
    db = open_database(sqlite_db_url)
    assert schema.current_revision(db) == revisions.head_revision()
    db.dispose()


def test_a_newer_schema_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "newer.sqlite3"
    open_database(sqlite_url(path)).dispose()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer version of scbmeet") as info:
        open_database(sqlite_url(path))
    assert str(path) in str(info.value)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "minutes.docx"
    path.write_bytes(b"PK\x03\x04 this is a word document")
    with pytest.raises(NotADatabaseError, match="not an scbmeet database"):
        open_database(sqlite_url(path))
    assert path.read_bytes().startswith(b"PK")


def test_someone_elses_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    with pytest.raises(NotADatabaseError, match="not an scbmeet one"):
        open_database(sqlite_url(path))


def test_a_missing_file_is_not_created_unless_asked(tmp_path):
    path = tmp_path / "absent.sqlite3"
    with pytest.raises(DatabaseError, match="scbmeet init"):
        open_database(sqlite_url(path), create=False)
    assert not path.exists()


def test_a_locked_database_gives_a_clear_error(sqlite_db_url, monkeypatch):
    db = open_database(sqlite_db_url)
    services = Services(db)
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 100)
    other = open_database(sqlite_db_url)
    holder = sqlite3.connect(str(db.path), timeout=0.1)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLockedError, match="locked by another program"):
            Services(other).register.create_board("Blocked Board", "BB")
    finally:
        holder.rollback()
        holder.close()
    assert services.register.boards() == []
    db.dispose()
    other.dispose()


def test_a_failed_migration_puts_the_database_back(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite3"
    db = open_database(sqlite_url(path))
    Services(db).register.create_board("Marlshire Board", "MB")
    db.dispose()

    def broken_upgrade(database):
        with database.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM board")
        raise RuntimeError("step 2 failed")

    with monkeypatch.context() as patched, pytest.raises(DatabaseError, match="put back as it was"):
        patched.setattr(schema, "head_revision", lambda: "0002_pretend")
        patched.setattr(schema, "_run_upgrade", broken_upgrade)
        open_database(sqlite_url(path))
    db = open_database(sqlite_url(path))
    assert [b.short_name for b in Services(db).register.boards()] == ["MB"]
    db.dispose()
    from scbmeet.storage.backup import list_backups

    assert [b.kind for b in list_backups(path)] == ["before-0002_pretend"]


def test_a_failed_upgrade_says_so_in_one_line_and_logs_the_detail(tmp_path, monkeypatch, capsys):
    path = tmp_path / "old.sqlite3"
    open_database(sqlite_url(path)).dispose()

    def broken_upgrade(database):
        with database.engine.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE no_such_table ADD COLUMN x INTEGER")

    monkeypatch.setattr(schema, "head_revision", lambda: "0002_pretend")
    monkeypatch.setattr(schema, "_run_upgrade", broken_upgrade)
    from scbmeet.cli import main

    assert main(["meetings", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "sqlalche.me" not in err and "[SQL:" not in err
    assert "to schema 0002_pretend failed (no such table: no_such_table)" in err
    assert "it was put back as it was" in err
    log = data_dir() / "scbmeet-errors.log"
    assert str(log) in err
    assert "ALTER TABLE no_such_table" in log.read_text(encoding="utf-8")


def test_the_database_url_comes_from_option_then_environment_then_default(tmp_path, monkeypatch):
    monkeypatch.setenv("SCBMEET_DATABASE_URL", "postgresql://u@h/db")
    assert resolve_url(tmp_path / "x.sqlite3") == sqlite_url(tmp_path / "x.sqlite3")
    assert resolve_url() == "postgresql://u@h/db"
    monkeypatch.delenv("SCBMEET_DATABASE_URL")
    assert resolve_url().endswith("scbmeet.sqlite3")


def test_an_unknown_database_url_is_a_clear_error():
    with pytest.raises(DatabaseError, match="does not know the database type 'nosuchdialect'"):
        open_database("nosuchdialect://somewhere/db")

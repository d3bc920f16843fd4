"""A backup must be exactly scbmeet's schema and sound data to be restored; ``check`` reports
schema objects scbmeet did not create (issue 20, item 8)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from scbmeet.cli import main
from scbmeet.domain.errors import NotADatabaseError
from scbmeet.services import Services
from scbmeet.services.integrity import check_database
from scbmeet.storage import backup, schema_match
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url
from scbmeet.storage.revisions import alembic_config

WIPER = "CREATE TRIGGER tidy_up AFTER INSERT ON minuteitem BEGIN DELETE FROM minuteitem; END"


def _make_db(path: Path) -> Path:
    database = open_database(sqlite_url(path))
    services = Services(database)
    services.register.create_board("Marlshire Safer Communities Board", "MSCB")
    database.dispose()
    return path


def _tampered_backup(tmp_path: Path, *statements: str, foreign_keys_off: bool = True) -> Path:
    source = _make_db(tmp_path / "source.sqlite3")
    copy = backup.backup_to(source, tmp_path / "usb-backup.sqlite3")
    con = sqlite3.connect(copy)
    if foreign_keys_off:
        con.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()
    return copy


def _restore(capsys, file: Path, target: Path) -> tuple[int, str]:
    code = main(["restore", str(file), "--db", str(target)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, err


TAMPERING = {
    "a planted trigger": ([WIPER], "it has a trigger scbmeet did not create: tidy_up"),
    "an extra table": (
        ["CREATE TABLE exfil (x TEXT)"],
        "it has a table scbmeet did not create: exfil",
    ),
    "an extra view": (
        ["CREATE VIEW everything AS SELECT * FROM minuteitem"],
        "it has a view scbmeet did not create: everything",
    ),
    "an extra index": (
        ["CREATE INDEX ix_extra ON board (name)"],
        "it has a index scbmeet did not create: ix_extra",
    ),
    "one of scbmeet's triggers rewritten": (
        [
            "DROP TRIGGER minuteitem_search_ai",
            "CREATE TRIGGER minuteitem_search_ai AFTER INSERT ON minuteitem "
            "BEGIN DELETE FROM minuteitem; END",
        ],
        "its trigger minuteitem_search_ai is not scbmeet's",
    ),
    "a dropped index": (
        ["DROP INDEX ix_meeting_board_id"],
        "its index ix_meeting_board_id is missing",
    ),
    "an extra column": (
        ["ALTER TABLE board ADD COLUMN secret TEXT"],
        "its table board is not scbmeet's",
    ),
    "a table rebuilt without its unique constraint": (
        [
            "CREATE TABLE theme_new (id INTEGER NOT NULL, name VARCHAR(120) NOT NULL, "
            "description TEXT NOT NULL, PRIMARY KEY (id))",
            "INSERT INTO theme_new SELECT * FROM theme",
            "DROP TABLE theme",
            "ALTER TABLE theme_new RENAME TO theme",
        ],
        "its table theme is not scbmeet's",
    ),
    "a table rebuilt with a check that refuses writes": (
        [
            "CREATE TABLE theme_new (id INTEGER NOT NULL, name VARCHAR(120) NOT NULL, "
            "description TEXT NOT NULL, PRIMARY KEY (id), UNIQUE (name), CHECK (id < 0))",
            "DROP TABLE theme",
            "ALTER TABLE theme_new RENAME TO theme",
        ],
        "its table theme is not scbmeet's",
    ),
    "foreign-key violations": (
        [
            "INSERT INTO seat (board_id, organisation_id, label, voting) VALUES (4242, 4243, 'Ghost', 1)",
        ],
        "seat row 1 refers to a missing board",
    ),
}


@pytest.mark.parametrize("tampering", TAMPERING)
def test_restore_refuses_a_tampered_backup_and_changes_nothing(capsys, tmp_path, tampering):
    statements, expected = TAMPERING[tampering]
    tampered = _tampered_backup(tmp_path, *statements)
    target = _make_db(tmp_path / "board.sqlite3")
    before = target.read_bytes()
    code, err = _restore(capsys, tampered, target)
    assert code == 1
    assert err.count("\n") == 1, err
    assert "usb-backup.sqlite3 is not a valid scbmeet database" in err
    assert expected in err
    assert target.read_bytes() == before
    assert backup.list_backups(target) == []  # not even a before-restore copy was needed


def test_an_untampered_backup_still_restores(capsys, tmp_path):
    sound = _tampered_backup(tmp_path)
    target = _make_db(tmp_path / "board.sqlite3")
    code, err = _restore(capsys, sound, target)
    assert (code, err) == (0, "")


def test_a_backup_at_an_older_revision_is_compared_with_that_revision(tmp_path):
    old = tmp_path / "old.sqlite3"
    engine = sa.create_engine(sqlite_url(old))
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        from alembic import command

        command.upgrade(cfg, "0001")
    engine.dispose()
    backup.check_backup(old)  # no search triggers at 0001, and none expected
    con = sqlite3.connect(old)
    con.execute(WIPER)
    con.commit()
    con.close()
    with pytest.raises(NotADatabaseError, match="trigger scbmeet did not create: tidy_up"):
        backup.check_backup(old)


# -- scbmeet check -----------------------------------------------------------------------------
def test_check_finds_nothing_in_a_sound_database(db):
    assert check_database(db) == []


def test_check_knows_scbmeets_postgresql_tables_without_the_table_classes():
    """``check`` takes the tables scbmeet makes on PostgreSQL from the stored SQLite
    reference (not from SQLModel's metadata, which it does not import): the same tables."""
    from sqlmodel import SQLModel

    import scbmeet.domain.models
    import scbmeet.domain.plan_models  # noqa: F401  (every table class, in the metadata)
    from scbmeet.storage.revisions import head_revision

    tables = schema_match.postgresql_tables(head_revision())
    assert tables == set(SQLModel.metadata.tables) | {"alembic_version"}


def test_check_reports_a_planted_trigger_and_an_extra_table(db):
    with db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE exfil (x TEXT)")
        conn.exec_driver_sql("CREATE VIEW everything AS SELECT * FROM minuteitem")
        if db.is_sqlite:
            conn.exec_driver_sql(WIPER)
        else:
            conn.exec_driver_sql(
                "CREATE FUNCTION tidy() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN DELETE FROM minuteitem; RETURN NULL; END $$"
            )
            conn.exec_driver_sql(
                "CREATE TRIGGER tidy_up AFTER INSERT ON minuteitem "
                "FOR EACH STATEMENT EXECUTE FUNCTION tidy()"
            )
    problems = "\n".join(check_database(db))
    assert "table scbmeet did not create: exfil" in problems
    assert "view scbmeet did not create: everything" in problems
    assert "trigger scbmeet did not create: tidy_up" in problems


def test_check_command_reports_foreign_key_violations(capsys, tmp_path):
    path = _make_db(tmp_path / "board.sqlite3")
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO seat (board_id, organisation_id, label, voting) VALUES (4242, 4243, 'Ghost', 1)"
    )
    con.commit()
    con.close()
    code = main(["check", "--db", str(path)])
    out, err = capsys.readouterr()
    assert code != 0
    assert "seat row 1 refers to a missing board" in out + err

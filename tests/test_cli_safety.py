"""The data-safety commands, run through the CLI entry point as a user would."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from scbmeet import jsonio
from scbmeet.cli import main
from scbmeet.storage import backup
from scbmeet.storage.database import open_database


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def demo_path(demo) -> Path:
    services, _ = demo
    path = services.db.path
    assert path is not None
    services.db.dispose()
    return path


def test_backup_to_the_backups_folder_and_to_a_chosen_file(capsys, demo_path, tmp_path):
    code, out, _ = _run(capsys, "backup", "--db", str(demo_path))
    assert code == 0 and "Backed up" in out
    made = backup.list_backups(demo_path)
    assert made and made[0].kind == backup.MANUAL
    usb = tmp_path / "usb-copy.sqlite3"
    code, out, _ = _run(capsys, "backup", "--db", str(demo_path), "--to", str(usb))
    assert code == 0 and str(usb) in out
    backup.check_backup(usb)
    code, out, _ = _run(capsys, "backups", "--db", str(demo_path))
    assert code == 0 and "manual" in out


def test_restore_refuses_a_file_that_is_not_an_scbmeet_database(capsys, demo_path, tmp_path):
    bogus = tmp_path / "minutes.docx"
    bogus.write_bytes(b"PK\x03\x04 not a database")
    before = demo_path.read_bytes()
    code, _, err = _run(capsys, "restore", str(bogus), "--db", str(demo_path))
    assert code == 1
    assert err.count("\n") == 1 and "minutes.docx is not a valid scbmeet database" in err
    assert demo_path.read_bytes() == before


def test_restore_keeps_the_current_database(capsys, demo_path, tmp_path):
    usb = tmp_path / "usb.sqlite3"
    _run(capsys, "backup", "--db", str(demo_path), "--to", str(usb))
    with sqlite3.connect(demo_path) as con:
        con.execute("UPDATE board SET name = 'Renamed after the backup'")
    con.close()
    code, out, _ = _run(capsys, "restore", str(usb), "--db", str(demo_path))
    assert code == 0 and "kept at" in out
    kept = [b for b in backup.list_backups(demo_path) if b.kind == backup.BEFORE_RESTORE]
    assert len(kept) == 1
    with sqlite3.connect(kept[0].path) as con:
        assert con.execute("SELECT name FROM board").fetchone()[0] == "Renamed after the backup"
    con.close()
    with sqlite3.connect(demo_path) as con:
        assert con.execute("SELECT name FROM board").fetchone()[0] != "Renamed after the backup"
    con.close()


def test_a_damaged_database_gets_one_line_naming_it_and_the_backup_to_restore(capsys, demo_path):
    _run(capsys, "backup", "--db", str(demo_path))
    demo_path.write_bytes(demo_path.read_bytes()[:20000])
    code, _, err = _run(capsys, "meetings", "--db", str(demo_path))
    assert code == 1 and err.count("\n") == 1
    assert str(demo_path) in err and "is damaged" in err
    good = backup.newest_good_backup(demo_path)
    assert good is not None and str(good.path) in err
    # The command the message suggests works, and the damaged file is kept aside.
    code, out, _ = _run(capsys, "restore", str(good.path), "--db", str(demo_path))
    assert code == 0 and ".damaged" in out
    assert demo_path.with_name(demo_path.name + ".damaged").exists()
    code, out, _ = _run(capsys, "meetings", "--db", str(demo_path))
    assert code == 0 and "MSCB" in out
    code, _, err = _run(capsys, "backup", "--db", str(demo_path) + ".damaged")
    assert code == 1 and "damaged" in err


def test_backup_of_a_postgresql_database_points_to_its_own_tools(capsys, monkeypatch):
    monkeypatch.setenv("SCBMEET_DATABASE_URL", "postgresql://clerk@council-db/scbmeet")
    code, _, err = _run(capsys, "backup")
    assert code == 1 and "pg_dump" in err and "export-json" in err


def test_audit_of_a_meeting_and_of_an_action(capsys, demo):
    services, summary = demo
    action = services.actions.outstanding(board_id=summary.board_id)[0]
    services.actions.set_state(action.id, "done")
    meeting = services.meetings.meeting(summary.upcoming_meeting_id)
    item = services.agenda.agenda(meeting.id)[-1]
    services.agenda.delete_item(item.id)
    db = str(services.db.path)
    code, out, _ = _run(capsys, "audit", "--action", str(action.id), "--db", db)
    assert code == 0 and "changed the state of action" in out and "test-secretary" in out
    assert "state: open -> done" in out or "state: in progress -> done" in out
    code, out, _ = _run(
        capsys, "audit", "--meeting", meeting.date.isoformat(), "--board", "MSCB", "--db", db
    )
    assert code == 0 and f'deleted agenda item {item.id} "{item.title}"' in out
    code, _, err = _run(capsys, "audit", "--meeting", "5 June", "--db", db)
    assert code == 1 and "is not a date" in err


def test_audit_of_an_unknown_action_is_an_error_and_of_a_deleted_one_shows_its_trail(capsys, demo):
    services, summary = demo
    minute = services.minutes.add_minute(summary.upcoming_meeting_id, "Any other business")
    owner = services.actions.outstanding(board_id=summary.board_id)[0].owners[0].name
    action = services.actions.add_action(minute.id, "Book the room", owner)
    services.actions.delete_action(action.id, reason="entered twice")
    db = str(services.db.path)
    code, out, err = _run(capsys, "audit", "--action", "99999", "--db", db)
    assert (code, out) == (1, "")
    assert err == "scbmeet: There is no action with id 99999.\n"
    code, out, _ = _run(capsys, "audit", "--action", str(action.id), "--db", db)
    assert code == 0 and "deleted action" in out


def test_import_members_all_or_nothing(capsys, demo, tmp_path):
    services, _ = demo
    db = str(services.db.path)
    good = tmp_path / "members.csv"
    good.write_text(
        "given_names,family_name,organisation,email\n"
        "Priya,Desai,Marlshire Police,priya.desai@police.example\n",
        encoding="utf-8",
    )
    code, out, _ = _run(capsys, "import-members", str(good), "--board", "MSCB", "--db", db)
    assert code == 0 and "Imported 1 member(s)" in out
    bad = tmp_path / "bad.csv"
    bad.write_text("family_name,organisation\nHart,Nowhere Council\n", encoding="utf-8")
    code, _, err = _run(capsys, "import-members", str(bad), "--board", "MSCB", "--db", db)
    assert code == 1 and "Nothing was imported" in err and "unknown organisation" in err


def test_copy_database_into_an_empty_database(capsys, demo_path, db_url):
    code, out, _ = _run(capsys, "copy-database", db_url, "--db", str(demo_path))
    assert code == 0 and "Copied" in out
    source = open_database(f"sqlite:///{demo_path}")
    target = open_database(db_url)
    try:
        copied, original = jsonio.export_data(target), jsonio.export_data(source)
        for table in ("board", "meeting", "minuteitem", "action", "paperfile", "auditentry"):
            assert len(copied["tables"][table]) == len(original["tables"][table]), table
        # Audit entries still name their meetings after the ids changed.
        linked = [r["meeting_id"] is not None for r in original["tables"]["auditentry"]]
        assert [r["meeting_id"] is not None for r in copied["tables"]["auditentry"]] == linked
    finally:
        source.dispose()
        target.dispose()
    code, _, err = _run(capsys, "copy-database", db_url, "--db", str(demo_path))
    assert code == 1 and "already holds boards" in err


def test_export_then_import_json_moves_everything(capsys, demo_path, db_url, tmp_path):
    """The README's recipe from an SQLite file to a shared PostgreSQL database."""
    exported = tmp_path / "board.json"
    code, _, _ = _run(capsys, "export-json", str(exported), "--db", str(demo_path))
    assert code == 0
    target = open_database(db_url)
    try:
        counts = jsonio.import_data(target, json.loads(exported.read_text(encoding="utf-8")))
        assert counts["minuteitem"] > 0 and counts["paperfile"] > 0
    finally:
        target.dispose()

"""The command line: each command works, and bad input is one clear line, never a traceback."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from scbmeet.cli import main


@pytest.fixture
def demo_db(demo):
    services, summary = demo
    return str(services.db.path), summary


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_clear_line(code, err, fragment):
    assert code != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("scbmeet: ") and fragment in lines[0]
    assert "Traceback" not in err


def test_init_then_demo_then_listing(tmp_path, capsys):
    db = str(tmp_path / "board.sqlite3")
    assert run(capsys, "init", "--db", db)[0] == 0
    code, out, _ = run(capsys, "demo", "--db", db)
    assert code == 0 and "MSCB" in out
    code, out, _ = run(capsys, "meetings", "--db", db)
    assert code == 0 and out.count("MSCB") == 4
    code, err = run(capsys, "demo", "--db", db)[0::2]
    assert_one_clear_line(code, err, "already has boards")


def test_actions_outstanding_by_owner(demo_db, capsys):
    db, _ = demo_db
    code, out, _ = run(capsys, "actions", "--outstanding", "--owner", "Rachel Okafor", "--db", db)
    assert code == 0
    lines = out.strip().splitlines()
    assert lines and all("Rachel Okafor" in line for line in lines)
    code, _, err = run(capsys, "actions", "--owner", "Nobody Known", "--db", db)
    assert_one_clear_line(code, err, "not a person or organisation")


def test_show_prints_agenda_and_minutes(demo_db, capsys):
    db, _ = demo_db
    code, out, _ = run(capsys, "show", "2026-09-09", "--board", "MSCB", "--db", db)
    assert code == 0
    assert "AGENDA" in out and "MINUTES" in out and "RESOLVED" in out
    assert "Action: Lucy Hart/Sian Morgan" in out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["show", "2013-02-30"], "is not a date"),
        (["show", "2013-06-05"], "There is no meeting on 2013-06-05"),
        (["show", "2026-09-09", "--board", "NOPE"], "no meeting of NOPE"),
        (["actions", "--board", "NOPE"], "no board called 'NOPE'"),
    ],
)
def test_bad_input_is_one_clear_line(demo_db, capsys, argv, fragment):
    db, _ = demo_db
    code, _, err = run(capsys, *argv, "--db", db)
    assert_one_clear_line(code, err, fragment)


def test_export_and_import_json_through_files_and_pipes(demo_db, tmp_path, capsys):
    db, _ = demo_db
    out_file = tmp_path / "export.json"
    assert run(capsys, "export-json", str(out_file), "--db", db)[0] == 0
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert data["format"] == "scbmeet-export"
    target = str(tmp_path / "copy.sqlite3")
    code, out, _ = run(capsys, "import-json", str(out_file), "--db", target)
    assert code == 0 and "14 minuteitem" in out
    code, out, _ = run(capsys, "export-json", "-", "--board", "ECSP", "--db", db)
    assert code == 0 and json.loads(out)["scope"] == {"board": "ECSP"}


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "is not valid JSON"),
        (
            '{"format": "scbmeet-export", "version": 1, "tables": {"board": [{"id": 1}]}}',
            "missing field",
        ),
        ("[1, 2, 3]", "not an scbmeet export"),
        ("\udcff", "not UTF-8"),
    ],
)
def test_malformed_json_imports_nothing(tmp_path, capsys, content, fragment):
    source = tmp_path / "bad.json"
    if content == "\udcff":
        source.write_bytes(b"\xff\xfe\x00garbage")
    else:
        source.write_text(content, encoding="utf-8")
    target = tmp_path / "target.sqlite3"
    code, _, err = run(capsys, "import-json", str(source), "--db", str(target))
    assert_one_clear_line(code, err, fragment)
    code, out, _ = run(capsys, "meetings", "--db", str(target))
    assert "No meetings." in out or not target.exists()


def test_a_file_that_is_not_a_database(tmp_path, capsys):
    bogus = tmp_path / "agenda.docx"
    bogus.write_bytes(b"PK\x03\x04 a word file")
    code, _, err = run(capsys, "meetings", "--db", str(bogus))
    assert_one_clear_line(code, err, "not an scbmeet database")


def test_a_newer_schema_and_a_missing_file(tmp_path, capsys):
    db = tmp_path / "new.sqlite3"
    run(capsys, "init", "--db", str(db))
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = 'ffff'")
    con.commit()
    con.close()
    code, _, err = run(capsys, "meetings", "--db", str(db))
    assert_one_clear_line(code, err, "newer version of scbmeet")
    code, _, err = run(capsys, "meetings", "--db", str(tmp_path / "absent.sqlite3"))
    assert_one_clear_line(code, err, "scbmeet init")


def test_a_locked_database(tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "busy.sqlite3")
    assert run(capsys, "init", "--db", db)[0] == 0
    monkeypatch.setattr("scbmeet.storage.engine.BUSY_TIMEOUT_MS", 100)
    holder = sqlite3.connect(db, timeout=0.1)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, _, err = run(capsys, "demo", "--db", db)
    finally:
        holder.rollback()
        holder.close()
    assert_one_clear_line(code, err, "locked by another program")


def test_check_reports_a_sound_database(demo_db, capsys):
    db, _ = demo_db
    code, out, _ = run(capsys, "check", "--db", db)
    assert code == 0 and "no problems found" in out


def test_check_finds_broken_numbering(demo_db, capsys):
    db, _ = demo_db
    con = sqlite3.connect(db)
    con.execute(
        "UPDATE minuteitem SET number = number + 40 WHERE id = (SELECT max(id) FROM minuteitem)"
    )
    con.commit()
    con.close()
    code, out, _ = run(capsys, "check", "--db", db)
    assert code == 1 and "not numbered in order" in out


def test_check_names_the_missing_meeting_of_minutes_numbered_out_of_order(demo_db, capsys):
    """Minutes whose meeting is gone (plain SQL with foreign keys off) are reported, not a
    traceback: the rule names the meeting by its id when it has no date to name it by."""
    db, _ = demo_db
    con = sqlite3.connect(db)
    first, second = (r[0] for r in con.execute("SELECT id FROM minuteitem ORDER BY id LIMIT 2"))
    con.execute("UPDATE minuteitem SET meeting_id = 999, number = 900 WHERE id = ?", (first,))
    con.execute("UPDATE minuteitem SET meeting_id = 999, number = 800 WHERE id = ?", (second,))
    con.commit()
    con.close()
    code, out, err = run(capsys, "check", "--db", db)
    assert code == 1, err
    assert f"problem: minuteitem row {first} refers to a missing meeting" in out.splitlines()
    assert "problem: minutes of meeting 999 are not numbered in order: 900/26, 800/26" in out


def test_the_installed_entry_point_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "scbmeet", "init", "--db", str(tmp_path / "x.sqlite3")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Database ready" in result.stdout

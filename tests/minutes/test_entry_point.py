"""``python -m scbmeet.gui.minutes`` names its problems on one line; the script hook types."""

from __future__ import annotations

import json

from scbmeet.gui.minutes.__main__ import build_parser, main
from scbmeet.gui.minutes.testhook import run_script


def test_a_bad_date_is_named(capsys):
    assert main(["--db", "x.sqlite3", "--meeting-date", "9/12/2026"]) == 1
    assert "'9/12/2026' is not a date" in capsys.readouterr().err


def test_a_missing_database_is_named(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "none.sqlite3"), "--meeting-date", "2026-12-09"]) == 1
    assert "There is no database" in capsys.readouterr().err


def test_a_missing_meeting_is_named(demo, capsys):
    services, _ = demo
    assert main(["--db", str(services.db.path), "--meeting-date", "2026-01-01"]) == 1
    assert "There is no meeting on 2026-01-01" in capsys.readouterr().err


def test_the_board_can_be_named():
    args = build_parser().parse_args(["--meeting-date", "2026-12-09", "--board", "MSCB"])
    assert (args.board, args.db) == ("MSCB", None)


def test_the_script_hook_plays_keys_and_reports_when_done(demo, window, tmp_path):
    services, _ = demo
    done = tmp_path / "done.json"
    script = tmp_path / "script.json"
    script.write_text(
        json.dumps(
            {
                "steps": [
                    {"go": "Frequency of meetings"},
                    {"type": "#resolved to meet quarterly"},
                    {"key": "Return"},
                    {"type": "Agreed."},
                ],
                "done_file": str(done),
            }
        )
    )
    run_script(window, script)
    assert json.loads(done.read_text())["typed_at"] > 0
    minute = next(
        m for m in services.minutes.minutes(window.meeting.id) if m.title.startswith("Frequency")
    )
    assert [r.text for r in minute.resolutions] == ["to meet quarterly"]
    assert window.narrative.toPlainText() == "Agreed."

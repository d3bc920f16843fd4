"""`scbmeet boards`, `board add` and `board edit`: a secretariat sets up its board and
sub-groups from a script, options in either order, one clear line on bad input and nothing
half-changed."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from scbmeet.services import Services
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url
from tests.cli_run import run


def fresh(db: Path) -> Services:
    """The database as a new process would read it."""
    return Services(open_database(sqlite_url(db), daily_backup=False))


@pytest.fixture
def db(tmp_path, capsys) -> Path:
    path = tmp_path / "boards.sqlite3"
    assert run(capsys, "init", "--db", str(path))[0] == 0
    return path


def test_a_board_and_a_sub_group_are_set_up_with_db_before_or_after(capsys, db):
    code, out, err = run(
        capsys, "board", "add", "Marlshire Safer Communities Board", "--short", "MSCB",
        "--db", str(db), "--starts", "09:30", "--rules", "england", "--venue", "County Hall",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out.startswith("Added Marlshire Safer Communities Board (MSCB, id ")
    code, out, err = run(
        capsys, "--db", str(db), "board", "add", "Eastvale Community Safety Partnership",
        "--short", "ECSP", "--parent", "MSCB", "--numbering", "municipal", "--year-starts", "5",
        "--quorum-members", "4", "--quorum-orgs", "3", "--papers-due-days", "5",
    )  # fmt: skip
    assert (code, err) == (0, "") and out.rstrip().endswith(", under MSCB.")
    boards = {b.short_name: b for b in fresh(db).register.boards()}
    mscb, ecsp = boards["MSCB"], boards["ECSP"]
    assert (mscb.default_start_time, mscb.access_rules, mscb.default_venue) == (
        time(9, 30), "england", "County Hall",
    )  # fmt: skip
    assert ecsp.parent_id == mscb.id
    assert (ecsp.numbering, ecsp.numbering_start_month) == ("municipal", 5)
    assert (ecsp.quorum_members, ecsp.quorum_statutory_orgs, ecsp.papers_due_days) == (4, 3, 5)
    assert ecsp.access_rules == ""  # not given: not bound by the statutory rules
    code, out, _err = run(capsys, "boards", "--db", str(db))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("MSCB") and "rules (England)" in lines[0]
    assert "under MSCB" in lines[1] and "numbering from month 5" in lines[1]


def test_board_edit_changes_only_what_is_given_and_can_retire_a_board(capsys, db):
    run(
        capsys,
        "board",
        "add",
        "Eastvale CSP",
        "--short",
        "ECSP",
        "--db",
        str(db),
        "--rules",
        "wales",
    )
    code, out, err = run(
        capsys, "--db", str(db), "board", "edit", "ecsp", "--name", "Eastvale Partnership",
        "--inactive", "--rules", "none",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == "Changed Eastvale Partnership (ECSP): access rules, name, active or retired.\n"
    (board,) = fresh(db).register.boards()
    assert (board.name, board.active, board.access_rules) == ("Eastvale Partnership", False, "")
    assert "retired" in run(capsys, "boards", "--db", str(db))[1]
    assert run(capsys, "board", "edit", "ECSP", "--active", "--db", str(db))[0] == 0
    assert fresh(db).register.boards()[0].active


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ("board", "edit", "ECSP", "--starts", "25:00"),
            "'25:00' is not a time; write it as HH:MM",
        ),
        (("board", "edit", "ECSP"), "Nothing to change"),
        (("board", "edit", "NOPE", "--name", "X"), "There is no board called 'NOPE'"),
        (("board", "add", "Again", "--short", "ecsp"), "There is already a board called 'ecsp'"),
        (
            (
                "board",
                "add",
                "Y",
                "--short",
                "Y",
                "--numbering",
                "municipal",
                "--year-starts",
                "13",
            ),
            "must start in a month from 1 to 12",
        ),
        (("board", "add", "Z", "--short", "Z", "--parent", "NOPE"), "no board called 'NOPE'"),
        (("board", "edit", "ECSP", "--papers-due-days", "90"), "must be a number from 0 to 60"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(capsys, db, argv, message):
    run(capsys, "board", "add", "Eastvale CSP", "--short", "ECSP", "--db", str(db))
    before = fresh(db).register.boards()
    code, out, err = run(capsys, *argv, "--db", str(db))
    assert code == 1 and out == ""
    assert err.startswith("scbmeet: ") and message in err and err.count("\n") == 1
    assert fresh(db).register.boards() == before

"""``scbmeet search WORDS [--board SHORT] [--limit N]``."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.cli import main
from scbmeet.services import Services
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "cli.sqlite3"
    db = open_database(sqlite_url(path))
    services = Services(db)
    for short in ("AAA", "BBB"):
        board = services.register.create_board(f"Board {short}", short)
        meeting = services.meetings.create_meeting(
            board.id, date(2013, 6, 5), standard_agenda=False
        )
        minute = services.minutes.add_minute(
            meeting.id, "Child sexual exploitation", narrative=f"Grooming was discussed by {short}."
        )
        services.minutes.add_resolution(minute.id, "that the grooming checklist be adopted.")
    db.dispose()
    return path


def test_search_prints_place_heading_and_marked_snippet(db_path, capsys):
    assert main(["search", "grooming", "--db", str(db_path), "--board", "BBB"]) == 0
    out = capsys.readouterr().out.splitlines()
    hits = {tuple(out[i : i + 2]) for i in range(0, len(out), 2)}
    assert hits == {
        (
            "BBB 5 June 2013, minute 1/13  Minute: Child sexual exploitation",
            "    [Grooming] was discussed by BBB.",
        ),
        (
            'BBB 5 June 2013, minute 1/13  Resolution, under "Child sexual exploitation"',
            "    that the [grooming] checklist be adopted.",
        ),
    }


def test_search_all_boards_with_a_limit(db_path, capsys):
    assert main(["search", "exploitation", "--db", str(db_path), "--limit", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and "[exploitation]" in out[0]


def test_search_finds_nothing(db_path, capsys):
    assert main(["search", "skateboard", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.strip() == "Nothing found for 'skateboard'."


def test_search_bad_board_and_limit_are_one_line_errors(db_path, capsys):
    assert main(["search", "x", "--db", str(db_path), "--board", "ZZZ"]) == 1
    assert "ZZZ" in capsys.readouterr().err
    assert main(["search", "x", "--db", str(db_path), "--limit", "0"]) == 1
    assert capsys.readouterr().err.startswith("scbmeet: Ask for between 1 and")


def test_search_of_only_spaces(db_path, capsys):
    assert main(["search", " ", "--db", str(db_path)]) == 1
    assert "Give some words" in capsys.readouterr().err

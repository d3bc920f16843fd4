"""The actions register's rows on a built history (benchmarks/build_large_db.py) say what the
tables say, counted the slow, obvious way: each action's newest progress, its owners in
order, its meeting, due date and board, the meetings it was carried across (issue 14: the
rows are read in one action query, with boards, meetings and owners looked up in Python)."""

from __future__ import annotations

import sqlite3
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from scbmeet.services import Services
from scbmeet.services.action_filters import owner_choices
from scbmeet.services.action_rows import BoardMeetings
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from build_large_db import TODAY, build_large_db


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    path = tmp_path_factory.mktemp("history") / "three-years.sqlite3"
    built = build_large_db(path, years=3)
    database = open_database(sqlite_url(path))
    yield Services(database), built.board_id, path
    database.dispose()


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _newest_progress(raw: sqlite3.Connection) -> dict[int, tuple[str, date]]:
    """Every update read, the newest of each action kept: by date, then by entry."""
    newest: dict[int, tuple[date, int, str]] = {}
    for action_id, on, ident, text in raw.execute(
        "SELECT action_id, on_date, id, text FROM actionupdate"
    ):
        key = (date.fromisoformat(on), ident, text)
        if action_id not in newest or key[:2] > newest[action_id][:2]:
            newest[action_id] = key
    return {a: (text, on) for a, (on, _i, text) in newest.items()}


def _owner_ids(raw: sqlite3.Connection) -> dict[int, list[tuple[int | None, int | None]]]:
    owners: dict[int, list[tuple[int | None, int | None]]] = defaultdict(list)
    for action_id, person_id, org_id in raw.execute(
        "SELECT action_id, person_id, organisation_id FROM actionowner"
        " ORDER BY action_id, position, id"
    ):
        owners[action_id].append((person_id, org_id))
    return owners


def test_every_row_says_what_the_tables_say(history):
    services, board_id, path = history
    rows = services.action_register.rows(board_id, today=TODAY)
    raw = sqlite3.connect(path)
    assert len(rows) == raw.execute("SELECT count(*) FROM action").fetchone()[0] > 1000
    newest = _newest_progress(raw)
    owners = _owner_ids(raw)
    meeting_dates = {
        i: date.fromisoformat(d) for i, d in raw.execute("SELECT id, date FROM meeting")
    }
    board_name = raw.execute("SELECT short_name FROM board WHERE id = ?", (board_id,)).fetchone()[0]
    columns = {
        ident: rest
        for ident, *rest in raw.execute(
            "SELECT a.id, a.due_date, a.due_meeting_id, mi.meeting_id, a.closed_on,"
            " a.closed_at_meeting_id, a.created_on FROM action a"
            " LEFT JOIN minuteitem mi ON mi.id = a.minute_item_id"
        )
    }
    meetings = BoardMeetings(
        (
            (i, b, date.fromisoformat(d))
            for i, b, d in raw.execute("SELECT id, board_id, date FROM meeting")
        ),
        TODAY,
    )
    several = 0
    for row in rows:
        due_date, due_meeting, minute_meeting, closed_on, closed_at, created = columns[row.id]
        assert (row.latest_update, row.latest_update_on) == newest.get(row.id, ("", None))
        assert [(o.person_id, o.organisation_id) for o in row.owners] == owners.get(row.id, [])
        assert row.meeting_date == meeting_dates.get(minute_meeting)
        assert row.due == (_day(due_date) or meeting_dates.get(due_meeting))
        assert row.board_short_name == board_name
        carried = meetings.carried_across(
            board_id, date.fromisoformat(created), _day(closed_on), closed_at
        )
        assert row.carried == len(carried)
        assert row.latest_update.casefold() in row.search_text
        several += len(row.owners) > 1
    assert several > 100  # shared actions were compared too


def test_the_newest_of_two_updates_on_one_day_is_the_later_entry(history):
    services, board_id, _path = history
    row = services.action_register.rows(board_id, today=TODAY)[-1]
    day = date(2025, 11, 29)
    services.actions.add_update(row.id, "Entered first.", on=day)
    services.actions.add_update(row.id, "Entered second.", on=day)
    services.actions.add_update(row.id, "Backdated.", on=date(2025, 1, 1))
    again = services.action_register.rows_by_id([row.id], today=TODAY)[0]
    assert (again.latest_update, again.latest_update_on) == ("Entered second.", day)


def test_owner_choices_name_everyone_once(history):
    services, board_id, path = history
    rows = services.action_register.rows(board_id, today=TODAY)
    raw = sqlite3.connect(path)
    people = {
        p for (p,) in raw.execute("SELECT DISTINCT person_id FROM actionowner") if p is not None
    }
    choices = owner_choices(rows)
    chosen = [c.key[1] for c in choices if c.is_person]
    assert sorted(chosen) == sorted(people)  # each once, however many actions they own

"""import-json inserts in batches: on a built history (benchmarks/build_large_db.py, with
teams pointing at parent organisations, owners, updates, attendance), importing the export
into an empty database gives back every row of every table exactly as it was, ids and
references included, as the row-at-a-time import did."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from scbmeet import jsonio
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from build_large_db import build_large_db


def _table_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    raw = sqlite3.connect(path)
    try:
        return {
            t.name: raw.execute(f'SELECT * FROM "{t.name}" ORDER BY 1, 2').fetchall()
            for t in jsonio.tables()
        }
    finally:
        raw.close()


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    path = tmp_path_factory.mktemp("bulk") / "history.sqlite3"
    build_large_db(path, years=3)
    return path


def test_an_import_into_an_empty_database_gives_back_every_row(history, tmp_path):
    source = open_database(sqlite_url(history))
    data = jsonio.export_data(source)
    source.dispose()
    target = open_database(sqlite_url(tmp_path / "copy.sqlite3"))
    counts = jsonio.import_data(target, data)
    target.dispose()
    before, after = _table_rows(history), _table_rows(tmp_path / "copy.sqlite3")
    assert counts["action"] == len(before["action"]) > 1000  # more than one batch
    raw = sqlite3.connect(tmp_path / "copy.sqlite3")
    teams = raw.execute("SELECT count(*) FROM organisation WHERE parent_id IS NOT NULL").fetchone()
    raw.close()
    assert teams[0] == 10  # self-references were filled in once the rows existed
    for name, rows in before.items():
        assert after[name] == rows, name


def test_a_second_import_matches_the_register_and_adds_the_rest_in_batches(history, tmp_path):
    source = open_database(sqlite_url(history))
    data = jsonio.export_data(source)
    source.dispose()
    target = open_database(sqlite_url(tmp_path / "twice.sqlite3"))
    jsonio.import_data(target, data)
    data["tables"]["board"][0]["short_name"] = "OTHER"
    counts = jsonio.import_data(target, data)
    target.dispose()
    assert counts["organisation"] == counts["person"] == 0  # matched, not duplicated
    rows = _table_rows(tmp_path / "twice.sqlite3")
    assert len(rows["action"]) == 2 * counts["action"]
    # The second board's actions point at its own minutes, not the first board's.
    raw = sqlite3.connect(tmp_path / "twice.sqlite3")
    mismatched = raw.execute(
        "SELECT count(*) FROM action a JOIN minuteitem m ON m.id = a.minute_item_id "
        "WHERE m.board_id != a.board_id"
    ).fetchone()[0]
    boards = raw.execute("SELECT count(DISTINCT board_id) FROM action").fetchone()[0]
    raw.close()
    assert mismatched == 0 and boards == 2

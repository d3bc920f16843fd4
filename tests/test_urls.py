"""Where a database lives (:mod:`scbmeet.storage.urls`), read without SQLAlchemy: the file
behind an SQLite URL is always the one SQLAlchemy itself would open."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from scbmeet.storage.urls import describe_url, resolve_url, sqlite_path, sqlite_url

URLS = [
    "sqlite:////tmp/board.sqlite3",
    "sqlite:////tmp/a b/board.sqlite3",
    "sqlite:///relative/board.db",
    "sqlite://",
    "sqlite:///:memory:",
    "sqlite+pysqlite:////tmp/x.sqlite3?mode=ro",
    "sqlite:////tmp/a%20b@c#d.db",
    "sqlite:////tmp/x?y.db",
    "sqlite:///C:\\Boards\\board.sqlite3",
    "sqlite://host/x.db",
    "SQLite:////tmp/x.sqlite3",
    "postgresql://scb:secret@db.example:5432/boards",
    "postgresql+psycopg://scb@localhost/boards?sslmode=require",
]


def _sqlalchemy_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


@pytest.mark.parametrize("url", URLS)
def test_the_file_is_the_one_sqlalchemy_opens(url):
    assert sqlite_path(url) == _sqlalchemy_path(url)


def test_a_path_round_trips_and_names_itself(tmp_path):
    path = tmp_path / "a folder" / "Board #1.sqlite3"
    url = sqlite_url(path)
    assert sqlite_path(url) == path.resolve()
    assert resolve_url(path) == url
    assert describe_url(url) == str(path.resolve())


def test_a_server_url_is_named_without_its_password():
    assert describe_url(URLS[-2]) == "postgresql://scb:***@db.example:5432/boards"

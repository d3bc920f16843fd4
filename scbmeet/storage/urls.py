"""Where a database lives: the URL from ``--db``, the environment or the default file, and
the file behind an SQLite URL.

Plain Python, no SQLAlchemy (which costs a command a third of a second to import): the
commands that only handle files (``backup``, ``backups``, ``restore``) and the app's first
window need these before, or without, the database stack. An SQLite URL is read by the
same pattern as SQLAlchemy's ``make_url``, so both always agree on the file; other URLs
are left to SQLAlchemy, which their drivers need anyway.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote

from scbmeet.storage.paths import data_dir

ENV_URL = "SCBMEET_DATABASE_URL"

# SQLAlchemy's URL pattern (sqlalchemy.engine.url._parse_url), of which only the backend
# and database parts are used here.
_URL = re.compile(
    r"""
    (?P<name>[\w\+]+)://
    (?:
        (?P<username>[^:/]*)
        (?::(?P<password>[^@]*))?
    @)?
    (?:
        (?:
            \[(?P<ipv6host>[^/\?]+)\] |
            (?P<ipv4host>[^/:\?]+)
        )?
        (?::(?P<port>[^/\?]*))?
    )?
    (?:/(?P<database>[^\?]*))?
    (?:\?(?P<query>.*))?
    """,
    re.X,
)


def default_database_path() -> Path:
    return data_dir() / "scbmeet.sqlite3"


def resolve_url(db_path: str | os.PathLike[str] | None = None) -> str:
    """The SQLAlchemy URL to use: an explicit file wins over the environment and default."""
    if db_path is not None:
        return sqlite_url(Path(db_path))
    from_env = os.environ.get(ENV_URL, "").strip()
    if from_env:
        return from_env
    return sqlite_url(default_database_path())


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.expanduser().resolve()}"


def _sqlite_database(url: str) -> tuple[bool, str | None]:
    """(is it an SQLite URL, its database part as SQLAlchemy reads it)."""
    match = _URL.match(url)
    if match is None:
        from sqlalchemy.engine import make_url  # an odd URL: SQLAlchemy's own word on it

        parsed = make_url(url)
        return parsed.get_backend_name() == "sqlite", parsed.database
    if match["name"].split("+")[0] != "sqlite":
        return False, None
    database = match["database"]
    return True, unquote(database) if database is not None else None


def sqlite_path(url: str) -> Path | None:
    """The file behind an SQLite URL, or None for other databases and in-memory ones."""
    is_sqlite, database = _sqlite_database(url)
    if not is_sqlite or not database or database == ":memory:":
        return None
    return Path(database)


def describe_url(url: str) -> str:
    """A name for the database that is safe to show (no password)."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)

"""Where a database lives: the URL from ``--db`` (a file's path or a database URL), the
environment or the default file, and the file behind an SQLite URL.

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

from scbmeet.domain.errors import DatabaseError
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


# What ``--db`` takes for a URL rather than a file: a scheme of two or more characters (so
# that a Windows drive, ``C:``, stays a path) and "://".
_SCHEME = re.compile(r"(?P<name>[A-Za-z][\w+]+)://")
# Nearly a URL: a scheme with one slash or none (``postgres:/x``), or a known database type
# with the colon missing (``postgresql//host/db``). A file of such a name that exists is a file.
_ALMOST_URL = re.compile(r"[A-Za-z][\w+]+:(?!//)|(?:sqlite|postgres(?:ql)?)(?:\+\w+)?//", re.I)
URL_EXAMPLE = "postgresql://user@host/database"


def default_database_path() -> Path:
    return data_dir() / "scbmeet.sqlite3"


def resolve_url(db_path: str | os.PathLike[str] | None = None) -> str:
    """The SQLAlchemy URL to use: an explicit ``--db`` (a file or a URL, see
    :func:`database_url`) wins over the environment and the default file."""
    if isinstance(db_path, str):
        return database_url(db_path)
    if db_path is not None:
        return sqlite_url(Path(db_path))
    from_env = os.environ.get(ENV_URL, "").strip()
    if from_env:
        return _normalised(from_env)
    return sqlite_url(default_database_path())


def database_url(text: str) -> str:
    """The URL for what a user gave as ``--db``: a database URL (``postgresql://...``,
    ``sqlite:///...``) as it is, anything else as an SQLite file's path.

    Raises :class:`DatabaseError` for a name that is nearly a URL but not one
    (``postgres:/x``): taken as a file it would only give "no database at ...".
    """
    if _SCHEME.match(text.strip()):
        return _normalised(text.strip())
    if _ALMOST_URL.match(text) and not Path(text).expanduser().exists():
        raise DatabaseError(
            f"--db {mask_password(text)!r} is neither a database file nor a database URL: "
            f"a URL has two slashes after its type, e.g. {URL_EXAMPLE} "
            "(or give the path of an SQLite file)."
        )
    return sqlite_url(Path(text))


def _normalised(url: str) -> str:
    """``postgres://`` (libpq's and psql's other name, unknown to SQLAlchemy) as
    ``postgresql://``; an SQLite URL's file as an absolute path, so that ``sqlite:///board.db``
    and ``board.db`` name the same database wherever they are compared or shown."""
    match = _SCHEME.match(url)
    if match is None:
        return url
    backend, plus, driver = match["name"].partition("+")
    if backend.lower() == "postgres":
        return f"postgresql{plus}{driver}{url[match.end('name') :]}"
    path = sqlite_path(url)
    if path is not None and "?" not in url:
        return sqlite_url(path)
    return url


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

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ValueError:  # a URL SQLAlchemy cannot read (a port that is not a number)
        return mask_password(url)


def mask_password(url: str) -> str:
    """``url`` with its password, if any, shown as ``***`` (as SQLAlchemy renders it); for
    text that SQLAlchemy may not be able to read at all, and without loading it."""
    match = _URL.match(url)
    if match is None or match["password"] is None:
        return url
    start, end = match.span("password")
    return f"{url[:start]}***{url[end:]}"


def server_and_database(url: str) -> tuple[str, str, str]:
    """(host, port, database) of a server URL, for messages: "this computer" for a URL
    naming no host (a local socket), "" for no port or no database."""
    match = _URL.match(url)
    if match is None:
        return "", "", ""
    host = match["ipv4host"] or (f"[{match['ipv6host']}]" if match["ipv6host"] else "")
    return host or "this computer", match["port"] or "", unquote(match["database"] or "")


def short_name(db: str) -> str:
    """A short name for a ``--db`` given (a file's name, or a server database's name and
    host), safe to show before the database is open: never a password."""
    if _SCHEME.match(db.strip()):
        url = db.strip()
        path = sqlite_path(url)
        if path is not None:
            return path.name
        host, _port, database = server_and_database(url)
        return f"{database or 'the database'} on {host}"
    return Path(db).name

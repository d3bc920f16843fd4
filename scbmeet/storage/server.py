"""A database on a server (PostgreSQL): reaching it, saying in one line why it could not
be reached (naming the host and the database), and what to use instead of scbmeet's
backups, which are of SQLite files.

The driver's own words ("connection to server at "10.0.0.5", port 5432 failed: FATAL:
database "scb" does not exist") are right but long, and some (a host name that cannot be
found) do not say "connection" at all; :func:`reach_server` turns them into a
:class:`~scbmeet.domain.errors.DatabaseError` that says what to check.
"""

from __future__ import annotations

import re

from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError

from scbmeet.domain.errors import DatabaseError
from scbmeet.storage.damage import first_line
from scbmeet.storage.urls import describe_url, server_and_database

# What libpq says, and what a secretary (or whoever runs the server) should check.
_REASONS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r'database "[^"]*" does not exist'),
        "the server has no such database; ask whoever runs it to create it "
        "(createdb {database}), then run 'scbmeet init'",
    ),
    (
        re.compile(r"resolve host|could not translate host name|Name or service not known"),
        "no computer called {host} can be found; check the name",
    ),
    (
        re.compile(r"Connection refused|No such file or directory"),
        "nothing answers there; check that the server is running and the port is right",
    ),
    (
        re.compile(r"password authentication failed|no password supplied"),
        "the server refused the user name or password",
    ),
    (re.compile(r'role "[^"]*" does not exist'), "the server has no such user"),
    (
        re.compile(r"timeout expired|timed out"),
        "the server did not answer in time; check the name and the network",
    ),
]


def reach_server(engine: Engine, url: str) -> None:
    """Connect once, so that a server that cannot be reached is one clear message."""
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        raise DatabaseError(unreachable_message(url, exc.orig)) from exc


def unreachable_message(url: str, error: BaseException | None) -> str:
    """ "Cannot open the database scb on dbserver:5432: <why>." with the driver's words
    when they are none of the known ones."""
    host, port, database = server_and_database(url)
    said = first_line(error)
    reason = re.sub(r"^connection (failed|is bad): ", "", said)
    for pattern, explained in _REASONS:
        if pattern.search(said):
            reason = explained.format(database=database or "DATABASE", host=host)
            break
    name = f"the database {database}" if database else "the default database"
    where = f"{host}, port {port}" if port else host
    return f"Cannot open {name} on {where}: {reason}."


# What the file-only commands (and the daily backup) say for a database on a server.
_INSTEAD = {
    "backup": "'scbmeet backup' copies SQLite files; {where} is on a server: back it up "
    "with {pg_dump}, or keep a copy with 'scbmeet export-json FILE'.",
    "backups": "'scbmeet backups' lists scbmeet's backups of SQLite files; {where} is on a "
    "server, which keeps its own (ask whoever runs it), or back it up with {pg_dump}.",
    "restore": "'scbmeet restore' puts back an SQLite file; {where} is on a server: restore "
    "it with pg_restore from a pg_dump file, or load a copy made by 'scbmeet export-json' "
    "into an empty database with 'scbmeet import-json FILE'.",
    "daily": "No daily backup by scbmeet: {where} is on a server; back it up there with "
    "{pg_dump} (scbmeet's daily backups are of SQLite files).",
    "window": "{where} is on a server: scbmeet makes no daily backup of it (its backups are "
    "of SQLite files). Back it up there with {pg_dump}, or keep a copy with 'scbmeet "
    "export-json FILE'.",
}


def server_backup_advice(url: str, command: str) -> str:
    """One line: ``command`` (backup, backups, restore, the daily backup: "daily", or the
    window's Backups: "window") works on SQLite files, and what to do instead for the
    database at ``url``."""
    return _INSTEAD[command].format(where=describe_url(url), pg_dump=pg_dump_command(url))


def pg_dump_command(url: str) -> str:
    """The pg_dump command line for a PostgreSQL URL, without its password (pg_dump asks
    for it, or reads ~/.pgpass); plain "pg_dump" for other servers."""
    try:
        parsed = make_url(url)
    except ValueError:
        return "pg_dump"
    if parsed.get_backend_name() != "postgresql":
        return "pg_dump"
    # libpq's URI: no driver, and no password (URL.set leaves a None one as it was)
    plain = parsed._replace(drivername="postgresql", password=None)
    dump = f"{parsed.database or 'board'}.dump"
    return f"pg_dump -Fc -f {dump} '{plain.render_as_string(hide_password=False)}'"

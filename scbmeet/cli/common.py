"""Shared helpers for CLI commands: opening the database, parsing dates, naming meetings,
reading CSV files."""

from __future__ import annotations

import argparse
import sys
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING

from scbmeet.domain.errors import ValidationError

if TYPE_CHECKING:  # the database stack loads when a command opens the database
    from scbmeet.domain.dto import MeetingInfo
    from scbmeet.services import Services
    from scbmeet.storage.engine import Database
    from scbmeet.text.csv_text import CsvText

DB_METAVAR = "FILE_OR_URL"
DB_HELP = (
    "the database: an SQLite file, or a URL such as postgresql://user@host/database "
    "(default: $SCBMEET_DATABASE_URL, else the user data folder)"
)

# A command's own --db has a name of its own, so that it never overwrites a --db given before
# the command (argparse would otherwise put the subcommand's default None over it).
COMMAND_DB = "command_db"


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        dest=COMMAND_DB,
        metavar=DB_METAVAR,
        help=DB_HELP,
    )


def open_services(args: argparse.Namespace, *, create: bool = False) -> Services:
    """Services over the database named by ``--db`` (or the environment, or the default).

    ``--db`` is a file's path or a database URL (:func:`scbmeet.storage.urls.database_url`).
    Only ``init`` and ``demo`` create a new file; other commands refuse a missing explicit path.
    """
    from scbmeet.services import Services

    # a command loads only the services it uses
    return Services(open_named_database(args, create=create), eager=False)


def open_named_database(args: argparse.Namespace, *, create: bool = False) -> Database:
    """The database :func:`open_services` opens, its warnings printed, without the services
    (a command reading a few columns with SQLAlchemy Core needs neither them nor the ORM)."""
    from scbmeet.storage.database import open_database
    from scbmeet.storage.engine import resolve_url

    explicit = getattr(args, "db", None)
    url = resolve_url(explicit)
    database = open_database(url, create=create or explicit is None)
    for warning in database.warnings:  # a network share, a failed daily backup
        print(f"scbmeet: warning: {warning}", file=sys.stderr)
    return database


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2013-06-05."
        ) from None


def parse_time(text: str) -> time:
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"{text!r} is not a time; write it as HH:MM, e.g. 09:30.") from None


def add_meeting_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("date", help="the meeting's date, YYYY-MM-DD")
    parser.add_argument("--board", metavar="SHORT", help="the board's short name, where needed")


def find_meeting(services: Services, args: argparse.Namespace) -> MeetingInfo:
    return services.meetings.find_meeting(parse_date(args.date), args.board)


def read_csv_file(name: str) -> CsvText:
    """A CSV file's text (``-``: standard input) by the same rule as the app's
    (:mod:`scbmeet.text.csv_text`): UTF-8, else Windows-1252, UTF-16 refused with a hint."""
    from scbmeet.text.csv_text import decode_csv  # only the commands that read CSV load it

    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as exc:
        raise ValidationError(f"Cannot read {name}: {exc.strerror}.") from exc
    return decode_csv(data, "standard input" if name == "-" else name)

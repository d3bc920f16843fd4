"""Data-safety commands: backup, backups, restore, audit, import-members, copy-database.

``backup`` and ``restore`` work on the SQLite file itself, without migrating or
otherwise changing it first; a PostgreSQL database is backed up with its own tools (or
``export-json``). ``copy-database`` moves everything into another (empty) database, the
step from a secretary's SQLite file to a shared PostgreSQL one.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from scbmeet.cli.common import (
    add_db_option,
    find_meeting,
    open_services,
    parse_date,
    read_csv_file,
)
from scbmeet.domain.errors import DatabaseError, ValidationError
from scbmeet.storage import backup
from scbmeet.storage.damage import unusable_database_error
from scbmeet.storage.urls import describe_url, resolve_url, sqlite_path

if TYPE_CHECKING:  # backup, backups and restore never load the services
    from scbmeet.domain.dto import AuditInfo


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("backup", help="back up the database (checked copy)")
    add_db_option(p)
    p.add_argument(
        "--to", metavar="FILE", help="write the backup here (default: the backups folder)"
    )
    p.set_defaults(func=cmd_backup)

    p = subparsers.add_parser("backups", help="list the database's backups, newest first")
    add_db_option(p)
    p.set_defaults(func=cmd_backups)

    p = subparsers.add_parser(
        "restore", help="replace the database with a backup (the current one is kept)"
    )
    add_db_option(p)
    p.add_argument("file", help="the backup to restore")
    p.set_defaults(func=cmd_restore)

    p = subparsers.add_parser("audit", help="show the audit trail of a meeting or an action")
    add_db_option(p)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--meeting", metavar="DATE", help="the meeting's date, YYYY-MM-DD")
    which.add_argument("--action", metavar="ID", type=int, help="the action's id")
    p.add_argument("--board", metavar="SHORT", help="the board's short name, where needed")
    p.set_defaults(func=cmd_audit)

    p = subparsers.add_parser(
        "import-members", help="add a board's members from a CSV file (all or nothing)"
    )
    add_db_option(p)
    p.add_argument("file", help="the CSV file, or - for standard input")
    p.add_argument("--board", metavar="SHORT", required=True, help="the board's short name")
    p.set_defaults(func=cmd_import_members)

    p = subparsers.add_parser(
        "copy-database",
        help="copy everything into another, empty database (e.g. a shared PostgreSQL one)",
    )
    add_db_option(p)
    p.add_argument("target", metavar="URL", help="the target database URL or SQLite file")
    p.set_defaults(func=cmd_copy_database)


def _sqlite_file(args: argparse.Namespace, command: str) -> Path:
    """The SQLite file of the database named, or (for a server's database) the one-line
    error saying what to do instead."""
    url = resolve_url(getattr(args, "db", None))
    path = sqlite_path(url)
    if path is None:
        from scbmeet.storage.server import server_backup_advice

        raise DatabaseError(server_backup_advice(url, command))
    return path


def _sound_database(path: Path) -> None:
    """Refuse to back up a file that is missing or unusable (with the way back, if any)."""
    if not path.is_file():
        raise DatabaseError(f"There is no database at {path}.")
    diagnosis = backup.diagnose(path)
    if diagnosis is not None:
        raise unusable_database_error(path, diagnosis.problem, diagnosis.detail)


def cmd_backup(args: argparse.Namespace) -> int:
    path = _sqlite_file(args, "backup")
    _sound_database(path)
    if args.to:
        written = backup.backup_to(path, Path(args.to))
    else:
        written = backup.take_backup(path, backup.MANUAL)
    print(f"Backed up {path} to {written}")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    path = _sqlite_file(args, "backups")
    found = backup.list_backups(path)
    if not found:
        print(f"No backups of {path} in {backup.backup_folder(path)}.")
    for info in found:
        print(f"{info.taken_at:%Y-%m-%d %H:%M:%S}  {info.kind:<16} {info.path}")
    leftovers = backup.leftover_partials(path)
    if leftovers:
        size = sum(p.stat().st_size for p in leftovers if p.exists())
        print(
            f"{len(leftovers)} unfinished file(s) ({size / 1e6:.1f} MB) left by an interrupted "
            "backup; the next backup removes them."
        )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    path = _sqlite_file(args, "restore")
    result = backup.restore_database(Path(args.file), path)
    if result.previous is None:
        print(f"Restored {args.file} to {path}.")
    elif result.previous_was_unusable:
        print(f"Restored {args.file} to {path}; the unusable file was moved to {result.previous}.")
    else:
        print(
            f"Restored {args.file} to {path}; the database it replaced is kept at {result.previous}."
        )
    from scbmeet.storage.database import open_database

    open_database(resolve_url(path), create=False, daily_backup=False).dispose()
    return 0


def print_audit(entries: list[AuditInfo]) -> None:
    from scbmeet.text import audit_format  # only the audit needs it (and the plain data)

    if not entries:
        print("No recorded changes.")
    for entry in entries:
        print(audit_format.summary(entry))
        for line in audit_format.change_lines(entry):
            print(f"    {line}")


def cmd_audit(args: argparse.Namespace) -> int:
    services = open_services(args)
    if args.action is not None:
        if args.board:
            raise ValidationError("--board goes with --meeting, not with --action.")
        entries = services.actions.audit(args.action)
        if not entries:  # a deleted action keeps its trail; an id never used is an error
            services.actions.action(args.action)
    else:
        parse_date(args.meeting)
        args.date = args.meeting
        entries = services.meetings.audit(find_meeting(services, args).id)
    print_audit(entries)
    return 0


def cmd_import_members(args: argparse.Namespace) -> int:
    csv = read_csv_file(args.file)
    services = open_services(args)
    board = services.register.board_by_short_name(args.board)
    count = services.member_csv.import_members(board.id, csv.text)
    note = f" ({args.file} {csv.note})" if csv.note else ""
    print(f"Imported {count} member(s) of {board.short_name} into {services.db.name}{note}")
    return 0


def cmd_copy_database(args: argparse.Namespace) -> int:
    source = open_services(args)
    target_url = resolve_url(args.target)
    if target_url == source.db.url:
        raise ValidationError("The target is the database itself; name another database.")
    from scbmeet.services import Services
    from scbmeet.storage.database import open_database

    target = open_database(target_url)
    try:
        if Services(target).register.boards():
            raise ValidationError(
                f"{target.name} already holds boards; copy into an empty database."
            )
        from scbmeet import jsonio  # only this command needs it

        counts = jsonio.import_data(target, jsonio.export_data(source.db))
    finally:
        target.dispose()
    total = sum(counts.values())
    print(f"Copied {total} rows from {source.db.name} to {describe_url(target_url)}")
    return 0

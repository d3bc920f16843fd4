"""Core commands: init, demo, meetings, actions, export-json, import-json, check."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from scbmeet.cli.common import (
    add_db_option,
    add_meeting_arguments,
    find_meeting,
    open_named_database,
    open_services,
)
from scbmeet.domain.errors import ImportFormatError, ValidationError
from scbmeet.storage.atomic import write_text_atomically
from scbmeet.storage.urls import resolve_url

if TYPE_CHECKING:  # each command loads what it uses (``check``: no services but its own)
    from scbmeet.domain.dto import ActionInfo
    from scbmeet.services import Services


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("init", help="create (or upgrade) a database")
    add_db_option(p)
    p.set_defaults(func=cmd_init)

    p = subparsers.add_parser("demo", help="fill a new database with a realistic demo board")
    add_db_option(p)
    p.set_defaults(func=cmd_demo)

    p = subparsers.add_parser("meetings", help="list meetings")
    add_db_option(p)
    p.add_argument("--board", metavar="SHORT", help="only this board")
    p.set_defaults(func=cmd_meetings)

    p = subparsers.add_parser("show", help="print a meeting's agenda and minutes as text")
    add_db_option(p)
    add_meeting_arguments(p)
    p.set_defaults(func=cmd_show)

    p = subparsers.add_parser("actions", help="list actions")
    add_db_option(p)
    p.add_argument("--outstanding", action="store_true", help="only those not done or dropped")
    p.add_argument("--board", metavar="SHORT", help="only this board")
    p.add_argument(
        "--owner", metavar="NAME", help="only this owner (a person, organisation or team)"
    )
    p.set_defaults(func=cmd_actions)

    p = subparsers.add_parser("export-json", help="export the database (or one board) as JSON")
    add_db_option(p)
    p.add_argument("file", help="output file, or - for standard output")
    p.add_argument("--board", metavar="SHORT", help="only this board (with the people it uses)")
    p.set_defaults(func=cmd_export_json)

    p = subparsers.add_parser("import-json", help="import a JSON export (all or nothing)")
    add_db_option(p)
    p.add_argument("file", help="input file, or - for standard input")
    p.set_defaults(func=cmd_import_json)

    p = subparsers.add_parser("check", help="check the database's integrity and rules")
    add_db_option(p)
    p.set_defaults(func=cmd_check)


def cmd_init(args: argparse.Namespace) -> int:
    services = open_services(args, create=True)
    print(f"Database ready: {services.db.name}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from scbmeet.demo import build_demo

    services = open_services(args, create=True)
    if services.register.boards():
        raise ValidationError(
            f"{services.db.name} already has boards; the demo needs an empty database."
        )
    summary = build_demo(services)
    board = services.register.board(summary.board_id)
    print(f"Demo board {board.short_name} ({board.name}) written to {services.db.name}")
    return 0


def _board_id(services: Services, short: str | None) -> int | None:
    return services.register.board_by_short_name(short).id if short else None


def cmd_meetings(args: argparse.Namespace) -> int:
    from scbmeet.services.meeting_lines import meeting_lines  # Core: no ORM, no table classes

    database = open_named_database(args)
    meetings = sorted(
        meeting_lines(database, args.board), key=lambda m: (m.date, m.board_short_name)
    )
    if not meetings:
        print("No meetings.")
    for m in meetings:
        when = m.start_time.strftime("%H:%M") if m.start_time else "--:--"
        state = m.state.replace("_", " ")
        print(f"{m.date.isoformat()}  {when}  {m.board_short_name:<8} {state:<17} {m.venue}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from scbmeet.domain.dto import long_date  # the listings need none of the plain-data types

    services = open_services(args)
    meeting = find_meeting(services, args)
    when = f" at {meeting.start_time:%H:%M}" if meeting.start_time else ""
    print(f"{meeting.board_name}")
    print(f"{long_date(meeting.date)}{when}, {meeting.venue}  [{meeting.state.replace('_', ' ')}]")
    from scbmeet.cli.agenda_display import agenda_lines
    from scbmeet.cli.public_commands import publication_lines

    for line in publication_lines(services.publication.record(meeting.id), meeting.state):
        print(line)
    print()
    print("AGENDA")
    print("\n".join(agenda_lines(services, meeting.id)))
    minutes = services.minutes.minutes(meeting.id)
    from scbmeet.text.paragraphs import place_in_text

    if minutes:
        print()
        print("MINUTES")
    for minute in minutes:
        print(f"  {minute.reference:<6} {minute.title.upper()}")
        # Actions stand where they were taken, as the Word minutes print them.
        layout = place_in_text(minute.narrative, minute.actions, lambda a: a.after_line)
        _print_actions(layout.first)
        for paragraph, actions in layout.paragraphs:
            print(f"         {paragraph.strip()}")
            _print_actions(actions)
        for resolution in minute.resolutions:
            print(f"         RESOLVED {resolution.text}")
        _print_actions(layout.at_end)
    return 0


def _print_actions(actions: Sequence[ActionInfo]) -> None:
    for action in actions:
        print(f"         Action: {action.minutes_owner_line} - {action.text}")


def cmd_actions(args: argparse.Namespace) -> int:
    services = open_services(args)
    board_id = _board_id(services, args.board)
    person_id = organisation_id = None
    if args.owner:
        matches = services.register.match_owner(args.owner)
        if not matches:
            raise ValidationError(
                f"{args.owner!r} is not a person or organisation in the register."
            )
        if len(matches) > 1:
            raise ValidationError(
                f"{args.owner!r} could mean more than one owner; be more specific."
            )
        person_id, organisation_id = matches[0].person_id, matches[0].organisation_id
    if args.outstanding:
        actions = services.actions.outstanding(
            board_id=board_id, owner_person_id=person_id, owner_organisation_id=organisation_id
        )
    else:
        actions = services.actions.actions(
            board_id=board_id, owner_person_id=person_id, owner_organisation_id=organisation_id
        )
    if not actions:
        print("No actions.")
    today = date.today()
    for a in actions:
        due = a.due.isoformat() if a.due else "-"
        flag = " OVERDUE" if a.is_overdue(today) else ""
        print(
            f"{a.minute_reference or '-':<7} {a.state:<11} due {due:<10}{flag}  {a.owner_line}: {a.text}"
        )
    return 0


def cmd_export_json(args: argparse.Namespace) -> int:
    services = open_services(args)
    board_id = _board_id(services, args.board)
    from scbmeet import jsonio  # only this command and import-json need it

    data = jsonio.export_data(services.db, board_id=board_id)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if args.file == "-":
        sys.stdout.write(text + "\n")
    else:
        write_text_atomically(Path(args.file), text)
        print(f"Exported to {args.file}", file=sys.stderr)
    return 0


def cmd_import_json(args: argparse.Namespace) -> int:
    try:
        raw = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValidationError(f"Cannot read {args.file}: {exc.strerror}.") from exc
    except UnicodeDecodeError:
        raise ImportFormatError(
            f"{args.file} is not UTF-8 text; is it really a JSON export?"
        ) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(
            f"{args.file} is not valid JSON (line {exc.lineno}: {exc.msg})."
        ) from None
    except RecursionError:
        raise ImportFormatError(
            f"Nothing was imported: {args.file} is nested too deeply to be an scbmeet export."
        ) from None
    services = open_services(args, create=True)
    from scbmeet import jsonio

    counts = jsonio.import_data(services.db, data)
    total = ", ".join(f"{n} {table}" for table, n in counts.items() if n)
    print(f"Imported {total or 'nothing'} into {services.db.name}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from scbmeet.services.integrity import check_database
    from scbmeet.storage.database import open_database

    url = resolve_url(getattr(args, "db", None))
    db = open_database(url, create=False)
    problems = check_database(db)
    for problem in problems:
        print(f"problem: {problem}")
    if problems:
        print(f"{db.name}: {len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print(f"{db.name}: no problems found")
    if db.path is None:  # a server's database: its backups are not scbmeet's
        from scbmeet.storage.server import server_backup_advice

        print(f"note: {server_backup_advice(db.url, 'daily')}")
    return 0


__all__ = ["register"]

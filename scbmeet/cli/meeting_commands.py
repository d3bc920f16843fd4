"""Commands that prepare and close a meeting, for scripts: ``meeting new``, ``meeting
approve``, ``meeting reopen``, ``agenda add``, ``agenda show``, ``paper add`` and ``attendance``.

Each does one thing through the services, as the app would: a bad argument is one line
naming it, and nothing is stored unless all of it can be (``paper add --file`` takes the
paper back if its file is refused; ``attendance`` records every row of a sheet or none).
A meeting is named as elsewhere on the command line: ``DATE --board SHORT``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from scbmeet.cli.agenda_display import agenda_lines
from scbmeet.cli.common import (
    add_db_option,
    add_meeting_arguments,
    find_meeting,
    open_services,
    parse_date,
    parse_time,
    read_csv_file,
)
from scbmeet.cli.public_commands import register_issue, register_sign
from scbmeet.domain.dto import AgendaItemInfo, MeetingInfo, long_date
from scbmeet.domain.errors import ScbmeetError, ValidationError
from scbmeet.services import Services
from scbmeet.text.attendance_sheet import read_attendance_sheet

if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(subparsers: Subparsers) -> None:
    _register_meeting(subparsers)
    _register_agenda(subparsers)
    p = subparsers.add_parser(
        "attendance", help="record attendance from a sign-in sheet (CSV: Name, Status)"
    )
    add_db_option(p)
    add_meeting_arguments(p)
    p.add_argument("sheet", help="CSV with columns Name, Status and optionally Substitute for")
    p.set_defaults(func=cmd_attendance)


def _register_meeting(subparsers: Subparsers) -> None:
    meeting = subparsers.add_parser("meeting", help="create a meeting, approve or reopen minutes")
    steps = meeting.add_subparsers(dest="step", metavar="STEP", required=True)

    p = steps.add_parser("new", help="create a meeting with the standard agenda or a template")
    add_db_option(p)
    p.add_argument("date", help="the meeting's date, YYYY-MM-DD")
    p.add_argument("--board", metavar="SHORT", required=True, help="the board's short name")
    p.add_argument("--time", metavar="HH:MM", help="start time (default: the board's)")
    p.add_argument("--venue", metavar="TEXT", help="venue (default: the board's)")
    p.add_argument("--title", metavar="TEXT", default="", help="e.g. Extraordinary meeting")
    start = p.add_mutually_exclusive_group()
    start.add_argument("--template", metavar="NAME", help="start from a saved agenda template")
    start.add_argument("--empty", action="store_true", help="start with an empty agenda")
    p.set_defaults(func=cmd_meeting_new)

    p = steps.add_parser("approve", help="confirm a meeting's minutes as a correct record")
    add_db_option(p)
    add_meeting_arguments(p)
    p.add_argument("--at", metavar="DATE", help="the later meeting that approved them")
    p.set_defaults(func=cmd_meeting_approve)

    p = steps.add_parser("reopen", help="unlock approved minutes for a correction")
    add_db_option(p)
    add_meeting_arguments(p)
    p.add_argument("--reason", required=True, help="why (kept in the audit trail)")
    p.set_defaults(func=cmd_meeting_reopen)
    register_sign(steps)


def _register_agenda(subparsers: Subparsers) -> None:
    p = subparsers.add_parser("agenda", help="add an item to a meeting's agenda")
    steps = p.add_subparsers(dest="step", metavar="STEP", required=True)
    p = steps.add_parser("add", help="add an item (at the end, or under a numbered item)")
    add_db_option(p)
    add_meeting_arguments(p)
    p.add_argument("title", help="the item's title")
    p.add_argument("--presenter", metavar="TEXT", default="", help="who presents it")
    p.add_argument("--under", metavar="NUMBER", help="make it a sub-item of item NUMBER")
    p.add_argument(
        "--closed",
        metavar="REF",
        help="take it in closed session; REF is its reference, e.g. DHR-2025-03 ('' for none)",
    )
    p.add_argument("--notes", metavar="TEXT", default="", help="notes printed under the item")
    p.add_argument(
        "--bullet",
        metavar="TEXT",
        action="append",
        default=[],
        help="an unnumbered point under the item's number (repeat for more, in order)",
    )
    p.add_argument(
        "--paragraphs", metavar="N,N", default="", help="Schedule 12A paragraphs (closed item)"
    )
    p.add_argument(
        "--reason",
        metavar="TEXT",
        default="",
        help="why it is closed, in words (a board not bound by the statutory rules)",
    )
    p.add_argument("--urgent", metavar="REASON", default="", help="why a late item is urgent")
    p.set_defaults(func=cmd_agenda_add)
    p = steps.add_parser("show", help="print a meeting's agenda, bullet points and all")
    add_db_option(p)
    add_meeting_arguments(p)
    p.set_defaults(func=cmd_agenda_show)
    register_issue(steps)

    p = subparsers.add_parser("paper", help="add a paper to an agenda item")
    steps = p.add_subparsers(dest="step", metavar="STEP", required=True)
    p = steps.add_parser("add", help="expect a paper for an item (and attach its file)")
    add_db_option(p)
    add_meeting_arguments(p)
    p.add_argument("--item", metavar="NUMBER", required=True, help="the item's number, e.g. 4.1")
    p.add_argument("title", help="the paper's title")
    p.add_argument("--author", metavar="TEXT", default="", help="who writes it")
    p.add_argument("--due", metavar="DATE", help="when it is due to the secretary")
    p.add_argument("--file", metavar="PATH", help="the paper itself (Word, PDF...): received")
    p.add_argument("--urgent", metavar="REASON", default="", help="why a late paper is urgent")
    p.set_defaults(func=cmd_paper_add)


def cmd_meeting_new(args: argparse.Namespace) -> int:
    services = open_services(args)
    board = services.register.board_by_short_name(args.board)
    template_id = _template_id(services, board.id, args.template) if args.template else None
    meeting = services.meetings.create_meeting(
        board.id,
        parse_date(args.date),
        start_time=parse_time(args.time) if args.time else None,
        venue=args.venue,
        title=args.title,
        standard_agenda=not args.empty,
        template_id=template_id,
    )
    items = [i for i in services.agenda.agenda(meeting.id) if i.parent_id is None]
    print(
        f"Meeting of {board.short_name} on {long_date(meeting.date)} created ({len(items)} items)."
    )
    return 0


def _template_id(services: Services, board_id: int, name: str) -> int:
    templates = dict((n.casefold(), i) for i, n in services.agenda.templates(board_id))
    found = templates.get(name.strip().casefold())
    if found is None:
        known = ", ".join(n for _i, n in services.agenda.templates(board_id)) or "none saved"
        raise ValidationError(f"There is no agenda template called {name!r} (templates: {known}).")
    return found


def cmd_meeting_approve(args: argparse.Namespace) -> int:
    services = open_services(args)
    meeting = find_meeting(services, args)
    at = services.meetings.find_meeting(parse_date(args.at), args.board) if args.at else None
    services.meetings.approve_minutes(meeting.id, at.id if at else None)
    where = f" at the meeting of {long_date(at.date)}" if at else ""
    print(f"The minutes of {long_date(meeting.date)} are approved{where}.")
    return 0


def cmd_meeting_reopen(args: argparse.Namespace) -> int:
    services = open_services(args)
    meeting = find_meeting(services, args)
    services.meetings.reopen_minutes(meeting.id, args.reason)
    print(f"The minutes of {long_date(meeting.date)} are open for correction.")
    return 0


def cmd_agenda_add(args: argparse.Namespace) -> int:
    services = open_services(args)
    meeting = find_meeting(services, args)
    parent = _item_numbered(services, meeting, args.under) if args.under else None
    # Saying why an item is closed (a paragraph or a reason) takes it in closed session.
    closed = args.closed is not None or bool(args.paragraphs.strip() or args.reason.strip())
    if parent is not None and not closed and parent.is_closed:
        raise ValidationError(
            f"Item {parent.number} is taken in closed session: give --closed REF for its "
            "sub-item too."
        )
    item = services.agenda.add_item(
        meeting.id,
        args.title,
        session="closed" if closed else "open",
        closed_reference=args.closed or "",
        presenter_text=args.presenter,
        parent_id=parent.id if parent else None,
        notes=args.notes,
        bullets=args.bullet,
        exempt_paragraphs=args.paragraphs,
        closed_reason=args.reason,
        urgency_reason=args.urgent,
    )
    numbered = services.agenda.item(item.id)
    print(f"Item {numbered.number} added to the agenda of {long_date(meeting.date)}: {item.title}")
    return 0


def cmd_agenda_show(args: argparse.Namespace) -> int:
    services = open_services(args)
    meeting = find_meeting(services, args)
    print(f"Agenda of {meeting.board_name}, {long_date(meeting.date)}")
    print("\n".join(agenda_lines(services, meeting.id)))
    return 0


def _item_numbered(services: Services, meeting: MeetingInfo, number: str) -> AgendaItemInfo:
    wanted = number.strip().rstrip(".")
    for item in services.agenda.agenda(meeting.id):
        if item.number == wanted:
            return item
    raise ValidationError(
        f"The agenda of {long_date(meeting.date)} has no item numbered {number!r}."
    )


def cmd_paper_add(args: argparse.Namespace) -> int:
    services = open_services(args)
    meeting = find_meeting(services, args)
    item = _item_numbered(services, meeting, args.item)
    file = Path(args.file) if args.file else None
    if file is not None and not file.is_file():
        raise ValidationError(f"There is no file {args.file!r} to attach.")
    paper = services.agenda.add_paper(
        item.id,
        args.title,
        author_text=args.author,
        due_date=parse_date(args.due) if args.due else None,
        urgency_reason=args.urgent,
    )
    if file is not None:
        try:
            services.agenda.attach_path(paper.id, file)
        except ScbmeetError:
            services.agenda.delete_paper(paper.id)  # nothing half-done: no paper without it
            raise
    received = " and attached" if file else ""
    print(f"Paper added{received} to item {item.number}: {paper.title}")
    return 0


def cmd_attendance(args: argparse.Namespace) -> int:
    services = open_services(args)
    meeting = find_meeting(services, args)
    marks = read_attendance_sheet(read_csv_file(args.sheet).text, services.register.match_owner)
    recorded = services.meetings.set_attendances(meeting.id, marks)
    counts: dict[str, int] = {}
    for row in recorded:
        counts[row.status] = counts.get(row.status, 0) + 1
    summary = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in sorted(counts.items()))
    print(f"Attendance recorded for {long_date(meeting.date)}: {summary}.")
    return 0

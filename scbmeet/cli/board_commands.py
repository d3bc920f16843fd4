"""Commands that set up the boards themselves, for a secretariat scripting its set-up:
``boards`` lists them, ``board add`` creates one (or a sub-group under another), ``board
edit`` changes one's name, venue, numbering, quorum, publication rules or retires it.

As everywhere in the command line: one clear line on bad input, and nothing half-changed
(each command is one service call, in one transaction).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from scbmeet.cli.common import add_db_option, open_services, parse_time
from scbmeet.domain.access_rules import ACCESS_RULE_LABELS, AccessRules
from scbmeet.domain.enums import NumberingScheme
from scbmeet.domain.errors import ValidationError

if TYPE_CHECKING:
    from scbmeet.domain.dto import BoardInfo

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

# The word a user types for "not bound by the statutory rules" (stored as "").
RULES_CHOICES = {"none": AccessRules.OFF.value, "england": "england", "wales": "wales"}
# What each changed field is called when the change is confirmed.
FIELD_WORDS = {
    "name": "name",
    "short_name": "short name",
    "default_venue": "venue",
    "default_start_time": "start time",
    "numbering": "numbering",
    "numbering_start_month": "numbering year",
    "quorum_members": "quorum of members",
    "quorum_statutory_orgs": "quorum of organisations",
    "access_rules": "access rules",
    "papers_due_days": "papers' due days",
    "active": "active or retired",
}


def register(subparsers: Subparsers) -> None:
    p = subparsers.add_parser("boards", help="list the boards and sub-groups")
    add_db_option(p)
    p.set_defaults(func=cmd_boards)

    p = subparsers.add_parser("board", help="add a board (or sub-group) or change one")
    steps = p.add_subparsers(dest="step", metavar="STEP", required=True)
    add = steps.add_parser("add", help="add a board, or a sub-group with --parent")
    add_db_option(add)
    add.add_argument("name", help="the board's full name")
    add.add_argument("--short", required=True, metavar="SHORT", help="short name, e.g. MSCB")
    add.add_argument("--parent", metavar="SHORT", help="the board this one reports to")
    _add_setting_options(add)
    add.set_defaults(func=cmd_board_add)

    edit = steps.add_parser("edit", help="change board SHORT")
    add_db_option(edit)
    edit.add_argument("board", metavar="SHORT", help="the board's short name")
    edit.add_argument("--name", help="a new full name")
    edit.add_argument("--short", metavar="SHORT", help="a new short name")
    _add_setting_options(edit)
    retire = edit.add_mutually_exclusive_group()
    retire.add_argument(
        "--inactive",
        dest="active",
        action="store_false",
        default=None,
        help="retire the board (its records stay)",
    )
    retire.add_argument("--active", dest="active", action="store_true", help="bring it back")
    edit.set_defaults(func=cmd_board_edit)


def _add_setting_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--venue", help="where it usually meets")
    p.add_argument("--starts", metavar="HH:MM", help="its usual start time, e.g. 09:30")
    p.add_argument(
        "--numbering",
        choices=[n.value for n in NumberingScheme],
        help="minute numbers restart each January (calendar) or in a month of choice",
    )
    p.add_argument(
        "--year-starts",
        type=int,
        metavar="MONTH",
        help="the month (1-12) a municipal numbering year starts, e.g. 5 for May",
    )
    p.add_argument("--quorum-members", type=int, metavar="N", help="voting members needed")
    p.add_argument("--quorum-orgs", type=int, metavar="N", help="statutory organisations needed")
    p.add_argument(
        "--rules",
        choices=sorted(RULES_CHOICES),
        help="the Local Government Act 1972 access rules it follows (none: not bound)",
    )
    p.add_argument(
        "--papers-due-days",
        type=int,
        metavar="N",
        help="working days before the publication deadline that papers are due",
    )


def _settings(args: argparse.Namespace) -> dict[str, Any]:
    """The settings given on the command line, as the service's field names."""
    given = {
        "default_venue": args.venue,
        "default_start_time": parse_time(args.starts) if args.starts is not None else None,
        "numbering": args.numbering,
        "numbering_start_month": args.year_starts,
        "quorum_members": args.quorum_members,
        "quorum_statutory_orgs": args.quorum_orgs,
        "access_rules": RULES_CHOICES[args.rules] if args.rules is not None else None,
        "papers_due_days": args.papers_due_days,
    }
    return {field: value for field, value in given.items() if value is not None}


def cmd_boards(args: argparse.Namespace) -> int:
    services = open_services(args)
    boards = services.register.boards()
    if not boards:
        print("No boards yet: add one with `scbmeet board add NAME --short SHORT`.")
        return 0
    by_id = {b.id: b for b in boards}
    for board in boards:
        print(_board_line(board, by_id))
    return 0


def _board_line(board: BoardInfo, by_id: dict[int, BoardInfo]) -> str:
    parent = by_id.get(board.parent_id) if board.parent_id is not None else None
    parts = [f"{board.short_name:<8} {board.name}"]
    if parent is not None:
        parts.append(f"under {parent.short_name}")
    if board.numbering == NumberingScheme.MUNICIPAL:
        parts.append(f"numbering from month {board.numbering_start_month}")
    if board.quorum_members is not None or board.quorum_statutory_orgs is not None:
        parts.append(
            f"quorum {board.quorum_members or 0} members, "
            f"{board.quorum_statutory_orgs or 0} statutory organisations"
        )
    parts.append(ACCESS_RULE_LABELS.get(board.access_rules, board.access_rules))
    if not board.active:
        parts.append("retired")
    return " · ".join(parts)


def cmd_board_add(args: argparse.Namespace) -> int:
    services = open_services(args)
    parent = services.register.board_by_short_name(args.parent) if args.parent else None
    board = services.register.create_board(
        args.name, args.short, parent_id=parent.id if parent else None, **_settings(args)
    )
    under = f", under {parent.short_name}" if parent else ""
    print(f"Added {board.name} ({board.short_name}, id {board.id}){under}.")
    return 0


def cmd_board_edit(args: argparse.Namespace) -> int:
    services = open_services(args)
    board = services.register.board_by_short_name(args.board)
    changes = _settings(args)
    for field, value in (("name", args.name), ("short_name", args.short), ("active", args.active)):
        if value is not None:
            changes[field] = value
    if not changes:
        raise ValidationError("Nothing to change: give one or more options (see --help).")
    changed = services.register.update_board(board.id, changes)
    words = ", ".join(FIELD_WORDS[field] for field in changes)
    print(f"Changed {changed.name} ({changed.short_name}): {words}.")
    return 0

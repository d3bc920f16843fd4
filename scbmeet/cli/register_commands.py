"""Commands that keep the register and the actions, for scripts: ``person add``,
``organisation add``, ``action progress`` and ``action state``.

As in the app: one clear line on bad input, and nothing half-done (``person add --board``
takes the person back if the membership is refused).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from scbmeet.cli.common import add_db_option, open_services, parse_date
from scbmeet.cli.public_commands import register_interest
from scbmeet.domain.dto import OrganisationInfo
from scbmeet.domain.enums import ActionState, OrgKind, Role
from scbmeet.domain.errors import ScbmeetError, ValidationError
from scbmeet.services import Services

if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(subparsers: Subparsers) -> None:
    _register_person(subparsers)
    _register_organisation(subparsers)
    _register_action(subparsers)
    register_interest(subparsers)


def _register_person(subparsers: Subparsers) -> None:
    p = subparsers.add_parser("person", help="add a person to the register (and to a board)")
    steps = p.add_subparsers(dest="step", metavar="STEP", required=True)
    p = steps.add_parser("add", help="add a person")
    add_db_option(p)
    p.add_argument("family_name", metavar="FAMILY_NAME")
    p.add_argument("--given", metavar="NAMES", default="", help="given names")
    p.add_argument("--title", default="", help="Cllr, Dr, Supt...")
    p.add_argument("--job-title", default="", help="e.g. Deputy Chief Fire Officer")
    p.add_argument("--organisation", metavar="NAME", help="their organisation (name or short)")
    p.add_argument("--email", default="")
    p.add_argument("--board", metavar="SHORT", help="make them a member of this board")
    roles = [r.value for r in Role]
    p.add_argument("--role", choices=roles, default=Role.MEMBER.value, help="role on the board")
    p.add_argument("--from", dest="start", metavar="DATE", help="membership start, YYYY-MM-DD")
    p.set_defaults(func=cmd_person_add)


def _register_organisation(subparsers: Subparsers) -> None:
    p = subparsers.add_parser("organisation", help="add an organisation or team")
    steps = p.add_subparsers(dest="step", metavar="STEP", required=True)
    p = steps.add_parser("add", help="add an organisation (or a team inside one)")
    add_db_option(p)
    p.add_argument("name")
    p.add_argument("--short", default="", help="short name, e.g. MCC")
    p.add_argument("--kind", choices=[k.value for k in OrgKind], default=OrgKind.OTHER.value)
    p.add_argument("--statutory", action="store_true", help="a statutory partner")
    p.add_argument("--part-of", metavar="NAME", help="the organisation a team belongs to")
    p.set_defaults(func=cmd_organisation_add)


def _register_action(subparsers: Subparsers) -> None:
    p = subparsers.add_parser("action", help="record progress on an action or change its state")
    steps = p.add_subparsers(dest="step", metavar="STEP", required=True)
    p = steps.add_parser("progress", help="record progress on action ID")
    add_db_option(p)
    p.add_argument("id", type=int, help="the action's id (scbmeet actions lists them)")
    p.add_argument("text", help="what has been done")
    p.add_argument("--on", metavar="DATE", help="the date of the update (default: today)")
    p.set_defaults(func=cmd_action_progress)

    p = steps.add_parser("state", help="mark action ID open, in progress, done or dropped")
    add_db_option(p)
    p.add_argument("id", type=int, help="the action's id")
    p.add_argument("state", choices=[s.value for s in ActionState])
    p.add_argument("--on", metavar="DATE", help="the date of the change (default: today)")
    p.add_argument("--note", default="", help="kept as a progress update")
    p.set_defaults(func=cmd_action_state)


def organisation_named(services: Services, name: str) -> OrganisationInfo:
    """The organisation called ``name`` (full or short name, any case)."""
    wanted = name.strip().casefold()
    for org in services.register.organisations():
        if wanted in {org.name.casefold(), org.short_name.casefold()}:
            return org
    raise ValidationError(f"There is no organisation called {name!r} in the register.")


def cmd_person_add(args: argparse.Namespace) -> int:
    services = open_services(args)
    org = organisation_named(services, args.organisation) if args.organisation else None
    board = services.register.board_by_short_name(args.board) if args.board else None
    start = parse_date(args.start) if args.start else None
    person = services.register.create_person(
        args.family_name,
        given_names=args.given,
        title=args.title,
        job_title=args.job_title,
        organisation_id=org.id if org else None,
        email=args.email,
    )
    if board is not None:
        try:
            services.register.add_membership(board.id, person.id, role=args.role, start_date=start)
        except ScbmeetError:
            services.register.delete_person(person.id)  # nothing half-done
            raise
    member = f", {args.role} of {board.short_name}" if board else ""
    print(f"Added {person.display_name} (id {person.id}){member}.")
    return 0


def cmd_organisation_add(args: argparse.Namespace) -> int:
    services = open_services(args)
    parent = organisation_named(services, args.part_of) if args.part_of else None
    org = services.register.create_organisation(
        args.name,
        short_name=args.short,
        kind=args.kind,
        is_statutory=args.statutory,
        parent_id=parent.id if parent else None,
    )
    within = f", part of {parent.name}" if parent else ""
    print(f"Added {org.name} (id {org.id}){within}.")
    return 0


def cmd_action_progress(args: argparse.Namespace) -> int:
    services = open_services(args)
    update = services.actions.add_update(
        args.id, args.text, on=parse_date(args.on) if args.on else None
    )
    print(f"Progress recorded on action {args.id} ({update.on_date.isoformat()}).")
    return 0


def cmd_action_state(args: argparse.Namespace) -> int:
    services = open_services(args)
    action = services.actions.set_state(
        args.id, args.state, on=parse_date(args.on) if args.on else None, note=args.note
    )
    print(f"Action {action.id} is now {action.state.replace('_', ' ')}.")
    return 0

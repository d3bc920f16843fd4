"""``scbmeet import-minutes FILE... --board SHORT [--dry-run] [--owner "AS WRITTEN=WHO"]``:
a board's past minutes and agendas (.docx, or .pdf with a text layer) into the board, all
files or none.

``--owner`` puts a name right that matched nobody or several people: ``"K Mahay=Kul Mahay"``
(someone or something in the register, found as action owners are), ``"SDRI=new team"`` or
``"D Lowe=new person"``. Paragraphs, dates and minute numbers are put right in the app's
preview (File > Import past minutes...).
"""

from __future__ import annotations

import argparse
import sys

from scbmeet.cli.common import add_db_option, open_services
from scbmeet.domain.errors import ImportFormatError, ValidationError
from scbmeet.domain.history import Corrections, NameChoice, RecognisedDocument
from scbmeet.history import read_document
from scbmeet.history.matching import plan_import
from scbmeet.history.preview import plan_lines
from scbmeet.services import Services


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "import-minutes",
        help="import a board's past minutes and agendas from .docx or .pdf files",
        description="Reads each file, matches the people and organisations it names to the "
        "register and imports everything into the board in one step: all files or none. "
        "People and organisations that match nobody are added and listed.",
    )
    add_db_option(p)
    p.add_argument("files", nargs="+", metavar="FILE", help="minutes or agenda documents")
    p.add_argument("--board", metavar="SHORT", required=True, help="the board's short name")
    p.add_argument(
        "--dry-run", action="store_true", help="print what was recognised and change nothing"
    )
    p.add_argument(
        "--owner",
        "--name",
        dest="names",
        action="append",
        default=[],
        metavar='"AS WRITTEN=WHO"',
        help='who a name in the documents is: "K Mahay=Kul Mahay" (in the register), '
        '"SDRI=new team" or "D Lowe=new person"; repeat for each name',
    )
    p.set_defaults(func=cmd_import_minutes)


NEW_KINDS = {
    "new": "person",
    "new person": "person",
    "new organisation": "organisation",
    "new organization": "organisation",
    "new team": "organisation",
}


def name_choice(services: Services, given: str) -> NameChoice:
    """``"K Mahay=Kul Mahay"`` as a correction; ValidationError with one line otherwise."""
    written, equals, who = (part.strip() for part in given.partition("="))
    if not equals or not written or not who:
        raise ValidationError(f'--owner {given!r}: write it as "AS WRITTEN=WHO".')
    if who.lower() in NEW_KINDS:
        return NameChoice(written, add_as=NEW_KINDS[who.lower()])
    found = services.register.match_owner(who)
    if len(found) != 1:
        how = "matches nobody" if not found else "matches more than one entry"
        raise ValidationError(
            f"--owner {given!r}: {who!r} {how} in the register "
            '(or write "new person" or "new team").'
        )
    return NameChoice(
        written, person_id=found[0].person_id, organisation_id=found[0].organisation_id
    )


def _read_all(files: list[str]) -> tuple[list[RecognisedDocument], list[str]]:
    documents, problems = [], []
    for name in files:
        try:
            documents.append(read_document(name))
        except ImportFormatError as exc:
            problems.append(str(exc))
    return documents, problems


def cmd_import_minutes(args: argparse.Namespace) -> int:
    services = open_services(args)
    board = services.register.board_by_short_name(args.board)
    corrections = Corrections(names=tuple(name_choice(services, n) for n in args.names))
    documents, problems = _read_all(args.files)
    plan = plan_import(services, board.id, documents, corrections) if documents else None
    if plan is not None:
        problems += plan.problems
    if args.dry_run and plan is not None:
        print("\n".join(plan_lines(plan)))
    if problems:
        for problem in problems:
            print(f"scbmeet: {problem}", file=sys.stderr)
        print("scbmeet: nothing was imported.", file=sys.stderr)
        return 1
    if args.dry_run:
        print("Dry run: nothing was changed.")
        return 0
    if plan is None:
        raise ValidationError("No documents were given.")
    result = services.history.import_plan(plan)
    print(
        f"Imported {result.meetings} meeting(s) into {board.short_name}: {result.minutes} "
        f"minutes, {result.resolutions} resolutions, {result.actions} actions."
    )
    if result.closed:
        print(f"{result.closed} earlier action(s) closed as the later minutes record.")
    if result.new_people:
        print("Added to the register: " + "; ".join(result.new_people))
    if result.new_organisations:
        print("Organisations and teams added: " + "; ".join(result.new_organisations))
    return 0

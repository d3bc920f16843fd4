"""``scbmeet plan ...`` and ``scbmeet export plan``: the partnership plan on the command line.

    scbmeet plans [--board SHORT]
    scbmeet plan show --board SHORT [--plan NAME] [--as-of DATE | --meeting DATE]
    scbmeet plan next --board SHORT --name NAME [--period YEARS] [--priority THEME ...]
    scbmeet plan duties --board SHORT [--add-statutory] [--place]
    scbmeet plan import FILE.csv --board SHORT [--plan NAME] [--map FIELD=COLUMN ...] [--preview]
    scbmeet export plan [NAME] --board SHORT [--as-of DATE | --meeting DATE] --out FILE.docx|.pdf
        [--public]

Without a name, the board's current plan (its newest active one) is meant. The restricted
case reviews' commands (``scbmeet cases``, ``scbmeet case ...``) are registered here too, from
:mod:`scbmeet.cli.case_commands`.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from scbmeet.cli.case_commands import register_cases
from scbmeet.cli.common import add_db_option, open_services, parse_date
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.plan_dto import PlanTable
from scbmeet.domain.plan_meeting_dto import PriorityStatus, count_statuses, counts_in_words
from scbmeet.services import Services


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    register_cases(subparsers)  # the restricted case reviews' commands live beside the plan's
    p = subparsers.add_parser("plans", help="list the partnership plans with their status")
    add_db_option(p)
    p.add_argument("--board", metavar="SHORT", help="one board's plans (default: every board)")
    p.set_defaults(func=cmd_plans)

    plan = subparsers.add_parser("plan", help="the partnership plan of a board")
    jobs = plan.add_subparsers(dest="job", metavar="JOB", required=True)
    p = jobs.add_parser("show", help="print the plan's table, with each action's latest status")
    add_db_option(p)
    p.add_argument("--plan", metavar="NAME", default="", help="default: the current plan")
    _add_when_arguments(p)
    p.set_defaults(func=cmd_show)
    p = jobs.add_parser(
        "next", help="start the next plan from the strategic assessment's priorities"
    )
    add_db_option(p)
    p.add_argument("--board", metavar="SHORT", required=True, help="the board's short name")
    p.add_argument(
        "--plan", metavar="NAME", default="", help="the plan it follows (default: current)"
    )
    p.add_argument("--name", metavar="NAME", required=True, help="the next plan's name")
    p.add_argument("--period", metavar="YEARS", default="", help="e.g. 2027-2030")
    p.add_argument(
        "--priority", metavar="THEME", action="append", dest="priorities",
        help="a priority the assessment recommends (again for each; default: the same ones)",
    )  # fmt: skip
    p.add_argument("--starts", metavar="DATE", help="when it starts (default: today)")
    p.set_defaults(func=cmd_next)
    p = jobs.add_parser("import", help="import an action plan from a spreadsheet saved as CSV")
    add_db_option(p)
    p.add_argument("file", help="the .csv file")
    p.add_argument("--board", metavar="SHORT", required=True, help="the board's short name")
    p.add_argument("--plan", metavar="NAME", default="", help="default: the current plan")
    p.add_argument(
        "--map", metavar="FIELD=COLUMN", action="append", default=[],
        help="read a field (priority, threat, action, owner, target, milestones, progress, "
        "status) from the column of that heading; FIELD= reads it from none",
    )  # fmt: skip
    p.add_argument("--preview", action="store_true", help="check the file and import nothing")
    p.set_defaults(func=cmd_import)
    p = jobs.add_parser("duties", help="the statutory duties of the plan's yearly cycle")
    add_db_option(p)
    p.add_argument("--board", metavar="SHORT", required=True, help="the board's short name")
    p.add_argument(
        "--add-statutory", action="store_true",
        help="add the assessment, plan refresh, PCC and scrutiny duties the board lacks",
    )  # fmt: skip
    p.add_argument(
        "--place", action="store_true", help="put the duties falling due on the forward plan"
    )
    p.set_defaults(func=cmd_duties)


def add_export_plan(kinds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``scbmeet export plan``: added to the ``export`` command's documents."""
    p = kinds.add_parser("plan", help="the partnership plan's table as of a date or meeting")
    add_db_option(p)
    p.add_argument("name", nargs="?", default="", help="the plan's name (default: current plan)")
    p.add_argument("--out", metavar="FILE", required=True, help="the .docx or .pdf file to write")
    p.add_argument(
        "--public",
        action="store_true",
        help="the version for publication: no progress reported in closed session",
    )
    p.add_argument(
        "--template", metavar="FILE", help="a council's own .docx or .dotx house-style template"
    )
    _add_when_arguments(p)
    p.set_defaults(func=cmd_export)


def _add_when_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--board", metavar="SHORT", required=True, help="the board's short name")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--as-of", metavar="DATE", help="the plan as it stood on YYYY-MM-DD")
    when.add_argument("--meeting", metavar="DATE", help="the plan as at the board's meeting")


def _table(
    services: Services, args: argparse.Namespace, name: str, *, public: bool = False
) -> PlanTable:
    board = services.register.board_by_short_name(args.board)
    plan = services.plans.find_plan(board.id, name)
    if args.meeting:
        meeting = services.meetings.find_meeting(parse_date(args.meeting), board.short_name)
        return services.plans.table(plan.id, meeting_id=meeting.id, public=public)
    as_of: date | None = parse_date(args.as_of) if args.as_of else None
    return services.plans.table(plan.id, as_of=as_of, public=public)


def cmd_plans(args: argparse.Namespace) -> int:
    """Each plan on a line, then each of its priorities with its actions counted by rating."""
    services = open_services(args)
    boards = (
        [services.register.board_by_short_name(args.board)]
        if args.board
        else services.register.boards()
    )
    found = False
    for board in boards:
        for plan in services.plans.plans(board.id):
            found = True
            table = services.plans.table(plan.id)
            period = f" ({plan.period})" if plan.period else ""
            said = counts_in_words(table.counts())
            print(f"{board.short_name}\t{plan.name}{period}\t{plan.status}\t{said}")
            for group in table.priorities:
                counts = PriorityStatus(group.priority.theme, count_statuses(group.actions))
                print(f"\t{counts.sentence}")
    if not found:
        print("No partnership plans.")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    table = _table(open_services(args), args, args.plan)
    period = f" {table.plan.period}" if table.plan.period else ""
    print(f"{table.plan.name}{period}, as at {table.as_of.isoformat()}")
    for group in table.priorities:
        print(f"\n{group.priority.theme}")
        if group.priority.threat:
            print(f"  Threat or risk: {group.priority.threat}")
        for action in group.actions:
            target = action.target_date.isoformat() if action.target_date else "no target"
            print(f"  - [{action.status_words}] {action.text}")
            print(f"    Owner: {action.owner_names}; target: {target}")
            if action.latest is not None and action.latest.text:
                print(f"    {action.latest.on_date.isoformat()}: {action.latest.text}")
        if not group.actions:
            print("  (no actions yet)")
    return 0


def cmd_next(args: argparse.Namespace) -> int:
    services = open_services(args)
    board = services.register.board_by_short_name(args.board)
    old = services.plans.find_plan(board.id, args.plan)
    priorities = [(theme, "") for theme in args.priorities] if args.priorities else None
    made = services.plan_cycle.next_plan(
        old.id, args.name, period=args.period, priorities=priorities,
        starts_on=parse_date(args.starts) if args.starts else None,
    )  # fmt: skip
    print(f"Started {made.plan.name}; {made.carried} unfinished action(s) carried forward.")
    for action in made.left_behind:
        print(f"Not carried (its priority was dropped): {action.text}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """The mapping and every problem first; the rows go in only if there are none."""
    from scbmeet.cli.common import read_csv_file

    services = open_services(args)
    board = services.register.board_by_short_name(args.board)
    plan = services.plans.find_plan(board.id, args.plan)
    mapping: dict[str, str | None] = {}
    for given in args.map:
        field, sep, heading = given.partition("=")
        if not sep:
            raise ValidationError(f"--map {given!r}: write FIELD=COLUMN, e.g. owner=Lead.")
        mapping[field.strip()] = heading.strip() or None
    text = read_csv_file(args.file).text
    preview = services.plan_csv.preview(plan.id, text, mapping)
    for field, heading in preview.mapping.items():
        print(f"{field:<11} <- {heading or '(no column)'}")
    for problem in [*preview.problems, *(p for r in preview.rows for p in r.problems)]:
        print(f"Problem: {problem}")
    if not preview.ok:
        print(f"Nothing imported: {preview.problem_count} problem(s).")
        return 1
    if args.preview:
        print(f"{len(preview.rows)} action(s) ready to import into {plan.name}.")
        return 0
    added = services.plan_csv.import_plan(plan.id, text, mapping)
    print(f"Imported {added} action(s) into {plan.name}.")
    return 0


def cmd_duties(args: argparse.Namespace) -> int:
    services = open_services(args)
    board = services.register.board_by_short_name(args.board)
    if args.add_statutory:
        services.plan_duties.add_statutory_duties(board.id)
    today = date.today()
    for duty in services.plan_duties.duties(board.id):
        print(f"{duty.next_due(today).isoformat()}\t{duty.title}")
    if args.place:
        for entry in services.plan_duties.place_due(board.id, today):
            month = entry.due_month.strftime("%B %Y") if entry.due_month else ""
            print(f"On the forward plan for {month}: {entry.title}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from scbmeet.exports.pdf import export_as_pdf
    from scbmeet.exports.plan import build_plan_document

    out = Path(args.out)
    kind = out.suffix.lower()
    if kind not in (".docx", ".pdf"):
        raise ValidationError(
            f"{out.name}: the plan is written as Word or PDF; name a .docx or .pdf file."
        )
    table = _table(open_services(args), args, args.name, public=args.public)
    document = build_plan_document(table, template=args.template)
    if kind == ".pdf":
        export_as_pdf(document.save, out)
    else:
        document.save(out)
    print(f"Wrote {out}")
    return 0

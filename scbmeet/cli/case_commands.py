"""``scbmeet cases`` and ``scbmeet case ...``: the register of restricted case reviews.

    scbmeet cases [--board SHORT]
    scbmeet case show REF --board SHORT
    scbmeet case add REF --board SHORT [--title TITLE] [--notified DATE]
    scbmeet case stage REF STAGE --board SHORT [--on DATE]
    scbmeet case cost REF AMOUNT --board SHORT          (pounds: 1,250.50; a refund -40)
    scbmeet case recommend REF TEXT --board SHORT --owner OWNERS [--target DATE]
    scbmeet case progress REF NUMBER STATUS [TEXT] --board SHORT [--on DATE]
    scbmeet case agenda REF --board SHORT --meeting DATE

Closed business: what these print is for the board's officers, and no public document or
``--public`` export carries any of it. The commands are registered by
:mod:`scbmeet.cli.plan_commands` (the module :data:`scbmeet.cli.COMMANDS` names for them).
"""

from __future__ import annotations

import argparse
from datetime import date

from scbmeet.cli.common import add_db_option, open_services, parse_date
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.plan_dto import CaseReviewInfo, parse_pounds
from scbmeet.domain.plan_meeting_dto import count_statuses, counts_in_words
from scbmeet.services import Services


def register_cases(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("cases", help="list the restricted case reviews (closed business)")
    add_db_option(p)
    p.add_argument("--board", metavar="SHORT", help="one board's reviews (default: every board)")
    p.set_defaults(func=cmd_cases)

    case = subparsers.add_parser("case", help="a restricted case review (closed business)")
    jobs = case.add_subparsers(dest="job", metavar="JOB", required=True)
    p = _job(jobs, "show", "its stages, costs and recommendations", cmd_show)
    p = _job(jobs, "add", "register a new case review", cmd_add)
    p.add_argument("--title", default="", help='e.g. "DV Homicide Review"')
    p.add_argument("--notified", metavar="DATE", help="when the board was notified (today)")
    p = _job(jobs, "stage", "record a stage the review has reached", cmd_stage)
    p.add_argument("stage", help='e.g. "Panel appointed"')
    p.add_argument("--on", metavar="DATE", help="when (default: today)")
    p = _job(jobs, "cost", "add costs incurred (a refund is negative)", cmd_cost)
    p.add_argument("amount", help="pounds, e.g. 1,250.50")
    p = _job(jobs, "recommend", "add one of the review's recommendations", cmd_recommend)
    p.add_argument("text", help="the recommendation, as an action")
    p.add_argument("--owner", required=True, help='its lead owner(s), e.g. "Sally Goodwin/MFRS"')
    p.add_argument("--target", metavar="DATE", help="its target date")
    p = _job(jobs, "progress", "rate progress on a recommendation", cmd_progress)
    p.add_argument("number", type=int, help="the recommendation's number (as `case show`)")
    p.add_argument("status", help="on track, at risk, off track, complete or not started")
    p.add_argument("text", nargs="?", default="", help="what has been done")
    p.add_argument("--on", metavar="DATE", help="when (default: today)")
    p = _job(jobs, "agenda", "put its update on a meeting's closed session", cmd_agenda)
    p.add_argument("--meeting", metavar="DATE", required=True, help="the meeting's date")


def _job(
    jobs: argparse._SubParsersAction[argparse.ArgumentParser], name: str, text: str, func: object
) -> argparse.ArgumentParser:
    p = jobs.add_parser(name, help=text)
    add_db_option(p)
    p.add_argument("reference", help="the review's reference, e.g. DHR-2026-01")
    p.add_argument("--board", metavar="SHORT", required=True, help="the board's short name")
    p.set_defaults(func=func)
    return p


def _found(args: argparse.Namespace) -> tuple[Services, CaseReviewInfo]:
    services = open_services(args)
    board = services.register.board_by_short_name(args.board)
    return services, services.case_reviews.find(board.id, args.reference)


def _when(text: str | None) -> date:
    return parse_date(text) if text else date.today()


def summary_line(services: Services, info: CaseReviewInfo) -> str:
    since = f" since {info.stage_since.isoformat()}" if info.stage_since else ""
    table = services.plans.table(info.plan_id)
    said = counts_in_words(table.counts()) if table.counts() else "no recommendations yet"
    return f"{info.reference}\t{info.title_or_kind}\t{info.stage}{since}\t{info.costs}\t{said}"


def cmd_cases(args: argparse.Namespace) -> int:
    services = open_services(args)
    boards = (
        [services.register.board_by_short_name(args.board)]
        if args.board
        else services.register.boards()
    )
    found = False
    for board in boards:
        for info in services.case_reviews.reviews(board.id):
            found = True
            print(f"{board.short_name}\t{summary_line(services, info)}")
    if not found:
        print("No case reviews.")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    services, info = _found(args)
    print(f"{info.reference}: {info.title_or_kind} (closed business)")
    print(f"Costs so far: {info.costs}")
    for stage, on in info.stages:
        print(f"  {on.isoformat()}  {stage}")
    actions = [a for g in services.plans.table(info.plan_id).priorities for a in g.actions]
    print(f"Recommendations: {counts_in_words(count_statuses(actions)) if actions else 'none'}")
    for number, action in enumerate(actions, 1):
        target = action.target_date.isoformat() if action.target_date else "no target"
        print(f"  {number}. [{action.status_words}] {action.text}")
        print(f"     Owner: {action.owner_names}; target: {target}")
        if action.latest is not None and action.latest.text:
            print(f"     {action.latest.on_date.isoformat()}: {action.latest.text}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    services = open_services(args)
    board = services.register.board_by_short_name(args.board)
    made = services.case_reviews.add_review(
        board.id, args.reference, args.title, notified_on=_when(args.notified)
    )
    print(f"Registered case review {made.reference} (closed business).")
    return 0


def cmd_stage(args: argparse.Namespace) -> int:
    services, info = _found(args)
    done = services.case_reviews.add_stage(info.id, args.stage, _when(args.on))
    print(f"{done.reference}: {done.stage} on {_when(args.on).isoformat()}.")
    return 0


def cmd_cost(args: argparse.Namespace) -> int:
    services, info = _found(args)
    done = services.case_reviews.add_cost(info.id, parse_pounds(args.amount))
    print(f"{done.reference}: costs so far {done.costs}.")
    return 0


def cmd_recommend(args: argparse.Namespace) -> int:
    services, info = _found(args)
    priority = services.case_reviews.recommendations_priority(info.id)
    target = parse_date(args.target) if args.target else None
    services.plans.add_action(priority, args.text, args.owner, target_date=target)
    print(f"{info.reference}: recommendation added.")
    return 0


def cmd_progress(args: argparse.Namespace) -> int:
    services, info = _found(args)
    actions = [a for g in services.plans.table(info.plan_id).priorities for a in g.actions]
    if not 1 <= args.number <= len(actions):
        raise ValidationError(
            f"{info.reference} has {len(actions)} recommendation(s); `case show` numbers them."
        )
    done = services.plans.record_progress(
        actions[args.number - 1].id, args.status, args.text, on_date=_when(args.on)
    )
    print(f"{info.reference}: recommendation {args.number} is {done.status_words.lower()}.")
    return 0


def cmd_agenda(args: argparse.Namespace) -> int:
    services, info = _found(args)
    board = services.register.board_by_short_name(args.board)
    meeting = services.meetings.find_meeting(parse_date(args.meeting), board.short_name)
    item = services.case_reviews.put_on_agenda(info.id, meeting.id)
    print(f"On the closed session of {meeting.date.isoformat()}: {item.title}")
    return 0

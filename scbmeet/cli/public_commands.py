"""Commands for the access-to-information rules: ``agenda issue`` (publish the agenda, its
publication recorded), ``meeting sign`` (who signed the approved minutes, and when) and
``interest add|list`` (the register of members' interests). Registered by
:mod:`scbmeet.cli.meeting_commands` (agenda, meeting) and :mod:`scbmeet.cli.register_commands`.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from scbmeet.cli.common import add_db_option, add_meeting_arguments, find_meeting, open_services
from scbmeet.domain.dto import AgendaItemInfo, long_date
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.public_dto import PublicationInfo
from scbmeet.text.dates import parse_date

if TYPE_CHECKING:
    Steps = argparse._SubParsersAction[argparse.ArgumentParser]
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

KIND_WORDS = {"pecuniary": "disclosable_pecuniary", "other": "other_registrable"}
KIND_WORDS.update({"non-registrable": "non_registrable"})


def register_issue(steps: Steps) -> None:
    p = steps.add_parser("issue", help="publish the agenda: record when and by whom")
    add_db_option(p)
    add_meeting_arguments(p)
    p.set_defaults(func=cmd_agenda_issue)


def register_sign(steps: Steps) -> None:
    p = steps.add_parser("sign", help="record who signed the approved minutes, and when")
    add_db_option(p)
    add_meeting_arguments(p)
    p.add_argument("--by", metavar="NAME", default="", help="who signed (default: the chair)")
    p.add_argument("--on", metavar="DATE", help="when (default: the day they were approved)")
    p.set_defaults(func=cmd_meeting_sign)


def register_interest(subparsers: Subparsers) -> None:
    interest = subparsers.add_parser("interest", help="the register of members' interests")
    steps = interest.add_subparsers(dest="step", metavar="STEP", required=True)
    p = steps.add_parser("add", help="register a member's standing interest")
    add_db_option(p)
    p.add_argument("person", help="the member, by name")
    p.add_argument("matter", help="the organisation or matter, e.g. 'Women's Aid (trustee)'")
    p.add_argument("--kind", choices=sorted(KIND_WORDS), required=True, help="the kind of interest")
    p.add_argument("--from", dest="start", metavar="DATE", help="registered from")
    p.add_argument("--to", dest="end", metavar="DATE", help="ended on")
    p.set_defaults(func=cmd_interest_add)
    p = steps.add_parser("list", help="print the register of interests")
    add_db_option(p)
    p.set_defaults(func=cmd_interest_list)


def publication_lines(info: PublicationInfo, state: str) -> list[str]:
    """What ``show`` prints about publishing the agenda, signing and the decision notice."""
    lines = []
    if info.published_at is not None:
        late = " (after the deadline)" if info.published_late else ""
        by = f" by {info.published_by}" if info.published_by else ""
        lines.append(f"Agenda published on {long_date(info.published_at.date())}{by}{late}")
    elif state == "planned":
        lines.append(f"Agenda to be published by {info.deadline:%A} {long_date(info.deadline)}")
        lines.append(f"Papers due by {info.papers_due:%A} {long_date(info.papers_due)}")
    if info.signature_line:
        lines.append(info.signature_line)
    if state not in ("planned", "agenda_issued"):
        sent = info.decisions_published_on
        lines.append(
            f"Decision notice sent on {long_date(sent)}"
            if sent
            else f"Decision notice due by {long_date(info.decision_notice_due)}"
        )
    return lines


def closed_grounds(item: AgendaItemInfo) -> str:
    """``DHR-2025-03; Schedule 12A para 1, 2`` for ``show``."""
    parts = [item.closed_reference] if item.closed_reference else []
    if item.exempt_paragraphs:
        parts.append("Schedule 12A para " + ", ".join(map(str, item.exempt_paragraphs)))
    elif item.closed_reason:
        parts.append(item.closed_reason)
    return "; ".join(parts) or "no reason given"


def cmd_agenda_issue(args: argparse.Namespace) -> int:
    services = open_services(args)
    meeting = find_meeting(services, args)
    info = services.publication.issue_agenda(meeting.id)
    late = " - after the deadline" if info.published_late else ""
    print(f"The agenda of {long_date(meeting.date)} is published{late}.")
    return 0


def cmd_meeting_sign(args: argparse.Namespace) -> int:
    services = open_services(args)
    meeting = find_meeting(services, args)
    on = parse_date(args.on) if args.on else None
    info = services.publication.sign_minutes(meeting.id, args.by, on=on)
    print(f"The minutes of {long_date(meeting.date)}: {info.signature_line}.")
    return 0


def cmd_interest_add(args: argparse.Namespace) -> int:
    services = open_services(args)
    people = [o for o in services.register.match_owner(args.person) if o.person_id is not None]
    if len(people) != 1:
        found = "nobody" if not people else f"{len(people)} people"
        raise ValidationError(f"{args.person!r} names {found} in the register; give a full name.")
    assert people[0].person_id is not None
    info = services.interests.add(
        people[0].person_id,
        KIND_WORDS[args.kind],
        args.matter,
        start_date=parse_date(args.start) if args.start else None,
        end_date=parse_date(args.end) if args.end else None,
    )
    print(f"Registered: {info.line}")
    return 0


def cmd_interest_list(args: argparse.Namespace) -> int:
    services = open_services(args)
    register = services.interests.register()
    if not register:
        print("The register of interests is empty.")
    for info in register:
        dates = " ".join(
            part
            for part in (
                f"from {long_date(info.start_date)}" if info.start_date else "",
                f"to {long_date(info.end_date)}" if info.end_date else "",
            )
            if part
        )
        print(f"{info.line}{'  ' + dates if dates else ''}")
    return 0

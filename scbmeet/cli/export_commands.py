"""``scbmeet export ...``: Word documents (or PDF) and calendar files for a meeting.

    scbmeet export agenda 2026-12-09 --board MSCB --out agenda.docx [--public] [--template T.docx]
    scbmeet export pack DATE --out pack.docx [--public]
    scbmeet export minutes DATE --out minutes.docx [--public]
    scbmeet export actions DATE --out actions.docx [--by minute|owner|due] [--public]
    scbmeet export actions DATE --per-owner --out-dir DIR [--format docx|pdf]
    scbmeet export register --out actions.docx [--board SHORT] [--state outstanding|...]
        [--owner NAME] [--overdue] [--carried] [--due-before DATE] [--theme NAME]
        [--words TEXT] [--by minute|owner|due] [--public]
    scbmeet export brief DATE --out brief.docx
    scbmeet export ics DATE --out meeting.ics [--organizer EMAIL]
    scbmeet export template [--set FILE | --clear | --copy-to FILE]
    scbmeet export plan [NAME] --board SHORT [--as-of DATE | --meeting DATE] --out FILE.docx

Every document can be written as PDF instead: give ``--out FILE.pdf`` (LibreOffice converts
it; the pack becomes one PDF with the PDF papers merged in, bookmarks and page numbers).
An accessibility check runs before a PDF is written and lists what the public-sector
regulations would flag (images without alternative text, scanned PDFs, tables without a
header row).

Template warnings (a style the council's template lacks) and accessibility problems are
reported on stderr, one line each, and the export goes on.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path

from scbmeet.cli.common import (
    add_db_option,
    add_meeting_arguments,
    find_meeting,
    open_services,
    parse_date,
)
from scbmeet.cli.plan_commands import add_export_plan
from scbmeet.domain.errors import ValidationError
from scbmeet.services import Services
from scbmeet.services.action_filters import ActionFilter

Command = Callable[[argparse.Namespace], int]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "export", help="write Word documents or a calendar file for a meeting"
    )
    kinds = parser.add_subparsers(dest="document", metavar="DOCUMENT", required=True)

    for name, help_text in (
        ("agenda", "the agenda"),
        ("pack", "the agenda pack: agenda, cover sheets and papers"),
        ("minutes", "the minutes (marked DRAFT until approved)"),
        ("decisions", "the decision notice: each minute's decisions and actions, on one page"),
    ):
        p = _document_parser(kinds, name, help_text)
        p.add_argument(
            "--public", action="store_true", help="leave out everything taken in closed session"
        )
        if name == "pack":
            p.add_argument(
                "--accept-changes",
                action="store_true",
                help="accept the papers' tracked changes in the pack (the public pack always does)",
            )
        p.set_defaults(func=_reporting_warnings(cmd_meeting_document))

    p = _document_parser(kinds, "actions", "the action log as of the meeting", out_required=False)
    p.add_argument(
        "--by",
        choices=("minute", "owner", "due"),
        default="minute",
        help="order by minute (default) or due date, or group under each owner",
    )
    p.add_argument(
        "--per-owner", action="store_true", help="one document per owner, written to --out-dir"
    )
    p.add_argument("--out-dir", metavar="DIR", help="folder for the --per-owner documents")
    p.add_argument(
        "--format",
        choices=("docx", "pdf"),
        default="docx",
        help="the --per-owner documents as Word (default) or PDF",
    )
    p.add_argument("--public", action="store_true", help="leave out closed-session actions")
    p.set_defaults(func=_reporting_warnings(cmd_actions))

    _register_parser(kinds)
    add_export_plan(kinds)

    p = _document_parser(kinds, "brief", "the chair's brief")
    p.set_defaults(func=_reporting_warnings(cmd_brief))

    p = kinds.add_parser("ics", help="a calendar invitation for the meeting")
    add_db_option(p)
    add_meeting_arguments(p)
    p.add_argument("--out", metavar="FILE", required=True, help="the .ics file to write")
    p.add_argument(
        "--organizer", metavar="EMAIL", default="", help="send as an invitation from this address"
    )
    p.set_defaults(func=cmd_ics)

    p = kinds.add_parser("template", help="show or choose the Word house-style template")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--set", metavar="FILE", help="use this .docx or .dotx from now on")
    group.add_argument("--clear", action="store_true", help="go back to scbmeet's house style")
    group.add_argument(
        "--copy-to", metavar="FILE", help="copy scbmeet's house style here, to make your own"
    )
    p.set_defaults(func=cmd_template)


# --state choices: the actions register's state filter.
STATE_CHOICES = {
    "outstanding": frozenset({"open", "in_progress"}),
    "open": frozenset({"open"}),
    "in-progress": frozenset({"in_progress"}),
    "done": frozenset({"done"}),
    "dropped": frozenset({"dropped"}),
    "closed": frozenset({"done", "dropped"}),
    "all": frozenset(),
}


def _register_parser(kinds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = kinds.add_parser(
        "register", help="an action log of the actions register, filtered as on screen"
    )
    add_db_option(p)
    p.add_argument("--out", metavar="FILE", required=True, help="the .docx or .pdf file to write")
    p.add_argument("--board", metavar="SHORT", help="one board's actions (default: every board)")
    p.add_argument(
        "--state", choices=list(STATE_CHOICES), default="outstanding", help="default outstanding"
    )
    p.add_argument("--owner", metavar="NAME", help="a person, or an organisation with its people")
    p.add_argument("--overdue", action="store_true", help="only actions past their due date")
    p.add_argument("--carried", action="store_true", help="only actions carried across 3+ meetings")
    p.add_argument("--due-before", metavar="DATE", help="only actions due before YYYY-MM-DD")
    p.add_argument("--theme", metavar="NAME", help="only actions of this priority theme")
    p.add_argument("--words", metavar="TEXT", default="", help="only actions with every word")
    p.add_argument(
        "--by",
        choices=("minute", "owner", "due"),
        default="minute",
        help="order by minute (default) or due date, or group under each owner",
    )
    p.add_argument("--public", action="store_true", help="leave out closed-session actions")
    p.add_argument(
        "--template", metavar="FILE", help="a council's own .docx or .dotx house-style template"
    )
    p.set_defaults(func=_reporting_warnings(cmd_register))


def _document_parser(
    kinds: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help_text: str,
    *,
    out_required: bool = True,
) -> argparse.ArgumentParser:
    p = kinds.add_parser(name, help=help_text)
    add_db_option(p)
    add_meeting_arguments(p)
    p.add_argument(
        "--out", metavar="FILE", required=out_required, help="the .docx or .pdf file to write"
    )
    p.add_argument(
        "--template", metavar="FILE", help="a council's own .docx or .dotx house-style template"
    )
    return p


def _reporting_warnings(func: Command) -> Command:
    """Run ``func``, printing each template, paper or accessibility warning as one line on stderr."""

    def run(args: argparse.Namespace) -> int:
        from scbmeet.exports.accessibility_check import AccessibilityWarning
        from scbmeet.exports.pack import PaperWarning
        from scbmeet.exports.template import TemplateWarning

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            status = func(args)
        for warning in caught:
            if issubclass(warning.category, AccessibilityWarning):
                print(f"scbmeet: accessibility: {warning.message}", file=sys.stderr)
            elif issubclass(warning.category, TemplateWarning | PaperWarning):
                print(f"scbmeet: warning: {warning.message}", file=sys.stderr)
            else:  # somebody else's warning: shown as Python would
                warnings.showwarning(
                    warning.message, warning.category, warning.filename, warning.lineno
                )
        return status

    return run


def _out_path(value: str | None, suffix: str) -> Path:
    if not value:
        raise ValidationError(f"Name the {suffix} file to write with --out.")
    path = Path(value).expanduser()
    if path.suffix.lower() != suffix:
        raise ValidationError(f"--out must name a {suffix} file, not {value!r}.")
    if path.is_dir():
        raise ValidationError(f"{value} is a folder; give a file name ending in {suffix}.")
    return path


def _document_path(value: str | None) -> Path:
    """``--out`` for a document: a .docx, or a .pdf to have it converted."""
    suffix = Path(value).suffix.lower() if value else ".docx"
    if suffix not in (".docx", ".pdf"):
        raise ValidationError(f"--out must name a .docx or .pdf file, not {value!r}.")
    return _out_path(value, suffix)


def _written(write: Callable[[Path], Path], out: Path) -> int:
    """Write the document to ``out``: as Word, or as PDF (checked for accessibility)."""
    if out.suffix.lower() == ".pdf":
        from scbmeet.exports.pdf import export_as_pdf

        return _wrote(export_as_pdf(write, out))
    return _wrote(write(out))


def _wrote(path: Path) -> int:
    print(f"Wrote {path}")
    return 0


def cmd_meeting_document(args: argparse.Namespace) -> int:
    """``export agenda|pack|minutes|decisions``: the meeting's documents, written alike."""
    from scbmeet.exports.agenda import export_agenda
    from scbmeet.exports.decisions import export_decision_notice
    from scbmeet.exports.minutes import export_minutes
    from scbmeet.exports.pack import export_pack

    exporter = {
        "agenda": export_agenda,
        "pack": export_pack,
        "minutes": export_minutes,
        "decisions": export_decision_notice,
    }[args.document]
    out = _document_path(args.out)
    services = open_services(args)
    meeting = find_meeting(services, args)
    options = {"accept_changes": True} if getattr(args, "accept_changes", False) else {}
    if args.document == "pack" and out.suffix.lower() == ".pdf":
        return _wrote(_pdf_pack(services, meeting.id, out, args))
    status = _written(
        lambda path: exporter(
            services, meeting.id, path, public=args.public, template=args.template, **options
        ),
        out,
    )
    if args.document == "minutes":
        from scbmeet.exports.owners_to_confirm import export_notice, owners_to_confirm

        notice = export_notice(owners_to_confirm(services, meeting.id))
        if notice:
            print(f"Note: {notice}")
    return status


def _pdf_pack(services: Services, meeting_id: int, out: Path, args: argparse.Namespace) -> Path:
    from scbmeet.exports.pdf import find_soffice
    from scbmeet.exports.pdf_pack import build_pdf_pack

    find_soffice()  # a missing LibreOffice is said before anything else
    return build_pdf_pack(
        services,
        meeting_id,
        out,
        public=args.public,
        template=args.template,
        check_accessibility=True,  # the papers checked while LibreOffice converts them
    )


def cmd_actions(args: argparse.Namespace) -> int:
    from scbmeet.exports.action_log import export_action_log

    if args.per_owner:
        if not args.out_dir or args.out:
            raise ValidationError("With --per-owner, name a folder with --out-dir (not --out).")
        folder = Path(args.out_dir).expanduser()
        if folder.exists() and not folder.is_dir():
            raise ValidationError(f"{args.out_dir} exists and is not a folder.")
        services = open_services(args)
        meeting = find_meeting(services, args)
        written = _owner_logs(services, meeting.id, folder, args)
        for path in written:
            print(f"Wrote {path}")
        if not written:
            print("No outstanding actions: nothing to write.")
        return 0
    if args.out_dir:
        raise ValidationError("--out-dir goes with --per-owner; for one log use --out FILE.")
    if args.format != "docx":
        raise ValidationError("--format goes with --per-owner; for one log use --out FILE.pdf.")
    out = _document_path(args.out)
    services = open_services(args)
    meeting = find_meeting(services, args)
    return _written(
        lambda path: export_action_log(
            services, meeting.id, path, by=args.by, public=args.public, template=args.template
        ),
        out,
    )


def _owner_logs(
    services: Services, meeting_id: int, folder: Path, args: argparse.Namespace
) -> list[Path]:
    """Each owner's action log in ``folder``: Word, or PDF (converted in one LibreOffice run)."""
    from scbmeet.exports.action_log import export_owner_logs

    if args.format == "docx":
        return export_owner_logs(
            services, meeting_id, folder, public=args.public, template=args.template
        )
    from scbmeet.exports.pdf import docx_files_to_pdf, find_soffice

    find_soffice()  # a missing LibreOffice is said before anything is written
    with tempfile.TemporaryDirectory(prefix="scbmeet-owners-") as work:
        words = export_owner_logs(
            services, meeting_id, Path(work), public=args.public, template=args.template
        )
        folder.mkdir(parents=True, exist_ok=True)
        return docx_files_to_pdf(words, [folder / f"{w.stem}.pdf" for w in words])


def cmd_register(args: argparse.Namespace) -> int:
    """``export register``: the actions the register's filters would show, as a Word log."""
    from scbmeet.exports.register_log import export_register_log

    out = _document_path(args.out)
    services = open_services(args)
    action_filter = _register_filter(services, args)
    rows = services.action_register.query(action_filter)
    ids = [r.id for r in rows]
    return _written(
        lambda path: export_register_log(
            services,
            ids,
            action_filter,
            path,
            by=args.by,
            public=args.public,
            template=args.template,
        ),
        out,
    )


def _register_filter(services: Services, args: argparse.Namespace) -> ActionFilter:
    """The register filter the options describe; names that are unknown are refused."""
    from scbmeet.services.action_rows import owner_key

    board_id = services.register.board_by_short_name(args.board).id if args.board else None
    owner = None
    if args.owner:
        found = services.register.match_owner(args.owner)
        if len(found) != 1:
            problem = "is not in the register" if not found else "could mean more than one owner"
            raise ValidationError(f"--owner {args.owner!r} {problem}.")
        owner = owner_key(found[0])
    theme_id = None
    if args.theme:
        themes = {t.name.lower(): t.id for t in services.register.themes()}
        if args.theme.strip().lower() not in themes:
            raise ValidationError(f"--theme {args.theme!r} is not a priority theme.")
        theme_id = themes[args.theme.strip().lower()]
    return ActionFilter(
        states=STATE_CHOICES[args.state],
        owner=owner,
        overdue_only=args.overdue,
        carried_only=args.carried,
        due_before=parse_date(args.due_before) if args.due_before else None,
        theme_id=theme_id,
        board_id=board_id,
        text=args.words,
    )


def cmd_brief(args: argparse.Namespace) -> int:
    from scbmeet.exports.chair_brief import export_chair_brief

    out = _document_path(args.out)
    services = open_services(args)
    meeting = find_meeting(services, args)
    return _written(
        lambda path: export_chair_brief(services, meeting.id, path, template=args.template), out
    )


def cmd_ics(args: argparse.Namespace) -> int:
    from scbmeet.exports.ical import export_ical
    from scbmeet.services.register_people import check_email

    out = _out_path(args.out, ".ics")
    organizer = check_email(args.organizer)
    services = open_services(args)
    meeting = find_meeting(services, args)
    return _wrote(export_ical(services, meeting.id, out, organizer=organizer))


def cmd_template(args: argparse.Namespace) -> int:
    from scbmeet.exports.template import (
        chosen_template,
        house_template,
        save_template_setting,
    )
    from scbmeet.storage.atomic import write_bytes_atomically

    if args.copy_to:
        target = _out_path(args.copy_to, ".docx")
        write_bytes_atomically(target, house_template().read_bytes())
        print(f"Copied the house style to {target}; edit it in Word, then use --set {target}.")
        return 0
    if args.set:
        save_template_setting(Path(args.set))
    elif args.clear:
        save_template_setting(None)
    print(f"Word documents use {chosen_template()}")
    return 0


__all__ = ["register"]

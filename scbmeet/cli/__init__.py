"""The ``scbmeet`` command: no arguments opens the desktop app; subcommands work headless.

Every known problem (:class:`~scbmeet.domain.errors.ScbmeetError`) ends as one line on stderr
and exit status 1. Anything else is a bug: one line too, saying where the details were
logged, never a traceback on the terminal.

A command's fixed cost is only what it uses: the parser imports just the module that holds
the command given (:data:`COMMANDS`), and that module imports the rest (the JSON module,
Word exports) inside the commands that need them. Help, or a command not known, loads all.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Sequence
from importlib import import_module

from scbmeet import __version__
from scbmeet.cli.office_ahead import start_for
from scbmeet.domain.errors import ScbmeetError

# Each module has ``register(subparsers)`` adding commands with ``set_defaults(func=...)``.
COMMAND_MODULES = [
    "scbmeet.cli.core_commands",
    "scbmeet.cli.meeting_commands",
    "scbmeet.cli.register_commands",
    "scbmeet.cli.export_commands",
    "scbmeet.cli.safety_commands",
    "scbmeet.cli.search_commands",
    "scbmeet.cli.plan_commands",
    "scbmeet.cli.history_commands",
    "scbmeet.cli.board_commands",
]
# Which module holds each command (tests/test_cli_imports.py keeps this true).
_CORE, _MEETING, _REGISTER, _EXPORT, _SAFETY, _SEARCH, _PLAN, _HISTORY, _BOARD = COMMAND_MODULES
COMMANDS = {
    **dict.fromkeys(
        ("init", "demo", "meetings", "show", "actions", "export-json", "import-json", "check"),
        _CORE,
    ),
    **dict.fromkeys(("meeting", "agenda", "paper", "attendance"), _MEETING),
    **dict.fromkeys(("person", "organisation", "action", "interest"), _REGISTER),
    "export": _EXPORT,
    **dict.fromkeys(
        ("backup", "backups", "restore", "audit", "import-members", "copy-database"), _SAFETY
    ),
    "search": _SEARCH,
    **dict.fromkeys(("plans", "plan", "cases", "case"), _PLAN),
    "import-minutes": _HISTORY,
    **dict.fromkeys(("boards", "board"), _BOARD),
}

log = logging.getLogger("scbmeet")


def build_parser(
    *, with_commands: bool = True, command: str | None = None
) -> argparse.ArgumentParser:
    """The parser; with ``command`` only the module holding that command is imported."""
    parser = argparse.ArgumentParser(
        prog="scbmeet",
        description="Meetings, agendas, minutes and actions for multi-agency boards.",
        add_help=with_commands,
    )
    parser.add_argument("--version", action="version", version=f"scbmeet {__version__}")
    parser.add_argument(
        "--db",
        metavar="FILE_OR_URL",
        help="the database (an SQLite file, or a URL such as postgresql://user@host/database) "
        "for the app, or for the command",
    )
    parser.add_argument("--demo", action="store_true", help="open the app on a fresh demo database")
    if with_commands:
        subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
        wanted = [COMMANDS[command]] if command in COMMANDS else COMMAND_MODULES
        for name in wanted:
            import_module(name).register(subparsers)
    return parser


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The arguments; the command modules (and the database stack they import) are only
    loaded when a command is given, so that the app itself starts sooner."""
    app_only, rest = build_parser(with_commands=False).parse_known_args(argv)
    if not rest:
        app_only.command = None
        return app_only
    parser = build_parser(command=rest[0])
    args = parser.parse_args(argv)
    problem = _one_database(args)
    if problem:
        parser.error(problem)  # usage and exit status 2, as for any other misused option
    return args


def _one_database(args: argparse.Namespace) -> str | None:
    """Make ``--db`` mean the same before or after the command (``args.db``); the problem
    when the command line names two different databases or asks for the demo as well."""
    before, after = args.db, getattr(args, "command_db", None)
    if args.demo:
        return (
            f"--demo opens the app on a demo board; it cannot go with the command {args.command!r}"
        )
    if before and after and before != after:
        from scbmeet.storage.urls import mask_password, resolve_url

        try:
            different = resolve_url(before) != resolve_url(after)
        except ScbmeetError as exc:  # a name that is nearly a URL
            return str(exc)
        if different:
            return (
                "--db is given twice with different databases "
                f"({mask_password(before)!r} and {mask_password(after)!r}); give it once"
            )
    args.db = after or before
    return None


def main(argv: Sequence[str] | None = None) -> int:
    start_for(sys.argv[1:] if argv is None else argv)  # a PDF export's LibreOffice, first
    args = _parse(argv)
    try:
        if args.command is None:
            from scbmeet.cli.display import startup_problem
            from scbmeet.storage.urls import resolve_url

            if args.db:
                resolve_url(args.db)  # a --db that is nearly a URL: said here, not in a dialog
            problem = startup_problem()  # Qt would abort, with a core dump
            if problem:
                print(f"scbmeet: {problem}", file=sys.stderr)
                return 1
            from scbmeet.gui.shell.app import run  # Qt only when the app is wanted

            return run(db_path=args.db, demo=args.demo)
        result: int = args.func(args)
        return result
    except ScbmeetError as exc:
        print(f"scbmeet: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("scbmeet: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        where = _log_bug(exc)
        print(
            f"scbmeet: internal error ({type(exc).__name__}: {exc}); details in {where}",
            file=sys.stderr,
        )
        return 2


def _log_bug(exc: BaseException) -> str:
    """Write the traceback of an unexpected error to the log file; return its path."""
    from scbmeet.storage.paths import data_dir

    try:
        path = data_dir() / "scbmeet-errors.log"
        with path.open("a", encoding="utf-8") as handle:
            handle.write("".join(traceback.format_exception(exc)))
            handle.write("\n")
        return str(path)
    except OSError:
        return "(the log could not be written)"

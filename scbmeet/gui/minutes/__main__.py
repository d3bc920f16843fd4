"""Open minutes mode directly: ``python -m scbmeet.gui.minutes --db PATH --meeting-date 2026-12-09``.

``--board SHORT`` names the board when several met that day. With the environment variable
``SCBMEET_MINUTES_SCRIPT`` set to a JSON file, the window plays the keystrokes in it once it
is shown (see :mod:`scbmeet.gui.minutes.testhook`); the tests use this to type into a minute
in a child process and then kill it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from scbmeet.domain.errors import ScbmeetError
from scbmeet.services import Services

SETTLE_AFTER_MS = 1500  # the window shown and its first reads done: start-up is over


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scbmeet.gui.minutes", description="Take the minutes of a meeting."
    )
    parser.add_argument(
        "--db",
        metavar="FILE_OR_URL",
        help="the database: an SQLite file or a URL (default: the usual one)",
    )
    parser.add_argument(
        "--meeting-date", required=True, metavar="YYYY-MM-DD", help="the date of the meeting"
    )
    parser.add_argument("--board", metavar="SHORT", help="the board, if several met that day")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        on = date.fromisoformat(args.meeting_date)
    except ValueError:
        print(f"scbmeet: {args.meeting_date!r} is not a date (use YYYY-MM-DD).", file=sys.stderr)
        return 1
    from scbmeet.storage.database import open_database
    from scbmeet.storage.engine import resolve_url

    try:
        db = open_database(resolve_url(args.db), create=False)
        services = Services(db)
        meeting = services.meetings.find_meeting(on, args.board)
    except ScbmeetError as exc:
        print(f"scbmeet: {exc}", file=sys.stderr)
        return 1
    return run_window(services, meeting.id)


def run_window(services: Services, meeting_id: int) -> int:
    """Show minutes mode for the meeting until it is closed (playing a test script if set)."""
    from PySide6.QtCore import QTimer

    from scbmeet.gui.minutes.testhook import SCRIPT_ENV, run_script
    from scbmeet.gui.minutes.window import MinutesWindow
    from scbmeet.gui.shell.app import create_application
    from scbmeet.gui.widgets.errors import install_excepthook
    from scbmeet.gui.widgets.long_lived import settle_long_lived

    app = create_application()
    install_excepthook()
    window = MinutesWindow(services, meeting_id)
    window.show()
    window.activateWindow()
    QTimer.singleShot(SETTLE_AFTER_MS, settle_long_lived)  # once the window is up and read
    script = os.environ.get(SCRIPT_ENV, "").strip()
    if script:
        QTimer.singleShot(0, lambda: run_script(window, Path(script)))
    code = app.exec()
    services.db.dispose()
    return code


if __name__ == "__main__":
    raise SystemExit(main())

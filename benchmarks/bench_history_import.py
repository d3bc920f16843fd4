"""Benchmark: importing a board's history (issue 16) against python-docx merely reading it.

Builds a board with four meetings a year for ``--years`` years (six minutes each, with
resolutions and actions; each meeting closes three of the last meeting's actions, drops one
and hears progress on one, as matters arising does), exports every meeting's minutes with
scbmeet's own exporter (not timed), then times, alternating in the same run:

* scbmeet: ``read_document`` for every file, matching to the register (``plan_import``) and
  the one-transaction import into a fresh copy of the database;
* bare python-docx: ``docx.Document(path)`` for every file and the text of every paragraph
  and table cell, with no scbmeet code at all.

Warm: the median of ``--repeat`` runs in this process. Cold: one run of each in a fresh
process. The target is at most 3x.

    .venv/bin/python benchmarks/bench_history_import.py [--years 50] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import docx

TOPICS = ["Anti-social behaviour", "Road safety", "Domestic abuse", "Hate crime", "Drugs"]


def deal_with_earlier(services: Any, meeting_id: int, action_ids: list[int]) -> None:
    """As matters arising does: three actions done, one dropped, one still open with progress
    (the minutes say so, and the import closes them again)."""
    for index, action_id in enumerate(action_ids):
        if index < 3:
            services.actions.set_state(
                action_id, "done", at_meeting_id=meeting_id, note="figures shared with partners"
            )
        elif index == 3:
            services.actions.set_state(action_id, "dropped", at_meeting_id=meeting_id)
        else:
            services.actions.add_update(
                action_id, "a first draft was circulated", meeting_id=meeting_id
            )


def build(folder: Path, years: int) -> Path:
    """The database and the exported minutes (not timed); returns the folder of files."""
    from scbmeet.exports.minutes import export_minutes
    from scbmeet.services import Services
    from scbmeet.storage.database import open_database
    from scbmeet.storage.engine import sqlite_url

    services = Services(open_database(sqlite_url(folder / "source.sqlite3"), create=True))
    reg = services.register
    board = reg.create_board("Benchmark Safer Communities Board", "BENCH")
    council = reg.create_organisation("Benchmark County Council")
    people = [
        reg.create_person(f"Member{n:02d}", given_names=f"Alex{n}", organisation_id=council.id)
        for n in range(8)
    ]
    for person in people:
        reg.add_membership(board.id, person.id)
    files = folder / "minutes"
    files.mkdir()
    earlier: list[int] = []  # the last meeting's actions, dealt with at the next
    for year in range(1976, 1976 + years):
        for month in (3, 6, 9, 12):
            meeting = services.meetings.create_meeting(
                board.id, date(year, month, 10), standard_agenda=False
            )
            for person in people:
                services.meetings.set_attendance(meeting.id, person.id, "present")
            deal_with_earlier(services, meeting.id, earlier)
            earlier = []
            for topic in [*TOPICS, "Any other business"]:
                minute = services.minutes.add_minute(
                    meeting.id,
                    topic,
                    narrative=f"The Board discussed {topic.lower()} across the county.\n\n"
                    "Partners agreed to share their figures before the next meeting.",
                )
                services.minutes.add_resolution(minute.id, "that the update be noted.")
                action = services.actions.add_action(
                    minute.id, f"Report back on {topic.lower()}.", "Alex1 Member01"
                )
                earlier.append(action.id)
            export_minutes(services, meeting.id, files / f"{year}-{month:02d}.docx")
    services.db.dispose()  # closing checkpoints the write-ahead log into the file copied next
    target = folder / "target.sqlite3"
    shutil.copy(folder / "source.sqlite3", target)
    target_services = Services(open_database(sqlite_url(target)))
    target_services.register.create_board("Imported history", "HIST")
    target_services.db.dispose()
    return files


def bare_read(files: list[Path]) -> int:
    words = 0
    for path in files:
        document = docx.Document(str(path))
        for paragraph in document.paragraphs:
            words += len(paragraph.text.split())
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    words += len(cell.text.split())
    return words


def scbmeet_import(folder: Path, files: list[Path]) -> int:
    from scbmeet.history import read_document
    from scbmeet.history.matching import plan_import
    from scbmeet.services import Services
    from scbmeet.storage.database import open_database
    from scbmeet.storage.engine import sqlite_url

    work = folder / "run.sqlite3"
    shutil.copy(folder / "target.sqlite3", work)  # a fresh target each run
    services = Services(open_database(sqlite_url(work)))
    board = services.register.board_by_short_name("HIST")
    started = time.perf_counter()
    plan = plan_import(services, board.id, [read_document(p) for p in files])
    if not plan.ok:
        raise SystemExit("; ".join(plan.problems[:3]))
    result = services.history.import_plan(plan)
    elapsed = time.perf_counter() - started
    if result.closed != 4 * (len(files) - 1):  # the later minutes closed the earlier actions
        raise SystemExit(f"{result.closed} earlier actions closed, not {4 * (len(files) - 1)}")
    services.db.dispose()
    print(f"{elapsed:.4f}", file=sys.stderr)
    return result.minutes


def timed(mode: str, folder: Path, files: list[Path]) -> float:
    if mode == "bare":
        started = time.perf_counter()
        bare_read(files)
        return time.perf_counter() - started
    # the import's own time, without copying the database file
    from io import StringIO

    captured, real = StringIO(), sys.stderr
    sys.stderr = captured
    try:
        scbmeet_import(folder, files)
    finally:
        sys.stderr = real
    return float(captured.getvalue().split()[-1])


def cold(mode: str, folder: Path) -> float:
    out = subprocess.run(
        [sys.executable, __file__, "--once", mode, "--folder", str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--once", choices=("bare", "scbmeet"))
    parser.add_argument("--folder")
    args = parser.parse_args()
    if args.once:
        folder = Path(args.folder)
        files = sorted((folder / "minutes").glob("*.docx"))
        print(f"{timed(args.once, folder, files):.4f}")
        return
    with tempfile.TemporaryDirectory(prefix="bench-history-") as name:
        folder = Path(name)
        print(f"Building {args.years} years of minutes ({args.years * 4} documents)…")
        files = sorted(build(folder, args.years).glob("*.docx"))
        warm: dict[str, list[float]] = {"bare": [], "scbmeet": []}
        for _ in range(args.repeat):
            for mode in ("bare", "scbmeet"):  # alternating, so load on the machine hits both
                warm[mode].append(timed(mode, folder, files))
        cold_times = {mode: cold(mode, folder) for mode in ("bare", "scbmeet")}
        bare, ours = (statistics.median(warm[m]) for m in ("bare", "scbmeet"))
        print(f"documents: {len(files)}")
        print(
            f"warm  python-docx reading: {bare:.2f} s   scbmeet import: {ours:.2f} s   "
            f"ratio {ours / bare:.2f}x (target at most 3x)"
        )
        print(
            f"cold  python-docx reading: {cold_times['bare']:.2f} s   scbmeet import: "
            f"{cold_times['scbmeet']:.2f} s   ratio "
            f"{cold_times['scbmeet'] / cold_times['bare']:.2f}x"
        )


if __name__ == "__main__":
    main()

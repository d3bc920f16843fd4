"""Start-up benchmark: process start to main window shown, and resident memory.

Runs ``python -m scbmeet --db PATH`` with ``SCBMEET_EXIT_WHEN_SHOWN=1`` (see
``scbmeet/gui/shell/startup_probe.py``: the app prints the time since its process started and
its RSS when the main window is first painted, then quits) and, in the same run, a bare
PySide6 window measured by the very same probe. Targets (issue 6): the app at most 3x the
bare window, and under 250 MB.

"shown" is the first paint of the real main window (menus, toolbar, navigator), which
start-up shows before it loads the database stack, with an "Opening…" page; "ready" is
when the database is open and the window shows its first page (the next meeting), which
is what a user can work with. Both are reported.

    python benchmarks/bench_startup.py --db large.sqlite3 [--runs 7] [--against PYTHON]

``--against`` names the Python of another checkout (say ``../main/.venv/bin/python``) whose
scbmeet is measured too, alternating with this one run by run: a change's before and after
in the same run.

``--db`` names the database to open; if the file does not exist it is built: the demo
board plus bulk rows (five more boards, 200 meetings, thousands of minutes and actions).
Runs alternate between the bare window and the app after one warm-up of each, so both
see the same disk cache and machine load; medians are reported. The first open of a day
(which checks whether a daily backup is due) is measured separately with a fresh data
folder.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

TARGET_RATIO = 3.0
TARGET_RSS_MB = 250.0

BARE_WINDOW = """

def _bare_main() -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("bare PySide6 window")
    window.setCentralWidget(QLabel("A bare PySide6 window"))
    window.resize(1200, 800)
    window.show()
    report_startup_if_asked(window)
    return app.exec()


raise SystemExit(_bare_main())
"""


@dataclass(frozen=True)
class Sample:
    shown_ms: float  # process start to the window's first paint, as the child measured it
    ready_ms: float  # process start to the database open and shown in the window
    wall_ms: float  # launch to exit, as this script measured it
    rss_mb: float


def bare_script() -> str:
    """The probe's own source plus a bare window: nothing of scbmeet is imported."""
    from scbmeet.gui.shell import startup_probe

    return Path(startup_probe.__file__).read_text(encoding="utf-8") + BARE_WINDOW


def child_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["SCBMEET_EXIT_WHEN_SHOWN"] = "1"
    env["SCBMEET_DATA_DIR"] = str(data_dir)
    env["XDG_CONFIG_HOME"] = str(data_dir / "config")  # QSettings: not the user's own
    env.pop("SCBMEET_DATABASE_URL", None)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def measure(command: list[str], env: dict[str, str]) -> Sample:
    started = time.perf_counter()
    proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    wall = (time.perf_counter() - started) * 1000
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("scbmeet-startup")), "")
    if not line:
        raise SystemExit(
            f"no start-up report from {' '.join(command)} (exit {proc.returncode}):\n"
            f"{proc.stdout}\n{proc.stderr}"
        )
    fields = dict(part.split("=", 1) for part in line.split()[1:])
    return Sample(
        float(fields["shown_ms"]), float(fields["ready_ms"]), wall, float(fields["rss_mb"])
    )


# -- the database ----------------------------------------------------------------------------------
def build_database(path: Path) -> None:
    """The demo board and bulk rows of five more boards, written in one transaction."""
    from sqlmodel import Session

    from scbmeet.demo import build_demo
    from scbmeet.domain.models import (
        Action,
        ActionOwner,
        AgendaItem,
        Board,
        Meeting,
        MinuteItem,
        Organisation,
        Person,
        Resolution,
    )
    from scbmeet.services import Services
    from scbmeet.storage.database import open_database
    from scbmeet.storage.engine import sqlite_url

    rng = random.Random(6)
    database = open_database(sqlite_url(path))
    build_demo(Services(database))
    with Session(database.engine) as s, s.begin():
        orgs = [Organisation(name=f"Bulk organisation {i}", short_name=f"BO{i}") for i in range(40)]
        s.add_all(orgs)
        s.flush()
        people = [
            Person(family_name=f"Member{i}", given_names="Bulk", organisation_id=orgs[i % 40].id)
            for i in range(600)
        ]
        s.add_all(people)
        s.flush()
        for b in range(5):
            board = Board(name=f"Bulk Community Safety Partnership {b}", short_name=f"BCSP{b}")
            s.add(board)
            s.flush()
            numbers: dict[int, int] = {}
            for m in range(40):
                day = date(2016, 1, 13) + timedelta(days=35 * m)
                meeting = Meeting(board_id=board.id, date=day, state="minutes_approved")
                s.add(meeting)
                s.flush()
                for i in range(12):
                    item = AgendaItem(meeting_id=meeting.id, position=i + 1, title=f"Item {i}")
                    s.add(item)
                    s.flush()
                    numbers[day.year] = numbers.get(day.year, 0) + 1
                    minute = MinuteItem(
                        meeting_id=meeting.id,
                        board_id=board.id,
                        agenda_item_id=item.id,
                        position=i + 1,
                        numbering_year=day.year,
                        number=numbers[day.year],
                        title=f"Item {i}",
                        narrative="The partnership received the report. " * rng.randint(3, 30),
                    )
                    s.add(minute)
                    s.flush()
                    s.add(Resolution(minute_item_id=minute.id, position=1, text="noted"))
                    for a in range(3):
                        action = Action(
                            board_id=board.id,
                            minute_item_id=minute.id,
                            position=a + 1,
                            text=f"Follow up point {a} of item {i}",
                            created_on=day,
                            state=rng.choice(["open", "in_progress", "done", "dropped"]),
                        )
                        s.add(action)
                        s.flush()
                        owner = people[rng.randrange(len(people))]
                        s.add(ActionOwner(action_id=action.id, person_id=owner.id))
    database.dispose()


# -- the run -------------------------------------------------------------------------------------------
def median(samples: list[Sample], field: str) -> float:
    return statistics.median(getattr(s, field) for s in samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db", type=Path, required=True, help="database to open (built if missing)"
    )
    parser.add_argument("--runs", type=int, default=7, help="measured runs of each (default 7)")
    parser.add_argument(
        "--against", metavar="PYTHON", help="another checkout's Python, measured alternately"
    )
    args = parser.parse_args(argv)
    from cold_start import compile_scbmeet  # cold runs as an installed copy meets them

    compile_scbmeet()
    db = args.db.expanduser().resolve()
    if not db.exists():
        print(f"building {db} ...", flush=True)
        started = time.perf_counter()
        db.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="scbmeet-build-") as scratch:
            os.environ["SCBMEET_DATA_DIR"] = scratch  # keep the user's own folders out of it
            build_database(db)
        print(f"built in {time.perf_counter() - started:.1f} s", flush=True)
    bare = [sys.executable, "-c", bare_script()]
    app = [sys.executable, "-m", "scbmeet", "--db", str(db)]
    # -P: its own installed scbmeet, not the one in the current folder
    other = [args.against, "-P", "-m", "scbmeet", "--db", str(db)] if args.against else None
    with tempfile.TemporaryDirectory(prefix="scbmeet-bench-") as tmp:
        steady_dir = Path(tmp) / "steady"
        first_of_day = measure(app, child_env(Path(tmp) / "first-of-day"))
        measure(bare, child_env(steady_dir))  # warm-ups: disk cache, daily check done
        measure(app, child_env(steady_dir))
        if other:
            measure(other, child_env(steady_dir))
        bare_runs, app_runs, other_runs = [], [], []
        for _ in range(args.runs):
            bare_runs.append(measure(bare, child_env(steady_dir)))
            app_runs.append(measure(app, child_env(steady_dir)))
            if other:
                other_runs.append(measure(other, child_env(steady_dir)))
    report(db, bare_runs, app_runs, first_of_day)
    if other:
        print(
            f"\n{args.against}, alternating with the runs above: shown "
            f"{median(other_runs, 'shown_ms'):.0f} ms, ready {median(other_runs, 'ready_ms'):.0f}"
            f" ms, RSS {median(other_runs, 'rss_mb'):.0f} MB (this checkout: shown "
            f"{median(app_runs, 'shown_ms'):.0f} ms, ready {median(app_runs, 'ready_ms'):.0f} ms,"
            f" RSS {median(app_runs, 'rss_mb'):.0f} MB); load average {os.getloadavg()[0]:.1f}"
        )
    return 0


def report(db: Path, bare: list[Sample], app: list[Sample], first_of_day: Sample) -> None:
    size_mb = db.stat().st_size / 1_048_576
    ratio = median(app, "shown_ms") / median(bare, "shown_ms")
    ready_ratio = median(app, "ready_ms") / median(bare, "shown_ms")
    rss = median(app, "rss_mb")
    print(
        f"\nStart-up ({len(app)} runs each, medians, ms since process start), {db.name} "
        f"({size_mb:.1f} MB), Python {sys.version.split()[0]}, {sys.platform}"
    )
    print(f"{'':28}{'shown':>9}{'ready':>9}{'to exit':>9}{'RSS MB':>9}")
    rows = [
        ("bare PySide6 window", bare),
        ("scbmeet", app),
        ("scbmeet, first open of day", [first_of_day]),
    ]
    for name, samples in rows:
        print(
            f"{name:28}{median(samples, 'shown_ms'):9.0f}{median(samples, 'ready_ms'):9.0f}"
            f"{median(samples, 'wall_ms'):9.0f}{median(samples, 'rss_mb'):9.1f}"
        )
    print(
        f"\nwindow shown: scbmeet / bare = {ratio:.2f}x (target <= {TARGET_RATIO:.0f}x: "
        f"{'met' if ratio <= TARGET_RATIO else 'NOT met'}); database open and shown: "
        f"{ready_ratio:.2f}x; RSS {rss:.0f} MB (target < {TARGET_RSS_MB:.0f} MB: "
        f"{'met' if rss < TARGET_RSS_MB else 'NOT met'})"
    )


if __name__ == "__main__":
    raise SystemExit(main())

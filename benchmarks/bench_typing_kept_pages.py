"""Steady typing in minutes mode while the main window keeps the pages visited before.

    python benchmarks/bench_typing_kept_pages.py [--years 20] [--runs 3] [--keys 400]

A secretary opens the actions register (all states) and the chair's review, goes back to
the board's page and takes minutes: every autosave (each 700 ms here) is a change, and
each kept page follows changes. The minute-taker types ``--keys`` keys at a steady 40 a
second into an item's minute. Measured, in a fresh process each, alternating:

* **kept pages**: the main window holds the register and the review, behind another page;
* **baseline**: the same typing with the main window holding neither.

Printed for each: the reads of the register and the review made during the typing, the
CPU time of the worker threads, how long the GUI thread was held up (the 99th percentile
and the worst gap of a 2 ms timer) and the longest a single key took to handle. Every
word typed is checked to be in the minute afterwards.

A benchmark, not a test: it prints figures and never fails a build.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
TEXT = "The Board discussed the proposals and agreed to bring a report back in March. "
KEY_GAP_MS = 25  # 40 keys a second: a fast typist's steady rate
AUTOSAVE_MS = 700


def _counting_reads(services: Any) -> dict[str, int]:
    """Count the register's and the review's reads (wrapping the service's methods)."""
    counts = {"reads": 0}
    register = services.action_register
    for name in ("rows", "review"):
        read = getattr(register, name)

        def counted(*args: Any, _read: Any = read, **kwargs: Any) -> Any:
            counts["reads"] += 1
            return _read(*args, **kwargs)

        setattr(register, name, counted)
    return counts


def _keep_pages(app: Any, window: Any) -> None:
    """Visit the register (all states) and the review, then the board's page."""
    from bench_history import until

    window.navigate("actions", 1)
    register = window.current_page()
    until(lambda: not register.loading(), register.loaded)
    combo = register.state_combo
    combo.setCurrentIndex(combo.findText("All states"))
    until(lambda: not register.loading(), register.loaded)
    window.navigate("review", 1)
    review = window.current_page()
    until(lambda: review.review() is not None and not review.loading(), review.shown)
    window.navigate("board", 1)
    app.processEvents()


def child(db: Path, side: str, keys: int) -> dict[str, Any]:
    """One run in this fresh process: ``side`` is "kept" or "baseline"."""
    from bench_history import NEW_MEETING, _app, _services
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtTest import QTest

    from scbmeet.gui.minutes import MinutesWindow
    from scbmeet.gui.shell.extensions import install_extensions
    from scbmeet.gui.shell.main_window import MainWindow
    from scbmeet.gui.widgets.long_lived import settle_long_lived
    from scbmeet.storage.recovery import RecoveryStore

    with tempfile.TemporaryDirectory(prefix="scbmeet-bench-typing-") as name:
        folder = Path(name)
        os.environ["SCBMEET_DATA_DIR"] = str(folder)
        work = folder / "board.sqlite3"
        shutil.copy(db, work)
        app = _app()
        services = _services(work)
        counts = _counting_reads(services)
        window = MainWindow(services)
        install_extensions(window)
        window.resize(1024, 700)
        window.show()
        if side == "kept":
            _keep_pages(app, window)
        meeting = services.meetings.create_meeting(1, NEW_MEETING, standard_agenda=True)
        minutes = MinutesWindow(
            services,
            meeting.id,
            recovery_store=RecoveryStore(folder / "recovery"),
            autosave_ms=AUTOSAVE_MS,
        )
        minutes.resize(1024, 700)
        minutes.show()
        minutes.go_to(minutes.row_titled("Any other business"))
        app.processEvents()
        settle_long_lived()  # as the app does once its warm-up after start-up is over
        counts["reads"] = 0
        text = (TEXT * (keys // len(TEXT) + 1))[:keys]
        gaps, handled, last = [], [], [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append((now - last[0]) * 1000)
            last[0] = now

        letters = iter(text)
        loop = QEventLoop()

        def type_one() -> None:
            letter = next(letters, None)
            if letter is None:
                loop.quit()
                return
            started = time.perf_counter()
            QTest.keyClicks(minutes.narrative, letter)
            handled.append((time.perf_counter() - started) * 1000)

        ticker, typer = QTimer(), QTimer()
        ticker.setInterval(2)
        ticker.timeout.connect(tick)
        typer.setInterval(KEY_GAP_MS)
        typer.timeout.connect(type_one)
        cpu, gui = time.process_time(), time.thread_time()
        ticker.start()
        typer.start()
        loop.exec()
        typer.stop()
        ticker.stop()
        worker_cpu = (time.process_time() - cpu - (time.thread_time() - gui)) * 1000
        assert minutes.narrative.toPlainText() == text
        assert minutes.save_now()
        gaps.sort()
        return {
            "reads": counts["reads"],
            "worker_cpu": worker_cpu,
            "p99": gaps[int(len(gaps) * 0.99)],
            "worst": gaps[-1],
            "key_worst": max(handled),
            "key_median": statistics.median(handled),
            "worst_at": handled.index(max(handled)),
        }


def _spawn(db: Path, side: str, keys: int) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(db), side]
    proc = subprocess.run([*command, "--keys", str(keys)], capture_output=True, text=True)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"{side} failed:\n{proc.stdout}\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, nargs="+", default=[20])
    parser.add_argument("--runs", type=int, default=3, help="fresh processes of each (median)")
    parser.add_argument("--keys", type=int, default=400)
    parser.add_argument("--keep-dbs", type=Path, help="build (or reuse) the databases here")
    parser.add_argument("--child", nargs=2, metavar=("DB", "SIDE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    if args.child:
        print(json.dumps(child(Path(args.child[0]), args.child[1], args.keys)))
        return 0
    from build_large_db import build_large_db
    from cold_start import compile_scbmeet

    compile_scbmeet()
    with tempfile.TemporaryDirectory(prefix="scbmeet-bench-") as folder:
        home = args.keep_dbs or Path(folder)
        home.mkdir(parents=True, exist_ok=True)
        print(f"{args.keys} keys, one each {KEY_GAP_MS} ms, autosave every {AUTOSAVE_MS} ms;")
        print(f"medians of {args.runs} fresh processes of each side, alternating")
        for years in args.years:
            db = home / f"history-{years}.sqlite3"
            if not db.exists():
                build_large_db(db, years)
            runs: dict[str, list[dict[str, Any]]] = {"kept": [], "baseline": []}
            for _ in range(args.runs):
                for side in runs:
                    runs[side].append(_spawn(db, side, args.keys))
            for side, results in runs.items():
                med = {k: statistics.median(r[k] for r in results) for k in results[0]}
                print(
                    f"{years:>3} years  {side:<9} reads {med['reads']:.0f}  worker CPU"
                    f" {med['worker_cpu']:.0f} ms  GUI held up p99 {med['p99']:.0f} ms,"
                    f" worst {med['worst']:.0f} ms  key handled: median"
                    f" {med['key_median']:.1f} ms, worst {med['key_worst']:.0f} ms",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The history benchmark's screen figures still run against today's screens: a smoke run
on one year of history (each figure's steps drive the real windows, so a renamed row or
page stops the benchmark; this catches it in the suite rather than at the next rerun)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_history.py"
SCREENS = ("review", "review_first", "arising", "step", "allstates", "keystroke")


def test_the_screen_figures_run_on_one_year_of_history(tmp_path):
    quick = ["--years", "1", "--repeat", "1", "--cold", "1", "--keep-dbs", str(tmp_path)]
    done = subprocess.run(
        [sys.executable, str(BENCH), *quick, "--only", ",".join(SCREENS)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    shown = {line.split()[1] for line in done.stdout.splitlines() if line.startswith("    1 ")}
    assert shown == set(SCREENS)

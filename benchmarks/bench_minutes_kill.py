"""Benchmark: how much typing a SIGKILL of minutes mode loses, against the old saving.

Each trial copies the demo database, starts the real minutes process
(``python -m scbmeet.gui.minutes``), has it type steadily into one minute (a character
every 30 ms, as ``xdotool type --delay 30`` does, never a pause), kills it with SIGKILL at
a moment of the trial's (1 to 20 s into the typing, just after a word or in the middle of
one), reopens minutes mode in a fresh process and counts the words back. Trials alternate
between scbmeet as it is and the baseline, the old saving (only after 0.7 s of quiet, no
journal), in the same run. It reports, for each: words typed, words kept, the worst loss in
seconds (the target is under one second), whether every word finished a second before the
kill was back, whether a question was asked on reopening, and the hiccups in the typing
(how much longer than usual a word took to type, worst per trial: the median over the
trials and the worst of all; what the saving costs the typist).

    .venv/bin/python benchmarks/bench_minutes_kill.py [--trials 20]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from scbmeet.demo import build_demo
from scbmeet.gui.minutes.killtrial import Trial, kill_while_typing
from scbmeet.services import Services
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url

ITEM = "Integrated offender management"
MEETING_DATE = "2026-12-09"
INTERVAL_MS = 30
MOMENTS = [(1.0, False), (2.5, True), (4.0, False), (7.0, True), (20.0, False)]
SENTENCE = (
    "Supt Walsh reported that burglary had fallen by twelve per cent across the county while "
    "theft from vehicles rose in two wards and the Board asked partners to share data. "
)


@dataclass
class Tally:
    name: str
    trials: list[Trial] = field(default_factory=list)

    def line(self) -> str:
        typed = sum(t.typed for t in self.trials)
        kept = sum(t.kept for t in self.trials)
        worst = max(t.loss_s for t in self.trials)
        full = sum(1 for t in self.trials if t.kept >= t.typed_before(1.0))
        asked = sum(1 for t in self.trials if t.dialog_open)
        hiccups = [worst_hiccup_ms(t) for t in self.trials]
        return (
            f"{self.name:<28} {len(self.trials):>6} {typed:>6} {kept:>6} {worst:>9.2f} "
            f"{full:>4}/{len(self.trials):<4} {asked:>6} "
            f"{statistics.median(hiccups):>6.0f} / {max(hiccups):<4.0f}"
        )


def worst_hiccup_ms(trial: Trial) -> float:
    """The longest extra time between two finished words beyond their typing time."""
    worst = 0.0
    times = trial.finished_at
    for index in range(1, len(times)):
        expected = (len(trial.words[index]) + 1) * INTERVAL_MS / 1000
        worst = max(worst, times[index] - times[index - 1] - expected)
    return worst * 1000


def build_database(folder: Path) -> Path:
    path = folder / "demo.sqlite3"
    db = open_database(sqlite_url(path))
    build_demo(Services(db), today=date(2026, 11, 21))
    db.dispose()
    return path


def run(trials: int, folder: Path) -> tuple[Tally, Tally]:
    os.environ["SCBMEET_DATA_DIR"] = str(folder / "data")
    template = build_database(folder)
    now, old = Tally("scbmeet (max wait + journal)"), Tally("old saving (0.7 s of quiet)")
    for number in range(trials):
        after_s, mid_word = MOMENTS[number % len(MOMENTS)]
        for tally, old_saving in (
            ((now, False), (old, True)) if number % 2 == 0 else ((old, True), (now, False))
        ):
            work = folder / f"trial-{number}-{'old' if old_saving else 'now'}"
            work.mkdir()
            db = work / "meeting.sqlite3"
            shutil.copyfile(template, db)
            env = {"SCBMEET_DATA_DIR": str(work / "data"), "XDG_CONFIG_HOME": str(work / "cfg")}
            trial = kill_while_typing(
                db,
                MEETING_DATE,
                ITEM,
                SENTENCE * 20,
                work,
                after_s=after_s,
                mid_word=mid_word,
                old_saving=old_saving,
                interval_ms=INTERVAL_MS,
                env=env,
            )
            tally.trials.append(trial)
            print(
                f"  trial {number + 1:>2} {tally.name[:10]:<10} killed {after_s:>4.1f} s in"
                f"{' mid-word' if mid_word else ''}: {trial.kept}/{trial.typed} words back, "
                f"lost {trial.loss_s:.2f} s",
                flush=True,
            )
            shutil.rmtree(work / "data", ignore_errors=True)
    return now, old


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20, help="trials of each (default 20)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="scbmeet-kill-") as tmp:
        now, old = run(args.trials, Path(tmp))
    print()
    print(
        f"{'':<28} {'trials':>6} {'typed':>6} {'kept':>6} {'worst (s)':>9} "
        f"{'all 1 s+':>9} {'asked':>6} {'hiccup ms (median / worst)':>26}"
    )
    print(now.line())
    print(old.line())


if __name__ == "__main__":
    main()

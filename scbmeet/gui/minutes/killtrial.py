"""Killing the real minutes process mid-typing and counting what came back (tests, benchmark).

:func:`kill_while_typing` starts ``python -m scbmeet.gui.minutes`` on a database, has it
type a text steadily into one minute (see :mod:`scbmeet.gui.minutes.testhook`), kills it
with SIGKILL at the moment asked for, then reopens minutes mode in a fresh process and
reads what it shows. What counts as typed when is decided from the times the typing
driver wrote as each word was finished, never from the test's own clock guesses; the kill
is sent just after a word was seen finished, so it lands within a keystroke or two of the
typing (and only while the app is keeping up with it).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from scbmeet.domain.errors import ScbmeetError

POLL_S = 0.005
SCRIPT_ENV = "SCBMEET_MINUTES_SCRIPT"  # the script the minutes process plays (testhook)


@dataclass(frozen=True)
class Trial:
    """One kill: when each word was finished, when the kill was sent, and what came back."""

    words: list[str]
    finished_at: list[float]  # the time each typed word was finished (the driver's record)
    killed_at: float
    kept_text: str  # the minute's text after reopening
    notice: str
    dialog_open: bool  # a question was asked on reopening

    @property
    def typed(self) -> int:
        return sum(1 for t in self.finished_at if t <= self.killed_at)

    def typed_before(self, seconds: float) -> int:
        """Words finished at least ``seconds`` before the kill."""
        return sum(1 for t in self.finished_at if t <= self.killed_at - seconds)

    @property
    def kept(self) -> int:
        """How many of the typed words, from the first, are back in order."""
        kept_words = self.kept_text.split()
        count = 0
        for typed, back in zip(self.words[: self.typed], kept_words, strict=False):
            if typed != back:
                break
            count += 1
        return count

    @property
    def loss_s(self) -> float:
        """How much typing was lost, in seconds: from the first word not back to the kill."""
        if self.kept >= self.typed:
            return 0.0
        return self.killed_at - self.finished_at[self.kept]


def minutes_command(db: Path, meeting_date: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "scbmeet.gui.minutes",
        "--db",
        str(db),
        "--meeting-date",
        meeting_date,
    ]


def kill_while_typing(
    db: Path,
    meeting_date: str,
    item: str,
    text: str,
    work: Path,
    *,
    after_s: float,
    mid_word: bool = False,
    old_saving: bool = False,
    interval_ms: int = 30,
    env: dict[str, str] | None = None,
    first: list[dict] | None = None,
    kept_from: str = "saved",
) -> Trial:
    """Type ``text`` into ``item``, kill the app ``after_s`` seconds into the typing (just
    after a word, or ``mid_word``), reopen and read what is there. ``first``: steps played
    before the typing (a key that opens a dialog, say); ``kept_from``: what of the reopened
    window's report holds the text (``saved``: the minute; ``drafts``: the first draft)."""
    work.mkdir(parents=True, exist_ok=True)
    progress = work / "progress.txt"
    progress.unlink(missing_ok=True)
    typing = [
        {"go": item},
        *(first or []),
        {"type_steadily": text, "interval_ms": interval_ms, "progress_file": str(progress)},
    ]
    child = _start(
        db, meeting_date, work / "type.json", {"steps": typing, "old_saving": old_saving}, env
    )
    try:
        finished = _wait_words(progress, child, 1, timeout_s=60)
        started = finished[0]
        while True:  # kill just after a word is seen finished, once the time has come
            seen = len(finished)
            finished = _wait_words(progress, child, seen + 1, timeout_s=30)
            if finished[-1] >= started + after_s:
                break
        if mid_word:
            time.sleep(interval_ms / 1000 * 2.5)
        killed_at = time.time()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        if child.returncode != -signal.SIGKILL:
            raise ScbmeetError(f"the minutes process ended by itself ({child.returncode})")
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    finished = _read_words(progress)
    shown = reopen_and_report(db, meeting_date, item, work, env)
    return Trial(
        words=text.split(),
        finished_at=finished,
        killed_at=killed_at,
        kept_text=_kept(shown, kept_from),
        notice=shown["notice"],
        dialog_open=shown["dialog_open"],
    )


def _kept(shown: dict, kept_from: str) -> str:
    kept = shown[kept_from]
    if isinstance(kept, list):
        return str(kept[0]) if kept else ""
    return str(kept or "")


def reopen_and_report(
    db: Path, meeting_date: str, item: str, work: Path, env: dict[str, str] | None = None
) -> dict:
    """Open minutes mode again in a fresh process; what it shows for ``item``."""
    out = work / "report.json"
    out.unlink(missing_ok=True)
    steps = [{"go": item}, {"report": str(out)}, {"quit": True}]
    child = _start(db, meeting_date, work / "reopen.json", {"steps": steps}, env)
    try:
        child.wait(timeout=120)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        raise ScbmeetError("minutes mode did not reopen in time") from None
    if not out.exists():
        log = (work / "reopen.log").read_text(encoding="utf-8")
        raise ScbmeetError(f"minutes mode did not reopen: {log}")
    return json.loads(out.read_text(encoding="utf-8"))


def _start(
    db: Path, meeting_date: str, script: Path, content: dict, env: dict[str, str] | None
) -> subprocess.Popen[str]:
    script.write_text(json.dumps(content), encoding="utf-8")
    full_env = {**os.environ, **(env or {}), SCRIPT_ENV: str(script)}
    full_env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with open(script.with_suffix(".log"), "w", encoding="utf-8") as log:  # never a full pipe
        return subprocess.Popen(
            minutes_command(db, meeting_date),
            env=full_env,
            stdout=subprocess.DEVNULL,
            stderr=log,
            text=True,
        )


def _wait_words(
    progress: Path, child: subprocess.Popen[str], count: int, timeout_s: float
) -> list[float]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        finished = _read_words(progress)
        if len(finished) >= count:
            return finished
        if child.poll() is not None:
            raise ScbmeetError(f"the minutes process ended early (see {progress.parent})")
        time.sleep(POLL_S)
    raise ScbmeetError("the minutes process stopped typing")


def _read_words(progress: Path) -> list[float]:
    try:
        lines = progress.read_text(encoding="utf-8").split("\n")
    except FileNotFoundError:
        return []
    return [float(line.split()[1]) for line in lines[:-1]]  # the last is being written

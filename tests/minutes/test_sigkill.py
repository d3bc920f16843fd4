"""Killing the app mid-meeting loses nothing typed more than a second earlier.

The app runs in a child process (``python -m scbmeet.gui.minutes``) that types into a
minute from a script; one second after the last keystroke the test kills it with SIGKILL,
reopens the database, finds the text, and checks the database's integrity.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scbmeet.gui.minutes.testhook import SCRIPT_ENV
from scbmeet.services import Services
from scbmeet.services.integrity import check_database
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url

TEXT = "Supt Walsh reported a fall in burglary across the county."
SAVE_PROMISE_S = 1.0  # every change reaches the database within a second of the last keystroke


def _wait_for(path: Path, child: subprocess.Popen, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
        if child.poll() is not None:
            raise AssertionError(
                f"the app exited early: {child.stderr.read() if child.stderr else ''}"
            )
        time.sleep(0.02)
    raise AssertionError("the app did not finish typing in time")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is a POSIX signal")
def test_text_survives_sigkill_one_second_after_typing(demo, tmp_path):
    services, summary = demo
    meeting = services.meetings.meeting(summary.upcoming_meeting_id)
    path = services.db.path
    services.db.dispose()
    done = tmp_path / "typed.json"
    script = tmp_path / "script.json"
    script.write_text(
        json.dumps(
            {
                "steps": [{"go": "Integrated offender management"}, {"type": TEXT}],
                "done_file": str(done),
            }
        ),
        encoding="utf-8",
    )
    env = {**os.environ, SCRIPT_ENV: str(script), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "scbmeet.gui.minutes",
            "--db",
            str(path),
            "--meeting-date",
            meeting.date.isoformat(),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        typed_at = _wait_for(done, child, timeout=30)["typed_at"]
        time.sleep(max(0.0, typed_at + SAVE_PROMISE_S - time.time()))
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()

    db = open_database(sqlite_url(path))
    try:
        minutes = Services(db).minutes.minutes(meeting.id)
        assert [
            m.narrative for m in minutes if m.title == "Integrated offender management update"
        ] == [TEXT]
        assert check_database(db) == []
    finally:
        db.dispose()

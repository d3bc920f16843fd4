"""Killing the app mid-meeting loses nothing typed more than a second earlier.

The app runs in a child process (``python -m scbmeet.gui.minutes``) that types into a
minute from a script. In the first test it is killed with SIGKILL one second after the
last keystroke; in the others it is killed in the middle of steady typing (a character
every 30 ms, never a pause), at different moments, and minutes mode is reopened in a
fresh process: every word finished at least a second before the kill - as the typing
driver recorded it - must be back, with no question asked.
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

from scbmeet.gui.minutes.killtrial import kill_while_typing
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


SENTENCE = (
    "Supt Walsh reported that burglary had fallen by twelve per cent across the county while "
    "theft from vehicles rose in two wards and the Board asked partners to share data. "
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is a POSIX signal")
@pytest.mark.parametrize(
    ("after_s", "mid_word"),
    [
        (2.0, False),  # just after a keystroke
        (3.0, True),  # in the middle of a word
        (12.0, False),  # after twelve seconds of typing without a pause (15 maximum waits)
    ],
    ids=["after-a-keystroke", "mid-word", "after-12s-of-steady-typing"],
)
def test_every_word_typed_a_second_before_a_kill_in_steady_typing_is_back(
    demo, tmp_path, after_s, mid_word
):
    services, summary = demo
    meeting = services.meetings.meeting(summary.upcoming_meeting_id)
    path = services.db.path
    services.db.dispose()
    env = {"SCBMEET_DATA_DIR": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    trial = kill_while_typing(
        path,
        meeting.date.isoformat(),
        "Integrated offender management",
        SENTENCE * 8,
        tmp_path / "trial",
        after_s=after_s,
        mid_word=mid_word,
        env=env,
    )
    promised = trial.typed_before(SAVE_PROMISE_S)
    assert promised >= 3  # the typing was well under way
    assert trial.kept >= promised, f"{trial.kept} of {trial.typed} words back, {promised} promised"
    assert not trial.dialog_open  # put back with no question asked
    db = open_database(sqlite_url(path))
    try:
        assert check_database(db) == []
    finally:
        db.dispose()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is a POSIX signal")
@pytest.mark.parametrize(
    ("opens", "kind"),
    [
        ([{"key": "A", "with": ["ctrl", "shift"]}], "Action"),
        ([{"key": "R", "with": ["ctrl"]}], "RESOLVED"),
    ],
    ids=["action-dialog", "resolution-dialog"],
)
def test_text_typed_in_a_dialog_before_ok_survives_a_kill(demo, tmp_path, opens, kind):
    """Killed with the dialog open, mid-typing: what was typed a second before is put back
    as an unfinished entry under its item (not a dialog), and the notice says so."""
    services, summary = demo
    meeting = services.meetings.meeting(summary.upcoming_meeting_id)
    path = services.db.path
    services.db.dispose()
    env = {"SCBMEET_DATA_DIR": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    trial = kill_while_typing(
        path,
        meeting.date.isoformat(),
        "Integrated offender management",
        SENTENCE * 3,
        tmp_path / "trial",
        after_s=3.0,
        env=env,
        first=[*opens, {"wait_for_dialog": True}],
        kept_from="drafts",
    )
    promised = trial.typed_before(SAVE_PROMISE_S)
    assert promised >= 3
    assert trial.kept >= promised, f"{trial.kept} of {trial.typed} words back, {promised} promised"
    assert not trial.dialog_open  # listed, not opened over the typing
    assert "not yet saved" in trial.notice and "Enter finishes it" in trial.notice
    shown = json.loads((tmp_path / "trial" / "report.json").read_text(encoding="utf-8"))
    assert [f"{kind} (unfinished, not yet saved)", trial.kept_text] in shown["records"]

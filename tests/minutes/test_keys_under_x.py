"""Typing at full speed through a dialog in the real window under X (Xvfb, keys from xdotool):
the keys typed straight after Ctrl+Shift+A, before the new dialog has the keyboard, and
straight after OK, before the minute has it back, all land where they belong.

Needs the ``Xvfb`` and ``xdotool`` programs (as the desktop tests of the issue use them)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time

import pytest

from scbmeet.gui.minutes.killtrial import minutes_command
from scbmeet.gui.minutes.testhook import SCRIPT_ENV
from scbmeet.services import Services
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool"
)


@pytest.fixture
def display():
    """A private X server (the display number it chose itself)."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1024x700x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as chosen:
        number = chosen.readline().strip()
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


KEYSYMS = {" ": "space", ".": "period"}


def _keys(text: str) -> list[str]:
    """Text as xdotool key names, so keys and text go in one run."""
    return [KEYSYMS.get(char, char) for char in text]


def _wait(condition, timeout_s: float, what: str):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"{what} did not happen in {timeout_s} s")


def _minute(path, meeting_id, title):
    db = open_database(sqlite_url(path))
    try:
        minutes = Services(db).minutes.minutes(meeting_id)
        return next((m for m in minutes if m.title.startswith(title)), None)
    finally:
        db.dispose()


def test_keys_typed_at_full_speed_through_the_action_dialog_are_all_kept(demo, tmp_path, display):
    services, summary = demo
    meeting = services.meetings.meeting(summary.upcoming_meeting_id)
    path = services.db.path
    services.db.dispose()
    ready = tmp_path / "ready.json"
    script = tmp_path / "script.json"
    script.write_text(
        json.dumps({"steps": [{"go": "Integrated offender management"}], "done_file": str(ready)})
    )
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        SCRIPT_ENV: str(script),
        "SCBMEET_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
    }
    with open(tmp_path / "app.log", "w") as log:
        app = subprocess.Popen(
            minutes_command(path, meeting.date.isoformat()),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
    try:
        _wait(ready.exists, 60, "minutes mode opening")

        def xdotool(*args: str) -> None:
            subprocess.run(["xdotool", *args], env=env, check=True, timeout=60)

        xdotool("mousemove", "140", "218", "click", "1")  # the item's row, as a person would
        # One xdotool run, so no pause comes between the keys: 12 ms a key throughout.
        xdotool(
            "key",
            "--delay",
            "12",
            *_keys("Intro. "),
            "ctrl+shift+a",  # and at once:
            *_keys("Bring the figures"),
            "Tab",
            *_keys("Rachel Okafor"),
            "Return",  # OK, and at once:
            *_keys("Then the next point."),
        )

        def all_saved():
            minute = _minute(path, meeting.id, "Integrated offender management")
            if minute and minute.narrative.endswith("point.") and minute.actions:
                return minute
            return None

        try:
            minute = _wait(all_saved, 20, "saving what was typed")
        except AssertionError:
            minute = _minute(path, meeting.id, "Integrated offender management")
            raise AssertionError(f"what reached the minute: {minute}") from None
        assert minute.narrative == "Intro. Then the next point."
        assert [(a.text, a.owner_line) for a in minute.actions] == [
            ("Bring the figures", "Rachel Okafor")
        ]
    finally:
        app.kill()
        app.wait(timeout=10)

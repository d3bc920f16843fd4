"""Scripted keystrokes for a minutes window in a child process (used by the tests).

``SCBMEET_MINUTES_SCRIPT=/path/script.json`` makes ``python -m scbmeet.gui.minutes`` play::

    {"steps": [{"go": "Strategic assessment"}, {"type": "The board"}, {"key": "Return"}],
     "done_file": "/path/typed.json"}

``go`` opens the first agenda row whose title contains the text; ``type`` sends the text
as key presses to the widget with the keyboard (the minute's text if none); ``key`` sends
one named key (``Return``, ``F2``...). When every step has been played, ``done_file`` is
written (atomically) with the time of the last keystroke, so the test knows when to start
counting the save delay.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from scbmeet.gui.minutes.window import MinutesWindow

SCRIPT_ENV = "SCBMEET_MINUTES_SCRIPT"


def run_script(window: MinutesWindow, path: Path) -> None:
    script = json.loads(path.read_text(encoding="utf-8"))
    for step in script.get("steps", []):
        play(window, step)
    done = script.get("done_file")
    if done:
        write_atomically(Path(done), json.dumps({"typed_at": time.time()}))


def play(window: MinutesWindow, step: dict[str, Any]) -> None:
    if "go" in step:
        window.go_to(window.row_titled(str(step["go"])))
    elif "type" in step:
        QTest.keyClicks(_target(window), str(step["type"]))
    elif "key" in step:
        QTest.keyClick(_target(window), getattr(Qt.Key, f"Key_{step['key']}"))


def _target(window: MinutesWindow) -> QWidget:
    focused = QApplication.focusWidget()
    return focused if focused is not None else window.narrative


def write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)

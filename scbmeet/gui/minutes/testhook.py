"""Scripted keystrokes for a minutes window in a child process (used by the tests).

``SCBMEET_MINUTES_SCRIPT=/path/script.json`` makes ``python -m scbmeet.gui.minutes`` play::

    {"steps": [{"go": "Strategic assessment"}, {"type": "The board"}, {"key": "Return"}],
     "done_file": "/path/typed.json"}

``go`` opens the first agenda row whose title contains the text; ``type`` sends the text
as key presses to the widget with the keyboard (the minute's text if none); ``key`` sends
one named key (``Return``, ``F2``...), ``"with": ["ctrl", "shift"]`` held down with it;
``{"wait_for_dialog": true}`` waits until a dialog has the keyboard. ``{"type_steadily": text, "interval_ms": 30,
"progress_file": path}`` types one character every ``interval_ms`` as a person would, the
event loop running between keys (so timers fire), and appends ``index time`` to the
progress file as each word is finished (the SIGKILL tests decide from it what was typed
when). ``{"report": path}`` writes what the window shows (narrative, notice, whether a
dialog is open) and ``{"quit": true}`` closes the window. ``"old_saving": true`` at the top
turns the maximum wait and the journal off (the benchmark's baseline). When every step has
been played, ``done_file`` is written (atomically) with the time of the last keystroke, so
the test knows when to start counting the save delay.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from scbmeet.gui.minutes.killtrial import SCRIPT_ENV as SCRIPT_ENV
from scbmeet.gui.minutes.window import MinutesWindow
from scbmeet.storage.journal import Entry, Journal

MODIFIERS = {
    "ctrl": Qt.KeyboardModifier.ControlModifier,
    "shift": Qt.KeyboardModifier.ShiftModifier,
    "alt": Qt.KeyboardModifier.AltModifier,
}
_TYPING: list[SteadyTyping] = []  # the typing under way (kept alive here)


def run_script(window: MinutesWindow, path: Path, tries: int = 300) -> None:
    if not window.isActiveWindow() and tries > 0:  # shortcuts need the window active
        QTimer.singleShot(10, lambda: run_script(window, path, tries - 1))
        return
    script = json.loads(path.read_text(encoding="utf-8"))
    if script.get("old_saving"):
        use_old_saving(window)
    play_from(window, list(script.get("steps", [])), script.get("done_file"))


def play_from(window: MinutesWindow, steps: list[dict[str, Any]], done: str | None) -> None:
    """Play the steps in turn; a steady typing step carries on from the event loop, and so
    does waiting for a dialog to have the keyboard."""
    while steps:
        step = steps.pop(0)
        if "type_steadily" in step:
            _TYPING.append(SteadyTyping(window, step, lambda: play_from(window, steps, done)))
            return
        if step.get("wait_for_dialog") and not _dialog_has_keyboard():
            steps.insert(0, step)
            QTimer.singleShot(10, lambda: play_from(window, steps, done))
            return
        play(window, step)
    if done:
        write_atomically(Path(done), json.dumps({"typed_at": time.time()}))


class SteadyTyping:
    """One character every ``interval_ms``, with the time each word was finished."""

    def __init__(self, window: MinutesWindow, step: dict[str, Any], then: Callable[[], None]):
        self.window, self.then = window, then
        self.text = str(step["type_steadily"])
        self.at = 0
        self.words = 0
        self.progress = open(step["progress_file"], "a", encoding="utf-8")  # noqa: SIM115
        self.timer = QTimer(window)
        self.timer.setInterval(int(step.get("interval_ms", 30)))
        self.timer.timeout.connect(self._next)
        self.timer.start()

    def _next(self) -> None:
        if self.at >= len(self.text):
            self.timer.stop()
            self.progress.close()
            self.then()
            return
        char = self.text[self.at]
        QTest.keyClicks(_target(self.window), char)
        self.at += 1
        ends_word = self.at == len(self.text) or self.text[self.at] == " "
        if char != " " and ends_word:
            self.progress.write(f"{self.words} {time.time():.4f}\n")
            self.progress.flush()  # for the test's eyes; the kill test reads it at once
            self.words += 1


def _dialog_has_keyboard() -> bool:
    dialog, focus = QApplication.activeModalWidget(), QApplication.focusWidget()
    return dialog is not None and focus is not None and dialog.isAncestorOf(focus)


def use_old_saving(window: MinutesWindow) -> None:
    """The saving of old: only after a quiet delay, and no journal (the baseline)."""
    keeper = window.keeper
    keeper.max_wait_ms = 10**9
    keeper.journal.close()
    keeper.journal = NoJournal(keeper.journal.path)


class NoJournal(Journal):
    """A journal that writes nothing."""

    def record(self, entry: Entry) -> None:
        pass

    def forget(self, key: Iterable[Any]) -> None:
        pass


def report(window: MinutesWindow, path: Path) -> None:
    key = window.current_key()
    minute = window.minute_for(key, fresh=True) if key is not None else None
    shown = {
        "narrative": window.narrative.toPlainText(),
        "saved": minute.narrative if minute else None,
        "notice": window.notice_label.text() if window.notice_frame.isVisible() else "",
        "dialog_open": QApplication.activeModalWidget() is not None,
        "drafts": [d.text for d in window.drafts.waiting.values()],
        "records": [
            [str(window.records_model.index(r, c).data()) for c in range(2)]
            for r in range(window.records_model.rowCount())
        ],
    }
    write_atomically(path, json.dumps(shown))


def play(window: MinutesWindow, step: dict[str, Any]) -> None:
    if "go" in step:
        window.go_to(window.row_titled(str(step["go"])))
    elif "type" in step:
        QTest.keyClicks(_target(window), str(step["type"]))
    elif "key" in step:
        modifiers = Qt.KeyboardModifier.NoModifier
        for name in step.get("with", []):  # "ctrl", "shift", "alt"
            modifiers |= MODIFIERS[name]
        QTest.keyClick(_target(window), getattr(Qt.Key, f"Key_{step['key']}"), modifiers)
    elif "report" in step:
        report(window, Path(step["report"]))
    elif step.get("quit"):
        window.close()
        QApplication.quit()


def _target(window: MinutesWindow) -> QWidget:
    focused = QApplication.focusWidget()
    return focused if focused is not None else window.narrative


def write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)

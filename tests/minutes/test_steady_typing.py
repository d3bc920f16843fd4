"""Steady typing, with never a pause, is saved as it goes (the maximum wait), not only once
the typist stops; and it stays one step for undo."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest

TEXT = "Supt Walsh reported a fall in burglary across the county and the Board welcomed it. " * 2


class Typist:
    """A character every 30 ms, from the event loop, as a person types."""

    def __init__(self, widget, text: str) -> None:
        self.widget, self.text, self.at = widget, text, 0
        self.timer = QTimer()
        self.timer.setInterval(30)
        self.timer.timeout.connect(self._next)
        self.timer.start()

    def _next(self) -> None:
        if self.at >= len(self.text):
            self.timer.stop()
            return
        QTest.keyClicks(self.widget, self.text[self.at])
        self.at += 1

    @property
    def typing(self) -> bool:
        return self.timer.isActive()


def _stored(services, window, key) -> str:
    minute = window.minute_for(key, fresh=True)
    return minute.narrative if minute else ""


def test_steady_typing_reaches_the_database_while_it_goes_on(qtbot, demo, window):
    services, _ = demo
    key = window.row_titled("Performance report")
    window.go_to(key)
    assert window.keeper.delay_ms == 700  # the quiet delay alone would never fire here
    typist = Typist(window.narrative, TEXT)
    qtbot.waitUntil(lambda: len(_stored(services, window, key)) > 20, timeout=10000)
    assert typist.typing  # saved mid-flow: the typist has not stopped
    saved = _stored(services, window, key)
    assert TEXT.startswith(saved)
    qtbot.waitUntil(lambda: len(_stored(services, window, key)) > len(saved), timeout=10000)
    assert typist.typing  # and again, still without a pause
    qtbot.waitUntil(lambda: not typist.typing, timeout=30000)
    assert window.save_now()
    assert _stored(services, window, key) == TEXT
    window.undo()  # the saves in the middle did not cut the typing into steps
    assert window.narrative.toPlainText() == ""

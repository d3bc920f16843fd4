"""Fixtures for the minutes-mode GUI tests: open the window, press keys where the keyboard is.

Keys are sent to whichever widget has the keyboard (``QApplication.focusWidget()``), so
the tests take the meeting as a minute-taker would, from the keyboard alone.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from scbmeet.gui.minutes import MinutesWindow
from scbmeet.storage.recovery import RecoveryStore

MODIFIERS = {
    "ctrl": Qt.KeyboardModifier.ControlModifier,
    "shift": Qt.KeyboardModifier.ShiftModifier,
    "alt": Qt.KeyboardModifier.AltModifier,
}


def open_window(qtbot, services, meeting_id, store_dir, *, autosave_ms=700) -> MinutesWindow:
    window = MinutesWindow(
        services, meeting_id, recovery_store=RecoveryStore(store_dir), autosave_ms=autosave_ms
    )
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    return window


def focused() -> QWidget:
    widget = QApplication.activeModalWidget() or QApplication.activeWindow()
    focus = QApplication.focusWidget()
    assert focus is not None, "nothing has the keyboard"
    assert widget is None or focus.window() is widget or widget.isAncestorOf(focus)
    return focus


def type_text(text: str) -> None:
    """Type into whatever has the keyboard, as a user would."""
    QTest.keyClicks(focused(), text)


def press(combo: str) -> None:
    """``press("ctrl+shift+a")``, ``press("Return")``, ``press("alt+Down")``."""
    *mods, name = combo.split("+")
    modifiers = Qt.KeyboardModifier.NoModifier
    for mod in mods:
        modifiers |= MODIFIERS[mod.lower()]
    key = getattr(Qt.Key, f"Key_{name.upper() if len(name) == 1 else name}")
    QTest.keyClick(focused(), key, modifiers)


def modal(qtbot, kind: type[QDialog] = QDialog) -> QDialog:
    """The dialog just opened, once it has the keyboard."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind), timeout=2000)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, kind)
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()), timeout=2000)
    return dialog


def no_modal(qtbot) -> None:
    """The dialog has closed and the keyboard is back in the window."""
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=2000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)


def arising_in_hand(qtbot, window) -> None:
    """Matters arising's list, read off the GUI thread, is on the page with the keyboard."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.arising.view, timeout=2000)
    assert not window.arising.loading()


class Keyboard:
    """``kb.type("text")``, ``kb.press("ctrl+shift+a")``, ``kb.modal()`` for the open dialog."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot

    def type(self, text: str) -> None:
        type_text(text)

    def press(self, *combos: str) -> None:
        for combo in combos:
            press(combo)

    def modal(self, kind: type[QDialog] = QDialog) -> QDialog:
        return modal(self.qtbot, kind)

    def no_modal(self) -> None:
        no_modal(self.qtbot)

    def arising_in_hand(self, window) -> None:
        arising_in_hand(self.qtbot, window)


@pytest.fixture
def kb(qtbot) -> Keyboard:
    return Keyboard(qtbot)


@pytest.fixture
def open_minutes(qtbot):
    """``open_minutes(services, meeting_id, recovery_folder)``: a shown minutes window."""
    return lambda services, meeting_id, store_dir, **kw: open_window(
        qtbot, services, meeting_id, store_dir, **kw
    )


@pytest.fixture
def window(qtbot, demo, tmp_path):
    """Minutes mode on the demo's upcoming meeting (9 December 2026)."""
    services, summary = demo
    win = open_window(qtbot, services, summary.upcoming_meeting_id, tmp_path / "recovery")
    yield win
    win.close()

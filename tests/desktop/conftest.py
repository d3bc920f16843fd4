"""Fixtures for the desktop app's tests: private QSettings, a pinned date, scripted prompts.

Every message box, file chooser and modal dialog the app would show goes through a
function in :mod:`scbmeet.gui.widgets.dialogs` (or :mod:`scbmeet.gui.hooks`); here they are
replaced by a :class:`Prompts` recorder, so tests say what the user answers and see what
was asked, and a test fails if Qt tries to show a real message box.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox

from scbmeet.gui import hooks
from scbmeet.gui.shell.app import create_application
from scbmeet.gui.widgets import clock, dialogs

DEMO_TODAY = date(2026, 11, 21)


@dataclass
class Prompts:
    """What the (pretend) user answers, and what the app asked."""

    discard: bool = True  # answer to "Discard what you have typed?"
    agree: bool = True  # answer to confirm()
    open_files: list[Path] = field(default_factory=list)
    save_path: Path | None = None
    discard_asked: int = 0
    confirmations: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    opened: list[Path] = field(default_factory=list)
    dialogs: list[Callable[[QDialog], bool]] = field(default_factory=list)
    shown: list[QDialog] = field(default_factory=list)

    def on_dialog(self, handler: Callable[[Any], bool]) -> None:
        """Handle the next modal dialog: ``handler(dialog)`` fills it and returns accepted."""
        self.dialogs.append(handler)

    def run_dialog(self, dialog: QDialog) -> bool:
        self.shown.append(dialog)
        if not self.dialogs:
            raise AssertionError(f"unexpected dialog {type(dialog).__name__}")
        return self.dialogs.pop(0)(dialog)


def _no_message_box(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError(f"a real message box was opened: {args[1:3]}")


@pytest.fixture(autouse=True)
def prompts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, qapp: Any) -> Iterator[Prompts]:
    create_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    clock.set_today(DEMO_TODAY)
    recorded = Prompts()

    def ask_discard(_parent: Any) -> bool:
        recorded.discard_asked += 1
        return recorded.discard

    def confirm(_parent: Any, _title: str, text: str, *, yes: str = "OK") -> bool:
        recorded.confirmations.append(text)
        return recorded.agree

    monkeypatch.setattr(dialogs, "ask_discard", ask_discard)
    monkeypatch.setattr(dialogs, "confirm", confirm)
    monkeypatch.setattr(dialogs, "inform", lambda _p, _t, text: recorded.messages.append(text))
    monkeypatch.setattr(dialogs, "report", lambda _p, exc: recorded.errors.append(exc))
    monkeypatch.setattr(dialogs, "run_dialog", recorded.run_dialog)
    monkeypatch.setattr(dialogs, "choose_open_files", lambda *_a: list(recorded.open_files))
    monkeypatch.setattr(dialogs, "choose_save_path", lambda *_a: recorded.save_path)
    monkeypatch.setattr(hooks, "open_file", lambda path: recorded.opened.append(path) or True)
    for name in ("warning", "critical", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, _no_message_box)
    yield recorded
    clock.set_today(None)


@pytest.fixture
def demo_services(demo: Any) -> Any:
    services, _summary = demo
    return services


@pytest.fixture
def upcoming(demo: Any) -> int:
    return demo[1].upcoming_meeting_id


def builder_in_window(qtbot: Any, services: Any, meeting_id: int, size: tuple[int, int]) -> Any:
    """The agenda builder of a meeting's page in a main window shown at ``size``."""
    from scbmeet.gui.agenda.builder import AgendaBuilder
    from scbmeet.gui.shell.main_window import MainWindow

    window = MainWindow(services, demo=True)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.navigate("meeting", meeting_id)
    widget = window.current_page().builder
    assert isinstance(widget, AgendaBuilder)
    qtbot.waitUntil(widget.view.isVisible)
    return widget

"""Starting the real app on a database as the command line does (``Launcher``), for tests
of what happens once its first page is ready (the warm-up, pages opened after it)."""

from __future__ import annotations

from typing import Any

from scbmeet.gui.shell.app import Launcher
from scbmeet.gui.shell.main_window import MainWindow


def started(qtbot: Any, demo: Any) -> tuple[Launcher, MainWindow]:
    """The app launched on the demo's file, its database attached and its warm-up made."""
    services, _summary = demo
    launcher = Launcher(str(services.db.path))
    launcher.start()
    window = launcher.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.attached and launcher.warm_up is not None, timeout=5000)
    return launcher, window

"""Start-up makes only the services the navigator and the first page use before that page
is shown, all of them off the GUI thread; the others follow in the background once the
page is up (issue 14: the services imported every module before the first page)."""

from __future__ import annotations

import threading

import pytest

from scbmeet.gui.shell import app
from scbmeet.gui.shell.app import Launcher
from scbmeet.gui.shell.opening import FIRST_PAGE_SERVICES
from scbmeet.services import SERVICE_NAMES, Services


@pytest.fixture
def made_on(monkeypatch):
    """Each service's name, as it is made, with whether the GUI thread made it."""
    made: dict[str, bool] = {}
    for name in SERVICE_NAMES:
        prop = vars(Services)[name]

        def recording(services, name=name, make=prop.func):
            made[name] = threading.current_thread() is threading.main_thread()
            return make(services)

        monkeypatch.setattr(prop, "func", recording)
    return made


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # the window is shown
def test_the_first_page_is_shown_before_the_other_services_are_made(
    qtbot, demo, made_on, monkeypatch
):
    services, _summary = demo
    at_ready: list[set[str]] = []
    monkeypatch.setattr(app, "startup_ready", lambda: at_ready.append(set(made_on)))
    launcher = Launcher(str(services.db.path))
    launcher.start()
    qtbot.addWidget(launcher.window)
    qtbot.waitUntil(lambda: bool(at_ready), timeout=20000)
    assert type(launcher.window.current_page()).__name__ == "MeetingPage"  # the next meeting
    assert at_ready == [set(FIRST_PAGE_SERVICES)]
    # ... and then the rest, so that no page's first visit imports its service's module
    qtbot.waitUntil(lambda: set(made_on) == set(SERVICE_NAMES), timeout=20000)
    assert not any(made_on.values()), "a service was made on the GUI thread"
    launcher.cleanup()


# PySide6's import hook reads the whole source of every module imported after it (for its
# ``__feature__`` switches): a third of the database stack's import time at start-up.
PAST_THE_HOOK = """
import builtins, linecache, sys
import PySide6.QtWidgets
from scbmeet.gui.shell.opening import open_services
hooked = builtins.__import__
services = open_services(sys.argv[1])
stack = ("/sqlalchemy/", "/sqlmodel/", "/holidays/")
read = [f for f in linecache.cache if f.endswith(".py") and any(p in f for p in stack)]
print(builtins.__import__ is hooked, "sqlalchemy.orm" in sys.modules, len(read))
"""


def test_opening_imports_the_database_stack_past_pysides_import_hook(demo):
    import os
    import subprocess
    import sys

    services, _summary = demo
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", PAST_THE_HOOK, str(services.db.path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    # the hook is back in place, the stack was imported, and none of its sources was read
    assert result.stdout.split() == ["True", "True", "0"]

"""Warming up after start-up: what the first visit of a page would otherwise pay for.

In a fresh process the first open of a page imported its module (and PySide made the Qt
enum types it uses on their first use), and the chair's review's first read had SQLAlchemy
compile its statements and SQLite read its pages: that first open took half as long again
as any later one (``benchmarks/bench_history.py``, figures ``review`` and ``review_first``).

Once the first page is ready, :class:`WarmUp` imports the modules of the window's pages on
the GUI thread (importing makes Qt types and fonts, which belong to it), one per pause so
that the window never waits long, then reads the chair's review once on a worker thread and
throws it away; last, what start-up made is exempted from the garbage collector's full
passes (:mod:`scbmeet.gui.widgets.long_lived`). It stops when the window closes, and a
failure in it is nobody's business but the log's: the page would meet the same problem,
and say so, when opened.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable
from datetime import date
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from scbmeet.gui.shell.opening import past_the_pyside_hook
from scbmeet.gui.widgets.long_lived import settle_long_lived
from scbmeet.gui.widgets.tasks import run_task

if TYPE_CHECKING:
    from scbmeet.services import Services

log = logging.getLogger(__name__)

START_AFTER_MS = 300  # after the first page is ready: its paint and any warnings go first
STEP_GAP_MS = 20  # between two imports: the events that came meanwhile are seen to


def import_modules(modules: Iterable[str]) -> None:
    """Import ``modules`` now (the warm-up's first part, all at once)."""
    for module in modules:
        import_quietly(module)


def import_quietly(module: str) -> None:
    """Import ``module`` past PySide6's import hook (which reads every module's source)."""
    with past_the_pyside_hook():
        import_module(module)


def read_ahead(services: Services, today: date) -> None:
    """The reads worth doing once ahead: the chair's review of the first board."""
    boards = services.register.boards()
    if boards:
        services.action_register.review(boards[0].id, today=today)


class WarmUp(QObject):
    """Imports ``modules`` one per step, then runs :func:`read_ahead` off the GUI thread;
    ``finished`` once all is done (or given up because ``window`` closed)."""

    finished = Signal()

    def __init__(self, window: QWidget, services: Services, modules: Iterable[str]) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._left = list(modules)
        self.imported: list[str] = []
        self.read_done = False
        self.done = False

    def start(self) -> None:
        QTimer.singleShot(START_AFTER_MS, self, self._step)

    def _step(self) -> None:
        if not self._window.isVisible():
            self._finish()
        elif self._left:
            module = self._left.pop(0)
            try:
                import_quietly(module)
                self.imported.append(module)
            except Exception:  # the page will say what is wrong when it is opened
                log.exception("warming up: importing %s", module)
            QTimer.singleShot(STEP_GAP_MS, self, self._step)
        else:
            services, today = self._services, date.today()
            run_task(
                lambda: read_ahead(services, today), on_done=self._read, on_error=self._read_failed
            )

    def _read(self, _result: object) -> None:
        self.read_done = True
        self._finish()

    def _read_failed(self, exc: BaseException) -> None:
        log.warning("warming up: reading ahead failed: %s", exc)
        self._finish()

    def _finish(self) -> None:
        with contextlib.suppress(RuntimeError):  # the window (our parent) went meanwhile
            if self._window.isVisible():
                settle_long_lived()  # start-up is over: keep the collector's passes short
            self.done = True
            self.finished.emit()

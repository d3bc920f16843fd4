"""Warming up after start-up: what the first visit of a page would otherwise pay for.

In a fresh process the first open of a page imported its module (and PySide made the Qt
enum types it uses on their first use), and the chair's review's first read had SQLAlchemy
compile its statements and SQLite read its pages: that first open took half as long again
as any later one (``benchmarks/bench_history.py``, figures ``review`` and ``review_first``).

Once the first page is ready, :class:`WarmUp` imports the chair's review's module on the
GUI thread (importing makes Qt types and fonts, which belong to it). Then it reads the
chair's review and its plan's status once on a worker thread: the services keep both
answers until the next change. Then it makes the review page on those answers and keeps it
in the window, not shown, after laying it out and painting it off screen once (so Qt's and
PySide's first-use costs are paid there, not on the click): the first click on the review
then costs only its paint, and the page reads afresh behind it once on screen (or at once,
if a change came meanwhile). Then it imports the modules of the window's other pages, one per pause so that
the window never waits long. Last, what start-up made is exempted from the garbage
collector's full passes (:mod:`scbmeet.gui.widgets.long_lived`). It stops when the window
closes, and a failure in it is nobody's business but the log's: the page would meet the
same problem, and say so, when opened. A click on the review before the warm-up reaches it
makes the page as usual, and the warm-up then leaves it be.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable
from datetime import date
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, QTimer, Signal
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


def read_ahead(services: Services, today: date) -> int | None:
    """The reads worth doing once ahead: the chair's review of the first board and its
    plan's status (kept by the services for the page's first open); the board's id."""
    boards = services.register.boards()
    if not boards:
        return None
    services.action_register.review(boards[0].id, today=today)
    services.plan_meetings.status(boards[0].id, today)
    return boards[0].id


def rehearse(page: QWidget, size: QSize) -> None:
    """Lay ``page`` out at ``size`` and paint it off screen, once: what a page's first
    showing pays for and its later ones do not (PySide making the enum types that styling
    and painting use, Qt's style and font caches, the form loader's first use)."""
    page.resize(size)
    page.grab()


class WarmUp(QObject):
    """Imports the first of ``modules`` (the page made ahead), runs :func:`read_ahead` off
    the GUI thread, then has ``make_ahead`` make the page of the board read ahead (kept by
    the window, not shown) and :func:`rehearse` s it at ``size``, then imports the rest of
    ``modules``, one step each; ``finished`` once all is done (or given up because
    ``window`` closed)."""

    finished = Signal()
    page_made_ahead = Signal()  # the page made ahead is laid out and painted once

    def __init__(
        self,
        window: QWidget,
        services: Services,
        modules: Iterable[str],
        make_ahead: Callable[[int], QWidget | None] | None = None,
        size: Callable[[], QSize] | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._left = list(modules)
        self._make_ahead = make_ahead
        self._size = size or window.size
        self._began = self._read_yet = False
        self.imported: list[str] = []
        self.read_done = False
        self.made_ahead: QWidget | None = None
        self.rehearsed = False
        self.done = False

    def start(self) -> None:
        QTimer.singleShot(START_AFTER_MS, self, self._step)

    def _step(self) -> None:
        if not self._window.isVisible():
            self._finish()
        elif self._left and (self._read_yet or not self._began):
            self._began = True
            self._import(self._left.pop(0))
            self._next_step()
        elif not self._read_yet:
            self._read_yet = True
            services, today = self._services, date.today()
            run_task(
                lambda: read_ahead(services, today), on_done=self._read, on_error=self._read_failed
            )
        else:
            self._finish()

    def _import(self, module: str) -> None:
        try:
            import_quietly(module)
            self.imported.append(module)
        except Exception:  # the page will say what is wrong when it is opened
            log.exception("warming up: importing %s", module)

    def _read(self, board_id: int | None) -> None:
        self.read_done = True
        if board_id is None or self._make_ahead is None or not self._window.isVisible():
            self._next_step()
            return
        try:
            page = self._make_ahead(board_id)
        except Exception:  # the page will say what is wrong when it is opened
            log.exception("warming up: making a page ahead")
            page = None
        if page is None:  # already made (a click came first), or nothing makes it
            self._next_step()
            return
        self.made_ahead = page
        QTimer.singleShot(STEP_GAP_MS, self, lambda: self._rehearse(page))

    def _rehearse(self, page: QWidget) -> None:
        try:
            if self._window.isVisible() and not page.isVisible():  # not shown meanwhile
                rehearse(page, self._size())
                self.rehearsed = True
        except Exception:
            log.exception("warming up: rehearsing a page")
        self.page_made_ahead.emit()
        self._next_step()

    def _read_failed(self, exc: BaseException) -> None:
        log.warning("warming up: reading ahead failed: %s", exc)
        self.read_done = True
        self._next_step()

    def _next_step(self) -> None:
        QTimer.singleShot(STEP_GAP_MS, self, self._step)

    def _finish(self) -> None:
        with contextlib.suppress(RuntimeError):  # the window (our parent) went meanwhile
            if self._window.isVisible():
                settle_long_lived()  # start-up is over: keep the collector's passes short
            self.done = True
            self.finished.emit()

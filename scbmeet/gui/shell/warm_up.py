"""Warming up after start-up: what the first visit of a page would otherwise pay for.

In a fresh process the first open of a page imported its module (and PySide made the Qt
enum types it uses on their first use), and the chair's review's first read had SQLAlchemy
compile its statements and SQLite read its pages: that first open took half as long again
as any later one (``benchmarks/bench_history.py``, figures ``review`` and ``review_first``).

Once the first page is ready, :class:`WarmUp` imports the modules of the window's pages on
the GUI thread (importing makes Qt types and fonts, which belong to it), one per pause so
that the window never waits long. Then it reads the chair's review and its plan's status
once on a worker thread: the services keep both answers until the next change, and the
page's first open shows them at once, reading afresh behind them. Then it makes the review
page on those answers, hidden, and paints it off screen once before throwing it away: the
first showing of a page that size otherwise pays for Qt's and PySide's first-use costs
(two steps of 25-30 ms each at 20 years, in a pause, against 40 ms more on the click).
Last, what start-up made is exempted from the garbage collector's full passes
(:mod:`scbmeet.gui.widgets.long_lived`). It stops when the window closes, and a failure in
it is nobody's business but the log's: the page would meet the same problem, and say so,
when opened.
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
    """Imports ``modules`` one per step, then runs :func:`read_ahead` off the GUI thread,
    then makes the page of the board read ahead with ``rehearsal`` and :func:`rehearse` s
    it (one step each, at ``size``) before throwing it away; ``finished`` once all is done
    (or given up because ``window`` closed)."""

    finished = Signal()

    def __init__(
        self,
        window: QWidget,
        services: Services,
        modules: Iterable[str],
        rehearsal: Callable[[Services, int], QWidget] | None = None,
        size: Callable[[], QSize] | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._left = list(modules)
        self._rehearsal = rehearsal
        self._size = size or window.size
        self.imported: list[str] = []
        self.read_done = False
        self.rehearsed = False
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

    def _read(self, board_id: int | None) -> None:
        self.read_done = True
        if board_id is None or self._rehearsal is None or not self._window.isVisible():
            self._finish()
            return
        try:
            page = self._rehearsal(self._services, board_id)
        except Exception:  # the page will say what is wrong when it is opened
            log.exception("warming up: making the page to rehearse")
            self._finish()
            return
        QTimer.singleShot(STEP_GAP_MS, self, lambda: self._rehearse(page))

    def _rehearse(self, page: QWidget) -> None:
        try:
            if self._window.isVisible():
                rehearse(page, self._size())
                self.rehearsed = True
        except Exception:
            log.exception("warming up: rehearsing a page")
        finally:
            page.deleteLater()
        QTimer.singleShot(STEP_GAP_MS, self, self._finish)

    def _read_failed(self, exc: BaseException) -> None:
        log.warning("warming up: reading ahead failed: %s", exc)
        self._finish()

    def _finish(self) -> None:
        with contextlib.suppress(RuntimeError):  # the window (our parent) went meanwhile
            if self._window.isVisible():
                settle_long_lived()  # start-up is over: keep the collector's passes short
            self.done = True
            self.finished.emit()

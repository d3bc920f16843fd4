"""Work that waits until a page is on screen: a read behind what a page already shows.

A page that opens on answers kept from a read a moment ago (:mod:`scbmeet.services.kept_reads`)
reads afresh behind them. Started at once, that read would hold the interpreter on a worker
thread while the GUI thread lays the page out and paints it, and the page would show
later for it. :class:`AfterFirstPaint` starts it just after the page is first painted on
screen, or after ``at_latest_ms`` if it never is (a page made and not shown); a page
rendered off screen (the warm-up's rehearsal) does not count as painted, and a page kept
hidden in a window on screen (the review the warm-up makes ahead) waits until it is shown:
a read behind it meanwhile would compete with the typing for nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

AT_LATEST_MS = 250


class AfterFirstPaint(QObject):
    """Calls ``work`` once: as soon as ``widget``, or the window it is shown in, has been
    painted on screen (a widget scrolled out of sight gets no paint of its own), or
    ``at_latest_ms`` from now unless it is then hidden in a window on screen. It goes with
    ``widget``: nothing is called after it has gone."""

    def __init__(
        self, widget: QWidget, work: Callable[[], None], at_latest_ms: int = AT_LATEST_MS
    ) -> None:
        super().__init__(widget)
        self._widget = widget
        self._work = work
        self._watched: list[QWidget] = [widget]
        self.done = False
        self._latest = QTimer(self)
        self._latest.setSingleShot(True)
        self._latest.timeout.connect(self._run_unless_kept_hidden)
        self._latest.start(at_latest_ms)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._widget and kind == QEvent.Type.Show:
            window = self._widget.window()  # known now: the widget is in its window
            if window not in self._watched:
                self._watched.append(window)
                window.installEventFilter(self)
        elif kind == QEvent.Type.Paint and self._widget.isVisible():
            # After this paint and the rest of the window's: the next pass of the loop.
            QTimer.singleShot(0, self, self._run)
        return False

    def _run_unless_kept_hidden(self) -> None:
        window = self._widget.window()
        if window is self._widget or self._widget.isVisible() or not window.isVisible():
            self._run()

    def _run(self) -> None:
        if self.done:
            return
        self.done = True
        self._latest.stop()
        for watched in self._watched:
            with contextlib.suppress(RuntimeError):  # a window that has gone meanwhile
                watched.removeEventFilter(self)
        self._work()

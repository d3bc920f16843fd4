"""Reloading a page after change notices only when someone can see it.

The main window keeps the pages visited (going back to one is instant), and each reloads
after a change. While minutes are taken every autosave is such a change, and on a long
history a kept register or chair's review re-read thousands of rows after each one, on a
worker thread but competing with the minute-taker's typing for the interpreter. A page
that another page of its window hides now only notes that it is behind, and reloads when
it is shown again. A page that is on screen, or not in a window on screen at all (made
but not yet shown, as tests and benchmarks make them), reloads as before.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class ReloadWhenShown(QObject):
    """Calls ``reload`` ``delay_ms`` after the last :meth:`changed` (changes that come
    together reload once), or, while ``page`` is hidden in a window on screen, when it is
    next shown."""

    def __init__(self, page: QWidget, reload: Callable[[], None], delay_ms: int) -> None:
        super().__init__(page)
        self._page = page
        self._reload = reload
        self.behind = False  # changes came while hidden: reload when shown
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(reload)
        page.installEventFilter(self)

    def changed(self) -> None:
        """Something the page shows may have changed."""
        if self._hidden_behind():
            self.behind = True
        else:
            self._timer.start()

    def pending(self) -> bool:
        """Whether a reload is waiting for its moment (the delay, or the page shown)."""
        return self.behind or self._timer.isActive()

    def _hidden_behind(self) -> bool:
        return not self._page.isVisible() and self._page.window().isVisible()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._page and event.type() == QEvent.Type.Show and self.behind:
            self.behind = False
            self._timer.stop()
            self._reload()
        return False

"""Reloading a page only when it can be seen.

The main window keeps recently visited pages; each listens for changes. A page that is
out of sight only notes that it is stale and reloads when it is shown again, so editing
an agenda does not make every cached overview recompute in the background.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class ReloadWhenShown(QWidget):
    """Base for pages with a ``reload()``: call :meth:`request_reload` on every change."""

    _stale = False

    def reload(self) -> None:
        raise NotImplementedError

    def request_reload(self) -> None:
        # A page on its own (not inside the window yet) counts as on screen.
        if self.isWindow() or self.isVisibleTo(self.window()):
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.reload()
        super().showEvent(event)

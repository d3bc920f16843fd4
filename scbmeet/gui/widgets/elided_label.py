"""A one-line label that gives way: too long for its room, it is cut in the middle with "…"
(a path keeps its file name in sight) and the whole text is its tooltip.

The main window's status bar shows the database's path in one: at 1024 wide a long path
pushed the window wider than the screen, or was cut off at its end.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

WIDEST = 460  # the room it asks for at most: the status bar's messages need the rest


class ElidedLabel(QLabel):
    """A label whose text is elided to the width it is given, in full in its tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        super().setText(text)
        self.setToolTip(text)
        self.updateGeometry()

    def full_text(self) -> str:
        return self._full

    def shown_text(self) -> str:
        """The text as it fits the label's width now."""
        return self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, self.width())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(min(hint.width(), WIDEST), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), 80), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        rect = self.contentsRect()
        painter.drawText(
            rect, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), self.shown_text()
        )


__all__ = ["ElidedLabel"]

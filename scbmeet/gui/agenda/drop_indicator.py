"""A drop indicator that can be seen: where a dragged agenda item will land.

The platform styles draw a one-pixel line in the text colour under a single column, easy
to miss (a drop turned "Matters arising" into a sub-item). :class:`DropIndicatorStyle`
draws a three-pixel line in the highlight colour across the whole view, with a dot at its
start, between rows, and a highlighted frame round the whole row an item would go under.
Where a drop is refused (onto a standard item) the view draws nothing, as before.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QAbstractItemView, QProxyStyle, QStyle, QStyleOption, QWidget

LINE_WIDTH = 3


class DropIndicatorStyle(QProxyStyle):
    """The application's style, with a bold drop indicator for item views."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element != QStyle.PrimitiveElement.PE_IndicatorItemViewItemDrop:
            super().drawPrimitive(element, option, painter, widget)
            return
        rect = option.rect  # type: ignore[attr-defined]
        colour = option.palette.color(option.palette.ColorRole.Highlight)  # type: ignore[attr-defined]
        width = widget.viewport().width() if isinstance(widget, QAbstractItemView) else rect.right()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        if rect.height() == 0:  # between two rows
            self._line(painter, colour, rect.left(), rect.top(), width)
        else:  # onto an item: it becomes a sub-item of this row
            self._frame(painter, colour, QRect(0, rect.top(), width, rect.height()))
        painter.restore()

    @staticmethod
    def _line(painter: QPainter, colour: QColor, left: int, y: int, right: int) -> None:
        top = y - LINE_WIDTH // 2
        painter.fillRect(QRect(left, top, max(1, right - left), LINE_WIDTH), colour)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(QRect(left, y - 4, 8, 8))

    @staticmethod
    def _frame(painter: QPainter, colour: QColor, rect: QRect) -> None:
        fill = QColor(colour)
        fill.setAlpha(50)
        painter.fillRect(rect, fill)
        pen = QPen(colour, 2)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(1, 1, -1, -1))


def show_drops_clearly(view: QAbstractItemView) -> None:
    """Give ``view`` the bold drop indicator (the style lives as long as the view)."""
    style = DropIndicatorStyle()
    style.setParent(view)
    view.setStyle(style)


__all__ = ["DropIndicatorStyle", "show_drops_clearly"]

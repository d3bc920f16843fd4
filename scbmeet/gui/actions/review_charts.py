"""Two small charts for the chair's review, drawn with QPainter (no QtCharts needed).

:class:`OpenActionsChart` shows, for each past meeting, how many actions were open after
it, with the overdue part darker; :class:`AgeChart` shows how old the open actions are.
Both have labelled axes, tooltips naming the figures under the pointer, and an accessible
description summing them up in words; the review also offers the same figures as tables.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from scbmeet.services.chair_review import AgeBand, MeetingPoint

OPEN_COLOUR = QColor("#6c9bd2")
OVERDUE_COLOUR = QColor("#b3261e")
AXIS_COLOUR = QColor("#555555")
GRID_COLOUR = QColor("#e3e3e3")
AGE_COLOURS = [QColor(c) for c in ("#8fbf8f", "#c6c76b", "#e0a458", "#d9743f", "#b3261e")]


def nice_step(maximum: int, ticks: int = 5) -> int:
    """A round step (1, 2, 5, 10, 20, 50, ...) giving about ``ticks`` grid lines."""
    raw = max(1, maximum) / ticks
    step = 1
    while step * 10 <= raw:
        step *= 10
    for factor in (1, 2, 5, 10):
        if step * factor >= raw:
            return step * factor
    return step * 10


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


class _Chart(QWidget):
    """Shared frame: a plot area inside margins for the axis labels."""

    LEFT, RIGHT, TOP, BOTTOM = 44, 12, 26, 34

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(170)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable by keyboard for screen readers
        # Shown instead of "no data" until the first figures arrive (they are read off the
        # GUI thread, so a chart may be on screen before them).
        self.waiting_text: str | None = None

    def plot_area(self) -> QRectF:
        return QRectF(
            self.LEFT,
            self.TOP,
            max(10, self.width() - self.LEFT - self.RIGHT),
            max(10, self.height() - self.TOP - self.BOTTOM),
        )

    def sizeHint(self) -> QSize:
        return QSize(480, 220)

    def _draw_y_axis(self, painter: QPainter, area: QRectF, maximum: int) -> float:
        """Grid lines and counts up the left; returns the top value of the scale."""
        step = nice_step(maximum)
        top = step * max(1, -(-maximum // step))
        metrics = QFontMetrics(painter.font())
        for value in range(0, top + 1, step):
            y = area.bottom() - area.height() * value / top
            painter.setPen(QPen(GRID_COLOUR if value else AXIS_COLOUR, 1))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(AXIS_COLOUR)
            label = str(value)
            painter.drawText(
                QPointF(
                    area.left() - 6 - metrics.horizontalAdvance(label), y + metrics.ascent() / 2 - 1
                ),
                label,
            )
        return float(top)

    def _draw_empty(self, painter: QPainter, text: str) -> None:
        painter.setPen(AXIS_COLOUR)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.waiting_text or text)


class OpenActionsChart(_Chart):
    """Bars per past meeting: actions open after it, the overdue part darker."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[MeetingPoint] = []
        self.setAccessibleName("Open actions after each meeting")
        self.set_points([])

    def set_points(self, points: Sequence[MeetingPoint]) -> None:
        self._points = list(points)
        self.waiting_text = None
        self.setAccessibleDescription(self.summary())
        self.setToolTip(self.summary())
        self.update()

    def summary(self) -> str:
        """The chart in words."""
        if not self._points:
            return "No meetings have been held yet."
        last = self._points[-1]
        peak = max(self._points, key=lambda p: p.open)
        return (
            f"After the last meeting ({last.label}) {plural(last.open, 'action')} were open, "
            f"{last.overdue} of them overdue. The most open after any meeting was {peak.open}, "
            f"after {peak.label}; {plural(len(self._points), 'meeting')} shown."
        )

    def _bar_rects(self) -> list[tuple[QRectF, QRectF, MeetingPoint]]:
        area = self.plot_area()
        top = self._scale_top()
        slot = area.width() / max(1, len(self._points))
        width = min(48.0, max(1.0, slot * 0.7))  # thin bars for twenty years, not slabs for three
        rects = []
        for n, point in enumerate(self._points):
            x = area.left() + n * slot + (slot - width) / 2
            open_height = area.height() * point.open / top
            late_height = area.height() * point.overdue / top
            rects.append(
                (
                    QRectF(x, area.bottom() - open_height, width, open_height),
                    QRectF(x, area.bottom() - late_height, width, late_height),
                    point,
                )
            )
        return rects

    def _scale_top(self) -> float:
        maximum = max((p.open for p in self._points), default=0)
        step = nice_step(maximum)
        return float(step * max(1, -(-maximum // step)))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(self.rect(), self.palette().base())
        if not self._points:
            self._draw_empty(painter, "No meetings held yet")
            return
        area = self.plot_area()
        self._draw_y_axis(painter, area, max(p.open for p in self._points))
        for open_rect, late_rect, _point in self._bar_rects():
            painter.fillRect(open_rect, OPEN_COLOUR)
            painter.fillRect(late_rect, OVERDUE_COLOUR)
        self._draw_x_labels(painter, area)
        self._draw_legend(painter)

    def _draw_x_labels(self, painter: QPainter, area: QRectF) -> None:
        """Dates under the bars: each meeting when few, each new year when many."""
        metrics = QFontMetrics(painter.font())
        slot = area.width() / len(self._points)
        few = len(self._points) <= 12 and slot > metrics.horizontalAdvance("Sep 26") + 6
        painter.setPen(AXIS_COLOUR)
        last_right = -1e9
        previous_year = None
        for n, point in enumerate(self._points):
            label = f"{point.date:%b %y}" if few else str(point.date.year)
            if not few and point.date.year == previous_year:
                continue
            previous_year = point.date.year
            x = area.left() + n * slot + slot / 2
            width = metrics.horizontalAdvance(label)
            left = x - width / 2 if few else area.left() + n * slot
            if left < last_right + 6:
                continue
            painter.drawText(QPointF(left, area.bottom() + metrics.ascent() + 4), label)
            last_right = left + width

    def _draw_legend(self, painter: QPainter) -> None:
        metrics = QFontMetrics(painter.font())
        x = float(self.LEFT)
        for colour, label in ((OPEN_COLOUR, "Open"), (OVERDUE_COLOUR, "of which overdue")):
            painter.fillRect(QRectF(x, 8, 10, 10), colour)
            painter.setPen(AXIS_COLOUR)
            painter.drawText(QPointF(x + 14, 8 + metrics.ascent() - 1), label)
            x += 24 + metrics.horizontalAdvance(label)

    def point_at(self, x: float) -> MeetingPoint | None:
        area = self.plot_area()
        if not self._points or not area.left() <= x <= area.right():
            return None
        index = int((x - area.left()) / (area.width() / len(self._points)))
        return self._points[min(index, len(self._points) - 1)]

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = self.point_at(event.position().x())
        if point is None:
            QToolTip.hideText()
            return
        QToolTip.showText(
            event.globalPosition().toPoint(),
            f"{point.label}: {plural(point.open, 'action')} open, {point.overdue} overdue",
            self,
        )


class AgeChart(_Chart):
    """Horizontal bars: how many open actions are in each age band."""

    LEFT, RIGHT = 110, 48  # room for the band names, and for the count after a full bar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bands: list[AgeBand] = []
        self.setAccessibleName("Ages of the outstanding actions")
        self.set_bands([])

    def set_bands(self, bands: Sequence[AgeBand]) -> None:
        self._bands = list(bands)
        self.waiting_text = None
        self.setAccessibleDescription(self.summary())
        self.setToolTip(self.summary())
        self.update()

    def summary(self) -> str:
        if not any(b.count for b in self._bands):
            return "No outstanding actions."
        return (
            "Outstanding actions by age: "
            + "; ".join(f"{b.label.lower()}: {b.count}" for b in self._bands)
            + "."
        )

    def _rows(self) -> list[tuple[QRectF, AgeBand]]:
        area = self.plot_area()
        top = self._scale_top()
        slot = area.height() / max(1, len(self._bands))
        height = slot * 0.65
        return [
            (
                QRectF(
                    area.left(),
                    area.top() + n * slot + (slot - height) / 2,
                    area.width() * band.count / top,
                    height,
                ),
                band,
            )
            for n, band in enumerate(self._bands)
        ]

    def _scale_top(self) -> float:
        maximum = max((b.count for b in self._bands), default=0)
        step = nice_step(maximum)
        return float(step * max(1, -(-maximum // step)))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        if not self._bands:
            self._draw_empty(painter, "No outstanding actions")
            return
        area = self.plot_area()
        metrics = QFontMetrics(painter.font())
        self._draw_x_axis(painter, area)
        for n, (rect, band) in enumerate(self._rows()):
            painter.fillRect(rect, AGE_COLOURS[min(n, len(AGE_COLOURS) - 1)])
            painter.setPen(AXIS_COLOUR)
            middle = rect.center().y() + metrics.ascent() / 2 - 1
            painter.drawText(
                QPointF(area.left() - 8 - metrics.horizontalAdvance(band.label), middle), band.label
            )
            painter.drawText(QPointF(rect.right() + 4, middle), str(band.count))

    def _draw_x_axis(self, painter: QPainter, area: QRectF) -> None:
        top = self._scale_top()
        metrics = QFontMetrics(painter.font())
        # As many labels as fit side by side (on a long history "1,000" is wide): at most five.
        room = metrics.horizontalAdvance(f"{int(top):,}") + 12
        step = nice_step(int(top), max(1, min(5, int(area.width() // room))))
        for value in range(0, int(top) + 1, step):
            x = area.left() + area.width() * value / top
            painter.setPen(QPen(GRID_COLOUR if value else AXIS_COLOUR, 1))
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
            painter.setPen(AXIS_COLOUR)
            label = f"{value:,}"
            painter.drawText(
                QPointF(
                    x - metrics.horizontalAdvance(label) / 2, area.bottom() + metrics.ascent() + 4
                ),
                label,
            )
        painter.drawText(QPointF(area.left(), float(self.TOP - 8)), "Outstanding actions by age")

    def band_at(self, y: float) -> AgeBand | None:
        for rect, band in self._rows():
            if rect.top() - 4 <= y <= rect.bottom() + 4:
                return band
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        band = self.band_at(event.position().y())
        if band is None:
            QToolTip.hideText()
            return
        QToolTip.showText(
            event.globalPosition().toPoint(),
            f"{band.label}: {plural(band.count, 'outstanding action')}",
            self,
        )

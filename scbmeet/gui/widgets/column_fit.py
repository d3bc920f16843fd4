"""Columns that fit the view they are in: each at its usual width when there is room (the
spare room going to the text columns), narrowed toward a minimum when the view is narrow,
the text columns first, so every column stays in sight rather than scrolled off the right.

Cells cut short are elided with "…"; the views give the whole text as a tooltip.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView, QTreeView


def fitted_widths(
    keys: Sequence[str],
    available: int,
    preferred: Mapping[str, int],
    minimum: Mapping[str, int],
    grow: Sequence[str],
) -> list[int]:
    """The width of each column (``keys`` in order) to fill ``available`` pixels."""
    widths = {k: preferred.get(k, 80) for k in keys}
    growing = [k for k in grow if k in widths]
    spare = available - sum(widths.values())
    if spare >= 0:
        for n, key in enumerate(growing):
            widths[key] += spare // len(growing) + (1 if n < spare % len(growing) else 0)
        return [widths[k] for k in keys]
    # Too narrow: take from the text columns first, then from the rest, down to minimums.
    need = -spare
    for group in (growing, [k for k in keys if k not in growing]):
        while need > 0:
            room = {k: widths[k] - minimum.get(k, widths[k]) for k in group}
            total = sum(r for r in room.values() if r > 0)
            if total <= 0:
                break
            take = min(need, total)
            for key, r in room.items():
                if r > 0:
                    cut = min(r, max(1, take * r // total))
                    widths[key] -= cut
                    need -= cut
                    if need <= 0:
                        break
    return [widths[k] for k in keys]


class ColumnFitter(QObject):
    """Refits a tree or table view's columns whenever its viewport changes width."""

    def __init__(
        self,
        view: QTreeView | QTableView,
        keys: Sequence[str],
        preferred: Mapping[str, int],
        minimum: Mapping[str, int],
        grow: Sequence[str],
        to_contents: Sequence[str] = (),
        bold: Sequence[str] = (),
        sample: int = 200,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.keys = list(keys)
        self.preferred, self.minimum, self.grow = dict(preferred), dict(minimum), list(grow)
        self.to_contents = list(to_contents)  # short columns: as wide as what they show
        self.bold = set(bold)  # columns some of whose cells are bold
        self.sample = sample  # rows measured for a to_contents column, spread out
        self._width = -1
        view.viewport().installEventFilter(self)

    def set_keys(self, keys: Sequence[str], extra_first: int = 0) -> None:
        """The columns shown now (``extra_first``: room the first column needs besides)."""
        self.keys = list(keys)
        self._extra_first = extra_first
        self.fit()

    def fit(self) -> None:
        available = self.view.viewport().width()
        self._width = available
        extra = getattr(self, "_extra_first", 0)
        preferred, minimum = dict(self.preferred), dict(self.minimum)
        for column, key in enumerate(self.keys):
            if key in self.to_contents:
                needed = max(self._contents_width(column, self.sample), self._header_width(column))
                needed += extra if column == 0 else 0
                preferred[key] = minimum[key] = max(needed, minimum.get(key, 0))
        widths = fitted_widths(self.keys, available - extra, preferred, minimum, self.grow)
        for column, width in enumerate(widths):
            self.view.setColumnWidth(column, width + (extra if column == 0 else 0))

    def _header(self) -> QHeaderView:
        view = self.view
        return view.header() if isinstance(view, QTreeView) else view.horizontalHeader()

    def _header_width(self, column: int) -> int:
        """The heading's text, with room for the sort arrow on the sorted column."""
        header = self._header()
        text = str(self.view.model().headerData(column, Qt.Orientation.Horizontal) or "")
        arrow = (
            14 if header.isSortIndicatorShown() and header.sortIndicatorSection() == column else 0
        )
        return QFontMetrics(header.font()).horizontalAdvance(text) + 10 + arrow

    def _contents_width(self, column: int, rows: int = 200) -> int:
        """The widest of ``rows`` cells of ``column``, spread evenly from first to last (in
        bold where ``bold`` says the view shows some cells bold)."""
        model = self.view.model()
        if model is None:
            return 0
        font = QFont(self.view.font())
        font.setBold(self.keys[column] in self.bold)
        metrics = QFontMetrics(font)
        widest = 0
        count = model.rowCount()
        step = max(1, count // max(1, rows))
        for row in range(0, count, step)[:rows]:
            text = model.index(row, column).data()
            if text:
                widest = max(widest, metrics.horizontalAdvance(str(text)))
        return widest + 8  # the cell's margins

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.view.viewport().width() != self._width:
            self.fit()
        return False


__all__ = ["ColumnFitter", "fitted_widths"]

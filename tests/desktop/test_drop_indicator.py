"""Dragging an agenda item shows where it will land: a bold line between rows across the
view, and a frame round the item it would become a sub-item of (issue 19). Checked on the
pixels the view paints mid-drag, against the same view before the drag."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QImage
from PySide6.QtWidgets import QAbstractItemView, QApplication

from scbmeet.gui.agenda.builder import AgendaBuilder
from tests.desktop.conftest import builder_in_window

Position = QAbstractItemView.DropIndicatorPosition
NO_KEYS = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def builder(qtbot, demo_services, upcoming):
    return builder_in_window(qtbot, demo_services, upcoming, (1280, 800))


def changed_per_row(before: QImage, after: QImage) -> dict[int, int]:
    """For each pixel row, how many pixels the drag changed."""
    counts: dict[int, int] = {}
    for y in range(min(before.height(), after.height())):
        n = sum(
            1
            for x in range(0, before.width(), 2)
            if before.pixelColor(x, y) != after.pixelColor(x, y)
        )
        if n:
            counts[y] = n * 2
    return counts


def drag_over(builder: AgendaBuilder, title: str, point: QPoint) -> dict[int, int]:
    """Hold ``title`` dragged over ``point`` of the viewport: the pixel rows it changed."""
    view, model = builder.view, builder.model
    item = next(i for i in model.items() if i.title == title)
    builder.select(item.id)
    QApplication.processEvents()
    before = view.viewport().grab().toImage()
    data = model.mimeData([model.index_of(item.id)])
    # A synthetic drag has no source, which InternalMove ignores; DragDrop differs only there.
    view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
    args = (point, Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton, NO_KEYS)
    QApplication.sendEvent(view.viewport(), QDragEnterEvent(*args))
    event = QDragMoveEvent(*args)
    QApplication.sendEvent(view.viewport(), event)
    assert event.isAccepted()
    after = view.viewport().grab().toImage()
    view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
    return changed_per_row(before, after)


def row_of(builder: AgendaBuilder, title: str):
    item = next(i for i in builder.model.items() if i.title == title)
    index = builder.model.index_of(item.id)
    rect = builder.view.visualRect(index)
    return rect.adjusted(0, 0, builder.view.viewport().width(), 0)


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_a_drag_between_rows_draws_a_bold_line_across_the_view(builder):
    tops = [i for i in builder.model.top_items() if i.kind == "ordinary"]
    below = row_of(builder, tops[1].title)
    changed = drag_over(builder, tops[-1].title, QPoint(300, below.top() + 1))
    assert builder.view.dropIndicatorPosition() == Position.AboveItem
    wide = builder.view.viewport().width() * 0.6
    line = [y for y, n in changed.items() if n >= wide and abs(y - below.top()) <= 3]
    assert len(line) >= 2, changed  # at least two pixels thick, across most of the view


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_a_drag_onto_an_ordinary_item_frames_it(builder):
    ordinary = [i for i in builder.model.top_items() if i.kind == "ordinary"]
    target = ordinary[0]
    mover = next(i for i in ordinary[1:] if not builder.model.children_of(i.id))
    rect = row_of(builder, target.title)
    changed = drag_over(builder, mover.title, QPoint(300, rect.center().y()))
    assert builder.view.dropIndicatorPosition() == Position.OnItem
    wide = builder.view.viewport().width() * 0.6
    edges = [
        y for y, n in changed.items() if n >= wide and rect.top() - 1 <= y <= rect.bottom() + 1
    ]
    assert len(edges) >= 2, (rect, changed)  # a frame: its top and bottom edges

"""Windows open no bigger than their screen (a 1024x700 screen got a 1280x800 minutes
window whose right side, with the notices' OK button, was out of sight)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from scbmeet.gui.widgets.screen import first_size, size_within


def test_the_designed_size_is_cut_down_to_the_screen():
    assert size_within(QSize(1280, 800), QSize(1024, 672)) == QSize(1024, 672)
    assert size_within(QSize(1280, 800), QSize(1920, 1040)) == QSize(1280, 800)
    assert size_within(QSize(1280, 800), QSize(1400, 700)) == QSize(1280, 700)


def test_a_window_opens_within_its_screens_free_area(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    available = widget.screen().availableGeometry().size()
    size = first_size(widget, available.width() + 300, available.height() + 200)
    assert size == available
    assert first_size(widget, 200, 100) == QSize(200, 100)

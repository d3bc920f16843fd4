"""A window's first size: what it was designed for, but never more than the screen it opens
on (a 1024x700 screen got a 1280x800 window whose right side was out of sight)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def size_within(wanted: QSize, available: QSize) -> QSize:
    """``wanted``, cut down to ``available`` in each direction."""
    return wanted.boundedTo(available)


def first_size(window: QWidget, width: int, height: int) -> QSize:
    """The size to open ``window`` at: ``width`` x ``height`` if its screen has room (the
    area left by panels and docks), else all of that area."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    wanted = QSize(width, height)
    if screen is None:
        return wanted
    return size_within(wanted, screen.availableGeometry().size())

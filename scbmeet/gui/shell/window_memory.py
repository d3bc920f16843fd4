"""What the main window remembers between runs, in QSettings: its geometry, toolbar state
and splitter, and per database the last place visited (a navigator key).

The place is kept under a digest of the database's name, so a path never appears in the
settings file and each database reopens where it was left.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from scbmeet.gui.widgets.screen import first_size

DEFAULT_SIZE = (1280, 800)


def place_setting(place_key: str) -> str:
    """The settings key of the last place visited in the database named ``place_key``."""
    digest = hashlib.sha1(place_key.encode()).hexdigest()[:16]
    return f"places/{digest}"


def save_window(
    window: QMainWindow, splitter: QSplitter, place_key: str, place: str | None
) -> None:
    """Remember ``window``'s geometry and ``place`` (if any) in the database ``place_key``."""
    settings = QSettings()
    settings.setValue("mainWindow/geometry", window.saveGeometry())
    settings.setValue("mainWindow/state", window.saveState())
    settings.setValue("mainWindow/splitter", splitter.saveState())
    if place:
        settings.setValue(place_setting(place_key), place)
    settings.sync()


def restore_window(window: QMainWindow, splitter: QSplitter) -> None:
    """Give ``window`` the geometry it last had (or the default size)."""
    settings = QSettings()
    geometry = settings.value("mainWindow/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    else:
        window.resize(first_size(window, *DEFAULT_SIZE))
    state = settings.value("mainWindow/state")
    if state is not None:
        window.restoreState(state)
    state = settings.value("mainWindow/splitter")
    if state is not None:
        splitter.restoreState(state)


def remembered_place(place_key: str) -> str | None:
    """The last place visited in the database ``place_key``, if one was remembered."""
    place = QSettings().value(place_setting(place_key))
    return place if isinstance(place, str) else None

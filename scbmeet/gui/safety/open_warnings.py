"""Warnings after the database has opened: a file on a network share (with "don't warn
me again" for that file), and whatever else :attr:`Database.warnings` holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from scbmeet.storage.engine import Database
from scbmeet.storage.netfs import network_share_warning


def _dismissed_key(path: Path) -> str:
    digest = hashlib.sha256(str(path).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"safety/network-warning-dismissed/{digest}"


def network_warning_box(parent: QWidget | None, text: str) -> QMessageBox:
    """The warning about a database on a network share, with "don't warn again"."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Database on a network share", text)
    box.setParent(parent, box.windowFlags())
    box.setInformativeText(
        "Working on it alone is fine. Before colleagues use it at the same time, move the "
        "board's data to a shared PostgreSQL database."
    )
    box.setCheckBox(QCheckBox("Don't warn me again about this file", box))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def warn_about_network_share(
    parent: QWidget | None,
    path: Path,
    *,
    text: str | None = None,
    settings: QSettings | None = None,
    show: Callable[[QMessageBox], object] = QMessageBox.exec,
) -> bool:
    """Warn (once per file, unless told again) that ``path`` is on a network share;
    True if the warning was shown."""
    warning = text if text is not None else network_share_warning(path)
    store = settings or QSettings()
    if warning is None or store.value(_dismissed_key(path), False, type=bool):
        return False
    box = network_warning_box(parent, warning)
    show(box)
    checkbox = box.checkBox()
    if checkbox is not None and checkbox.isChecked():
        store.setValue(_dismissed_key(path), True)
    return True


def show_open_warnings(
    parent: QWidget | None,
    database: Database,
    *,
    settings: QSettings | None = None,
    show: Callable[[QMessageBox], object] = QMessageBox.exec,
) -> list[str]:
    """Show what :attr:`Database.warnings` holds; returns the warnings shown."""
    shown = []
    path = database.path
    network = network_share_warning(path) if path is not None else None
    for warning in database.warnings:
        if path is not None and warning == network:
            if warn_about_network_share(parent, path, text=warning, settings=settings, show=show):
                shown.append(warning)
            continue
        box = QMessageBox(QMessageBox.Icon.Warning, "scbmeet", warning)
        box.setParent(parent, box.windowFlags())
        show(box)
        shown.append(warning)
    return shown

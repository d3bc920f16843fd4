"""What the safety dialogs share: how a backup's time is written, the index type of their
table models, and the choosers for database files.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QFileDialog, QWidget

from scbmeet.domain.dto import long_date

AnyIndex = QModelIndex | QPersistentModelIndex
DATABASE_FILTER = "scbmeet databases (*.sqlite3 *.sqlite *.db);;All files (*)"


def when_text(at: datetime) -> str:
    """When a backup was taken, as the dialogs say it: "3 March 2025, 14:05"."""
    return f"{long_date(at.date())}, {at:%H:%M}"


def choose_existing_file(parent: QWidget, title: str, folder: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, folder, DATABASE_FILTER)
    return Path(name) if name else None


def choose_new_file(parent: QWidget, title: str, suggested: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, DATABASE_FILTER)
    return Path(name) if name else None

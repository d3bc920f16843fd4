"""The app's icons: small SVG line drawings in ``resources/icons``, loaded once each."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from scbmeet.storage.paths import resources_dir


@cache
def icon(name: str) -> QIcon:
    """``icon("lock")`` -> the QIcon of ``resources/icons/lock.svg`` (empty if missing)."""
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()

"""File ▸ Recent databases: the database files opened lately, newest first.

Kept in the settings file (``recent_databases``), at most :data:`RECENT_LIMIT`, each once;
a file that has gone since is left out of the menu (and so drops off the list).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMenu

from scbmeet.settings import RECENT_DATABASES, Settings

RECENT_LIMIT = 8


def remember_database(settings: Settings, path: Path) -> None:
    """Put ``path`` at the top of the recent databases."""
    here = str(path.resolve())
    kept = [p for p in settings.get(RECENT_DATABASES) if isinstance(p, str) and p != here]
    settings.set(RECENT_DATABASES, [here, *kept][:RECENT_LIMIT])


def recent_databases(settings: Settings) -> list[Path]:
    """The recent databases that are still there, newest first."""
    paths = [Path(p) for p in settings.get(RECENT_DATABASES) if isinstance(p, str)]
    return [p for p in paths if p.is_file()]


def fill_recent_menu(
    menu: QMenu, paths: list[Path], current: Path | None, open_path: Callable[[Path], None]
) -> None:
    """List ``paths`` in ``menu`` (``&1 board.sqlite3``), the one open now ticked."""
    menu.clear()
    if not paths:
        menu.addAction("No recent databases").setEnabled(False)
        return
    for number, path in enumerate(paths, start=1):
        label = f"&{number} {path.name}" if number < 10 else path.name
        action = menu.addAction(label)
        action.setToolTip(str(path))
        action.setStatusTip(str(path))
        action.setCheckable(True)
        action.setChecked(current is not None and path == current.resolve())
        action.triggered.connect(lambda _checked=False, p=path: open_path(p))

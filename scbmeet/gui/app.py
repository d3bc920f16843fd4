"""Starting the desktop app (placeholder until the desktop issue lands)."""

from __future__ import annotations

import sys


def run(db_path: str | None = None, *, demo: bool = False) -> int:
    """Open the main window on the database at ``db_path`` (or a fresh demo); returns the exit code."""
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv)
    label = QLabel("scbmeet")
    label.show()
    return app.exec()

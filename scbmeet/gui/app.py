"""Starting the desktop app: the QApplication, error handling, and the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from scbmeet import __version__

ORGANISATION = "scbmeet"
APPLICATION = "scbmeet"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused if one exists, as under pytest-qt), named for QSettings."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    return app


def run(db_path: str | None = None, *, demo: bool = False) -> int:
    """Open the main window on ``db_path`` (or the default database, or a fresh demo)."""
    from PySide6.QtWidgets import QLabel

    from scbmeet.gui.errors import install_excepthook

    app = create_application()
    install_excepthook()
    label = QLabel("scbmeet")  # replaced by the main window (desktop issue)
    label.show()
    return app.exec()

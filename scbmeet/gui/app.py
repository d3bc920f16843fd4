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

    from scbmeet.database import resolve_url
    from scbmeet.gui.errors import install_excepthook
    from scbmeet.gui.safety import open_database_with_recovery, show_open_warnings
    from scbmeet.gui.startup_probe import report_startup_if_asked

    app = create_application()
    install_excepthook()
    # A damaged or too-new file offers its newest good backup before anything else.
    database = open_database_with_recovery(resolve_url(db_path))
    if database is None:
        return 1
    label = QLabel(f"scbmeet: {database.name}")  # replaced by the main window (desktop issue)
    label.show()
    report_startup_if_asked(label)
    show_open_warnings(label, database)
    return app.exec()

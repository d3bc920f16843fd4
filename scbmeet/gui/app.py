"""Starting the desktop app: the QApplication, error handling, and the main window."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

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
    """Open the main window on ``db_path`` (or the default database, or a fresh demo).

    The window is shown first and the database opened right after (importing the
    database stack is most of start-up); a damaged or too-new file offers its newest
    good backup before anything else is shown in the window.
    """
    from scbmeet.gui.errors import install_excepthook
    from scbmeet.gui.startup_probe import report_startup_if_asked

    app = create_application()
    install_excepthook()
    window = QLabel("Opening the database…")  # replaced by the main window (desktop issue)
    window.resize(1200, 800)
    window.show()
    report_startup_if_asked(window, wait_for_ready=True)
    after_first_paint(window, lambda: _open_into(window, db_path))
    return app.exec()


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self.then: Callable[[], None] | None = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.then is not None and event.type() == QEvent.Type.Paint:
            then, self.then = self.then, None
            QTimer.singleShot(0, then)  # once this paint is on the screen
        return False


def after_first_paint(window: QWidget, then: Callable[[], None]) -> None:
    """Run ``then`` once ``window`` has painted: slow loading waits until the user sees
    the window, instead of keeping it from appearing."""
    _FirstPaint(window, then)


def _open_into(window: QLabel, db_path: str | None) -> None:
    """Open the database for ``window``; quit if the user gives up on an unusable file."""
    from scbmeet.database import resolve_url
    from scbmeet.gui.safety import open_database_with_recovery, show_open_warnings
    from scbmeet.gui.startup_probe import startup_ready

    database = open_database_with_recovery(resolve_url(db_path), window)
    if database is None:
        QApplication.exit(1)
        return
    window.database = database  # kept open as long as the window lives
    window.setText(f"scbmeet: {database.name}")
    startup_ready()
    show_open_warnings(window, database)

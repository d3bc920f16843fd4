"""Starting the desktop app: the QApplication, opening the database, and the main window.

The database is opened (and migrated, or for ``--demo`` built) off the GUI thread behind
a progress window, so a large or slow database never freezes the screen. Other parts of
scbmeet plug their pages and hooks in through :func:`install_extensions`.
"""

from __future__ import annotations

import atexit
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from scbmeet import __version__
from scbmeet.database import open_database, resolve_url, sqlite_url
from scbmeet.errors import ScbmeetError, UnusableDatabaseError
from scbmeet.gui.safety import ask_recovery, recover, show_open_warnings, start_daily_backup
from scbmeet.gui.startup_probe import report_startup_if_asked, startup_ready
from scbmeet.services import Services

if TYPE_CHECKING:
    from scbmeet.gui.main_window import MainWindow

SHOW_PROGRESS_AFTER_MS = 300
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


def open_services(db_path: str | None = None) -> Services:
    """Services over ``db_path`` (or ``$SCBMEET_DATABASE_URL``, or the default file).

    Creates the default database on first use; an explicit path must exist already.
    """
    return Services(open_database(resolve_url(db_path), create=db_path is None, daily_backup=False))


def build_demo_services(folder: Path) -> Services:
    """A fresh demo database (the Marlshire board) in ``folder``."""
    from scbmeet.demo import build_demo

    services = Services(open_database(sqlite_url(folder / "demo.sqlite3")))
    build_demo(services)
    return services


def install_extensions(window: MainWindow) -> None:
    """Plug the pages and hooks of the other parts of scbmeet into the main window."""
    from scbmeet.gui import hooks
    from scbmeet.gui.actions_register import ActionsRegisterWidget
    from scbmeet.gui.chair_review import ChairReviewWidget
    from scbmeet.gui.search_view import SearchWidget
    from scbmeet.gui.word_export import export_document

    window.register_page("actions", "Actions", ActionsRegisterWidget)
    window.register_page("review", "Chair's review", ChairReviewWidget)
    window.register_page("search", "Search", lambda services, _ident: SearchWidget(services))
    hooks.export_document = export_document


class Launcher(QObject):
    """Opens the database in the background, then shows the main window."""

    def __init__(self, db_path: str | None = None, *, demo: bool = False) -> None:
        super().__init__()
        self.db_path = db_path
        self.demo = demo
        self.window: QObject | None = None
        self.services: Services | None = None
        self.failed: BaseException | None = None
        self.demo_folder: Path | None = None
        self.progress: QProgressDialog | None = None
        self.on_failure: Callable[[], None] = lambda: None

    def start(self) -> None:
        from scbmeet.gui.tasks import run_task

        label = "Building the demo board…" if self.demo else "Opening the database…"
        progress = QProgressDialog(label, "", 0, 0)
        progress.setCancelButton(None)
        progress.setWindowTitle("scbmeet")
        progress.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)  # no flash when opening is quick
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        self.progress = progress
        if self.demo:
            self.demo_folder = Path(tempfile.mkdtemp(prefix="scbmeet-demo-"))
            folder = self.demo_folder
            run_task(
                lambda: build_demo_services(folder), on_done=self._opened, on_error=self._failed
            )
        else:
            path = self.db_path
            run_task(lambda: open_services(path), on_done=self._opened, on_error=self._failed)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _opened(self, services: Services) -> None:
        from scbmeet.gui.main_window import MainWindow

        self._close_progress()
        self.services = services
        window = MainWindow(services, demo=self.demo)
        install_extensions(window)
        report_startup_if_asked(window, wait_for_ready=True)
        window.show()
        startup_ready()
        self.window = window
        start_daily_backup(window, services.db)
        show_open_warnings(window, services.db)

    def _failed(self, exc: BaseException) -> None:
        from scbmeet.gui.errors import show_error

        self._close_progress()
        if isinstance(exc, UnusableDatabaseError) and self._recovered(exc):
            return
        self.failed = exc
        show_error(None, exc, "scbmeet cannot open the database")
        self.on_failure()

    def _recovered(self, error: UnusableDatabaseError) -> bool:
        """Offer the newest good backup (or another file) for a damaged or too-new database;
        True if opening starts again on the file the user chose."""
        from scbmeet.gui.errors import show_error

        try:
            path, message = recover(error, ask_recovery(None, error))
        except ScbmeetError as exc:
            show_error(None, exc)
            return False
        if path is None:
            return False
        if message:
            QMessageBox.information(None, "scbmeet", message)
        self.db_path = str(path)
        self.start()
        return True

    def cleanup(self) -> None:
        """Close the database and remove a demo database's folder."""
        if self.services is not None:
            self.services.db.dispose()
        if self.demo_folder is not None:
            shutil.rmtree(self.demo_folder, ignore_errors=True)


def quit_on_signals(app: QApplication) -> QTimer:
    """Ctrl+C or SIGTERM (a logout) closes the windows properly: settings saved, demo removed.

    Python only sees a signal when it gets control, so a timer hands it control now and then.
    """

    def close_all(_signum: int, _frame: object) -> None:
        app.closeAllWindows()
        app.quit()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, close_all)
    timer = QTimer(app)
    timer.start(250)
    timer.timeout.connect(lambda: None)
    return timer


def run(db_path: str | None = None, *, demo: bool = False) -> int:
    """Open the main window on ``db_path`` (or the default database, or a fresh demo)."""
    from scbmeet.gui.errors import install_excepthook

    app = create_application()
    install_excepthook()
    quit_on_signals(app)
    launcher = Launcher(db_path, demo=demo)
    launcher.on_failure = lambda: app.exit(1)
    atexit.register(launcher.cleanup)
    launcher.start()
    code = app.exec()
    launcher.cleanup()
    return code

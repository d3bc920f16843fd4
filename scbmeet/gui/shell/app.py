"""Starting the desktop app: the QApplication, opening the database, and the main window.

The main window is shown first, before anything of the database stack (SQLAlchemy,
SQLModel, the services) is imported; once it is on screen the database is opened (and
migrated, or for ``--demo`` built) off the GUI thread, and the window fills in. So the
window appears about as fast as a bare Qt window, and a large or slow database never
freezes the screen. This module therefore imports the database stack only inside
functions (the opening itself is in :mod:`scbmeet.gui.shell.opening`). Other parts of
scbmeet plug their pages and hooks in through
:func:`scbmeet.gui.shell.extensions.install_extensions`.
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

from PySide6.QtCore import QEvent, QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from scbmeet import __version__
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.opening import build_demo_services, make_other_services, open_services
from scbmeet.gui.shell.startup_probe import report_startup_if_asked, startup_ready
from scbmeet.gui.shell.warm_up import WarmUp

if TYPE_CHECKING:
    from scbmeet.domain.errors import UnusableDatabaseError
    from scbmeet.gui.shell.main_window import MainWindow
    from scbmeet.services import Services

# If the window is never painted (minimised at start, say), open the database anyway.
OPEN_UNPAINTED_AFTER_MS = 200
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


def start_warm_up(window: MainWindow, services: Services) -> WarmUp:
    """Start warming ``window`` up once its first page is ready: the chair's review made
    ahead (the page a chair opens first), then the other pages' modules imported."""
    warm_up = WarmUp(
        window,
        services,
        window.pages.lazy_modules(first="review"),
        make_ahead=lambda board_id: (
            window.make_ahead("review", board_id) if window.services is services else None
        ),  # not if another database was opened meanwhile
        size=window.stack.size,
    )
    warm_up.start()
    return warm_up


class FirstPaint(QObject):
    """Calls ``callback`` once, just after ``widget`` is first painted (or after
    :data:`OPEN_UNPAINTED_AFTER_MS` if it never is), so that slow work started then does
    not hold up the window appearing."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self.callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        QTimer.singleShot(OPEN_UNPAINTED_AFTER_MS, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.callback is not None:
            QTimer.singleShot(0, self, self._fire)  # once this paint is on screen
        return False

    def _fire(self) -> None:
        callback, self.callback = self.callback, None
        if callback is not None:
            self.parent().removeEventFilter(self)
            callback()


class Launcher(QObject):
    """Shows the main window at once, then opens the database in the background and
    attaches it to the window (or, if it cannot be opened, offers a backup)."""

    def __init__(self, db_path: str | None = None, *, demo: bool = False) -> None:
        super().__init__()
        self.db_path = db_path
        self.demo = demo
        self.window: MainWindow | None = None
        self.services: Services | None = None
        self.failed: BaseException | None = None
        self.demo_folder: Path | None = None
        self.on_failure: Callable[[], None] = lambda: None
        self.warm_up: WarmUp | None = None

    def start(self) -> None:
        """Show the window with an "Opening…" page; open the database once it is painted."""
        from scbmeet.gui.shell.main_window import MainWindow

        if self.window is None:
            self.window = MainWindow(demo=self.demo)
            report_startup_if_asked(self.window, wait_for_ready=True)
            self.window.show()
        self.window.show_opening(self._opening_message())
        FirstPaint(self.window, self._open_in_background)

    def _opening_message(self) -> str:
        if self.demo:
            return "Building the demo board…"
        if not self.db_path:
            return "Opening the database…"
        from scbmeet.storage.urls import short_name  # plain Python: no database stack yet

        return f"Opening {short_name(self.db_path)}…"  # a URL's password never shown

    def _open_in_background(self) -> None:
        from scbmeet.gui.widgets.tasks import run_task

        if self.demo:
            self.demo_folder = Path(tempfile.mkdtemp(prefix="scbmeet-demo-"))
            folder = self.demo_folder
            run_task(
                lambda: build_demo_services(folder), on_done=self._opened, on_error=self._failed
            )
        else:
            path = self.db_path
            run_task(lambda: open_services(path), on_done=self._opened, on_error=self._failed)

    def _opened(self, services: Services) -> None:
        from scbmeet.gui.safety.open_warnings import show_open_warnings
        from scbmeet.gui.safety.unusable import start_daily_backup
        from scbmeet.gui.widgets.tasks import run_task

        self.services = services
        window = self.window
        if window is None or not window.isVisible():  # closed while the database opened
            services.db.dispose()
            return
        install_extensions(window)
        window.attach(services)
        startup_ready()
        run_task(lambda: make_other_services(services))  # the pages not yet visited
        start_daily_backup(window, services.db)
        show_open_warnings(window, services.db)
        self.warm_up = start_warm_up(window, services)

    def _failed(self, exc: BaseException) -> None:
        from scbmeet.domain.errors import UnusableDatabaseError
        from scbmeet.gui.widgets.errors import show_error

        if isinstance(exc, UnusableDatabaseError) and self._recovered(exc):
            return
        self.failed = exc
        show_error(self.window, exc, "scbmeet cannot open the database")
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        self.on_failure()

    def _recovered(self, error: UnusableDatabaseError) -> bool:
        """Offer the newest good backup (or another file) for a damaged or too-new database;
        True if opening starts again on the file the user chose."""
        from scbmeet.domain.errors import ScbmeetError
        from scbmeet.gui.safety import unusable
        from scbmeet.gui.widgets.errors import show_error

        try:
            path, message = unusable.recover(error, unusable.ask_recovery(self.window, error))
        except ScbmeetError as exc:
            show_error(self.window, exc)
            return False
        if path is None:
            return False
        if message:
            QMessageBox.information(self.window, "scbmeet", message)
        self.db_path = str(path)
        self.start()
        return True

    def cleanup(self) -> None:
        """Close the database and remove a demo database's folder."""
        # A task still running (the database opening, a backup) must finish first: it uses
        # the database, and its report must not reach Qt objects that are going away.
        QThreadPool.globalInstance().waitForDone()
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
    from scbmeet.gui.widgets.errors import install_excepthook

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

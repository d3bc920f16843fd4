"""The main window's commands on the database as a whole: open another database (in a
window that takes this one's place), backups and restore, About, and the register's
boards, organisations and members.

A mixin of :class:`~scbmeet.gui.shell.main_window.MainWindow`: the damage recovery in
:mod:`scbmeet.gui.safety` reopens a database through the window's own ``switch_to``, and
the welcome page's buttons call ``new_board`` and ``new_organisation``, so the commands are
the window's methods. What they use from the window is declared below.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QMessageBox

from scbmeet import __version__
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.opening import open_services
from scbmeet.gui.widgets import dialogs
from scbmeet.gui.widgets.progress import run_with_progress

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from scbmeet.services import Services


class DatabaseCommands:
    """What File ▸ Open database, File ▸ Backups, Help ▸ About and the Register menu do."""

    if TYPE_CHECKING:  # from the window (only declared: a body here would hide the window's)
        services: Services
        successor: Any

        def current_page(self) -> QWidget | None: ...
        def current_board_id(self) -> int | None: ...
        def navigate(self, kind: str, ident: int | None = None) -> None: ...
        def close(self) -> bool: ...

    def open_database(self) -> None:
        paths = dialogs.choose_open_files(
            self, "Open a database", "scbmeet databases (*.sqlite3 *.db);;All files (*)"
        )
        if not paths:
            return
        self.switch_to(paths[0])

    def switch_to(self, path: Path, then: Callable[[Any], None] | None = None) -> None:
        """Open the database at ``path`` in a new main window that takes this one's place
        (``then(new_window)`` carries on there: minutes mode after a restore)."""

        def opened(services: Services) -> None:
            window = type(self)()  # a MainWindow (which this module cannot import: a circle)
            install_extensions(window)
            window.attach(services)
            window.show()
            self.successor = window  # keeps the new window alive
            self.close()
            self.services.db.dispose()
            if then is not None:
                then(window)

        self.services.db.dispose()  # let go of the file (a restore may just have replaced it)
        run_with_progress(
            self, f"Opening {path.name}…", lambda: open_services(str(path)), on_done=opened
        )

    def show_backups(self) -> None:
        """The backups of this database: list, make one now, restore (then reopen)."""
        from scbmeet.gui.safety.backups import backups_dialog_for

        dialog = backups_dialog_for(self, self.services.db)
        if dialog is None:
            return
        path = self.services.db.path
        if path is not None:
            dialog.restored.connect(lambda _backup: self.switch_to(path))
        dialogs.run_dialog(dialog)

    def new_board(self) -> None:
        from scbmeet.gui.register.dialogs import BoardDialog

        dialog = BoardDialog(self.services, parent=self)
        if dialogs.run_dialog(dialog) and dialog.saved is not None:
            self.navigate("board", dialog.saved.id)

    def edit_board(self) -> None:
        from scbmeet.gui.register.dialogs import BoardDialog

        board_id = self.current_board_id()
        if board_id is not None:
            dialogs.run_dialog(
                BoardDialog(
                    self.services, board=self.services.register.board(board_id), parent=self
                )
            )

    def new_organisation(self) -> None:
        self._on_register_page("organisations", None, "add")

    def add_member(self) -> None:
        board_id = self.current_board_id()
        if board_id is not None:
            self._on_register_page("members", board_id, "add_member")

    def _on_register_page(self, kind: str, ident: int | None, method: str) -> None:
        """Do a register edit on its page: the result is seen in its list, and it goes on
        that page's undo list like an edit made there."""
        self.navigate(kind, ident)
        do = getattr(self.current_page(), method, None)
        if callable(do):
            do()

    def import_members(self) -> None:
        from scbmeet.gui.register.csv_import import CsvImportDialog

        board_id = self.current_board_id()
        if board_id is not None:
            dialogs.run_dialog(CsvImportDialog(self.services, board_id, parent=self))

    def import_minutes(self) -> None:
        from scbmeet.gui.register.history_import import HistoryImportDialog

        board_id = self.current_board_id()
        if board_id is None:
            return
        dialog = HistoryImportDialog(self.services, board_id, parent=self)
        if dialogs.run_dialog(dialog) and dialog.result is not None:
            result = dialog.result
            dialogs.inform(
                self,
                "Past minutes imported",
                f"{result.meetings} meeting(s), {result.minutes} minutes and "
                f"{result.actions} actions imported; {result.closed} earlier action(s) closed "
                f"as the later minutes record; {len(result.new_people)} people and "
                f"{len(result.new_organisations)} organisations added to the register.",
            )

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About scbmeet",
            f"<h3>scbmeet {__version__}</h3>"
            "<p>Meetings, agendas, minutes and actions for multi-agency community safety boards.</p>"
            f"<p>Database: {self.services.db.name}<br>Qt for Python {pyside_version}</p>",
        )

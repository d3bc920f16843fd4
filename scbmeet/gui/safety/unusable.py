"""Opening the database at start-up, when the file cannot be opened.

:func:`open_database_with_recovery` opens the database; a damaged, truncated, foreign or
too-new file gets :class:`DamagedDatabaseDialog`, which offers the newest good backup (the
bad file is moved aside, never overwritten), another backup, or another database
(:func:`recover` carries out the choice). :func:`start_daily_backup` then takes the daily
backup in the background. The dialog is also what :mod:`scbmeet.gui.safety.in_use` shows
for damage found later.

Modal dialogs, file choosers and messages can be replaced through keyword arguments.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStyle,
    QWidget,
)

from scbmeet.domain.errors import (
    DamageFoundInUseError,
    DatabaseError,
    ScbmeetError,
    UnusableDatabaseError,
)
from scbmeet.gui.safety.shared import choose_existing_file, when_text
from scbmeet.gui.widgets.errors import show_error
from scbmeet.gui.widgets.forms import child, load_form
from scbmeet.gui.widgets.tasks import run_task
from scbmeet.storage import backup
from scbmeet.storage.database import open_database, take_daily_backup
from scbmeet.storage.engine import Database, sqlite_url

# What the status bar says of a server's database on every opening, and for how long. Short:
# a status bar cannot wrap; File > Backups and restore... gives the pg_dump command line.
SERVER_NOTE = "No daily backup by scbmeet on a server: File > Backups and restore… says how."
SERVER_NOTE_MS = 30000


@dataclass(frozen=True)
class RecoveryChoice:
    """What to do about an unusable database: ``restore`` the backup at ``path``, open
    the database at ``path`` instead (``open_other``), or ``quit``."""

    action: str
    path: Path | None = None


HEADINGS = {
    "damaged": "The database file is damaged",
    "not_a_database": "This file is not an scbmeet database",
    "newer": "This database was written by a newer version of scbmeet",
}
ASIDE_NOTES = {
    "damaged": "Restoring does not touch the damaged file: it is renamed to {name}.damaged "
    "first, so whatever can still be saved from it is kept.",
    "not_a_database": "Restoring does not touch this file: it is renamed to {name}.damaged first.",
    "newer": "Restoring does not touch this file: it is renamed to {name}.newer first, "
    "so a newer scbmeet can still open it. Updating scbmeet is the better way.",
}


IN_USE_HEADING = "The database file has been damaged"
IN_USE_NOTE = (
    " Changes made since the backup was taken are not in it and need entering again; the "
    "damaged file still holds them, for a specialist to recover."
)


class DamagedDatabaseDialog(QDialog):
    """Says what is wrong with the file and offers a way back; read :attr:`choice`.

    For damage found while the window was open (:class:`DamageFoundInUseError`) it says
    so, and *Not now* (instead of *Quit*) leaves the window as it is.
    """

    def __init__(
        self,
        error: UnusableDatabaseError,
        parent: QWidget | None = None,
        *,
        choose_file: Callable[[QWidget, str, str], Path | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.error = error
        self.choice = RecoveryChoice("quit")
        self._choose_file = choose_file or choose_existing_file
        form = load_form("safety_damaged", self)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        child(form, QLabel, "iconLabel").setPixmap(icon.pixmap(48, 48))
        self.in_use = isinstance(error, DamageFoundInUseError)
        title = IN_USE_HEADING if self.in_use else HEADINGS[error.problem]
        heading = child(form, QLabel, "headingLabel")
        heading.setText(f"<b>{html.escape(title)}</b>")
        child(form, QLabel, "messageLabel").setText(self._message())
        child(form, QLabel, "backupLabel").setText(self._backup_text())
        kept = ASIDE_NOTES[error.problem].format(name=error.path.name)
        if self.in_use and error.backup is not None:
            kept += IN_USE_NOTE
        child(form, QLabel, "keptLabel").setText(kept)
        self.restore_button = child(form, QPushButton, "restoreButton")
        self.restore_button.setEnabled(error.backup is not None)
        self.restore_button.clicked.connect(self._restore_newest)
        child(form, QPushButton, "chooseButton").clicked.connect(self._choose_backup)
        child(form, QPushButton, "openOtherButton").clicked.connect(self._open_other)
        self.quit_button = child(form, QPushButton, "quitButton")
        self.quit_button.clicked.connect(self.reject)
        if self.in_use:
            self.quit_button.setText("Not now")
            self.quit_button.setToolTip(
                "Keep this window; it cannot read or save anything more from this file"
            )
        if error.backup is None or error.problem == "newer":
            self.quit_button.setDefault(True)
            self.restore_button.setDefault(False)
        self.setWindowTitle(title)
        self.resize(680, self.sizeHint().height())

    def _message(self) -> str:
        detail = f" ({self.error.detail})" if self.error.detail else ""
        if self.in_use:
            return (
                f"scbmeet can no longer read {self.error.path}{detail}. Nothing was saved by "
                "the step that failed."
            )
        return f"scbmeet cannot open {self.error.path}{detail}."

    def _backup_text(self) -> str:
        if self.error.backup is None:
            return (
                "There is no good backup of this file in the backups folder. You can choose "
                "a backup you keep elsewhere, or open another database."
            )
        when = (
            when_text(self.error.backup_taken_at)
            if self.error.backup_taken_at
            else self.error.backup.name
        )
        return f"The newest good backup is from {when}:\n{self.error.backup}"

    def _restore_newest(self) -> None:
        self.choice = RecoveryChoice("restore", self.error.backup)
        self.accept()

    def _choose_backup(self) -> None:
        folder = backup.backup_folder(self.error.path)
        start = str(folder if folder.is_dir() else self.error.path.parent)
        chosen = self._choose_file(self, "Choose a backup to restore", start)
        if chosen is not None:
            self.choice = RecoveryChoice("restore", chosen)
            self.accept()

    def _open_other(self) -> None:
        chosen = self._choose_file(self, "Open another database", str(self.error.path.parent))
        if chosen is not None:
            self.choice = RecoveryChoice("open_other", chosen)
            self.accept()


def ask_recovery(parent: QWidget | None, error: UnusableDatabaseError) -> RecoveryChoice:
    dialog = DamagedDatabaseDialog(error, parent)
    dialog.exec()
    return dialog.choice


def recover(error: UnusableDatabaseError, choice: RecoveryChoice) -> tuple[Path | None, str]:
    """Carry out ``choice``: (the database file to open now, or None to quit; a message)."""
    if choice.action == "open_other" and choice.path is not None:
        return choice.path, ""
    if choice.action != "restore" or choice.path is None:
        return None, ""
    result = backup.restore_database(choice.path, error.path)
    kept = (
        f" The file that could not be opened is kept as {result.previous}."
        if (result.previous is not None)
        else ""
    )
    return error.path, f"{error.path} was restored from {choice.path}.{kept}"


def open_database_with_recovery(
    url: str,
    parent: QWidget | None = None,
    *,
    ask: Callable[[QWidget | None, UnusableDatabaseError], RecoveryChoice] = ask_recovery,
    inform: Callable[[QWidget | None, str], None] | None = None,
    report: Callable[[QWidget | None, BaseException], None] = show_error,
    backup_in_background: bool = True,
) -> Database | None:
    """Open the database at ``url`` for the app; None if the user chose to quit.

    An unusable SQLite file gets :class:`DamagedDatabaseDialog` (``ask``) until the user
    restores a backup, opens another database, or quits. Other problems (a locked file,
    an unreachable server) are reported and give None. The daily backup runs in the
    background (:func:`start_daily_backup`) so that it never delays the window.
    """
    tell = inform or _inform
    while True:
        try:
            database = open_database(url, daily_backup=not backup_in_background)
            if backup_in_background:
                start_daily_backup(parent, database)
            return database
        except UnusableDatabaseError as error:
            choice = ask(parent, error)
            try:
                path, message = recover(error, choice)
            except ScbmeetError as exc:
                report(parent, exc)
                continue
            if path is None:
                return None
            if message:
                tell(parent, message)
            url = sqlite_url(path)
        except (DatabaseError, OSError) as exc:
            report(parent, exc)
            return None


def start_daily_backup(
    parent: QWidget | None,
    database: Database,
    *,
    on_done: Callable[[Path | None], None] | None = None,
) -> bool:
    """Take the daily backup of an SQLite database in the background (if one is due); a
    failure is shown as a warning. False for databases that are not SQLite files, whose
    window's status bar says what backs them up instead."""
    path = database.path
    if path is None:
        if isinstance(parent, QMainWindow):  # short: the status bar cannot wrap
            parent.statusBar().showMessage(SERVER_NOTE, SERVER_NOTE_MS)
        return False

    def failed(exc: BaseException) -> None:
        QMessageBox.warning(
            parent, "scbmeet", f"The daily backup of {path} could not be made: {exc}"
        )

    run_task(lambda: take_daily_backup(path), on_done=on_done, on_error=failed)
    return True


def _inform(parent: QWidget | None, message: str) -> None:
    QMessageBox.information(parent, "scbmeet", message)

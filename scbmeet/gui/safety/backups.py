"""The backups dialog: a database's backups listed, a backup made now, a copy saved, a
backup restored (:attr:`BackupsDialog.restored` tells the window to reload).

File choosers and the confirmation can be replaced through keyword arguments.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from scbmeet.gui.safety.shared import AnyIndex, choose_existing_file, choose_new_file, when_text
from scbmeet.gui.widgets.errors import show_error
from scbmeet.gui.widgets.forms import child, load_form
from scbmeet.gui.widgets.tasks import run_task
from scbmeet.storage import backup
from scbmeet.storage.engine import Database, sqlite_path

KIND_NAMES = {
    backup.DAILY: "Daily",
    backup.MANUAL: "Made by hand",
    backup.BEFORE_RESTORE: "Before a restore",
}


def kind_name(kind: str) -> str:
    if kind.startswith("before-") and kind not in KIND_NAMES:
        return "Before an upgrade"
    return KIND_NAMES.get(kind, kind)


class BackupListModel(QAbstractTableModel):
    """A database's backups, newest first: when, what kind, how big."""

    HEADERS = ("Taken", "Kind", "Size")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backups: list[tuple[backup.BackupInfo, int]] = []

    def set_backups(self, backups: Sequence[backup.BackupInfo]) -> None:
        self.beginResetModel()
        self._backups = [(b, _size(b.path)) for b in backups]
        self.endResetModel()

    def backup_at(self, row: int) -> backup.BackupInfo:
        return self._backups[row][0]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._backups)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._backups):
            return None
        info, size = self._backups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return when_text(info.taken_at)
            if index.column() == 1:
                return kind_name(info.kind)
            return f"{size / 1_048_576:.1f} MB" if size >= 104_858 else f"{size // 1024} KB"
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _confirm(parent: QWidget | None, text: str) -> bool:
    answer = QMessageBox.question(parent, "Restore a backup", text)
    return answer == QMessageBox.StandardButton.Yes


class BackupsDialog(QDialog):
    """Backups of one SQLite database: list, back up now, save a copy, restore.

    After a restore :attr:`restored` is emitted with the database's path: the main
    window reloads what it shows (open connections see the restored data).
    """

    restored = Signal(Path)

    def __init__(
        self,
        database_path: Path,
        parent: QWidget | None = None,
        *,
        choose_existing: Callable[[QWidget, str, str], Path | None] = choose_existing_file,
        choose_new: Callable[[QWidget, str, str], Path | None] = choose_new_file,
        confirm: Callable[[QWidget | None, str], bool] = _confirm,
    ) -> None:
        super().__init__(parent)
        self.database_path = database_path
        self._choose_existing = choose_existing
        self._choose_new = choose_new
        self._confirm = confirm
        form = load_form("safety_backups", self)
        child(form, QLabel, "databaseLabel").setText(
            f"Backups of {database_path}. A checked backup is taken on the first day you open "
            "it after a change, and before every upgrade; older daily backups are thinned out "
            "to a few weekly and monthly ones."
        )
        self.hint = child(form, QLabel, "hintLabel")
        self.table = child(form, QTableView, "backupTable")
        self.model = BackupListModel(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.buttons = {
            name: child(form, QPushButton, name)
            for name in (
                "backUpButton",
                "saveCopyButton",
                "restoreButton",
                "restoreFileButton",
                "openFolderButton",
                "closeButton",
            )
        }
        self.buttons["backUpButton"].clicked.connect(self.back_up_now)
        self.buttons["saveCopyButton"].clicked.connect(self.save_copy)
        self.buttons["restoreButton"].clicked.connect(self.restore_selected)
        self.buttons["restoreFileButton"].clicked.connect(self.restore_from_file)
        self.buttons["openFolderButton"].clicked.connect(self.open_folder)
        self.buttons["closeButton"].clicked.connect(self.accept)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.setWindowTitle("Backups")
        self.resize(780, 440)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_backups(backup.list_backups(self.database_path))
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.buttons["restoreButton"].setEnabled(bool(self.table.selectionModel().hasSelection()))

    def _busy(self, busy: bool, message: str = "") -> None:
        for name, button in self.buttons.items():
            if name != "closeButton":
                button.setEnabled(not busy)
        if message:
            self.hint.setText(message)
        if not busy:
            self._update_buttons()

    def _run(self, work: Callable[[], str], doing: str) -> None:
        self._busy(True, doing)

        def done(message: str) -> None:
            self._busy(False, message)
            self.refresh()

        run_task(work, on_done=done, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.hint.setText("")
        show_error(self, exc)

    def back_up_now(self) -> None:
        path = self.database_path

        def work() -> str:
            made = backup.take_backup(path, backup.MANUAL)
            return f"Backed up to {made}."

        self._run(work, "Backing up…")

    def save_copy(self) -> None:
        suggested = str(
            Path.home() / f"{self.database_path.stem}-{datetime.now():%Y-%m-%d}.sqlite3"
        )
        target = self._choose_new(self, "Save a copy of the database", suggested)
        if target is None:
            return
        path = self.database_path

        def work() -> str:
            return f"Saved a checked copy to {backup.backup_to(path, target)}."

        self._run(work, "Saving a copy…")

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            info = self.model.backup_at(rows[0].row())
            self.restore(info.path, f"the backup of {when_text(info.taken_at)}")

    def restore_from_file(self) -> None:
        chosen = self._choose_existing(
            self, "Choose a backup to restore", str(self.database_path.parent)
        )
        if chosen is not None:
            self.restore(chosen, str(chosen))

    def restore(self, source: Path, described: str) -> None:
        question = (
            f"Replace the database with {described}?\n\nThe database as it is now is kept "
            "as a backup first, so this can be undone."
        )
        if not self._confirm(self, question):
            return
        path = self.database_path

        def work() -> str:
            result = backup.restore_database(source, path)
            kept = (
                f" The database it replaced is kept at {result.previous}."
                if (result.previous)
                else ""
            )
            return f"Restored {described}.{kept}"

        def done(message: str) -> None:
            self._busy(False, message)
            self.refresh()
            self.restored.emit(path)

        self._busy(True, "Restoring…")
        run_task(work, on_done=done, on_error=self._failed)

    def open_folder(self) -> None:
        folder = backup.backup_folder(self.database_path)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def backups_dialog_for(parent: QWidget | None, database: Database) -> BackupsDialog | None:
    """The backups dialog for an SQLite database; None (with a message) for PostgreSQL."""
    path = sqlite_path(database.url)
    if path is None:
        from scbmeet.storage.server import server_backup_advice

        QMessageBox.information(parent, "Backups", server_backup_advice(database.url, "window"))
        return None
    return BackupsDialog(path, parent)

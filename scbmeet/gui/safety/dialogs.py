"""Data safety in the desktop app: the audit trail, backups, damaged files, conflicts.

Standalone pieces for the main window and the minutes editor to use:

* :func:`open_database_with_recovery` opens the database at start-up; a damaged,
  truncated, foreign or too-new file gets :class:`DamagedDatabaseDialog`, which offers
  the newest good backup (the bad file is moved aside, never overwritten), another
  backup, or another database. Warnings (a network share, a failed daily backup) follow.
* :func:`offer_recovery_mid_session` does the same for damage found while the window is
  open; :func:`watch_for_damage` makes every error message of a main window offer it, and
  :func:`watch_minutes_for_damage` takes minutes mode through it without losing a word
  (:func:`recover_in_use`).
* :class:`AuditTrailView` (a pane) and :func:`meeting_audit_dialog` /
  :func:`action_audit_dialog` show the trail of a meeting or an action.
* :class:`BackupsDialog` lists the database's backups, backs up now, saves a copy,
  and restores (emitting :attr:`BackupsDialog.restored` so the window reloads).
* :func:`resolve_minute_conflict` answers a :class:`~scbmeet.domain.errors.ConflictError` from
  ``update_minute``: :class:`MinuteConflictDialog` shows both texts side by side and
  keeps mine, takes theirs, or saves a merge.

Everything that would block a test (modal dialogs, file choosers, questions) can be
replaced through keyword arguments.
"""

from __future__ import annotations

import hashlib
import html
import sqlite3
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    QSortFilterProxyModel,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from scbmeet.domain.dto import AuditInfo, MinuteItemInfo, long_date
from scbmeet.domain.errors import (
    ConflictError,
    DamageFoundInUseError,
    DatabaseError,
    ScbmeetError,
    UnusableDatabaseError,
)
from scbmeet.gui.widgets import dialogs, errors
from scbmeet.gui.widgets.errors import show_error
from scbmeet.gui.widgets.forms import child, load_form
from scbmeet.gui.widgets.tasks import run_task
from scbmeet.services import Services
from scbmeet.storage import backup
from scbmeet.storage.database import open_database, take_daily_backup
from scbmeet.storage.engine import Database, describe_url, sqlite_path, sqlite_url
from scbmeet.storage.netfs import network_share_warning
from scbmeet.text import audit_format
from scbmeet.text.textmerge import differing_lines, merge_lines

AnyIndex = QModelIndex | QPersistentModelIndex
DATABASE_FILTER = "scbmeet databases (*.sqlite3 *.sqlite *.db);;All files (*)"
HIGHLIGHT = "#fff1a8"  # pale yellow: readable on light themes, prints in grey


def _when(at: datetime) -> str:
    return f"{long_date(at.date())}, {at:%H:%M}"


# -- the audit trail ------------------------------------------------------------------------------
class AuditTrailModel(QAbstractTableModel):
    """Audit entries, one per row: when, who, what, why. The tooltip lists the changes.

    ``subject`` (entity, id): the one thing the whole trail is about, named "this action"
    (say) in its rows rather than by its text, so that what changed stays in sight.
    """

    HEADERS = ("When", "Who", "What", "Reason")

    def __init__(
        self,
        entries: Sequence[AuditInfo] = (),
        parent: QWidget | None = None,
        *,
        subject: tuple[str, int] | None = None,
    ) -> None:
        super().__init__(parent)
        self._entries: list[AuditInfo] = list(entries)
        self.subject = subject

    def set_entries(self, entries: Sequence[AuditInfo]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> AuditInfo:
        return self._entries[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(audit_format.change_lines(entry)) or None
        if role == Qt.ItemDataRole.UserRole:
            return entry.id
        return None

    def _cell(self, entry: AuditInfo, column: int) -> str:
        if column == 0:
            return audit_format.local_time(entry.at).strftime("%Y-%m-%d %H:%M")
        if column == 1:
            return entry.user
        if column == 2:
            about_subject = self.subject == (entry.entity, entry.entity_id)
            this = f"this {audit_format.entity_name(entry.entity)}" if about_subject else None
            return audit_format.describe(entry, this)
        return audit_format.shorten(entry.reason, 120)

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


def entry_details(entry: AuditInfo) -> str:
    """The whole of an entry, for the detail pane: nothing shortened."""
    lines = [audit_format.summary(entry)]
    for change in audit_format.changes(entry):
        lines.append("")
        if entry.before and entry.after:
            lines.append(f"{change.field} before:\n{_plain(change.before)}")
            lines.append(f"{change.field} after:\n{_plain(change.after)}")
        else:
            lines.append(
                f"{change.field}:\n{_plain(change.before if entry.before else change.after)}"
            )
    return "\n".join(lines)


def _plain(value: Any) -> str:
    return "(empty)" if value in (None, "") else str(value)


class AuditTrailView(QWidget):
    """The audit trail pane: a filterable table of entries and the selected entry in full."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = load_form("safety_audit", self)
        self.title_label = child(form, QLabel, "titleLabel")
        self.count_label = child(form, QLabel, "countLabel")
        self.filter_edit = child(form, QLineEdit, "filterEdit")
        self.table = child(form, QTableView, "auditTable")
        self.detail = child(form, QPlainTextEdit, "detailText")
        self.model = AuditTrailModel(parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table.setModel(self.proxy)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)

    def show_entries(
        self,
        title: str,
        entries: Sequence[AuditInfo],
        *,
        subject: tuple[str, int] | None = None,
    ) -> None:
        self.title_label.setText(title)
        self.model.subject = subject
        self.model.set_entries(entries)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.count_label.setText(
            "No changes recorded." if not entries else f"{len(entries)} recorded change(s)."
        )
        self.detail.clear()
        if entries:
            self.table.selectRow(self.proxy.rowCount() - 1)

    def _show_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        row = self.proxy.mapToSource(current).row()
        self.detail.setPlainText(entry_details(self.model.entry(row)))


class AuditTrailDialog(QDialog):
    """The audit trail pane in a window of its own."""

    def __init__(
        self,
        title: str,
        entries: Sequence[AuditInfo],
        parent: QWidget | None = None,
        *,
        subject: tuple[str, int] | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Audit trail")
        layout = QVBoxLayout(self)
        self.view = AuditTrailView(self)
        layout.addWidget(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.view.show_entries(title, entries, subject=subject)
        self.resize(880, 560)


def meeting_audit_dialog(parent: QWidget | None, services: Services, meeting_id: int) -> QDialog:
    """The audit trail of a meeting (its deleted parts included); call ``.show()`` on it."""
    meeting = services.meetings.meeting(meeting_id)
    title = (
        f"<b>Audit trail of the meeting of {long_date(meeting.date)} "
        f"({html.escape(meeting.board_short_name)})</b><br>Changes made after its minutes "
        "were approved, everything deleted from it, and actions closed at it."
    )
    return AuditTrailDialog(title, services.meetings.audit(meeting_id), parent)


def action_audit_dialog(parent: QWidget | None, services: Services, action_id: int) -> QDialog:
    """The audit trail of an action (even a deleted one); call ``.show()`` on it."""
    entries = services.actions.audit(action_id)
    try:
        action = services.actions.action(action_id)
        what = f'action "{audit_format.shorten(action.text, 80)}" ({action.owner_line})'
    except ScbmeetError:
        what = f"deleted action {action_id}"
    return AuditTrailDialog(
        f"<b>Audit trail of the {html.escape(what)}</b><br>Every change of state, every "
        "change after its minutes were approved, and its deletion.",
        entries,
        parent,
        subject=("action", action_id),
    )


# -- a database that cannot be opened ----------------------------------------------------------
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
            _when(self.error.backup_taken_at)
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


def choose_existing_file(parent: QWidget, title: str, folder: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, folder, DATABASE_FILTER)
    return Path(name) if name else None


def choose_new_file(parent: QWidget, title: str, suggested: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, DATABASE_FILTER)
    return Path(name) if name else None


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


# -- damage found while the database is open ------------------------------------------------------
def ask_recovery_in_use(parent: QWidget | None, error: UnusableDatabaseError) -> RecoveryChoice:
    """The damaged-file dialog for a window already open (tests answer it through
    :func:`scbmeet.gui.widgets.dialogs.run_dialog`)."""
    dialog = DamagedDatabaseDialog(error, parent)
    dialogs.run_dialog(dialog)
    return dialog.choice


_recovering: set[Path] = set()  # files whose recovery dialog is on screen


def offer_recovery_mid_session(
    parent: QWidget | None,
    error: UnusableDatabaseError,
    reopen: Callable[[Path], None],
    *,
    release: Callable[[], None] | None = None,
    ask: Callable[[QWidget | None, UnusableDatabaseError], RecoveryChoice] = ask_recovery_in_use,
) -> bool:
    """Offer the newest good backup of a database found damaged while open; True (the
    error has been dealt with: no other message is needed).

    If the user restores a backup, ``release`` first closes the window's connections
    without writing to the damaged file, the file is moved aside (``.damaged``, with its
    ``-wal``), the backup is copied into its place, and ``reopen(path)`` opens it in a new
    window. *Not now* leaves everything as it is. The same damage met again while the
    dialog is open (another page reloading) is not asked about twice.
    """
    if error.path in _recovering:
        return True
    _recovering.add(error.path)
    try:
        choice = ask(parent, error)
        if choice.action not in ("restore", "open_other") or choice.path is None:
            return True
        if release is not None:
            release()
        try:
            path, message = recover(error, choice)
        except ScbmeetError as exc:
            dialogs.report(parent, exc)
            return True
        except (OSError, sqlite3.Error) as exc:
            dialogs.report(
                parent,
                DatabaseError(f"{choice.path} could not be put in place of {error.path}: {exc}"),
            )
            return True
        if message:
            dialogs.inform(parent, "scbmeet", message)
        if path is not None:
            reopen(path)
        return True
    finally:
        _recovering.discard(error.path)


_watched: weakref.WeakSet[QWidget] = weakref.WeakSet()  # main windows
_watched_minutes: weakref.WeakSet[QWidget] = weakref.WeakSet()  # minutes-mode windows
_reopened: set[QWidget] = set()  # minutes windows reopened with no main window to own them


def watch_for_damage(window: QWidget) -> None:
    """Make errors shown over ``window`` (a main window: ``services`` and ``switch_to``)
    offer recovery when its database is found damaged, reopening in its place."""
    _watched.add(window)
    errors.damage_handler = recover_in_use


def watch_minutes_for_damage(window: QWidget) -> None:
    """Take a minutes-mode window (``services``, ``meeting``, ``hand_over``) through the
    same recovery: its text is put in recovery files before the file is let go of, and it
    reopens on the same meeting over the restored backup (see :func:`recover_in_use`)."""
    _watched_minutes.add(window)
    errors.damage_handler = recover_in_use


def _windows_on(path: Path, watched: weakref.WeakSet[QWidget] = _watched) -> list[Any]:
    found = []
    for window in list(watched):
        try:
            window_path = window.services.db.path  # type: ignore[attr-defined]
            visible = window.isVisible()
        except RuntimeError:  # the window has been deleted
            continue
        if window_path is not None and window_path.resolve() == path.resolve():
            found.append((visible, window))
    shown = [w for visible, w in found if visible]
    return shown or [w for _visible, w in found]


def _within(window: QWidget, widget: QWidget | None) -> bool:
    """Whether ``widget`` is ``window`` or inside it, or in a window it owns (minutes mode)."""
    while widget is not None:
        if widget is window:
            return True
        widget = widget.parentWidget()
    return False


def recover_in_use(parent: QWidget | None, error: DamageFoundInUseError) -> bool:
    """Offer the newest good backup of a file found damaged under open windows; False if
    no window has that file open (an ordinary message is then shown).

    Restoring first has every minutes-mode window on the file write what it holds to
    recovery files and stop saving, closes every connection without writing to the file,
    moves it aside and puts the backup in place; then the main window reopens on it and
    minutes mode reopens on the same meeting, which offers the recovered text back.
    """
    windows = _windows_on(error.path)
    minutes = [w for w in _windows_on(error.path, _watched_minutes) if w.isVisible()]
    if not windows and not minutes:
        return False
    owner = next((w for w in windows if _within(w, parent)), windows[0] if windows else None)
    handed: list[Any] = []

    def release() -> None:
        handed.extend(window for window in minutes if window.hand_over())
        for window in [*windows, *minutes]:
            window.services.db.release_damaged_file()

    def reopen(path: Path) -> None:
        same_file = path.resolve() == error.path.resolve()
        for window in handed:
            window.setEnabled(False)  # its database is gone; it closes once the new one opens
        carry_on = MinutesCarryOn(handed if same_file else [], handed, parent)
        if not same_file:
            _tell_minutes_stay_with(error.path, handed, owner or parent)
        if owner is not None:
            owner.switch_to(path, then=lambda new_main: carry_on.done(new_main.services, new_main))
        elif same_file:
            carry_on.open_standalone(path)
        else:  # minutes mode on its own opens no other database: the window stays, not saving
            for window in handed:
                window.setEnabled(True)

    return offer_recovery_mid_session(parent, error, reopen, release=release)


_recover_in_a_window = recover_in_use  # the name the main window's tests know


class MinutesCarryOn:
    """After a restore: minutes mode on the same meetings over the restored database.

    ``reopen`` are the windows to take up again; ``old`` every window to close (after the
    new ones are open, so that an app with no main window does not quit in between).
    """

    def __init__(self, reopen: list[Any], old: list[Any], parent: QWidget | None) -> None:
        self.reopen = reopen
        self.old = old
        self.parent = parent
        self.opened: list[QWidget] = []

    def open_standalone(self, path: Path) -> None:
        """No main window: open the restored file here, then carry on."""

        def failed(exc: BaseException) -> None:
            for window in self.old:
                window.setEnabled(True)
            dialogs.report(self.parent, exc)

        run_task(
            lambda: Services(open_database(sqlite_url(path), daily_backup=False)),
            on_done=lambda services: self.done(services, None),
            on_error=failed,
        )

    def done(self, services: Services, main_window: QWidget | None) -> None:
        for window in self.reopen:
            opened = self._reopen(services, window, main_window)
            if opened is not None:
                self.opened.append(opened)
        for window in self.old:
            window.close()  # writes nothing to the database: it has been handed over

    def _reopen(self, services: Services, old: Any, main_window: QWidget | None) -> Any:
        from scbmeet.gui.minutes.window import open_minutes_window  # minutes mode needs us

        meeting = old.meeting
        if not _meeting_in(services, meeting):
            self._show_kept(old, services, main_window)
            return None
        window = open_minutes_window(
            services,
            meeting.id,
            main_window,
            recovery_store=old.store,
            autosave_ms=old.keeper.delay_ms,
        )
        if main_window is None:  # nothing else keeps it alive
            _reopened.add(window)
            window.destroyed.connect(lambda *_args, w=window: _reopened.discard(w))
        return window

    def _show_kept(self, old: Any, services: Services, main_window: QWidget | None) -> None:
        """The meeting is not in the backup: say so, and show what is kept to copy."""
        from scbmeet.gui.minutes.dialogs import kept_texts_dialog

        meeting, store = old.meeting, old.store
        intro = (
            f"The meeting of {meeting.label} is not in the backup that was restored, so "
            "minutes mode cannot reopen on it. Everything typed in it is kept, untouched, in "
            f"the recovery folder {store.folder}: copy it from here to enter it again."
        )
        kept = store.pending(old.services.db.name, meeting.id)
        if not kept:
            dialogs.inform(main_window, "scbmeet", intro)  # the old window is disabled
            return
        dialogs.run_dialog(kept_texts_dialog(main_window, kept, intro))


def _tell_minutes_stay_with(path: Path, handed: list[Any], parent: QWidget | None) -> None:
    """Another database was opened instead: minutes typed here belong to the damaged one."""
    for window in handed:
        dialogs.inform(
            parent,
            "scbmeet",
            f"What was typed in the minutes of {window.meeting.label} is kept in the recovery "
            f"folder {window.store.folder}, and offered back when that meeting is opened in "
            f"minutes mode on {path} again (once a backup is restored there).",
        )


def _meeting_in(services: Services, meeting: Any) -> bool:
    """Whether the restored database holds this meeting (same id, board and date)."""
    try:
        found = services.meetings.meeting(meeting.id)
    except ScbmeetError:
        return False
    return found.board_id == meeting.board_id and found.date == meeting.date


def start_daily_backup(
    parent: QWidget | None,
    database: Database,
    *,
    on_done: Callable[[Path | None], None] | None = None,
) -> bool:
    """Take the daily backup of an SQLite database in the background (if one is due); a
    failure is shown as a warning. False for databases that are not SQLite files."""
    path = database.path
    if path is None:
        return False

    def failed(exc: BaseException) -> None:
        QMessageBox.warning(
            parent, "scbmeet", f"The daily backup of {path} could not be made: {exc}"
        )

    run_task(lambda: take_daily_backup(path), on_done=on_done, on_error=failed)
    return True


def _inform(parent: QWidget | None, message: str) -> None:
    QMessageBox.information(parent, "scbmeet", message)


# -- warnings after opening --------------------------------------------------------------------------
def _dismissed_key(path: Path) -> str:
    digest = hashlib.sha256(str(path).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"safety/network-warning-dismissed/{digest}"


def network_warning_box(parent: QWidget | None, text: str) -> QMessageBox:
    """The warning about a database on a network share, with "don't warn again"."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Database on a network share", text)
    box.setParent(parent, box.windowFlags())
    box.setInformativeText(
        "Working on it alone is fine. Before colleagues use it at the same time, move the "
        "board's data to a shared PostgreSQL database."
    )
    box.setCheckBox(QCheckBox("Don't warn me again about this file", box))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def warn_about_network_share(
    parent: QWidget | None,
    path: Path,
    *,
    text: str | None = None,
    settings: QSettings | None = None,
    show: Callable[[QMessageBox], object] = QMessageBox.exec,
) -> bool:
    """Warn (once per file, unless told again) that ``path`` is on a network share;
    True if the warning was shown."""
    warning = text if text is not None else network_share_warning(path)
    store = settings or QSettings()
    if warning is None or store.value(_dismissed_key(path), False, type=bool):
        return False
    box = network_warning_box(parent, warning)
    show(box)
    checkbox = box.checkBox()
    if checkbox is not None and checkbox.isChecked():
        store.setValue(_dismissed_key(path), True)
    return True


def show_open_warnings(
    parent: QWidget | None,
    database: Database,
    *,
    settings: QSettings | None = None,
    show: Callable[[QMessageBox], object] = QMessageBox.exec,
) -> list[str]:
    """Show what :attr:`Database.warnings` holds; returns the warnings shown."""
    shown = []
    path = database.path
    network = network_share_warning(path) if path is not None else None
    for warning in database.warnings:
        if path is not None and warning == network:
            if warn_about_network_share(parent, path, text=warning, settings=settings, show=show):
                shown.append(warning)
            continue
        box = QMessageBox(QMessageBox.Icon.Warning, "scbmeet", warning)
        box.setParent(parent, box.windowFlags())
        show(box)
        shown.append(warning)
    return shown


# -- backups --------------------------------------------------------------------------------------
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
                return _when(info.taken_at)
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
            self.restore(info.path, f"the backup of {_when(info.taken_at)}")

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
        QMessageBox.information(
            parent,
            "Backups",
            f"{describe_url(database.url)} is a PostgreSQL database: it is backed up by its "
            "server (pg_dump). 'scbmeet export-json' writes a copy you can keep too.",
        )
        return None
    return BackupsDialog(path, parent)


# -- two versions of a minute ------------------------------------------------------------------------
@dataclass(frozen=True)
class ConflictResolution:
    """``choice`` is ``theirs``, ``mine`` or ``merged``; ``narrative`` (and ``title``) the
    text to save (for ``theirs``, what is already saved)."""

    choice: str
    narrative: str
    title: str | None = None


def highlighted_html(text: str, lines: set[int]) -> str:
    """``text`` as HTML with the given lines on a highlight, whitespace kept."""
    out = []
    for number, line in enumerate(text.splitlines() or [""]):
        escaped = html.escape(line) or "&nbsp;"
        if number in lines:
            out.append(f'<div style="background-color:{HIGHLIGHT}">{escaped}</div>')
        else:
            out.append(f"<div>{escaped}</div>")
    return '<div style="white-space:pre-wrap">' + "".join(out) + "</div>"


class MinuteConflictDialog(QDialog):
    """Both versions of a minute side by side, and a merge to edit; read :attr:`resolution`."""

    def __init__(
        self,
        reference: str,
        mine: str,
        conflict: ConflictError,
        *,
        mine_title: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.resolution: ConflictResolution | None = None
        self.theirs = conflict.theirs or ""
        self.theirs_title = conflict.theirs_title
        self.mine = mine
        self.mine_title = mine_title
        form = load_form("safety_conflict", self)
        child(form, QLabel, "headingLabel").setText(
            f"<b>Minute {html.escape(reference)} was saved by someone else while you were "
            "editing it</b>"
        )
        only_theirs, only_mine = differing_lines(self.theirs, mine)
        self.theirs_view = child(form, QTextEdit, "theirsView")
        self.theirs_view.setHtml(highlighted_html(self.theirs, only_theirs))
        self.mine_view = child(form, QTextEdit, "mineView")
        self.mine_view.setHtml(highlighted_html(mine, only_mine))
        self._title_label(form, "theirsTitleLabel", conflict.theirs_title)
        self._title_label(form, "mineTitleLabel", mine_title or conflict.theirs_title)
        self.merged_edit = child(form, QPlainTextEdit, "mergedEdit")
        self.merged_edit.setPlainText(merge_lines(self.theirs, mine))
        child(form, QPushButton, "takeTheirsButton").clicked.connect(self._take_theirs)
        child(form, QPushButton, "keepMineButton").clicked.connect(self._keep_mine)
        child(form, QPushButton, "saveMergedButton").clicked.connect(self._save_merged)
        child(form, QPushButton, "laterButton").clicked.connect(self.reject)
        self.setWindowTitle(f"Two versions of minute {reference}")
        self.resize(940, 640)

    @staticmethod
    def _title_label(form: QWidget, name: str, title: str | None) -> None:
        label = child(form, QLabel, name)
        label.setText(f"<b>{html.escape(title)}</b>" if title else "")
        label.setVisible(bool(title))

    def _take_theirs(self) -> None:
        self.resolution = ConflictResolution("theirs", self.theirs, self.theirs_title)
        self.accept()

    def _keep_mine(self) -> None:
        self.resolution = ConflictResolution("mine", self.mine, self.mine_title)
        self.accept()

    def _save_merged(self) -> None:
        self.resolution = ConflictResolution(
            "merged", self.merged_edit.toPlainText(), self.mine_title
        )
        self.accept()


def ask_conflict(
    parent: QWidget | None,
    reference: str,
    mine: str,
    conflict: ConflictError,
    mine_title: str | None,
) -> ConflictResolution | None:
    dialog = MinuteConflictDialog(reference, mine, conflict, mine_title=mine_title, parent=parent)
    dialog.exec()
    return dialog.resolution


def resolve_minute_conflict(
    parent: QWidget | None,
    services: Services,
    minute_id: int,
    mine: str,
    conflict: ConflictError,
    *,
    mine_title: str | None = None,
    ask: Callable[
        [QWidget | None, str, str, ConflictError, str | None], ConflictResolution | None
    ] = ask_conflict,
) -> MinuteItemInfo | None:
    """Settle a save conflict on a minute; returns the minute as now saved, or None if the
    user chose to decide later (their text is saved, mine stays in the editor and in the
    audit trail). A further conflict while settling asks again with the newer text."""
    while True:
        reference = services.minutes.minute(minute_id).reference
        resolution = ask(parent, reference, mine, conflict, mine_title)
        if resolution is None:
            return None
        if resolution.choice == "theirs":
            return services.minutes.minute(minute_id)
        try:
            return services.minutes.update_minute(
                minute_id,
                narrative=resolution.narrative,
                title=resolution.title,
                expected_version=conflict.theirs_version,
            )
        except ConflictError as again:
            conflict = again
            mine = resolution.narrative

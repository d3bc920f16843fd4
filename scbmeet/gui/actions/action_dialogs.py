"""The actions register's dialogs: record progress, change state, chase the owners.

:class:`ProgressDialog` records progress on one action, :class:`StateDialog` changes the state
of one action (with a note and a meeting) or of several at once, both as undoable commands
(:mod:`~scbmeet.gui.actions.batch`) put on the undo stack they are given (``command`` is the
one done); :class:`ChaseDialog` previews a reminder per owner and saves them as ``.eml`` drafts
or opens one in the mail program. :func:`qdate` and :func:`pydate` convert dates for the
date editors (the register page uses them too).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from scbmeet.domain.dto import MeetingInfo
from scbmeet.domain.errors import ScbmeetError
from scbmeet.gui.actions.action_models import RemindersModel
from scbmeet.gui.actions.batch import ChangeStates, RecordProgress
from scbmeet.gui.widgets.commands import execute
from scbmeet.gui.widgets.errors import reporting_errors, show_error
from scbmeet.gui.widgets.forms import child, load_form
from scbmeet.services import Services
from scbmeet.services.action_rows import STATE_LABELS, ActionRow
from scbmeet.services.chasing import Reminder, mailto_url, write_eml_files


def _fill_meetings(combo: QComboBox, meetings: Sequence[MeetingInfo], none_label: str) -> None:
    combo.addItem(none_label, None)
    for m in meetings:
        combo.addItem(m.label, m.id)


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class ProgressDialog(QDialog):
    """Record progress on one action, optionally as reported at a meeting."""

    def __init__(
        self,
        services: Services,
        row: ActionRow,
        meetings: Sequence[MeetingInfo],
        today: date,
        parent: QWidget | None = None,
        *,
        stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._row = row
        self._stack = stack or QUndoStack(self)
        self.command: RecordProgress | None = None
        form = load_form("actions_progress_dialog", self)
        child(form, QLabel, "actionLabel").setText(f"{row.minute_reference} {row.text}".strip())
        self.progress_edit = child(form, QPlainTextEdit, "progressEdit")
        self.date_edit = child(form, QDateEdit, "dateEdit")
        self.date_edit.setDate(qdate(today))
        self.meeting_combo = child(form, QComboBox, "meetingCombo")
        _fill_meetings(self.meeting_combo, meetings, "Not at a meeting")
        self.error_label = child(form, QLabel, "errorLabel")
        buttons = child(form, QDialogButtonBox, "buttonBox")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.meeting_combo.currentIndexChanged.connect(self._meeting_chosen)

    def _meeting_chosen(self) -> None:
        meeting_id = self.meeting_combo.currentData()
        if meeting_id is not None:
            meeting = self._services.meetings.meeting(meeting_id)
            self.date_edit.setDate(qdate(meeting.date))

    def accept(self) -> None:
        text = self.progress_edit.toPlainText().strip()
        if not text:
            self.error_label.setText("Write what progress has been made.")
            self.progress_edit.setFocus()
            return
        command = RecordProgress(
            self._services,
            self._row,
            text,
            on=pydate(self.date_edit.date()),
            meeting_id=self.meeting_combo.currentData(),
            report=lambda exc: show_error(self.parentWidget(), exc, "Record progress"),
        )
        try:
            execute(self._stack, command)
        except ScbmeetError as exc:
            self.error_label.setText(str(exc))
            return
        self.command = command
        super().accept()


class StateDialog(QDialog):
    """Change the state of one action (with a note and meeting) or of several at once."""

    def __init__(
        self,
        services: Services,
        rows: Sequence[ActionRow],
        meetings: Sequence[MeetingInfo],
        today: date,
        parent: QWidget | None = None,
        *,
        stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._rows = list(rows)
        self._stack = stack or QUndoStack(self)
        self.command: ChangeStates | None = None
        form = load_form("actions_state_dialog", self)
        summary = child(form, QLabel, "summaryLabel")
        if len(rows) == 1:
            summary.setText(f"{rows[0].minute_reference} {rows[0].text}".strip())
        else:
            summary.setText(f"Change the state of the {len(rows)} selected actions, all at once.")
        self.state_combo = child(form, QComboBox, "stateCombo")
        for value, label in STATE_LABELS.items():
            self.state_combo.addItem(label, value)
        self.state_combo.setCurrentIndex(self.state_combo.findData("done"))
        self.date_edit = child(form, QDateEdit, "dateEdit")
        self.date_edit.setDate(qdate(today))
        self.meeting_combo = child(form, QComboBox, "meetingCombo")
        _fill_meetings(self.meeting_combo, meetings, "Not at a meeting")
        self.note_edit = child(form, QPlainTextEdit, "noteEdit")
        single = len(rows) == 1
        for widget in (self.meeting_combo, self.note_edit):
            widget.setEnabled(single)
            if not single:
                widget.setToolTip("Only when changing one action")
        buttons = child(form, QDialogButtonBox, "buttonBox")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def accept(self) -> None:
        single = len(self._rows) == 1
        command = ChangeStates(
            self._services,
            self._rows,
            self.state_combo.currentData(),
            on=pydate(self.date_edit.date()),
            meeting_id=self.meeting_combo.currentData() if single else None,
            note=self.note_edit.toPlainText() if single else "",
            report=lambda exc: show_error(self.parentWidget(), exc, "Change state"),
        )
        try:
            execute(self._stack, command)
        except ScbmeetError as exc:
            show_error(self, exc, "Change state")
            return
        self.command = command
        super().accept()


class ChaseDialog(QDialog):
    """A reminder per owner: preview, save as .eml drafts, or open one in the mail program."""

    def __init__(
        self,
        reminders: Sequence[Reminder],
        parent: QWidget | None = None,
        *,
        open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl,
        choose_folder: Callable[[QWidget], str] | None = None,
    ) -> None:
        super().__init__(parent)
        form = load_form("actions_chase_dialog", self)
        self.resize(900, 560)
        self.model = RemindersModel(reminders, self)
        self.owners_view = child(form, QListView, "ownersView")
        self.owners_view.setModel(self.model)
        self.preview = child(form, QPlainTextEdit, "previewEdit")
        self.warning_label = child(form, QLabel, "warningLabel")
        self._open_url = open_url
        self._choose_folder = choose_folder or (
            lambda parent: QFileDialog.getExistingDirectory(parent, "Save reminders in")
        )
        self.owners_view.selectionModel().currentChanged.connect(self._show_current)
        child(form, QPushButton, "saveButton").clicked.connect(self.save_drafts)
        child(form, QPushButton, "mailButton").clicked.connect(self.open_in_mail)
        child(form, QPushButton, "copyButton").clicked.connect(self.copy_text)
        child(form, QDialogButtonBox, "buttonBox").rejected.connect(self.reject)
        missing = [r.owner_name for r in reminders if not r.has_address]
        if missing:
            self.warning_label.setText(
                "No e-mail address in the register for: "
                + ", ".join(missing)
                + ". Their drafts have no recipient; add one in your mail program."
            )
        if reminders:
            self.owners_view.setCurrentIndex(self.model.index(0, 0))

    def current(self) -> Reminder | None:
        index = self.owners_view.currentIndex()
        return self.model.reminder(index.row()) if index.isValid() else None

    def _show_current(self) -> None:
        reminder = self.current()
        if reminder is None:
            self.preview.clear()
            return
        to = ", ".join(f"{n} <{a}>" for n, a in reminder.to) or "(no address)"
        self.preview.setPlainText(f"To: {to}\nSubject: {reminder.subject}\n\n{reminder.body}")

    def save_drafts(self) -> list[Path]:
        chosen = self.model.ticked()
        if not chosen:
            QMessageBox.information(self, "Chase owners", "Tick the owners to write to first.")
            return []
        folder = self._choose_folder(self)
        if not folder:
            return []
        written: list[Path] = []
        with reporting_errors(self, "Chase owners"):
            written = write_eml_files(chosen, Path(folder))
            self.warning_label.setText(
                f"Saved {len(written)} draft{'s' if len(written) != 1 else ''} in {folder}. "
                "Open each to check it and send it from your mail program."
            )
        return written

    def open_in_mail(self) -> None:
        reminder = self.current()
        if reminder is not None and not self._open_url(QUrl(mailto_url(reminder))):
            QMessageBox.warning(
                self,
                "Chase owners",
                "No mail program answered. Save the reminder as a draft (.eml) instead.",
            )

    def copy_text(self) -> None:
        reminder = self.current()
        if reminder is not None:
            QGuiApplication.clipboard().setText(reminder.body)


__all__ = ["ChaseDialog", "ProgressDialog", "StateDialog", "pydate", "qdate"]

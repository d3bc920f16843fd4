"""What the actions register does to the actions selected or shown: record progress, change
state (both undoable, on the register's ``undo_stack``), export CSV, chase owners and the Word
action log. A part of :class:`~scbmeet.gui.actions.register.ActionsRegisterWidget`, kept apart
so that the page itself stays about showing and filtering the rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from scbmeet.domain.dto import MeetingInfo
from scbmeet.gui.actions.action_dialogs import ChaseDialog, ProgressDialog, StateDialog
from scbmeet.gui.actions.batch import ChangeStates, RecordProgress
from scbmeet.gui.widgets import dialogs
from scbmeet.gui.widgets.errors import reporting_errors
from scbmeet.gui.widgets.exporting import choose_export_path
from scbmeet.services import Services
from scbmeet.services.action_csv import write_csv
from scbmeet.services.action_filters import ActionFilter
from scbmeet.services.action_rows import ActionRow


class RegisterCommands:
    """The register's commands; mixed into the register widget, which provides the rest."""

    _services: Services
    _today: date
    _word_exporter: Callable[[list[int], ActionFilter], None] | None
    undo_stack: QUndoStack
    status_message: SignalInstance

    def selected_rows(self) -> list[ActionRow]:
        raise NotImplementedError

    def visible_rows(self) -> list[ActionRow]:
        raise NotImplementedError

    def visible_action_ids(self) -> list[int]:
        raise NotImplementedError

    def action_filter(self) -> ActionFilter:
        raise NotImplementedError

    def reload(self) -> None:
        raise NotImplementedError

    def _as_widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def _meetings_of(self, board_id: int) -> list[MeetingInfo]:
        return self._services.meetings.meetings(board_id)

    def record_progress(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        dialog = ProgressDialog(
            self._services,
            rows[0],
            self._meetings_of(rows[0].board_id),
            self._today,
            self._as_widget(),
            stack=self.undo_stack,
        )
        if dialogs.run_dialog(dialog):
            self._changed(dialog.command)

    def change_state(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        boards = {r.board_id for r in rows}
        meetings = self._meetings_of(rows[0].board_id) if len(boards) == 1 else []
        dialog = StateDialog(
            self._services, rows, meetings, self._today, self._as_widget(), stack=self.undo_stack
        )
        if dialogs.run_dialog(dialog):
            self._changed(dialog.command)

    def _changed(self, command: ChangeStates | RecordProgress | None) -> None:
        """Show the change at once and say what it did (in the main window's status bar)."""
        self.reload()
        if command is not None:
            self.status_message.emit(command.done_message)

    def export_csv(self, path: str | None = None) -> Path | None:
        """Save the rows shown as CSV (asking where unless ``path`` is given)."""
        if not path:
            chosen = choose_export_path(
                self._as_widget(), "Export actions as CSV", "actions.csv", "CSV files (*.csv)"
            )
            path = str(chosen) if chosen else None
        if not path:
            return None
        with reporting_errors(self._as_widget(), "Export CSV"):
            return write_csv(self.visible_rows(), Path(path))
        return None

    def chase_dialog(self) -> ChaseDialog:
        """The reminders for the outstanding actions shown, signed with the user's name."""
        from scbmeet.settings import USER_NAME, Settings

        sender = str(Settings.default().get(USER_NAME))
        reminders = self._services.chasing.reminders(
            self.visible_rows(), today=self._today, sender_name=sender
        )
        return ChaseDialog(reminders, self._as_widget())

    def chase_owners(self) -> None:
        with reporting_errors(self._as_widget(), "Chase owners"):
            self.chase_dialog().open()

    def _export_word(self) -> None:
        if self._word_exporter is not None:
            with reporting_errors(self._as_widget(), "Word action log"):
                self._word_exporter(self.visible_action_ids(), self.action_filter())


__all__ = ["RegisterCommands"]

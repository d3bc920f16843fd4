"""Matters arising: the actions of earlier meetings, dealt with one key each.

The list shows every action of the board that was still open when this meeting began
(including those closed at it). **D** marks the selected one done and **X** dropped, both
dated at this meeting; **P** or Enter records progress as an update at this meeting;
**O** says it is still open (a closed one is opened again; an open one gets a "still open"
note at this meeting). Each is an undoable command, and every one of the four keys moves on
to the next action once it is recorded, so the list can be gone through as the chair reads it.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHeaderView, QPushButton, QTreeView, QWidget

from scbmeet.domain import dto
from scbmeet.gui.minutes.commands import (
    STILL_OPEN_NOTE,
    AddProgress,
    KeepOpen,
    ServiceCommand,
    SetActionState,
)
from scbmeet.gui.minutes.dialogs import TextDialog, open_dialog
from scbmeet.gui.minutes.drafts import Draft, Drafts
from scbmeet.gui.minutes.models import ArisingModel
from scbmeet.gui.minutes.rows import RowKey
from scbmeet.gui.widgets.forms import child
from scbmeet.services import Services

LETTER_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


class ArisingHost(Protocol):
    services: Services
    meeting: dto.MeetingInfo
    drafts: Drafts

    def run_command(self, command: ServiceCommand) -> bool: ...

    def current_key(self) -> RowKey | None: ...


class ArisingPane(QObject):
    """Drives the matters-arising list of the minute page."""

    def __init__(self, host: ArisingHost, form: QWidget) -> None:
        super().__init__(form)
        self.host = host
        self.frame = child(form, QWidget, "arisingFrame")
        self.view = child(form, QTreeView, "arisingView")
        self.model = ArisingModel(host.meeting.id, self)
        self.view.setModel(self.model)
        # Column widths from a sample and rows of one height: with a long history the view
        # asks only for the rows it shows, and hiding or showing the list costs nothing.
        self.view.setUniformRowHeights(True)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(5, 200)
        self.view.installEventFilter(self)
        child(form, QPushButton, "doneButton").clicked.connect(lambda: self.set_state("done"))
        child(form, QPushButton, "droppedButton").clicked.connect(lambda: self.set_state("dropped"))
        child(form, QPushButton, "progressButton").clicked.connect(self.record_progress)
        child(form, QPushButton, "reopenButton").clicked.connect(self.reopen)

    def refresh(self) -> None:
        """Reload the actions, keeping the selected one selected."""
        selected = self.current()
        outstanding = self.host.services.actions.outstanding(as_of_meeting_id=self.host.meeting.id)
        self.model.set_rows(outstanding)
        self._fit_columns()
        self.select(selected.id if selected else None)

    def _fit_columns(self, sample: int = 40) -> None:
        """Size the short columns to the first ``sample`` rows and the header."""
        metrics = self.view.fontMetrics()
        rows = min(self.model.rowCount(), sample)
        for column in (0, 2, 3, 4):
            texts = [str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")]
            texts += [str(self.model.index(r, column).data() or "") for r in range(rows)]
            widest = max(metrics.horizontalAdvance(t) for t in texts)
            self.view.setColumnWidth(column, min(widest + 24, 320))

    def current(self) -> dto.ActionInfo | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select(self, action_id: int | None) -> None:
        rows = self.model.rows()
        position = next((i for i, a in enumerate(rows) if a.id == action_id), 0 if rows else None)
        if position is not None:
            self.view.setCurrentIndex(self.model.index(position, 0))

    def _next(self) -> None:
        index = self.view.currentIndex()
        if index.isValid() and index.row() + 1 < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(index.row() + 1, 0))

    def set_state(self, state: str) -> None:
        """D or X: the selected action done or dropped at this meeting, then the next one."""
        action, key = self.current(), self.host.current_key()
        if action is None or key is None:
            return
        if action.state == state or self.host.run_command(
            SetActionState(self.host, key, action, state)
        ):
            self._recorded(action)

    def reopen(self) -> None:
        """O: still open - a closed one opened again, an open one noted as still open."""
        action, key = self.current(), self.host.current_key()
        if action is None or key is None:
            return
        if action.is_closed:
            state = "in_progress" if action.latest_update else "open"
            command: ServiceCommand = SetActionState(self.host, key, action, state)
        elif self._noted_still_open(action):
            self._recorded(action)  # already noted at this meeting: nothing to add
            return
        else:
            command = KeepOpen(self.host, key, action)
        if self.host.run_command(command):
            self._recorded(action)

    def _noted_still_open(self, action: dto.ActionInfo) -> bool:
        return any(
            u.meeting_id == self.host.meeting.id and u.text == STILL_OPEN_NOTE
            for u in self.host.services.actions.updates(action.id)
        )

    def record_progress(self, *, draft: Draft | None = None) -> None:
        """P or Enter: progress reported (typed in a dialog asked for), then the next one.
        ``draft``: the dialog as it was when an earlier session ended (put back)."""
        if draft is not None:
            self.select(draft.extra.get("action_id"))
        action, key = self.current(), self.host.current_key()
        if action is None or key is None:
            return
        dialog = TextDialog(
            self.view.window(), "Progress", f"Progress reported on: {action.text}", what="progress"
        )
        self.host.drafts.watch(dialog, "progress", key, draft=draft, action_id=action.id)

        def accepted() -> None:
            if self.host.run_command(AddProgress(self.host, key, action, dialog.value())):
                self._recorded(action)

        open_dialog(dialog, accepted, focus=self.view.setFocus)

    def _recorded(self, action: dto.ActionInfo) -> None:
        """Every key alike: once the action is recorded, the next one is selected."""
        self.select(action.id)
        self._next()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.view or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if event.modifiers() & ~LETTER_MODIFIERS:
            return False
        handlers = {
            Qt.Key.Key_D: lambda: self.set_state("done"),
            Qt.Key.Key_X: lambda: self.set_state("dropped"),
            Qt.Key.Key_P: self.record_progress,
            Qt.Key.Key_Return: self.record_progress,
            Qt.Key.Key_Enter: self.record_progress,
            Qt.Key.Key_O: self.reopen,
        }
        handler = handlers.get(Qt.Key(event.key()))
        if handler is None:
            return False
        handler()
        return True

"""Matters arising: the actions of earlier meetings, dealt with one key each.

The list shows every action of the board that was still open when this meeting began
(including those closed at it). **D** marks the selected one done and **X** dropped, both
dated at this meeting; **P** or Enter records progress as an update at this meeting;
**O** says it is still open (a closed one is opened again; an open one gets a "still open"
note at this meeting). Each is an undoable command, and every one of the four keys moves on
to the next action once it is recorded, so the list can be gone through as the chair reads it.

On a long history the list is read off the GUI thread (a tenth of a second at sixty years,
on every change while the item is open): the list shown stays, and can be worked through,
until the new one comes; the selected action stays selected. An action just recorded is
read again at once, alone, so its row and the next key pressed on it are never out of date.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHeaderView, QPushButton, QTreeView, QWidget

from scbmeet.domain import dto
from scbmeet.domain.errors import ScbmeetError
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
from scbmeet.gui.widgets.column_fit import ColumnFitter
from scbmeet.gui.widgets.forms import child
from scbmeet.gui.widgets.tasks import run_task
from scbmeet.services import Services

LETTER_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


class ArisingHost(Protocol):
    services: Services
    meeting: dto.MeetingInfo
    drafts: Drafts

    def run_command(self, command: ServiceCommand) -> bool: ...

    def current_key(self) -> RowKey | None: ...

    def report(self, exc: BaseException, prefix: str = "") -> None: ...


# The list's columns, their usual and narrowest widths (pixels): on a narrow window the
# action's text and its progress give way last but one - the owners, due date and state
# stay readable, and the text never shrinks to nothing.
ARISING_COLUMNS = ("minute", "text", "owners", "due", "now", "progress")
ARISING_WIDTHS = {"minute": 60, "text": 280, "owners": 140, "due": 110, "now": 90, "progress": 180}
ARISING_MINIMUMS = {"minute": 40, "text": 180, "owners": 90, "due": 80, "now": 70, "progress": 90}


class ArisingPane(QObject):
    """Drives the matters-arising list of the minute page; ``read`` is emitted each time
    a list read in the background is shown."""

    read = Signal()

    def __init__(self, host: ArisingHost, form: QWidget) -> None:
        super().__init__(form)
        self.host = host
        self._reads = 0  # reads asked for; a late answer to an older one is dropped
        self._shown_read = 0
        self._after_read: list[Callable[[], None]] = []
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
        self._fitter = ColumnFitter(
            self.view,
            ARISING_COLUMNS,
            ARISING_WIDTHS,
            ARISING_MINIMUMS,
            grow=("text", "progress"),
            to_contents=("minute",),
            sample=40,
        )
        self.view.installEventFilter(self)
        child(form, QPushButton, "doneButton").clicked.connect(lambda: self.set_state("done"))
        child(form, QPushButton, "droppedButton").clicked.connect(lambda: self.set_state("dropped"))
        child(form, QPushButton, "progressButton").clicked.connect(self.record_progress)
        child(form, QPushButton, "reopenButton").clicked.connect(self.reopen)

    def refresh(self) -> None:
        """Read the actions again in the background; the list shown stays until they come."""
        self._reads += 1
        ticket, outstanding = self._reads, self.host.services.actions.outstanding
        meeting_id = self.host.meeting.id
        run_task(
            lambda: outstanding(as_of_meeting_id=meeting_id),
            on_done=lambda rows: self._show_read(ticket, rows),
            on_error=lambda exc: self._read_failed(ticket, exc),
        )

    def loading(self) -> bool:
        """Whether a read of the list is on its way."""
        return self._reads != self._shown_read

    def after_read(self, then: Callable[[], None]) -> None:
        """Call ``then`` once the read on its way is shown (at once if none is)."""
        if self.loading():
            self._after_read.append(then)
        else:
            then()

    def _show_read(self, ticket: int, rows: list[dto.ActionInfo]) -> None:
        with contextlib.suppress(RuntimeError):  # the window has gone meanwhile
            if ticket != self._reads:
                return  # a newer read is on its way
            self._shown_read = ticket
            selected = self.current()  # as it is now, not when the read was asked for
            self.model.set_rows(rows)
            self._fitter.fit()
            self.select(selected.id if selected else None)
            self._run_after_read()
            self.read.emit()

    def _read_failed(self, ticket: int, exc: BaseException) -> None:
        with contextlib.suppress(RuntimeError):
            if ticket != self._reads:
                return
            self._shown_read = ticket
            self.host.report(exc)  # the window's banner: never a dialog over the typing
            self._after_read.clear()  # nothing new to work on

    def _run_after_read(self) -> None:
        waiting, self._after_read = self._after_read, []
        for then in waiting:
            then()

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

    def _not_listed_yet(self, action_id: int | None) -> bool:
        """Whether the list that will show ``action_id`` is still being read."""
        return self.loading() and all(a.id != action_id for a in self.model.rows())

    def _noted_still_open(self, action: dto.ActionInfo) -> bool:
        return any(
            u.meeting_id == self.host.meeting.id and u.text == STILL_OPEN_NOTE
            for u in self.host.services.actions.updates(action.id)
        )

    def record_progress(self, *, draft: Draft | None = None) -> None:
        """P or Enter: progress reported (typed in a dialog asked for), then the next one.
        ``draft``: the dialog as it was when an earlier session ended (put back)."""
        if draft is not None and self._not_listed_yet(draft.extra.get("action_id")):
            self.after_read(lambda: self.record_progress(draft=draft))  # then as it was
            return
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
        self._show_fresh(action.id)
        self.select(action.id)
        self._next()

    def _show_fresh(self, action_id: int) -> None:
        """The action as now stored, in its row at once (one small read; the whole list
        follows in the background)."""
        try:
            fresh = self.host.services.actions.action(action_id)
        except ScbmeetError:
            return  # held in the journal while the database is away: shown as not yet saved
        rows = self.model.rows()
        at = next((i for i, a in enumerate(rows) if a.id == action_id), None)
        if at is not None:
            self.model.replace_row(at, fresh)

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

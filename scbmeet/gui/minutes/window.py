"""Minutes mode: taking the minutes of one meeting live, from the keyboard, without losing a word.

The agenda runs down the left; the right shows the item being taken - its minute's title
and narrative, and its resolutions, actions and update requests as rows of their own -
or the attendance list. Typing is saved through the services within a second of the last
keystroke (and on focus change, item change and close) by :class:`TextKeeper`; every step
is an undoable command on one :class:`QUndoStack`. If the database goes away, a red
banner says so at once, the text stays on screen and goes to a recovery file, which the
next start offers back. If the database file is found damaged, the banner offers its newest
good backup (:meth:`MinutesWindow.offer_backup`): minutes mode hands everything it holds
to recovery files and reopens on the same meeting over the restored file.

:class:`MinutesWindow` puts the parts together and keeps the typing and the undo stack:
its widgets come from :class:`~scbmeet.gui.minutes.panes.MinutesPanes`, the item being taken
is :class:`~scbmeet.gui.minutes.current_item.CurrentItem`, the save state and banners are
:class:`~scbmeet.gui.minutes.saving.Saving`, the steps on an item are
:class:`~scbmeet.gui.minutes.steps.MinuteSteps` and
:class:`~scbmeet.gui.minutes.shorthand_lines.ShorthandLines`, and the menus, shortcuts and
buttons are :class:`~scbmeet.gui.minutes.keys.MinutesKeys`.

Open it with ``MinutesWindow(services, meeting_id, parent)`` and ``show()``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QTextCursor, QUndoStack
from PySide6.QtWidgets import QWidget

from scbmeet.domain import dto
from scbmeet.domain.errors import ConflictError, DamageFoundInUseError, ScbmeetError
from scbmeet.gui.minutes.arising import ArisingPane
from scbmeet.gui.minutes.attendance import AttendancePane
from scbmeet.gui.minutes.autosave import SaveProblem, TextKeeper, check_database
from scbmeet.gui.minutes.commands import EditText, IdMap, ServiceCommand, TakeItem
from scbmeet.gui.minutes.current_item import CurrentItem
from scbmeet.gui.minutes.declarations import DeclarationsPane
from scbmeet.gui.minutes.drafts import Drafts
from scbmeet.gui.minutes.held import HeldSteps
from scbmeet.gui.minutes.help import ShortcutOverlay
from scbmeet.gui.minutes.keys import MinutesKeys
from scbmeet.gui.minutes.owner_confirm import OwnerConfirmPane
from scbmeet.gui.minutes.panes import MinutesPanes
from scbmeet.gui.minutes.rows import ATTENDANCE, AgendaRow, HeldItem, RecordRow, RowKey
from scbmeet.gui.minutes.saving import Saving, autosave_delay
from scbmeet.gui.minutes.shorthand_lines import ShorthandLines
from scbmeet.gui.minutes.steps import MinuteSteps
from scbmeet.gui.plans.minutes_pane import PlanReviewPane
from scbmeet.gui.safety import in_use
from scbmeet.gui.safety.record_conflict import show_record_conflict
from scbmeet.services import Services
from scbmeet.storage.recovery import Recovery, RecoveryStore

log = logging.getLogger(__name__)


class MinutesWindow(MinutesPanes):
    """Taking the minutes of one meeting."""

    # Change notices can come from any thread (background tasks); a signal brings them here.
    data_changed = Signal(object)

    def __init__(
        self,
        services: Services,
        meeting_id: int,
        parent: QWidget | None = None,
        *,
        recovery_store: RecoveryStore | None = None,
        autosave_ms: int | None = None,
        offer_recoveries: bool = True,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.ids = IdMap()
        self.meeting = services.meetings.meeting(meeting_id)
        self.previous_meeting = services.meetings.previous(meeting_id)
        self.next_meeting = services.meetings.next_meeting(self.meeting.board_id, self.meeting.date)
        self.undo_stack = QUndoStack(self)
        self.store = recovery_store or RecoveryStore()
        self.keeper = TextKeeper(
            self, self.meeting, self.store, autosave_ms or autosave_delay(), self
        )
        self.keeper.burst_ended = self.seal_typing
        self._shown = {"title": "", "narrative": ""}
        self._applying = False
        self._open_edit: EditText | None = None
        self.minute_later: set[RowKey] = set()  # items whose minute the keeper is to create
        self.damage: DamageFoundInUseError | None = None  # the database file is damaged
        self.setWindowTitle(f"Minutes — {self.meeting.label}")
        self._build()
        self.refresh()
        self.go_to(ATTENDANCE)
        self.data_changed.connect(lambda _change: self.refresh_soon())
        self._listening = Listening(services.subscribe(self.data_changed.emit))
        self.destroyed.connect(self._listening.stop)
        in_use.watch_minutes_for_damage(self, reopen=open_minutes_window)
        if offer_recoveries:
            QTimer.singleShot(0, self.offer_recoveries)

    def _build(self) -> None:
        self.build_panes(self.meeting)
        self.saving = Saving(self, self)
        self.held = HeldSteps(self, self)
        self.drafts = Drafts(self)
        self._wire_typing()
        self.item = CurrentItem(self, self)
        self.attendance = AttendancePane(self, self.form)
        self.arising = ArisingPane(self, self.form)
        self.steps = MinuteSteps(self, self, self.item)
        self.shorthand = ShorthandLines(self, self, self.item, self.steps)
        self.owner_confirm = OwnerConfirmPane(self, self, self.item.focus_narrative)
        self.keys = MinutesKeys(self, self, self.item, self.steps, self.shorthand)
        self.declarations = DeclarationsPane(self, self)
        self.data_changed.connect(lambda _change: self.declarations.refresh_if_shown())
        self.plan_review = PlanReviewPane(self, self)  # at an item reviewing a plan
        self.undo_action = self.keys.undo_action
        self.redo_action = self.keys.redo_action
        self.overlay = ShortcutOverlay(
            self.form_host, [*self.keys.all_actions(), self.declarations.action]
        )
        self.size_panes()
        if self.meeting.minutes_approved:
            self._make_read_only()

    def _wire_typing(self) -> None:
        self.title_edit.textEdited.connect(lambda text: self._typed("title", text))
        self.title_edit.editingFinished.connect(self.save_now)
        self.narrative.textChanged.connect(
            lambda: self._typed("narrative", self.narrative.toPlainText())
        )

    def _make_read_only(self) -> None:
        self.title_edit.setReadOnly(True)
        self.narrative.setReadOnly(True)
        self.notice(
            f"The minutes of {dto.long_date(self.meeting.date)} are approved and read-only; "
            "reopen them from the meeting, giving a reason, to change them."
        )

    # ============================================================ the item being taken
    # (what the commands, the keeper, the panes and the tests ask of the window)
    @property
    def _current(self) -> RowKey | None:  # the row on screen, as the tests read it
        return self.item.current

    def refresh(self) -> None:
        self.item.refresh()

    def refresh_soon(self) -> None:
        self.item.refresh_soon()

    def row(self, key: RowKey | None) -> AgendaRow | None:
        return self.item.row(key)

    def current_key(self) -> RowKey | None:
        return self.item.current

    def row_titled(self, text: str) -> RowKey:
        return self.item.row_titled(text)

    def row_title(self, key: RowKey) -> str:
        return self.item.row_title(key)

    def minute_for(self, key: RowKey, *, fresh: bool = False) -> dto.MinuteItemInfo | None:
        return self.item.minute_for(key, fresh=fresh)

    def minute_id_for(self, key: RowKey) -> int:
        return self.item.minute_id_for(key)

    def start_minute(self, key: RowKey) -> dto.MinuteItemInfo:
        return self.item.start_minute(key)

    def known_minutes(self) -> list[tuple[RowKey, dto.MinuteItemInfo]]:
        return self.item.known_minutes()

    def item_being_taken(self) -> dto.AgendaItemInfo | None:
        return self.item.item_being_taken()

    def go_to(self, key: RowKey) -> None:
        self.item.go_to(key)

    def pending_records(self, key: RowKey) -> list[RecordRow]:
        """What is listed under a minute but not in the database: steps held in the journal
        and dialogs left unfinished (greyed, and said so)."""
        return [*self.held.record_rows(key), *(d.record_row() for d in self.drafts.for_row(key))]

    def held_items(self) -> list[HeldItem]:
        return self.held.new_items()

    def records_changed(self) -> None:
        """What is held changed: every list shows it as not yet saved, and then as saved."""
        self.item.show_rows()
        self.item.show_records()
        self.attendance.model.set_held(self.held.marks())
        self.arising.model.set_held(self.held.outcomes())

    def step(self, delta: int) -> None:
        self.item.step(delta)

    def focus_narrative(self) -> None:
        self.item.focus_narrative()

    # ============================================================ saving
    def save_now(self) -> bool:
        return self.saving.save_now()

    def show_save_state(self) -> None:
        self.saving.show_save_state()

    def notice(self, message: str) -> None:
        self.saving.notice(message)

    def report(self, exc: BaseException, prefix: str = "") -> None:
        self.saving.report(exc, prefix)

    def show_banner(self, message: str) -> None:
        self.saving.show_banner(message)

    def show_damage(self, error: DamageFoundInUseError, problem: SaveProblem | None = None) -> None:
        self.saving.show_damage(error, problem)

    def offer_recoveries(self) -> None:
        self.saving.offer_recoveries()

    def restore_recovery(self, recovery: Recovery) -> bool:
        return self.saving.restore_recovery(recovery)

    def offer_backup(self) -> None:
        """The recovery dialog, as the main window offers it; restoring reopens minutes mode."""
        if self.damage is not None:
            in_use.recover_in_use(self, self.damage)

    def hand_over(self) -> bool:
        """A backup is about to replace the database: everything this window holds goes to
        recovery files and it saves nothing more. False if they could not be written."""
        self.item.refresh_timer.stop()
        self._listening.stop()
        return self.saving.hand_over()

    # ============================================================ typing
    def set_editor(self, field: str, text: str, *, keep_cursor: bool = True) -> None:
        """Put text in the title or narrative without it counting as typing."""
        self._shown[field] = text
        self._applying = True
        try:
            if field == "title":
                if self.title_edit.text() != text:
                    self.title_edit.setText(text)
                return
            old = self.narrative.toPlainText()
            if old == text:
                return
            self.narrative.setPlainText(text)
            if keep_cursor:
                cursor = self.narrative.textCursor()
                cursor.setPosition(changed_end(old, text))
                self.narrative.setTextCursor(cursor)
                self.narrative.ensureCursorVisible()
            else:
                self.narrative.moveCursor(QTextCursor.MoveOperation.End)
        finally:
            self._applying = False

    def _typed(self, field: str, text: str) -> None:
        """The user typed in the title or narrative: one undoable step per burst, saved soon."""
        key = self.item.current
        if self._applying or key is None or key == ATTENDANCE:
            return
        before = self._shown[field]
        if before == text:
            return
        self._shown[field] = text
        self.item.hold_refresh_while_typing()
        self.ensure_minute(key)
        command = EditText(self, key, field, before, text)
        command.execute()
        self.undo_stack.push(command)
        if self._open_edit is None or self._open_edit.sealed or not self._merges(command):
            self._open_edit = command
        self.show_save_state()

    def _merges(self, command: EditText) -> bool:
        edit = self._open_edit
        return edit is not None and edit.key == command.key and edit.field == command.field

    def seal_typing(self) -> None:
        if self._open_edit is not None:
            self._open_edit.sealed = True
            self._open_edit = None

    def apply_text(self, key: RowKey, field: str, text: str) -> None:
        """Set a row's title or narrative (typing, undo, redo, shorthand) and save it soon."""
        if key != self.item.current:
            self.go_to(key)
        if key == self.item.current:
            self.set_editor(field, text)
        self.keeper.change(key, field, text)

    def ensure_minute(self, key: RowKey) -> bool:
        """An item gets its minute (and number) when it is first written in."""
        row = self.row(key)
        if row is None or row.minute is not None or key.kind != "item":
            return True
        if key in self.minute_later:
            return False  # the keeper creates it with the first save that gets through
        try:
            check_database(self.services)
        except ScbmeetError:
            self.minute_later.add(key)
            return False
        if not self.run_command(TakeItem(self, key, row.title, row.status)):
            self.minute_later.add(key)
            return False
        return True

    # ============================================================ running steps
    def run_command(self, command: ServiceCommand) -> bool:
        return self.run_group(command.text(), [command])

    def run_group(self, label: str, commands: list[ServiceCommand]) -> bool:
        """Do several steps as one undoable step; if one fails, the others are taken back.
        While the database cannot take them, they are held in the journal (True)."""
        self.seal_typing()
        reason = self.held.unsaveable()
        if reason is not None and self.held.hold(label, commands, reason):
            return True
        done: list[ServiceCommand] = []
        try:
            for command in commands:
                command.execute()
                done.append(command)
        except ConflictError as exc:  # someone else saved it first: show both, keep typing
            self._take_back(done)
            self.refresh()
            self._show_conflict(commands[len(done)], exc)
            return False
        except Exception as exc:
            self._take_back(done)
            reason = self.held.held_after(exc)
            if reason is not None and self.held.hold(label, commands, reason):
                self.refresh()
                return True
            self.report(exc)
            self.refresh()
            return False
        if len(commands) == 1:
            self.undo_stack.push(commands[0])
        else:
            self.undo_stack.beginMacro(label)
            for command in commands:
                self.undo_stack.push(command)
            self.undo_stack.endMacro()
        self.seal_typing()
        self.command_done(commands[-1].focus)
        return True

    def _show_conflict(self, command: ServiceCommand, conflict: ConflictError) -> None:
        again = getattr(command, "again", None)
        if again is None or conflict.mine is None:
            self.report(conflict)
            return
        self.conflict_panel = show_record_conflict(
            getattr(command, "what", "this record"),
            conflict,
            lambda text, version: self.run_command(again(text, version)),
            self,
        )
        self.notice(str(conflict))

    def _take_back(self, done: list[ServiceCommand]) -> None:
        for command in reversed(done):
            try:
                command.revert()
            except Exception:  # the first failure is the one reported
                log.exception("could not take back %s", command.text())

    def command_done(self, focus: RowKey | None) -> None:
        self.refresh()
        target = self.ids.key(focus) if focus is not None else None
        if target is not None and target != self.item.current and self.row(target) is not None:
            self.go_to(target)

    def command_failed(self, command: object, exc: Exception) -> None:
        """Undo or redo could not reach the database: say so, and drop the history."""
        self.report(exc, prefix="Undo or redo failed, so the undo history has been cleared. ")
        QTimer.singleShot(0, self.undo_stack.clear)
        self.refresh()

    def undo(self) -> None:
        self.keeper.flush()
        self.seal_typing()
        self.undo_stack.undo()
        self.seal_typing()

    def redo(self) -> None:
        self.keeper.flush()
        self.seal_typing()
        self.undo_stack.redo()
        self.seal_typing()

    # ============================================================ events
    def closeEvent(self, event: QCloseEvent) -> None:
        """Saving on close; what cannot be saved is already in a recovery file."""
        self.keeper.flush()
        self.held.stop()  # what is held is in the journal, for the next start to do
        self.keeper.journal.close()  # on disk, or gone if everything was saved
        self.item.refresh_timer.stop()
        self._listening.stop()
        super().closeEvent(event)


class Listening:
    """A subscription to the services' change notices, ended once (on close or destruction)."""

    def __init__(self, unsubscribe: Callable[[], None]) -> None:
        self._unsubscribe: Callable[[], None] | None = unsubscribe

    def stop(self, *_args: object) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None


def changed_end(old: str, new: str) -> int:
    """Where the cursor belongs after ``old`` became ``new``: just after the changed part."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return len(new) - suffix


def open_minutes_window(
    services: Services,
    meeting_id: int,
    parent: QWidget | None = None,
    *,
    recovery_store: RecoveryStore | None = None,
    autosave_ms: int | None = None,
) -> MinutesWindow:
    """Create and show minutes mode for a meeting (what the main window's "Take minutes" calls)."""
    window = MinutesWindow(
        services, meeting_id, parent, recovery_store=recovery_store, autosave_ms=autosave_ms
    )
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    window.raise_()
    window.activateWindow()
    return window

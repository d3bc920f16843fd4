"""The keys of minutes mode: the menus' actions and their shortcuts, the buttons beside the
minute, and the keys that mean something inside the agenda, the minute's text and the records.

:class:`MinutesKeys` builds the menu bar (the F1 overlay lists its actions) and watches the
agenda, title, text and records as an event filter: Enter at the end of a shorthand line
makes its record, Enter/F2/Delete act on the chosen record, and Ctrl+Z goes to the window's
undo stack rather than the editor's. Leaving the title or text saves it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QPushButton

from scbmeet.gui.minutes.autosave import TextKeeper
from scbmeet.gui.minutes.current_item import CurrentItem
from scbmeet.gui.minutes.help import ShortcutOverlay
from scbmeet.gui.minutes.owner_confirm import OwnerConfirmPane
from scbmeet.gui.minutes.panes import MinutesPanes
from scbmeet.gui.minutes.rows import ATTENDANCE
from scbmeet.gui.minutes.shorthand_lines import ShorthandLines
from scbmeet.gui.minutes.steps import MinuteSteps

MENUS = ("&Minutes", "&Edit", "&Go", "&Help")


class KeysHost(Protocol):
    """What the keys trigger on the window itself."""

    keeper: TextKeeper
    undo_stack: QUndoStack
    overlay: ShortcutOverlay
    owner_confirm: OwnerConfirmPane

    def notice(self, message: str) -> None: ...

    def save_now(self) -> bool: ...

    def undo(self) -> None: ...

    def redo(self) -> None: ...


class MinutesKeys(QObject):
    """The window's actions, shortcuts and buttons, and its event filter on the editors."""

    def __init__(
        self,
        host: KeysHost,
        panes: MinutesPanes,
        item: CurrentItem,
        steps: MinuteSteps,
        shorthand: ShorthandLines,
    ) -> None:
        super().__init__(panes)
        self.host = host
        self.panes = panes
        self.item = item
        self.steps = steps
        self.shorthand = shorthand
        bar = panes.menuBar()
        self._menus = {name: bar.addMenu(name) for name in MENUS}
        self._actions: list[QAction] = []
        self._build_actions()
        self._wire_buttons()
        for widget in (panes.agenda_view, panes.title_edit, panes.narrative, panes.records_view):
            widget.installEventFilter(self)

    def _action(
        self, menu_name: str, text: str, keys: list[QKeySequence | str], slot: Callable[[], object]
    ) -> QAction:
        action = QAction(text, self.panes)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self._menus[menu_name].addAction(action)
        self._actions.append(action)
        return action

    def _build_actions(self) -> None:
        host, panes, item, steps = self.host, self.panes, self.item, self.steps
        a = self._action
        a("&Minutes", "Add a &resolution…", ["Ctrl+R"], steps.add_resolution)
        a("&Minutes", "Add an &action…", ["Ctrl+Shift+A"], steps.add_action)
        a("&Minutes", "Ask for an &update in N months…", ["Ctrl+U"], steps.ask_for_update)
        a(
            "&Minutes",
            "C&onfirm an action's owner (to be confirmed)",
            ["Ctrl+Shift+O"],
            self.confirm_owner,
        )
        a(
            "&Minutes",
            "&Defer the item (again: take it after all)",
            ["Ctrl+D"],
            steps.toggle_deferred,
        )
        a("&Minutes", "&New item raised in the room (AOB)…", ["Ctrl+N"], steps.new_item)
        a(
            "&Minutes",
            "&Confirm the last meeting's minutes as a correct record",
            ["Ctrl+Shift+C"],
            steps.confirm_previous_minutes,
        )
        a(
            "&Minutes",
            "Move the minute &earlier (renumbers)",
            ["Ctrl+Shift+Up"],
            lambda: steps.move_minute(-1),
        )
        a(
            "&Minutes",
            "Move the minute &later (renumbers)",
            ["Ctrl+Shift+Down"],
            lambda: steps.move_minute(1),
        )
        a(
            "&Minutes",
            "&Save now (saving is automatic)",
            [QKeySequence.StandardKey.Save],
            host.save_now,
        )
        a("&Minutes", "C&lose minutes mode", ["Ctrl+W"], panes.close)
        self.undo_action = a("&Edit", "&Undo", [QKeySequence.StandardKey.Undo], host.undo)
        self.redo_action = a("&Edit", "&Redo", ["Ctrl+Shift+Z", "Ctrl+Y"], host.redo)
        host.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        host.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        a("&Go", "&Attendance and apologies", ["F2"], lambda: item.go_to(ATTENDANCE))
        a("&Go", "&Previous item", ["Alt+Up"], lambda: item.step(-1))
        a("&Go", "&Next item", ["Alt+Down"], lambda: item.step(1))
        a("&Go", "The a&genda list", ["Ctrl+1"], panes.agenda_view.setFocus)
        a("&Go", "The &minute's text", ["Ctrl+2"], item.focus_narrative)
        a("&Go", "The &resolutions and actions", ["Ctrl+3"], panes.records_view.setFocus)
        a("&Help", "&Keyboard shortcuts", ["F1"], lambda: self.host.overlay.toggle())

    def _wire_buttons(self) -> None:
        panes, steps = self.panes, self.steps
        # A click on a button does not take the keyboard from where the next words go.
        for button in panes.form.findChildren(QPushButton):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        panes.records_view.doubleClicked.connect(lambda _index: steps.edit_record())
        panes.confirm_button.clicked.connect(steps.confirm_previous_minutes)
        panes.resolution_button.clicked.connect(steps.add_resolution)
        panes.action_button.clicked.connect(steps.add_action)
        panes.update_button.clicked.connect(steps.ask_for_update)
        panes.defer_button.clicked.connect(steps.toggle_deferred)

    def confirm_owner(self) -> None:
        if not self.host.owner_confirm.focus_list():
            self.host.notice("No action of this minute is waiting for its owner to be confirmed.")

    def all_actions(self) -> list[QAction]:
        return list(self._actions)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        panes = self.panes
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and watched in (panes.narrative, panes.title_edit):
            assert isinstance(event, QKeyEvent)
            if is_undo_key(event):  # let the window's undo stack have Ctrl+Z
                event.ignore()
                return True
        if kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._key_in(watched, event)
        if kind == QEvent.Type.FocusOut and watched in (panes.narrative, panes.title_edit):
            self.host.keeper.flush()  # saving on focus change
        return False

    def _key_in(self, watched: QObject, event: QKeyEvent) -> bool:
        panes = self.panes
        key = event.key()
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if watched is panes.narrative and enter and plain:
            return self.shorthand.finish_line()
        if watched is panes.agenda_view and enter:
            self.item.go_to(self.item.current or ATTENDANCE)
            return True
        if watched is panes.records_view and plain:
            if enter or key == Qt.Key.Key_F2:
                self.steps.edit_record()
                return True
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.steps.delete_record()
                return True
        return False


def is_undo_key(event: QKeyEvent) -> bool:
    return (
        event.matches(QKeySequence.StandardKey.Undo)
        or event.matches(QKeySequence.StandardKey.Redo)
        or event.keyCombination().toCombined() == QKeySequence("Ctrl+Y")[0].toCombined()
    )

"""The frame of minutes mode's small dialogs: opened without blocking, the problem named at
the field, and Escape that asks before throwing typing away.

:func:`open_dialog` opens a dialog window-modal (``open()``, not ``exec()``), so a meeting can
be taken - and tested - from the keyboard alone, and puts the keyboard back where the user
was when it closes. :class:`FormDialog` holds one Designer form; Escape, Cancel or closing it
goes at once when nothing was typed, and otherwise asks (a question that does not block
either) whether to discard what was typed. These dialogs only ever open because the user
asked for them: nothing opens over the typing of the minutes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from scbmeet.gui.widgets.forms import child, load_form

PROBLEM_STYLE = "color: #b00020;"


def open_dialog(
    dialog: QDialog,
    on_accept: Callable[[], None] | None = None,
    *,
    focus: Callable[[], None] | None = None,
    on_reject: Callable[[], None] | None = None,
) -> None:
    """Open a dialog window-modal without blocking; when it closes, the window it belongs to
    is activated again and ``focus`` puts the keyboard back where the user was."""

    def back(_result: int) -> None:
        owner = dialog.parentWidget()
        if owner is not None:
            owner.window().activateWindow()
        if focus is not None:
            focus()

    dialog.finished.connect(back)
    if on_accept is not None:
        dialog.accepted.connect(on_accept)
    if on_reject is not None:
        dialog.rejected.connect(on_reject)
    KeysToDialog(dialog)
    dialog.open()


LINGER_MS = 3000  # the longest keys typed after OK wait for the window to have the keyboard
KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)
POINTER_EVENTS = (
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel,
)


class KeysToDialog(QObject):
    """Keys typed while a dialog opens go into it, and keys typed as it closes go back to
    the window: never lost.

    Typing straight after Ctrl+Shift+A reaches the X server before the new dialog has the
    keyboard: those keys are addressed to the window underneath, and Qt drops keys to a
    window a modal dialog blocks. So the dialog does not leave Qt to block its window (its
    platform window has no transient parent, which is what Qt blocks by); this filter
    blocks it instead: keys addressed to the window underneath are sent on, in order, to
    the dialog's field with the keyboard, its shortcuts do not fire, and a click on it
    brings the dialog back to the front. Once the dialog has closed, keys still addressed
    to it (typed straight after OK) go to the window's field with the keyboard, until keys
    reach the window itself again."""

    def __init__(self, dialog: QDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        owner = dialog.parentWidget()
        self.under = owner.window() if owner is not None else None
        if self.under is None:
            return
        fix_minimum_size(dialog)  # before its window exists, so nothing has to be re-told
        # Its platform window now, to say it blocks nothing by itself. create(), not winId():
        # winId() marks the dialog a native window, and Qt then makes every child of the
        # window underneath native too (each its own platform window, and on some
        # platforms shown dock widgets take the keyboard back from the dialog).
        dialog.create()
        handle = dialog.windowHandle()
        if handle is not None:
            handle.setTransientParent(None)
        self.app = QApplication.instance()
        if isinstance(self.app, QApplication):
            self.app.installEventFilter(self)
            dialog.finished.connect(self._closed)
        self.stop_timer = QTimer(self)
        self.stop_timer.setSingleShot(True)
        self.stop_timer.setInterval(LINGER_MS)
        self.stop_timer.timeout.connect(self.stop)

    def _closed(self, _result: int) -> None:
        self.stop_timer.start()  # in case the keyboard never comes back (another app took it)

    def stop(self) -> None:
        if isinstance(self.app, QApplication):
            self.app.removeEventFilter(self)
        self.stop_timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Shortcut and self.dialog.isVisible():
            # A key sent on to the dialog is not spontaneous, so Qt tries it as a shortcut
            # again: none of the window's own may fire under the dialog.
            return self._widget_of(watched) is not None and (
                self._widget_of(watched).window() is self.under  # type: ignore[union-attr]
            )
        if not isinstance(watched, QWidget) or self.under is None:
            return False
        window = watched.window()
        if window is self.dialog and not self.dialog.isVisible() and kind in KEY_EVENTS:
            assert isinstance(event, QKeyEvent)
            if kind == QEvent.Type.KeyPress and self._shortcut_of_under(event):
                return True  # Ctrl+N straight after OK: the window's command, as if it had the keys
            return self._send_on(event, self.under.focusWidget() or self.under)
        if window is self.under and not self.dialog.isVisible() and kind in KEY_EVENTS:
            # Keys reach the window itself again. Until it is the active window too, Qt
            # would not take a key as the window's command (Ctrl+N straight after OK).
            assert isinstance(event, QKeyEvent)
            if QApplication.activeWindow() is self.under:
                self.stop()
                return False
            return kind == QEvent.Type.KeyPress and self._shortcut_of_under(event)
        if window is not self.under or not self.dialog.isVisible():
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # the window's shortcuts (Ctrl+R...) do not fire under the dialog
            return True
        if kind in KEY_EVENTS:
            assert isinstance(event, QKeyEvent)
            return self._send_on(event, self.dialog.focusWidget() or self.dialog)
        if kind in POINTER_EVENTS:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return True
        return False

    def _shortcut_of_under(self, event: QKeyEvent) -> bool:
        """Trigger the window's command for this key, if it has one (True)."""
        if self.under is None:
            return False
        pressed = QKeySequence(event.keyCombination())
        for action in self.under.findChildren(QAction):
            if action.isEnabled() and any(
                s.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch
                for s in action.shortcuts()
            ):
                action.trigger()
                return True
        return False

    @staticmethod
    def _widget_of(thing: QObject | None) -> QWidget | None:
        while thing is not None and not isinstance(thing, QWidget):
            thing = thing.parent()
        return thing

    @staticmethod
    def _send_on(event: QKeyEvent, target: QWidget) -> bool:
        copy = QKeyEvent(
            event.type(),
            event.key(),
            event.modifiers(),
            event.text(),
            event.isAutoRepeat(),
            event.count(),
        )
        QApplication.sendEvent(target, copy)
        return True


def fix_minimum_size(dialog: QDialog) -> None:
    """Settle the minimum size once, so a problem label appearing later does not change it."""
    if not dialog.property("minimumFixed"):
        dialog.setMinimumSize(dialog.minimumSizeHint())
        dialog.setProperty("minimumFixed", True)


class FormDialog(QDialog):
    """A QDialog holding one form with a ``buttonBox``."""

    def __init__(self, form_name: str, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.discard_question: DiscardQuestion | None = None
        self.setWindowTitle(title)
        self.form = load_form(form_name, self)
        buttons = child(self.form, QDialogButtonBox, "buttonBox")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def setVisible(self, visible: bool) -> None:
        if visible:
            fix_minimum_size(self)  # before the window exists, so nothing has to be re-told
            if getattr(self, "_as_opened", None) is None:
                self._as_opened = self.field_values()
        super().setVisible(visible)

    # -- Escape asks before throwing typing away -------------------------------------------------
    def field_values(self) -> list[object]:
        """What the fields hold now (compared with how the dialog opened)."""
        values: list[object] = []
        for widget in self.findChildren(QWidget):
            if (
                isinstance(widget, QLineEdit) and not isinstance(widget.parent(), QAbstractSpinBox)
            ) or isinstance(widget, QAbstractSpinBox):
                values.append(widget.text())
            elif isinstance(widget, QAbstractButton) and widget.isCheckable():
                values.append(widget.isChecked())
            elif isinstance(widget, QComboBox):
                values.append(widget.currentText())
        return values

    def fill(self, put: Callable[[], None]) -> None:
        """Fill the fields (a draft put back) as typing: Escape then asks before discarding."""
        self._as_opened = self.field_values()
        put()

    def filled_in(self) -> bool:
        opened = getattr(self, "_as_opened", None)
        return opened is not None and opened != self.field_values()

    def reject(self) -> None:
        """Escape, Cancel or closing: straight away if nothing was typed, else ask first."""
        if not self.filled_in():
            super().reject()
            return
        if self.discard_question is not None:
            return
        box = DiscardQuestion(self)
        self.discard_question = box
        focus = self.focusWidget()

        def answered(result: int) -> None:
            self.discard_question = None
            box.deleteLater()
            if result == QDialog.DialogCode.Accepted:
                QDialog.reject(self)
                return
            self.activateWindow()
            if focus is not None:
                focus.setFocus()

        box.finished.connect(answered)
        KeysToDialog(box)  # a key typed straight after Escape answers it, never lost
        box.open()

    def problem(self, label: QLabel, message: str, focus: QWidget | None = None) -> None:
        label.setStyleSheet(PROBLEM_STYLE)
        label.setText(message)
        label.setVisible(bool(message))
        if focus is not None:
            focus.setFocus()


class DiscardQuestion(QDialog):
    """ "Discard what you have typed?": Keep editing (the default, and Escape) or Discard."""

    def __init__(self, parent: QDialog) -> None:
        super().__init__(parent)
        self.setWindowTitle(parent.windowTitle() or "scbmeet")
        layout = QVBoxLayout(self)
        question = QLabel("<b>Discard what you have typed?</b>", self)
        question.setObjectName("question")
        layout.addWidget(question)
        layout.addWidget(QLabel("Nothing in this window has been recorded yet.", self))
        buttons = QDialogButtonBox(self)
        self.keep_button = buttons.addButton("Keep editing", QDialogButtonBox.ButtonRole.RejectRole)
        self.discard_button = buttons.addButton(QDialogButtonBox.StandardButton.Discard)
        self.discard_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.keep_button.setDefault(True)
        self.keep_button.setFocus()

    def text(self) -> str:
        return "Discard what you have typed?"

    def setVisible(self, visible: bool) -> None:
        if visible:
            fix_minimum_size(self)
        super().setVisible(visible)

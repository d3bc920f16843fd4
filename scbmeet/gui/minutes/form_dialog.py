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

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
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
    dialog.open()


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

"""The shared behaviour of the app's dialogs.

Every dialog is a :class:`FormDialog`: its widgets come from a Designer form, it checks
what was typed when OK is pressed and shows each problem *under the field concerned*
(a form names these labels ``<field>Error``), it saves through the services only when
everything is right, and it never throws away typed text without asking: Cancel, Escape
and the window's close button all ask first if anything was changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from scbmeet.domain.errors import ScbmeetError
from scbmeet.gui.widgets.forms import child, load_form

ERROR_STYLE = "color: #b3261e;"
Problems = list[tuple[QWidget | None, str]]


def ask_discard(parent: QWidget) -> bool:
    """Ask whether typed changes may be thrown away; True means yes, discard them."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        parent.windowTitle() or "scbmeet",
        "Discard what you have typed?",
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setInformativeText("The changes in this window have not been saved.")
    box.button(QMessageBox.StandardButton.Cancel).setText("Keep editing")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Discard


def run_dialog(dialog: QDialog) -> bool:
    """Show ``dialog`` modally; True if it was accepted. (Tests replace this.)"""
    return dialog.exec() == QDialog.DialogCode.Accepted


def confirm(parent: QWidget | None, title: str, text: str, *, yes: str = "OK") -> bool:
    """A yes/cancel question; True if the user agreed. (Tests replace this.)"""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel)
    agree = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    if parent is not None:
        box.setParent(parent, box.windowFlags())
    box.exec()
    return box.clickedButton() is agree


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """A plain message with an OK button. (Tests replace this.)"""
    QMessageBox.information(parent, title, text)


def choose_open_files(parent: QWidget | None, caption: str, filters: str) -> list[Path]:
    """Files the user picked to open (empty if cancelled). (Tests replace this.)"""
    names, _chosen = QFileDialog.getOpenFileNames(parent, caption, "", filters)
    return [Path(n) for n in names]


def choose_save_path(
    parent: QWidget | None, caption: str, suggested: str, filters: str
) -> Path | None:
    """Where the user wants a file saved (None if cancelled). (Tests replace this.)"""
    name, _chosen = QFileDialog.getSaveFileName(parent, caption, suggested, filters)
    return Path(name) if name else None


def report(parent: QWidget | None, exc: BaseException) -> None:
    """Show a problem (or an apology for a bug) in a message box. (Tests replace this.)"""
    from scbmeet.gui.widgets.errors import show_error

    show_error(parent, exc)


def _widget_value(widget: QWidget) -> Any:
    """What a field holds, for telling whether the user changed anything."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QTextEdit):
        return widget.toHtml()
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText())
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return widget.isChecked()
    if isinstance(widget, QAbstractItemView):
        return _model_state(widget.model())
    return None


def _change_signal(widget: QWidget) -> Any:
    """The signal a field sends when the user changes it (None for other widgets)."""
    if isinstance(widget, QLineEdit):
        return widget.textEdited
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged if not widget.isEditable() else widget.editTextChanged
    if isinstance(widget, QAbstractSpinBox):
        return widget.editingFinished
    if isinstance(widget, QAbstractButton):
        return widget.toggled
    return None


def _model_state(model: QAbstractItemModel | None) -> Any:
    if model is None:
        return None
    rows = model.rowCount()
    return tuple(
        (model.index(r, 0).data(), model.index(r, 0).data(Qt.ItemDataRole.CheckStateRole))
        for r in range(rows)
    )


class FormDialog(QDialog):
    """A dialog built from ``ui/<FORM>.ui`` that validates at the field and guards typing.

    Subclasses fill the fields, call :meth:`mark_pristine`, and implement
    :meth:`validate` (problems found without the database) and :meth:`save` (the
    service calls; a :class:`ScbmeetError` it raises is shown at :meth:`field_for`).
    """

    FORM = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = load_form(self.FORM, self)
        # Open at the size the form was designed at (or bigger, if its contents need it).
        self.resize(self.form.size().expandedTo(self.sizeHint()))
        self.button_box = child(self.form, QDialogButtonBox, "buttonBox")
        self.button_box.accepted.connect(self.try_accept)
        self.button_box.rejected.connect(self.reject)
        self._pristine: Any = None
        self._watched: set[QWidget] = set()  # fields whose problem goes when they change
        self._error_labels = [
            label
            for label in self.form.findChildren(QLabel)
            if label.objectName().endswith("Error") or label.objectName() == "messageLabel"
        ]
        for label in self._error_labels:
            label.setStyleSheet(ERROR_STYLE)
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.hide()

    # -- what the subclasses provide -------------------------------------------------
    def validate(self) -> Problems:
        """Problems with what was typed, each with the field it is about (or None)."""
        return []

    def save(self) -> None:
        """Store what was typed through the services."""

    def field_for(self, error: ScbmeetError) -> QWidget | None:
        """The field a refusal from the services is about (None: the dialog as a whole)."""
        return None

    # -- typing guard ------------------------------------------------------------------
    def input_widgets(self) -> Sequence[QWidget]:
        return [
            w
            for w in self.form.findChildren(QWidget)
            if _widget_value(w) is not None and w.objectName()
        ]

    def snapshot(self) -> tuple[Any, ...]:
        return tuple((w.objectName(), _widget_value(w)) for w in self.input_widgets())

    def mark_pristine(self) -> None:
        """Remember the fields as they are now: changes from here on are guarded."""
        self._pristine = self.snapshot()

    def is_dirty(self) -> bool:
        return self._pristine is not None and self.snapshot() != self._pristine

    def reject(self) -> None:
        if self.is_dirty() and not ask_discard(self):
            return
        super().reject()

    # -- accepting -----------------------------------------------------------------------
    def try_accept(self) -> bool:
        """Check, save and close; on a problem, show it at its field and stay open."""
        self.clear_errors()
        problems = self.validate()
        if problems:
            for widget, message in problems:
                self.show_problem(widget, message)
            first = problems[0][0]
            if first is not None:
                first.setFocus()
            return False
        try:
            self.save()
        except ScbmeetError as exc:
            widget = self.field_for(exc)
            self.show_problem(widget, str(exc))
            if widget is not None:
                widget.setFocus()
            return False
        self._pristine = None
        self.accept()
        return True

    def error_label(self, widget: QWidget | None) -> QLabel:
        """The label that shows problems with ``widget`` (the dialog's message label if none)."""
        if widget is not None:
            label = self.form.findChild(QLabel, f"{widget.objectName().removesuffix('Edit')}Error")
            if label is None:
                label = self.form.findChild(QLabel, f"{widget.objectName()}Error")
            if label is not None:
                return label
        return child(self.form, QLabel, "messageLabel")

    def show_problem(self, widget: QWidget | None, message: str) -> None:
        label = self.error_label(widget)
        existing = label.text() if not label.isHidden() else ""
        label.setText(f"{existing}\n{message}" if existing else message)
        label.show()
        if widget is not None:
            self._clear_when_changed(widget, label)

    def _clear_when_changed(self, widget: QWidget, label: QLabel) -> None:
        """Take the problem away as soon as the field is changed (it may be fixed now; OK
        checks again), so a message never stays beside a field that no longer has it."""
        signal = _change_signal(widget)
        if signal is None or widget in self._watched:
            return
        self._watched.add(widget)
        signal.connect(lambda *_args: (label.clear(), label.hide()))

    def clear_errors(self) -> None:
        for label in self._error_labels:
            label.clear()
            label.hide()

    def visible_problems(self) -> list[str]:
        """The problems on show (for tests and for screen readers)."""
        return [label.text() for label in self._error_labels if not label.isHidden()]

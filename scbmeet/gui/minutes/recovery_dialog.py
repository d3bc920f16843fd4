"""Texts that could not be saved last time, offered back: put back, copy, discard or later."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QLabel, QListView, QPlainTextEdit, QPushButton, QWidget

from scbmeet.gui.minutes.form_dialog import FormDialog
from scbmeet.gui.minutes.models import RecoveryModel
from scbmeet.gui.widgets.forms import child, load_form
from scbmeet.storage.recovery import Recovery


class RecoveryDialog(FormDialog):
    """Texts that could not be saved last time: put them back, copy them, or let them go."""

    def __init__(
        self,
        parent: QWidget | None,
        recoveries: Sequence[Recovery],
        restore: Callable[[Recovery], bool],
        discard: Callable[[Recovery], None],
    ) -> None:
        QDialog.__init__(self, parent)
        self.setWindowTitle("Unsaved minutes recovered")
        self.form = load_form("minutes_recovery", self)
        self._restore, self._discard = restore, discard
        self.model = RecoveryModel(self)
        self.model.set_rows(recoveries)
        self.view = child(self.form, QListView, "recoveryView")
        self.view.setModel(self.model)
        self.preview = child(self.form, QPlainTextEdit, "previewEdit")
        self.view.selectionModel().currentChanged.connect(self._show)
        child(self.form, QPushButton, "restoreButton").clicked.connect(self._put_back)
        child(self.form, QPushButton, "copyButton").clicked.connect(self._copy)
        child(self.form, QPushButton, "discardButton").clicked.connect(self._drop)
        child(self.form, QPushButton, "laterButton").clicked.connect(self.reject)
        self.resize(720, 460)
        self.view.setCurrentIndex(self.model.index(0, 0))
        self.view.setFocus()

    def current(self) -> Recovery | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show(self) -> None:
        recovery = self.current()
        self.preview.setPlainText(recovery.text if recovery else "")

    def _put_back(self) -> None:
        recovery = self.current()
        if recovery is not None and self._restore(recovery):
            self._remove(recovery)

    def _copy(self) -> None:
        recovery = self.current()
        if recovery is not None:
            QGuiApplication.clipboard().setText(f"{recovery.title}\n\n{recovery.text}")

    def _drop(self) -> None:
        recovery = self.current()
        if recovery is not None:
            self._discard(recovery)
            self._remove(recovery)

    def _remove(self, recovery: Recovery) -> None:
        rows = [r for r in self.model.rows() if r != recovery]
        self.model.set_rows(rows)
        if not rows:
            self.accept()
            return
        self.view.setCurrentIndex(self.model.index(0, 0))


def kept_texts_dialog(
    parent: QWidget | None, recoveries: Sequence[Recovery], intro: str
) -> RecoveryDialog:
    """The recovered texts to read and copy only: their minutes are not in this database,
    so nothing can be put back, and nothing is discarded from here (the files stay)."""
    dialog = RecoveryDialog(parent, recoveries, lambda _recovery: False, lambda _recovery: None)
    dialog.setWindowTitle("Minutes kept from the damaged file")
    child(dialog.form, QLabel, "introLabel").setText(intro)
    for name in ("restoreButton", "discardButton"):
        child(dialog.form, QPushButton, name).hide()
    child(dialog.form, QPushButton, "copyButton").setDefault(True)
    child(dialog.form, QPushButton, "laterButton").setText("Close")
    return dialog

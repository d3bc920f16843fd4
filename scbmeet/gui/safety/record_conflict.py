"""Two versions of an action or a resolution, side by side, in a window that takes no keyboard.

When a save of an action or resolution is refused because someone else saved it first (a
:class:`~scbmeet.domain.errors.ConflictError` carrying both texts), :class:`RecordConflictPanel`
shows theirs and mine side by side with a merge to edit, like the minute conflict dialog,
but non-modal and shown without taking the keyboard: minutes mode keeps typing where it was.
Keeping theirs needs nothing (it is saved); keeping mine or the merge saves it over theirs.
Mine is already in the audit trail, so closing the panel loses nothing.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QPushButton, QTextEdit, QWidget

from scbmeet.domain.errors import ConflictError
from scbmeet.gui.safety.minute_conflict import highlighted_html
from scbmeet.gui.widgets.forms import child, load_form
from scbmeet.text.textmerge import differing_lines, merge_lines

SaveOver = Callable[[str, int], None]  # (text to keep, their version)


class RecordConflictPanel(QDialog):
    """Theirs and mine of one action or resolution; ``save_over(text, version)`` keeps mine."""

    def __init__(
        self, what: str, conflict: ConflictError, save_over: SaveOver, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.theirs = conflict.theirs or ""
        self.mine = conflict.mine or ""
        self.version = conflict.theirs_version or 0
        self.save_over = save_over
        form = load_form("safety_conflict", self)
        child(form, QLabel, "headingLabel").setText(
            f"<b>{html.escape(what.capitalize())} was saved by someone else while you were "
            "changing it</b>"
        )
        child(form, QLabel, "explanationLabel").setText(
            "Yours was not saved over theirs. Nothing has been lost: both versions are below, "
            "and yours is kept in the audit trail. Keep theirs, keep yours, or save a merge."
        )
        only_theirs, only_mine = differing_lines(self.theirs, self.mine)
        child(form, QTextEdit, "theirsView").setHtml(highlighted_html(self.theirs, only_theirs))
        child(form, QTextEdit, "mineView").setHtml(highlighted_html(self.mine, only_mine))
        for name in ("theirsTitleLabel", "mineTitleLabel"):
            child(form, QLabel, name).hide()
        self.merged_edit = child(form, QPlainTextEdit, "mergedEdit")
        self.merged_edit.setPlainText(merge_lines(self.theirs, self.mine))
        child(form, QPushButton, "takeTheirsButton").clicked.connect(self.close)
        child(form, QPushButton, "keepMineButton").clicked.connect(lambda: self._keep(self.mine))
        child(form, QPushButton, "saveMergedButton").clicked.connect(
            lambda: self._keep(self.merged_edit.toPlainText())
        )
        child(form, QPushButton, "laterButton").clicked.connect(self.close)
        self.setWindowTitle(f"Two versions of {what}")
        self.resize(860, 560)

    def _keep(self, text: str) -> None:
        self.close()
        self.save_over(text, self.version)


def show_record_conflict(
    what: str, conflict: ConflictError, save_over: SaveOver, parent: QWidget | None
) -> RecordConflictPanel:
    """Show the two versions without taking the keyboard from whoever is typing."""
    panel = RecordConflictPanel(what, conflict, save_over, parent)
    panel.show()
    return panel

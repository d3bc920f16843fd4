"""Two versions of one minute: someone else saved it while it was being edited.

:func:`resolve_minute_conflict` answers a :class:`~scbmeet.domain.errors.ConflictError` from
``update_minute``: :class:`MinuteConflictDialog` shows both texts side by side, and keeps
mine, takes theirs, or saves a merge.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QPushButton, QTextEdit, QWidget

from scbmeet.domain.dto import MinuteItemInfo
from scbmeet.domain.errors import ConflictError
from scbmeet.gui.widgets.forms import child, load_form
from scbmeet.services import Services
from scbmeet.text.textmerge import differing_lines, merge_lines

HIGHLIGHT = "#fff1a8"  # pale yellow: readable on light themes, prints in grey


@dataclass(frozen=True)
class ConflictResolution:
    """``choice`` is ``theirs``, ``mine`` or ``merged``; ``narrative`` (and ``title``) the
    text to save (for ``theirs``, what is already saved)."""

    choice: str
    narrative: str
    title: str | None = None


def highlighted_html(text: str, lines: set[int]) -> str:
    """``text`` as HTML with the given lines on a highlight, whitespace kept."""
    out = []
    for number, line in enumerate(text.splitlines() or [""]):
        escaped = html.escape(line) or "&nbsp;"
        if number in lines:
            out.append(f'<div style="background-color:{HIGHLIGHT}">{escaped}</div>')
        else:
            out.append(f"<div>{escaped}</div>")
    return '<div style="white-space:pre-wrap">' + "".join(out) + "</div>"


class MinuteConflictDialog(QDialog):
    """Both versions of a minute side by side, and a merge to edit; read :attr:`resolution`."""

    def __init__(
        self,
        reference: str,
        mine: str,
        conflict: ConflictError,
        *,
        mine_title: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.resolution: ConflictResolution | None = None
        self.theirs = conflict.theirs or ""
        self.theirs_title = conflict.theirs_title
        self.mine = mine
        self.mine_title = mine_title
        form = load_form("safety_conflict", self)
        child(form, QLabel, "headingLabel").setText(
            f"<b>Minute {html.escape(reference)} was saved by someone else while you were "
            "editing it</b>"
        )
        only_theirs, only_mine = differing_lines(self.theirs, mine)
        self.theirs_view = child(form, QTextEdit, "theirsView")
        self.theirs_view.setHtml(highlighted_html(self.theirs, only_theirs))
        self.mine_view = child(form, QTextEdit, "mineView")
        self.mine_view.setHtml(highlighted_html(mine, only_mine))
        self._title_label(form, "theirsTitleLabel", conflict.theirs_title)
        self._title_label(form, "mineTitleLabel", mine_title or conflict.theirs_title)
        self.merged_edit = child(form, QPlainTextEdit, "mergedEdit")
        self.merged_edit.setPlainText(merge_lines(self.theirs, mine))
        child(form, QPushButton, "takeTheirsButton").clicked.connect(self._take_theirs)
        child(form, QPushButton, "keepMineButton").clicked.connect(self._keep_mine)
        child(form, QPushButton, "saveMergedButton").clicked.connect(self._save_merged)
        child(form, QPushButton, "laterButton").clicked.connect(self.reject)
        self.setWindowTitle(f"Two versions of minute {reference}")
        self.resize(940, 640)

    @staticmethod
    def _title_label(form: QWidget, name: str, title: str | None) -> None:
        label = child(form, QLabel, name)
        label.setText(f"<b>{html.escape(title)}</b>" if title else "")
        label.setVisible(bool(title))

    def _take_theirs(self) -> None:
        self.resolution = ConflictResolution("theirs", self.theirs, self.theirs_title)
        self.accept()

    def _keep_mine(self) -> None:
        self.resolution = ConflictResolution("mine", self.mine, self.mine_title)
        self.accept()

    def _save_merged(self) -> None:
        self.resolution = ConflictResolution(
            "merged", self.merged_edit.toPlainText(), self.mine_title
        )
        self.accept()


def ask_conflict(
    parent: QWidget | None,
    reference: str,
    mine: str,
    conflict: ConflictError,
    mine_title: str | None,
) -> ConflictResolution | None:
    dialog = MinuteConflictDialog(reference, mine, conflict, mine_title=mine_title, parent=parent)
    dialog.exec()
    return dialog.resolution


def resolve_minute_conflict(
    parent: QWidget | None,
    services: Services,
    minute_id: int,
    mine: str,
    conflict: ConflictError,
    *,
    mine_title: str | None = None,
    ask: Callable[
        [QWidget | None, str, str, ConflictError, str | None], ConflictResolution | None
    ] = ask_conflict,
) -> MinuteItemInfo | None:
    """Settle a save conflict on a minute; returns the minute as now saved, or None if the
    user chose to decide later (their text is saved, mine stays in the editor and in the
    audit trail). A further conflict while settling asks again with the newer text."""
    while True:
        reference = services.minutes.minute(minute_id).reference
        resolution = ask(parent, reference, mine, conflict, mine_title)
        if resolution is None:
            return None
        if resolution.choice == "theirs":
            return services.minutes.minute(minute_id)
        try:
            return services.minutes.update_minute(
                minute_id,
                narrative=resolution.narrative,
                title=resolution.title,
                expected_version=conflict.theirs_version,
            )
        except ConflictError as again:
            conflict = again
            mine = resolution.narrative

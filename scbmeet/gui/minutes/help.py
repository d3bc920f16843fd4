"""The shortcut overlay (F1): every key of minutes mode, listed from the window's own actions.

The menu actions carry their shortcuts, so the list cannot drift from what the keys do;
keys that only work inside one list (attendance, matters arising) are added as text.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from scbmeet.gui.widgets.forms import child, load_form

# Keys handled inside a view rather than by a menu action.
VIEW_KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "In the attendance list",
        [
            ("P", "present"),
            ("A", "apologies"),
            ("X", "absent"),
            ("I", "in attendance (officers, guests)"),
            ("L", "arrived late, during the item being taken"),
            ("E", "left early, during the item being taken"),
            ("S", "a substitute for the selected member…"),
            ("G", "a guest…"),
            ("Delete", "clear what was recorded"),
        ],
    ),
    (
        "In the matters-arising list",
        [
            ("D", "done"),
            ("X", "dropped"),
            ("P or Enter", "record progress…"),
            ("O", "still open"),
        ],
    ),
    (
        "In the list of resolutions and actions",
        [("Enter", "change the selected record…"), ("Delete", "remove it")],
    ),
    (
        "While typing the minute (at the end of a line, press Enter)",
        [
            ("#action Owner/Owner: text", "an action (add “(due 3 months)” for a due date)"),
            ("#resolved text", "a resolution"),
            ("#update 6 months: text", "ask for an update on the forward plan"),
        ],
    ),
]


def shortcut_rows(actions: Sequence[QAction]) -> list[tuple[str, str]]:
    """``(keys, what)`` for every action that has a shortcut, in menu order."""
    rows = []
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        if keys:
            rows.append((" or ".join(keys), action.text().replace("&", "").rstrip(".…")))
    return rows


def shortcut_html(actions: Sequence[QAction]) -> str:
    sections = [("Anywhere in minutes mode", shortcut_rows(actions)), *VIEW_KEYS]
    parts = []
    for heading, rows in sections:
        parts.append(
            f"<h3 style='margin-bottom:2px'>{html.escape(heading)}</h3><table cellspacing='3'>"
        )
        for keys, what in rows:
            parts.append(
                f"<tr><td style='padding-right:18px'><b>{html.escape(keys)}</b></td>"
                f"<td>{html.escape(what)}</td></tr>"
            )
        parts.append("</table>")
    return "".join(parts)


class ShortcutOverlay(QWidget):
    """A panel over the window listing the shortcuts; Esc, F1 or a click closes it."""

    def __init__(self, parent: QWidget, actions: Sequence[QAction]) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "#shortcutOverlay { background: #fafaf7; border: 2px solid #3b5b7a; }"
            " #shortcutOverlay QScrollArea, #shortcutOverlay QScrollArea > QWidget > QWidget"
            " { background: #fafaf7; }"
        )
        self.form = load_form("minutes_shortcuts", self)
        title = child(self.form, QLabel, "titleLabel")
        title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.label = child(self.form, QLabel, "shortcutsLabel")
        self.actions_shown = list(actions)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._return_focus: QWidget | None = None
        parent.installEventFilter(self)
        self.hide()

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
            return
        self.label.setText(shortcut_html(self.actions_shown))
        self._return_focus = QApplication.focusWidget()
        self._fit()
        self.show()
        self.raise_()
        self.setFocus()

    def _fit(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        margin = 40
        width = min(760, parent.width() - 2 * margin)
        self.setGeometry((parent.width() - width) // 2, margin, width, parent.height() - 2 * margin)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._fit()
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F1):
            self.hide()
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.hide()

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Give the keyboard back to whatever had it before the list was shown."""
        if self._return_focus is not None:
            self._return_focus.setFocus()
            self._return_focus = None
        super().hideEvent(event)

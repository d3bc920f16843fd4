"""Help ▸ Keyboard shortcuts and Help ▸ Getting started.

The shortcuts are read from the window's own menus when the list is opened, so the list
cannot fall behind the menus; minutes mode has its own list (F1 there). Both windows are
non-modal: they stay open beside the work.
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenuBar, QTextBrowser, QVBoxLayout, QWidget

GETTING_STARTED = """
<h3>Getting started</h3>
<ol>
<li><b>Register</b>: add your organisations (<i>Register ▸ New organisation</i>), then the
board (<i>Register ▸ New board</i>) and its members (<i>Register ▸ Add member</i>, or import
them from a spreadsheet saved as CSV).</li>
<li><b>Plan a meeting</b>: <i>Meeting ▸ New meeting</i> makes one with the standard agenda;
add items, presenters and papers on its page, and attach the papers as they arrive.</li>
<li><b>Send the agenda</b>: <i>File ▸ Export</i> writes the agenda and the agenda pack as
Word documents in the board's house style (public versions leave out closed business).</li>
<li><b>Take the minutes</b>: <i>Meeting ▸ Take minutes</i> (Ctrl+M) opens minutes mode:
attendance, numbered minutes, <code>RESOLVED</code> decisions and actions as you type.
Everything is saved as you type; F1 there lists its keys.</li>
<li><b>Follow up</b>: the board's <i>Actions</i> register and <i>Chair's review</i> show what
is outstanding; actions carry from meeting to meeting until they are done.</li>
</ol>
<p>Every change can be undone (Ctrl+Z). Backups are made every day
(<i>File ▸ Backups and restore</i>).</p>
"""


def shortcuts_html(bar: QMenuBar) -> str:
    """A table of every menu command that has a shortcut, menu by menu, each once."""
    rows, listed = [], set()
    for menu_action in bar.actions():
        for path, action in _actions_under(menu_action, []):
            keys = _keys(action)
            if keys and id(action) not in listed:
                listed.add(id(action))
                where = " ▸ ".join(_plain(a.text()) for a in (*path, action))
                rows.append(f"<tr><td>{escape(where)}</td><td><b>{escape(keys)}</b></td></tr>")
    return (
        "<h3>Keyboard shortcuts</h3><table cellpadding='3'>"
        + "".join(rows)
        + "</table><p>Minutes mode lists its own keys: press F1 there.</p>"
    )


def _actions_under(
    menu_action: QAction, path: list[QAction]
) -> list[tuple[list[QAction], QAction]]:
    """Every command in the menu of ``menu_action`` (and its submenus), with its menu path."""
    menu = menu_action.menu()
    here = [*path, menu_action]
    found: list[tuple[list[QAction], QAction]] = []
    for action in menu.actions() if menu is not None else []:
        if action.menu() is not None:
            found.extend(_actions_under(action, here))
        elif not action.isSeparator():
            found.append((here, action))
    return found


def _keys(action: QAction) -> str:
    keys = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts() if s]
    return ", ".join(dict.fromkeys(keys))


def _plain(text: str) -> str:
    """A menu text without its accelerator mark or trailing dots."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def text_window(parent: QWidget, title: str, html: str) -> QDialog:
    """A non-modal window showing ``html``; closed with Esc or the window's close button."""
    window = QDialog(parent)
    window.setWindowTitle(title)
    window.setModal(False)
    browser = QTextBrowser(window)
    browser.setOpenExternalLinks(False)
    browser.setHtml(html)
    layout = QVBoxLayout(window)
    layout.addWidget(browser)
    window.resize(560, 480)
    return window

"""The menus a desktop user looks for: Edit's Cut/Copy/Paste, Help's keyboard shortcuts and
getting started, File's recent databases (issue 19)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit, QTextBrowser

from scbmeet.gui.shell.main_window import MainWindow
from scbmeet.gui.shell.recent import RECENT_LIMIT, recent_databases, remember_database
from scbmeet.settings import Settings

# The offscreen platform says so when a window is shown; nothing to do with these tests.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def window(qtbot, demo_services):
    w = MainWindow(demo_services, demo=True)
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.show()
    qtbot.waitExposed(w)
    return w


def menu_texts(window, title):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_edit_menu_has_cut_copy_paste_that_act_on_the_field_with_the_keyboard(window, qtbot):
    assert {"Cu&t", "&Copy", "&Paste", "Select &all"} <= set(menu_texts(window, "&Edit"))
    window.navigate("members", window.services.register.boards()[0].id)
    field = window.current_page().findChild(QLineEdit, "filterEdit")
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    QApplication.clipboard().setText("Okafor")
    window.edit_actions["paste"].trigger()
    assert field.text() == "Okafor"
    window.edit_actions["selectAll"].trigger()
    window.edit_actions["cut"].trigger()
    assert field.text() == "" and QApplication.clipboard().text() == "Okafor"


def test_copy_in_a_table_copies_the_selected_rows_as_tab_separated_text(window, qtbot):
    window.navigate("members", window.services.register.boards()[0].id)
    view = window.current_page().members_view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    view.selectRow(0)
    window.edit_actions["copy"].trigger()
    copied = QApplication.clipboard().text().split("\t")
    model = view.model()
    assert copied[0] == model.index(0, 0).data()
    assert len(copied) == model.columnCount()


def test_help_lists_the_keyboard_shortcuts_from_the_menus(window):
    assert menu_texts(window, "&Help")[:2] == ["&Getting started", "&Keyboard shortcuts"]
    window.shortcuts_action.trigger()
    shown = window.help_window
    assert shown.isVisible() and not shown.isModal()
    text = shown.findChild(QTextBrowser).toPlainText()
    assert "Meeting ▸ Take minutes" in text and "Ctrl+M" in text
    assert "Edit ▸ Search everything" in text and "Ctrl+Shift+F" in text
    window.getting_started_action.trigger()
    assert "Take the minutes" in window.help_window.findChild(QTextBrowser).toPlainText()


def test_recent_databases_newest_first_once_each_and_only_files_still_there(tmp_path: Path):
    settings = Settings(tmp_path / "settings.json")
    files = [tmp_path / f"board{i}.sqlite3" for i in range(RECENT_LIMIT + 2)]
    for f in files:
        f.write_bytes(b"")
        remember_database(settings, f)
    remember_database(settings, files[3])
    recent = recent_databases(Settings(tmp_path / "settings.json"))  # as read next time
    assert recent[0] == files[3].resolve()
    assert len(recent) == RECENT_LIMIT and len(set(recent)) == RECENT_LIMIT
    files[3].unlink()
    assert files[3].resolve() not in recent_databases(settings)


def test_file_menu_lists_recent_databases_and_opens_one(qtbot, demo, tmp_path, monkeypatch):
    services, _summary = demo  # a file (a shared PostgreSQL database is not a recent file)
    other = tmp_path / "other.sqlite3"
    other.write_bytes(b"")
    opened: list[Path] = []
    w = MainWindow(services)  # not the demo window: a real file is remembered
    qtbot.addWidget(w)
    remember_database(w.settings(), other)
    monkeypatch.setattr(w, "switch_to", lambda path, then=None: opened.append(path))
    w.recent_menu.aboutToShow.emit()
    entries = {a.text(): a for a in w.recent_menu.actions()}
    here = next(a for a in entries.values() if a.isChecked())  # this window's own file
    assert here.toolTip() == str(services.db.path.resolve())
    next(a for t, a in entries.items() if t.endswith("other.sqlite3")).trigger()
    assert opened == [other.resolve()]

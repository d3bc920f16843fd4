"""``scbmeet --db URL`` opens the app on that database (SQLite through an ``sqlite:///`` URL,
and PostgreSQL when ``SCBMEET_TEST_DATABASE_URL`` is set): the opening page, the title and
the status bar name it, never with its password, and a server's database is told what
backs it up, since scbmeet's daily backup is of SQLite files."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from scbmeet.gui.safety import backups
from scbmeet.gui.safety.unusable import SERVER_NOTE, start_daily_backup
from scbmeet.gui.shell.app import Launcher
from scbmeet.gui.shell.main_window import MainWindow
from scbmeet.services import Services
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import Database, describe_url
from tests.test_cli_db_url import PASSWORD, SERVER, with_password


# The launcher shows the main window; showing a top-level window makes the offscreen test
# platform say it cannot propagate size hints (a limit of that platform, not of the app).
@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_the_app_opens_on_a_database_url(qtbot, prompts, db_url):
    url = with_password(db_url)
    open_database(url).dispose()  # 'scbmeet init' was run on it
    on_a_server = db_url.startswith("postgresql")
    launcher = Launcher(url)
    launcher.start()
    window = launcher.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    opening = window.current_page().findChild(QLabel, "messageLabel").text()
    assert PASSWORD not in opening
    if on_a_server:
        assert opening.startswith("Opening scbmeet_test_") and " on 127.0.0.1…" in opening
    qtbot.waitUntil(lambda: window.attached, timeout=10000)
    shown = describe_url(url)
    assert window.services.db.url == url
    assert window.windowTitle().endswith(f" – {shown}")
    assert window.database_label.toolTip() == shown
    assert PASSWORD not in window.windowTitle() + window.database_label.toolTip()
    note = window.statusBar().currentMessage()
    assert (note == SERVER_NOTE) == on_a_server and PASSWORD not in note
    assert prompts.errors == []
    window.close()
    launcher.cleanup()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # the window is shown
def test_a_server_database_is_shown_masked_and_told_what_backs_it_up(
    qtbot, prompts, tmp_path, monkeypatch
):
    local = open_database(f"sqlite:///{tmp_path / 'board.sqlite3'}")
    server = Database(url=SERVER, engine=local.engine)  # named as a server's, read locally
    window = MainWindow(Services(server))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.attached, timeout=5000)
    assert window.database_label.text() == "postgresql://clerk:***@council-db:5432/scb"
    assert PASSWORD not in window.windowTitle() and "council-db" in window.windowTitle()
    window.resize(1024, 700)
    assert start_daily_backup(window, server) is False
    bar = window.statusBar()
    note = bar.currentMessage()
    assert note == SERVER_NOTE and "Backups and restore" in note
    # The whole note is read beside the database's name at 1024 wide: a status bar never wraps.
    room = bar.width() - window.database_label.sizeHint().width()
    assert bar.fontMetrics().horizontalAdvance(note) < room
    told: list[str] = []
    monkeypatch.setattr(
        backups.QMessageBox, "information", lambda _parent, _title, text: told.append(text)
    )
    window.backups_action.trigger()  # where the note sends the secretary
    assert "pg_dump -Fc -f scb.dump 'postgresql://clerk@council-db:5432/scb'" in told[0]
    assert PASSWORD not in told[0]
    window.close()
    local.dispose()

"""The data-safety pieces of the desktop app, offscreen."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from scbmeet.domain.dto import AuditInfo
from scbmeet.domain.errors import ConflictError, UnusableDatabaseError
from scbmeet.gui.safety import audit, backups, minute_conflict, open_warnings, unusable
from scbmeet.gui.shell import startup_probe
from scbmeet.services import Services
from scbmeet.storage import backup
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import Database, sqlite_url

SCREENSHOTS = os.environ.get("SCBMEET_SCREENSHOTS")  # a folder, to look at the dialogs


def _snap(widget: QWidget, name: str) -> None:
    """Save a picture of ``widget`` (not shown: the offscreen platform warns about shown
    windows with layouts, and grab() renders without showing)."""
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SCREENSHOTS) / f"{name}.png"))


def _entry(i: int, operation: str = "delete", **kw) -> AuditInfo:
    values = {
        "id": i,
        "at": datetime(2026, 11, 20, 9, i),
        "user": kw.pop("user", "Owen Price-Jones"),
        "entity": "minuteitem",
        "entity_id": i,
        "operation": operation,
        "meeting_id": 1,
        "action_id": None,
        "reason": kw.pop("reason", ""),
        "before": json.dumps({"number": i, "numbering_year": 2026, "title": f"Item {i}"}),
        "after": "",
    }
    values.update(kw)
    return AuditInfo(**values)


@pytest.fixture
def sqlite_services(tmp_path):
    database = open_database(sqlite_url(tmp_path / "gui.sqlite3"))
    services = Services(database)
    yield services
    database.dispose()


@pytest.fixture
def minute(sqlite_services):
    s = sqlite_services
    board = s.register.create_board("Marlshire Safer Communities Board", "MSCB")
    meeting = s.meetings.create_meeting(board.id, date(2013, 6, 5), standard_agenda=False)
    return s.minutes.add_minute(
        meeting.id,
        "Domestic abuse",
        narrative="The board received the report.\nMembers asked about refuges.",
    )


# -- audit trail -----------------------------------------------------------------------------------
def test_audit_model_passes_the_model_tester(qtmodeltester):
    model = audit.AuditTrailModel([_entry(1), _entry(2, reason="Entered twice"), _entry(3)])
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.columnCount() == 4


def test_audit_view_filters_and_shows_the_selected_entry_in_full(qtbot):
    view = audit.AuditTrailView()
    qtbot.addWidget(view)
    long_text = "The board noted the report. " * 20
    entries = [
        _entry(1, user="Rachel Okafor"),
        _entry(
            2,
            operation="edit_after_approval",
            reason="Name misspelt",
            before=json.dumps({"number": 2, "numbering_year": 2026, "narrative": "Old text"}),
            after=json.dumps({"number": 2, "numbering_year": 2026, "narrative": long_text}),
        ),
    ]
    view.show_entries("Audit trail of the meeting of 5 June 2013", entries)
    view.resize(860, 500)
    assert view.proxy.rowCount() == 2
    assert "2 recorded change(s)" in view.count_label.text()
    detail = view.detail.toPlainText()  # the newest entry is selected
    assert "narrative before:\nOld text" in detail and long_text.strip() in detail
    _snap(view, "audit-trail")
    view.filter_edit.setText("okafor")
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, 1).data() == "Rachel Okafor"
    view.filter_edit.clear()
    view.show_entries("Nothing here", [])
    assert view.count_label.text() == "No changes recorded." and view.detail.toPlainText() == ""


def test_meeting_and_action_audit_dialogs_read_the_services(qtbot, sqlite_services, minute):
    s = sqlite_services
    s.register.create_organisation("Marlshire Police", short_name="MP")
    s.register.create_person("Goodwin", given_names="Sally", organisation_id=1)
    action = s.actions.add_action(minute.id, "Report back in March", "Sally Goodwin")
    s.actions.set_state(action.id, "done", at_meeting_id=minute.meeting_id)
    dialog = audit.meeting_audit_dialog(None, s, minute.meeting_id)
    qtbot.addWidget(dialog)
    assert "5 June 2013" in dialog.view.title_label.text()
    assert dialog.view.proxy.rowCount() == 1
    assert "changed the state of action" in dialog.view.proxy.index(0, 2).data()
    s.actions.delete_action(action.id, reason="Duplicate")
    dialog = audit.action_audit_dialog(None, s, action.id)
    qtbot.addWidget(dialog)
    assert "deleted action" in dialog.view.title_label.text()
    assert dialog.view.proxy.rowCount() == 2
    assert dialog.view.proxy.index(1, 3).data() == "Duplicate"


# -- a database that cannot be opened -------------------------------------------------------------
@pytest.fixture
def damaged(tmp_path) -> tuple[Path, Path]:
    path = tmp_path / "minutes.sqlite3"
    database = open_database(sqlite_url(path))
    Services(database).register.create_board("Marlshire Safer Communities Board", "MSCB")
    database.dispose()
    saved = backup.take_backup(path, backup.DAILY)
    path.write_bytes(path.read_bytes()[:6000])
    return path, saved


def _error_for(path: Path) -> UnusableDatabaseError:
    with pytest.raises(UnusableDatabaseError) as caught:
        open_database(sqlite_url(path))
    return caught.value


def test_damaged_dialog_names_the_file_and_offers_the_newest_backup(qtbot, damaged):
    path, saved = damaged
    dialog = unusable.DamagedDatabaseDialog(_error_for(path))
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(unusable.QLabel))
    assert "damaged" in texts and str(path) in texts and str(saved) in texts
    assert "minutes.sqlite3.damaged" in texts
    assert dialog.restore_button.isEnabled() and dialog.restore_button.isDefault()
    _snap(dialog, "damaged-database")
    dialog.restore_button.click()
    assert dialog.choice == unusable.RecoveryChoice("restore", saved)


def test_damaged_dialog_without_backup_lets_the_user_choose_one(qtbot, tmp_path):
    path = tmp_path / "agenda.docx"
    path.write_bytes(b"PK\x03\x04 a Word file")
    chosen = tmp_path / "kept-on-usb.sqlite3"
    dialog = unusable.DamagedDatabaseDialog(
        _error_for(path), choose_file=lambda parent, title, folder: chosen
    )
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled() and dialog.quit_button.isDefault()
    assert "not an scbmeet database" in dialog.windowTitle()
    dialog.findChild(unusable.QPushButton, "chooseButton").click()
    assert dialog.choice == unusable.RecoveryChoice("restore", chosen)
    dialog = unusable.DamagedDatabaseDialog(
        _error_for(path), choose_file=lambda parent, title, folder: chosen
    )
    qtbot.addWidget(dialog)
    dialog.findChild(unusable.QPushButton, "openOtherButton").click()
    assert dialog.choice == unusable.RecoveryChoice("open_other", chosen)


def test_opening_with_recovery_restores_and_keeps_the_damaged_file(qtbot, damaged):
    path, saved = damaged
    asked, told = [], []

    def ask(parent, error):
        asked.append(error)
        return unusable.RecoveryChoice("restore", error.backup)

    database = unusable.open_database_with_recovery(
        sqlite_url(path),
        ask=ask,
        inform=lambda parent, text: told.append(text),
        backup_in_background=False,
    )
    assert database is not None
    try:
        assert [b.short_name for b in Services(database).register.boards()] == ["MSCB"]
    finally:
        database.dispose()
    assert len(asked) == 1 and asked[0].backup == saved
    assert path.with_name("minutes.sqlite3.damaged").exists()
    assert "minutes.sqlite3.damaged" in told[0]


def test_opening_takes_the_daily_backup_in_the_background(qtbot, damaged, tmp_path):
    path = tmp_path / "other.sqlite3"
    open_database(sqlite_url(path)).dispose()
    database = unusable.open_database_with_recovery(sqlite_url(path))
    assert database is not None
    qtbot.waitUntil(lambda: bool(backup.list_backups(path)), timeout=5000)
    assert backup.list_backups(path)[0].kind == backup.DAILY
    database.dispose()
    made = []
    database = open_database(sqlite_url(damaged[0].with_name("third.sqlite3")))
    database.dispose()
    database = open_database(database.url, daily_backup=False)
    assert unusable.start_daily_backup(None, database, on_done=made.append)
    qtbot.waitUntil(lambda: bool(made), timeout=5000)
    assert made[0] is not None and made[0].parent == backup.backup_folder(database.path)
    database.dispose()


def test_opening_with_recovery_quit_and_other_problems(qtbot, damaged, tmp_path):
    path, _ = damaged
    reported = []
    assert (
        unusable.open_database_with_recovery(
            sqlite_url(path), ask=lambda parent, error: unusable.RecoveryChoice("quit")
        )
        is None
    )
    assert not path.with_name("minutes.sqlite3.damaged").exists()
    other = tmp_path / "other.sqlite3"
    database = unusable.open_database_with_recovery(
        sqlite_url(path),
        ask=lambda parent, error: unusable.RecoveryChoice("open_other", other),
        backup_in_background=False,
    )
    assert database is not None and database.path == other.resolve()
    database.dispose()
    folder = tmp_path / "a-folder.sqlite3"
    folder.mkdir()
    result = unusable.open_database_with_recovery(
        sqlite_url(folder), report=lambda parent, exc: reported.append(str(exc))
    )
    assert result is None and "is a folder" in reported[0]


# -- warnings -----------------------------------------------------------------------------------------
def test_network_share_warning_can_be_silenced_per_file(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    boxes: list[QMessageBox] = []

    def show(box: QMessageBox) -> None:
        boxes.append(box)
        _snap(box, "network-share-warning")
        box.checkBox().setChecked(True)

    path = Path("/srv/minutes/scbmeet.sqlite3")
    text = "The database /srv/minutes/scbmeet.sqlite3 is on a network share (cifs: //fs/m)."
    assert open_warnings.warn_about_network_share(
        None, path, text=text, settings=settings, show=show
    )
    assert "PostgreSQL" in boxes[0].informativeText()
    assert not open_warnings.warn_about_network_share(
        None, path, text=text, settings=settings, show=show
    )
    other = Path("/srv/minutes/other.sqlite3")
    assert open_warnings.warn_about_network_share(
        None, other, text=text, settings=settings, show=show
    )
    assert not open_warnings.warn_about_network_share(
        None, Path("/home/x.sqlite3"), text=None, settings=settings, show=show
    )


def test_open_warnings_are_shown(qtbot, sqlite_services):
    sqlite_services.db.warnings.append("The daily backup of x could not be made: disk full")
    shown_boxes: list[str] = []
    shown = open_warnings.show_open_warnings(
        None, sqlite_services.db, show=lambda box: shown_boxes.append(box.text())
    )
    assert shown == shown_boxes == ["The daily backup of x could not be made: disk full"]


# -- backups ---------------------------------------------------------------------------------------
def test_backup_list_model_passes_the_model_tester(qtmodeltester, damaged):
    path, _ = damaged
    model = backups.BackupListModel()
    model.set_backups(backup.list_backups(path))
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "Daily"


def test_backups_dialog_backs_up_saves_a_copy_and_restores(qtbot, tmp_path):
    path = tmp_path / "minutes.sqlite3"
    database = open_database(sqlite_url(path))
    services = Services(database)
    services.register.create_board("Marlshire Safer Communities Board", "MSCB")
    copy = tmp_path / "usb.sqlite3"
    answers = [False, True]
    dialog = backups.BackupsDialog(
        path,
        choose_new=lambda parent, title, suggested: copy,
        confirm=lambda parent, text: answers.pop(0),
    )
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert not dialog.buttons["restoreButton"].isEnabled()
    dialog.buttons["backUpButton"].click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
    assert "Backed up to" in dialog.hint.text()
    dialog.buttons["saveCopyButton"].click()
    qtbot.waitUntil(lambda: "Saved a checked copy" in dialog.hint.text(), timeout=5000)
    backup.check_backup(copy)
    _snap(dialog, "backups")
    services.register.create_board("Eastvale Community Safety Partnership", "ECSP")
    dialog.restore_selected()  # the first answer is "no": nothing happens
    assert len(services.register.boards()) == 2
    with qtbot.waitSignal(dialog.restored, timeout=5000) as signal:
        dialog.restore_selected()
    assert signal.args == [path]
    assert [b.short_name for b in services.register.boards()] == ["MSCB"]
    assert "kept at" in dialog.hint.text()
    kinds = [dialog.model.index(r, 1).data() for r in range(dialog.model.rowCount())]
    assert "Before a restore" in kinds
    database.dispose()


def test_backups_dialog_is_for_sqlite_files_only(qtbot, sqlite_services, monkeypatch):
    dialog = backups.backups_dialog_for(None, sqlite_services.db)
    assert dialog is not None and dialog.database_path == sqlite_services.db.path
    qtbot.addWidget(dialog)
    told = []
    monkeypatch.setattr(
        backups.QMessageBox, "information", lambda parent, title, text: told.append(text)
    )
    server = Database(url="postgresql://clerk@council-db/scbmeet", engine=sqlite_services.db.engine)
    assert backups.backups_dialog_for(None, server) is None
    assert "pg_dump" in told[0]


def test_backups_dialog_reports_a_bad_file_without_changing_anything(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "minutes.sqlite3"
    open_database(sqlite_url(path)).dispose()
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a database")
    errors = []
    monkeypatch.setattr(backups, "show_error", lambda parent, exc: errors.append(str(exc)))
    dialog = backups.BackupsDialog(
        path,
        choose_existing=lambda parent, title, folder: bogus,
        confirm=lambda parent, text: True,
    )
    qtbot.addWidget(dialog)
    dialog.buttons["restoreFileButton"].click()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert "notes.txt is not a valid scbmeet database" in errors[0]
    assert dialog.buttons["backUpButton"].isEnabled()


# -- two versions of a minute ------------------------------------------------------------------------
def _conflict(services: Services, minute_id: int, theirs: str) -> tuple[ConflictError, int]:
    version = services.minutes.minute(minute_id).version
    other = Services(open_database(services.db.url))
    other.minutes.update_minute(minute_id, narrative=theirs, expected_version=version)
    other.db.dispose()
    with pytest.raises(ConflictError) as caught:
        services.minutes.update_minute(minute_id, narrative="mine", expected_version=version)
    return caught.value, version


THEIRS = "The board received the report.\nMembers asked about refuges.\nThe chair thanked Sally."
MINE = "The board received the report.\nMembers asked about refuge places in Eastvale."


def test_conflict_dialog_shows_both_texts_and_a_merge(qtbot, sqlite_services, minute):
    conflict, _ = _conflict(sqlite_services, minute.id, THEIRS)
    dialog = minute_conflict.MinuteConflictDialog(
        "1/13", MINE, conflict, mine_title="Domestic abuse"
    )
    qtbot.addWidget(dialog)
    assert dialog.theirs_view.toPlainText() == THEIRS
    assert dialog.mine_view.toPlainText() == MINE
    merged = dialog.merged_edit.toPlainText().splitlines()
    assert merged.count("The board received the report.") == 1
    assert "Members asked about refuges." in merged
    assert "Members asked about refuge places in Eastvale." in merged
    assert "The chair thanked Sally." in merged
    assert minute_conflict.HIGHLIGHT in dialog.theirs_view.toHtml()
    _snap(dialog, "minute-conflict")
    dialog.merged_edit.setPlainText("Agreed text.")
    dialog.findChild(minute_conflict.QPushButton, "saveMergedButton").click()
    assert dialog.resolution == minute_conflict.ConflictResolution(
        "merged", "Agreed text.", "Domestic abuse"
    )


@pytest.mark.parametrize(
    ("choice", "expected"),
    [("mine", MINE), ("theirs", THEIRS), ("merged", "Merged by hand.")],
)
def test_resolving_a_conflict_saves_the_chosen_text(
    qtbot, sqlite_services, minute, choice, expected
):
    conflict, _ = _conflict(sqlite_services, minute.id, THEIRS)

    def ask(parent, reference, mine, conflict, mine_title):
        assert reference == "1/13" and mine == MINE
        text = {"mine": MINE, "theirs": THEIRS, "merged": "Merged by hand."}[choice]
        return minute_conflict.ConflictResolution(choice, text)

    saved = minute_conflict.resolve_minute_conflict(
        None, sqlite_services, minute.id, MINE, conflict, ask=ask
    )
    assert saved is not None and saved.narrative == expected
    assert sqlite_services.minutes.minute(minute.id).narrative == expected


def test_resolving_asks_again_if_someone_saves_meanwhile_and_later_saves_nothing(
    qtbot, sqlite_services, minute
):
    conflict, _ = _conflict(sqlite_services, minute.id, THEIRS)
    seen = []

    def ask(parent, reference, mine, conflict, mine_title):
        seen.append(conflict.theirs)
        if len(seen) == 1:  # a third person saves while the dialog is open
            other = Services(open_database(sqlite_services.db.url))
            other.minutes.update_minute(minute.id, narrative="A third version.")
            other.db.dispose()
            return minute_conflict.ConflictResolution("mine", MINE)
        return None  # decide later

    assert (
        minute_conflict.resolve_minute_conflict(
            None, sqlite_services, minute.id, MINE, conflict, ask=ask
        )
        is None
    )
    assert seen == [THEIRS, "A third version."]
    assert sqlite_services.minutes.minute(minute.id).narrative == "A third version."


# -- the start-up probe ---------------------------------------------------------------------------------
def _probe_line(capsys) -> dict[str, float]:
    line = capsys.readouterr().out.strip()
    assert line.startswith("scbmeet-startup ")
    return {k: float(v) for k, v in (part.split("=") for part in line.split()[1:])}


def test_startup_probe_reports_the_first_paint_and_quits(qtbot, monkeypatch, capsys):
    quits = []
    monkeypatch.setattr(startup_probe.QApplication, "quit", lambda: quits.append(True))
    window = QWidget()
    qtbot.addWidget(window)
    monkeypatch.delenv(startup_probe.ENV, raising=False)
    assert not startup_probe.report_startup_if_asked(window)
    monkeypatch.setenv(startup_probe.ENV, "1")
    assert startup_probe.report_startup_if_asked(window)
    window.show()
    qtbot.waitUntil(lambda: bool(quits), timeout=5000)
    fields = _probe_line(capsys)
    assert fields["shown_ms"] > 0 and fields["ready_ms"] == fields["shown_ms"]
    assert fields["rss_mb"] > 10


def test_startup_probe_can_wait_for_the_content(qtbot, monkeypatch, capsys):
    quits = []
    monkeypatch.setattr(startup_probe.QApplication, "quit", lambda: quits.append(True))
    monkeypatch.setattr(startup_probe, "_active", [])
    monkeypatch.setenv(startup_probe.ENV, "1")
    window = QWidget()
    qtbot.addWidget(window)
    assert startup_probe.report_startup_if_asked(window, wait_for_ready=True)
    window.show()
    qtbot.waitUntil(lambda: startup_probe._active[0].shown is not None, timeout=5000)
    QApplication.processEvents()  # anything the first paint scheduled has run
    assert not quits  # shown, but not ready yet
    startup_probe.startup_ready()
    qtbot.waitUntil(lambda: bool(quits), timeout=5000)
    fields = _probe_line(capsys)
    assert fields["ready_ms"] >= fields["shown_ms"] > 0

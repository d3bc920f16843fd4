"""Two windows on one database, saving the same action or resolution: the second save is
refused, both texts are kept (the refused one in the audit trail), and minutes mode shows
them side by side in a panel that leaves the keyboard where it was.

Each "window" is its own :class:`Services` over its own engine on the same URL. Runs on SQLite
and, when configured, on PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from scbmeet.domain.errors import ConflictError
from scbmeet.gui.minutes import MinutesWindow
from scbmeet.gui.minutes.dialogs import ActionDialog, TextDialog
from scbmeet.gui.minutes.models import KEY_ROLE
from scbmeet.gui.safety.record_conflict import RecordConflictPanel
from scbmeet.services import Services
from scbmeet.storage.database import open_database
from scbmeet.storage.recovery import RecoveryStore


@pytest.fixture
def other(db) -> Iterator[Services]:
    """A second window on the same database."""
    database = open_database(db.url)
    yield Services(database)
    database.dispose()


@pytest.fixture
def minute(services):
    reg = services.register
    board = reg.create_board("Marlshire Safer Communities Board", "MSCB")
    police = reg.create_organisation("Marlshire Police", short_name="MP")
    reg.create_person("Goodwin", given_names="Sally", organisation_id=police.id)
    meeting = services.meetings.create_meeting(board.id, date(2013, 6, 5), standard_agenda=False)
    item = services.agenda.add_item(meeting.id, "Domestic abuse")
    return services.minutes.add_minute(
        meeting.id, "Domestic abuse", agenda_item_id=item.id, narrative="First draft."
    )


def _last_conflict(services, meeting_id):
    kept = [e for e in services.meetings.audit(meeting_id) if e.operation == "save_conflict"]
    assert kept, "the refused version is not in the audit trail"
    return kept[-1]


def test_the_second_save_of_a_resolution_is_refused_and_both_are_kept(services, other, minute):
    resolution = services.minutes.add_resolution(minute.id, "that the strategy be noted.")
    assert resolution.version == 1
    mine = services.minutes.minute(minute.id).resolutions[0]
    theirs = other.minutes.minute(minute.id).resolutions[0]
    saved = other.minutes.update_resolution(
        resolution.id, "that the strategy be approved.", expected_version=theirs.version
    )
    assert saved.version == 2
    with pytest.raises(ConflictError, match="both are kept") as caught:
        services.minutes.update_resolution(
            resolution.id, "that the strategy be deferred.", expected_version=mine.version
        )
    conflict = caught.value
    assert (conflict.theirs, conflict.mine) == (
        "that the strategy be approved.",
        "that the strategy be deferred.",
    )
    assert (
        services.minutes.minute(minute.id).resolutions[0].text == "that the strategy be approved."
    )
    kept = _last_conflict(services, minute.meeting_id)
    assert kept.entity == "resolution"
    assert json.loads(kept.after)["text"] == "that the strategy be deferred."
    again = services.minutes.update_resolution(
        resolution.id, conflict.mine, expected_version=conflict.theirs_version
    )
    assert other.minutes.minute(minute.id).resolutions[0].text == again.text


def test_the_second_save_of_an_action_is_refused_and_both_are_kept(services, other, minute):
    action = services.actions.add_action(minute.id, "Report back in March", "Sally Goodwin")
    theirs = other.actions.action(action.id)
    other.actions.update_action(
        action.id, {"text": "Report back in April"}, expected_version=theirs.version
    )
    with pytest.raises(ConflictError) as caught:
        services.actions.update_action(
            action.id,
            {"text": "Report back in May", "due_date": date(2013, 5, 1)},
            owners="Sally Goodwin",
            expected_version=action.version,
        )
    assert (caught.value.theirs, caught.value.mine) == (
        "Report back in April",
        "Report back in May",
    )
    assert other.actions.action(action.id).text == "Report back in April"
    kept = json.loads(_last_conflict(services, minute.meeting_id).after)
    assert kept["text"] == "Report back in May" and kept["due_date"] == "2013-05-01"
    assert kept["owners"][0]["name"] or kept["owners"][0]["person_id"]


# -- minutes mode -------------------------------------------------------------------------------
SHOWN = pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # the panel is shown


@pytest.fixture
def window(qtbot, services, minute, tmp_path):
    win = MinutesWindow(
        services, minute.meeting_id, recovery_store=RecoveryStore(tmp_path / "recovery")
    )
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5000)
    yield win
    win.close()


def _select_record(window, kind: str) -> None:
    view = window.records_view
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        record = index.data(KEY_ROLE)
        if record and record[0] == kind:
            view.setCurrentIndex(index)
            return
    raise AssertionError(f"no {kind} in the records list")


def _edit_in_dialog(qtbot, window, kind, dialog_type, fill) -> None:
    _select_record(window, kind)
    window.steps.edit_record()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), dialog_type), timeout=5000)
    dialog = QApplication.activeModalWidget()
    fill(dialog)
    dialog.accept()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5000)


def _panel(qtbot, window) -> RecordConflictPanel:
    qtbot.waitUntil(
        lambda: (
            isinstance(getattr(window, "conflict_panel", None), RecordConflictPanel)
            and window.conflict_panel.isVisible()
        ),
        timeout=5000,
    )
    return window.conflict_panel


@SHOWN
def test_minutes_mode_shows_a_refused_action_edit_side_by_side_and_keeps_typing(
    qtbot, services, other, minute, window
):
    action = services.actions.add_action(minute.id, "Report back in March", "Sally Goodwin")
    window.refresh()
    window.go_to(window.row_titled("Domestic abuse"))
    other.actions.update_action(
        action.id, {"text": "Report back in April"}, expected_version=action.version
    )

    def retype(dialog: ActionDialog) -> None:
        dialog.text_edit.setText("Report back in May")

    _edit_in_dialog(qtbot, window, "action", ActionDialog, retype)
    panel = _panel(qtbot, window)
    assert QApplication.activeModalWidget() is None  # nothing modal over the typing
    assert not panel.isModal() and not panel.isAncestorOf(QApplication.focusWidget())
    assert "April" in panel.theirs and "May" in panel.mine
    assert services.actions.action(action.id).text == "Report back in April"  # not overwritten
    assert _last_conflict(services, minute.meeting_id).entity == "action"
    window.focus_narrative()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.narrative, timeout=5000)
    panel.findChild(QPushButton, "keepMineButton").click()
    qtbot.waitUntil(lambda: services.actions.action(action.id).text == "Report back in May")
    assert other.actions.action(action.id).text == "Report back in May"


@SHOWN
def test_minutes_mode_shows_a_refused_resolution_edit_side_by_side(
    qtbot, services, other, minute, window
):
    resolution = services.minutes.add_resolution(minute.id, "that the strategy be noted.")
    window.refresh()
    window.go_to(window.row_titled("Domestic abuse"))
    other.minutes.update_resolution(
        resolution.id, "that the strategy be approved.", expected_version=resolution.version
    )

    def retype(dialog: TextDialog) -> None:
        dialog.edit.setText("that the strategy be deferred.")

    _edit_in_dialog(qtbot, window, "resolution", TextDialog, retype)
    panel = _panel(qtbot, window)
    assert "approved" in panel.theirs and "deferred" in panel.mine
    assert services.minutes.minute(minute.id).resolutions[0].text.endswith("approved.")
    panel.findChild(QPushButton, "takeTheirsButton").click()
    qtbot.waitUntil(lambda: not panel.isVisible())
    assert services.minutes.minute(minute.id).resolutions[0].text.endswith("approved.")

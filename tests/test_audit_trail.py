"""The audit trail records every case the issue names, with who, when, before and after."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import pytest

from scbmeet import jsonio
from scbmeet.domain.dto import AuditInfo
from scbmeet.domain.errors import ReadOnlyError, ValidationError
from scbmeet.services import Services
from scbmeet.settings import USER_NAME, Settings
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import current_user
from scbmeet.text import audit_format


@dataclass
class Board:
    board_id: int
    meeting_id: int
    later_meeting_id: int
    minute_id: int
    resolution_id: int
    action_id: int
    person_id: int


@pytest.fixture
def board(services) -> Board:
    """A board with a held meeting: one agenda item, a minute, a resolution and an action."""
    reg = services.register
    b = reg.create_board("Marlshire Safer Communities Board", "MSCB")
    police = reg.create_organisation("Marlshire Police", short_name="MP", kind="police")
    sally = reg.create_person("Goodwin", given_names="Sally", organisation_id=police.id)
    reg.create_person("Mahay", given_names="Kul", organisation_id=police.id)
    meeting = services.meetings.create_meeting(b.id, date(2013, 6, 5), standard_agenda=False)
    later = services.meetings.create_meeting(b.id, date(2013, 11, 6), standard_agenda=False)
    item = services.agenda.add_item(meeting.id, "Anti-social behaviour")
    minute = services.minutes.add_minute(
        meeting.id, "Anti-social behaviour", agenda_item_id=item.id, narrative="The board noted."
    )
    resolution = services.minutes.add_resolution(minute.id, "RESOLVED that the report be noted.")
    action = services.actions.add_action(
        minute.id, "Circulate the ASB data", "Sally Goodwin/Kul Mahay"
    )
    return Board(b.id, meeting.id, later.id, minute.id, resolution.id, action.id, sally.id)


def _ops(entries: list[AuditInfo]) -> list[tuple[str, str]]:
    return [(e.entity, e.operation) for e in entries]


def _assert_who_and_when(entry: AuditInfo) -> None:
    assert entry.user == "test-secretary"
    assert entry.at is not None


def test_nothing_is_recorded_for_ordinary_drafting(services, board):
    services.minutes.update_minute(board.minute_id, narrative="The board noted the report.")
    assert services.meetings.audit(board.meeting_id) == []


def test_approved_minutes_change_only_after_reopening_with_a_reason(services, board):
    services.meetings.approve_minutes(board.meeting_id, board.later_meeting_id)
    with pytest.raises(ReadOnlyError):
        services.minutes.update_minute(board.minute_id, narrative="Rewritten")
    with pytest.raises(ReadOnlyError):
        services.meetings.update_meeting(board.meeting_id, {"venue": "Another room"})
    with pytest.raises(ValidationError, match="reason"):
        services.meetings.reopen_minutes(board.meeting_id, "  ")
    services.meetings.reopen_minutes(board.meeting_id, "Councillor's name misspelt")
    reopened = services.meetings.audit(board.meeting_id)[-1]
    assert reopened.operation == "reopen_minutes"
    assert reopened.reason == "Councillor's name misspelt"
    assert json.loads(reopened.before)["state"] == "minutes_approved"
    assert json.loads(reopened.after)["state"] == "minutes_drafted"


def test_every_change_after_reopening_is_recorded_with_before_and_after(services, board):
    services.meetings.approve_minutes(board.meeting_id, board.later_meeting_id)
    services.meetings.reopen_minutes(board.meeting_id, "Correction agreed by the chair")
    services.minutes.update_minute(board.minute_id, narrative="The board noted the report.")
    services.minutes.update_resolution(board.resolution_id, "that the report be approved")
    services.minutes.add_resolution(board.minute_id, "that a further report come in March")
    added = services.minutes.add_minute(board.meeting_id, "Any other business")
    services.minutes.move_minute(added.id, 0)
    services.actions.update_action(board.action_id, {"text": "Circulate the ASB figures"})
    services.actions.add_action(board.minute_id, "Write to the PCC", "Sally Goodwin")
    services.meetings.set_attendance(board.meeting_id, board.person_id, "present")
    services.declarations.add(board.meeting_id, board.person_id, "Trustee of a charity")
    services.meetings.update_meeting(board.meeting_id, {"venue": "Committee Room 2"})
    entries = services.meetings.audit(board.meeting_id)
    assert _ops(entries)[2:] == [  # after approve and reopen
        ("minuteitem", "edit_after_approval"),
        ("resolution", "edit_after_approval"),
        ("resolution", "add_after_approval"),
        ("minuteitem", "add_after_approval"),
        ("minuteitem", "edit_after_approval"),
        ("action", "edit"),
        ("action", "add_after_approval"),
        ("attendance", "add_after_approval"),
        ("declaration", "add_after_approval"),
        ("meeting", "edit_after_approval"),
    ]
    for entry in entries:
        _assert_who_and_when(entry)
    narrative = entries[2]
    assert json.loads(narrative.before)["narrative"] == "The board noted."
    assert json.loads(narrative.after)["narrative"] == "The board noted the report."
    moved = entries[6]
    assert json.loads(moved.before)["number"] != json.loads(moved.after)["number"]
    venue = entries[-1]
    assert json.loads(venue.after)["venue"] == "Committee Room 2"


def test_deleting_a_minute_records_it_with_its_resolutions_and_actions(services, board):
    services.minutes.delete_minute(board.minute_id)
    entries = services.meetings.audit(board.meeting_id)
    assert _ops(entries) == [
        ("minuteitem", "delete"),
        ("resolution", "delete"),
        ("action", "delete"),
    ]
    assert json.loads(entries[0].before)["narrative"] == "The board noted."
    assert json.loads(entries[1].before)["text"] == "that the report be noted."
    deleted_action = json.loads(entries[2].before)
    assert deleted_action["owners"] == "Sally Goodwin/Kul Mahay"
    assert all(e.after == "" for e in entries)
    # The action's own trail shows its deletion, though the action is gone.
    assert _ops(services.actions.audit(board.action_id)) == [("action", "delete")]


def test_deleting_a_resolution_an_action_and_an_agenda_item(services, board):
    item = services.agenda.add_item(board.meeting_id, "Domestic abuse")
    sub = services.agenda.add_item(board.meeting_id, "DHR update", parent_id=item.id)
    services.agenda.delete_item(item.id)
    services.minutes.delete_resolution(board.resolution_id)
    services.actions.delete_action(board.action_id, reason="Entered twice")
    entries = services.meetings.audit(board.meeting_id)
    assert _ops(entries) == [
        ("agendaitem", "delete"),
        ("agendaitem", "delete"),
        ("resolution", "delete"),
        ("action", "delete"),
    ]
    assert {entries[0].entity_id, entries[1].entity_id} == {item.id, sub.id}
    assert entries[3].reason == "Entered twice"
    assert entries[3].action_id == board.action_id
    for entry in entries:
        _assert_who_and_when(entry)
        assert entry.before and not entry.after


def test_deleting_a_meeting_records_everything_deleted_with_it(services, board):
    services.meetings.delete_meeting(board.meeting_id, reason="Created for the wrong board")
    entries = services.meetings.audit(board.meeting_id)
    assert _ops(entries) == [
        ("meeting", "delete"),
        ("agendaitem", "delete"),
        ("minuteitem", "delete"),
        ("resolution", "delete"),
        ("action", "delete"),
    ]
    assert {e.reason for e in entries} == {"Created for the wrong board"}
    assert json.loads(entries[0].before)["date"] == "2013-06-05"


def test_every_state_change_of_an_action_is_recorded(services, board):
    services.actions.add_update(board.action_id, "Data requested from the analyst")
    services.actions.set_state(board.action_id, "done", at_meeting_id=board.later_meeting_id)
    services.actions.set_states([board.action_id], "open")
    entries = services.actions.audit(board.action_id)
    states = [(json.loads(e.before)["state"], json.loads(e.after)["state"]) for e in entries]
    assert states == [("open", "in_progress"), ("in_progress", "done"), ("done", "open")]
    assert entries[0].reason == "progress reported: Data requested from the analyst"
    assert entries[1].meeting_id == board.later_meeting_id
    for entry in entries:
        assert entry.operation == "state_change"
        _assert_who_and_when(entry)
    # Setting the state an action already has changes nothing and records nothing.
    services.actions.set_state(board.action_id, "open")
    assert len(services.actions.audit(board.action_id)) == 3


def test_who_is_the_settings_name_else_the_login(db_url, monkeypatch):
    monkeypatch.delenv("SCBMEET_USER")
    login = current_user()
    assert login  # the operating-system user
    Settings.default().set(USER_NAME, "Owen Price-Jones")
    database = open_database(db_url)
    try:
        services = Services(database)
        b = services.register.create_board("Marlshire Safer Communities Board", "MSCB")
        meeting = services.meetings.create_meeting(b.id, date(2013, 6, 5), standard_agenda=False)
        services.meetings.delete_meeting(meeting.id)
        assert services.meetings.audit(meeting.id)[0].user == "Owen Price-Jones"
    finally:
        database.dispose()


def test_the_trail_is_exported_and_imported_with_the_database(services, board, tmp_path):
    services.minutes.delete_resolution(board.resolution_id)
    services.actions.set_state(board.action_id, "done")
    data = jsonio.export_data(services.db)
    exported = data["tables"]["auditentry"]
    assert [(r["entity"], r["operation"]) for r in exported] == [
        ("resolution", "delete"),
        ("action", "state_change"),
    ]
    copy = open_database(f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    try:
        jsonio.import_data(copy, data)
        other = Services(copy)
        meeting = other.meetings.find_meeting(date(2013, 6, 5))
        assert _ops(other.meetings.audit(meeting.id)) == [("resolution", "delete")]
        action = other.actions.actions()[0]
        assert _ops(other.actions.audit(action.id)) == [("action", "state_change")]
    finally:
        copy.dispose()


def test_entries_read_as_sentences(services, board):
    services.minutes.delete_minute(board.minute_id)
    entry = services.meetings.audit(board.meeting_id)[0]
    line = audit_format.summary(entry)
    assert "test-secretary" in line and 'deleted minute 1/13 "Anti-social behaviour"' in line
    lines = audit_format.change_lines(entry)
    assert "narrative was: 'The board noted.'" in lines
    assert not any(line.startswith(("meeting_id", "version")) for line in lines)

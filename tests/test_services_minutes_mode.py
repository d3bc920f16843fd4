"""Service additions made for taking minutes live: removing a progress update, owner splitting."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.domain.errors import NotFoundError
from scbmeet.text.shorthand import split_owner_text


def test_split_owner_text():
    assert split_owner_text("Sally Goodwin/Kul Mahay") == ["Sally Goodwin", "Kul Mahay"]
    assert split_owner_text("A; B, Team (MCC, EBC) / ") == ["A", "B", "Team (MCC, EBC)"]
    assert split_owner_text("") == []


def _action(services):
    reg = services.register
    board = reg.create_board("Test Board", "TB")
    reg.create_person("Goodwin", given_names="Sally")
    meeting = services.meetings.create_meeting(board.id, date(2026, 3, 4), standard_agenda=False)
    later = services.meetings.create_meeting(board.id, date(2026, 6, 3), standard_agenda=False)
    minute = services.minutes.add_minute(meeting.id, "Performance")
    action = services.actions.add_action(minute.id, "Bring the figures", "Sally Goodwin")
    return action, later


def test_a_progress_update_can_be_removed_and_is_audited(services):
    action, later = _action(services)
    update = services.actions.add_update(action.id, "Half done", meeting_id=later.id)
    keep = services.actions.add_update(action.id, "Nearly there", meeting_id=later.id)
    services.actions.delete_update(update.id)
    assert [u.text for u in services.actions.updates(action.id)] == ["Nearly there"]
    assert keep.id != update.id
    audit = services.actions.audit(action.id)
    assert audit[-1].operation == "delete"
    assert audit[-1].entity == "actionupdate"
    assert "Half done" in audit[-1].before
    with pytest.raises(NotFoundError):
        services.actions.delete_update(update.id)


def test_removing_an_update_tells_listeners(services):
    action, later = _action(services)
    update = services.actions.add_update(action.id, "Half done", meeting_id=later.id)
    seen = []
    services.subscribe(seen.append)
    services.actions.delete_update(update.id)
    assert [(c.entity, c.ids) for c in seen] == [("action", (action.id,))]

"""Approved minutes are the legal record: locked, reopened only with a reason, audited."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.domain.enums import MeetingState
from scbmeet.domain.errors import ConflictError, ReadOnlyError, ValidationError


@pytest.fixture
def approved(small):
    first = small.meeting(date(2013, 2, 27))
    (minute,) = small.minutes(first.id, "Performance overview")
    small.services.minutes.update_minute(minute.id, narrative="The Board received the report.")
    small.services.minutes.add_resolution(minute.id, "RESOLVED that the report be noted.")
    action = small.services.actions.add_action(minute.id, "Bring the breakdown", "Sally Goodwin")
    second = small.meeting(date(2013, 6, 5))
    small.services.meetings.approve_minutes(first.id, second.id)
    return small, first, minute, action, second


def test_approval_records_when_and_where(approved):
    small, first, _, _, second = approved
    info = small.services.meetings.meeting(first.id)
    assert info.state == MeetingState.MINUTES_APPROVED
    assert info.approved_at_id == second.id
    assert info.approved_on == date(2013, 6, 5)


@pytest.mark.parametrize(
    "change",
    [
        lambda s, m, a: s.minutes.update_minute(m.id, narrative="rewritten"),
        lambda s, m, a: s.minutes.add_resolution(m.id, "that something else be agreed"),
        lambda s, m, a: s.minutes.delete_minute(m.id),
        lambda s, m, a: s.minutes.add_minute(m.meeting_id, "Slipped in"),
        lambda s, m, a: s.actions.add_action(m.id, "Another action", "Kul Mahay"),
        lambda s, m, a: s.actions.update_action(a.id, {"text": "Different"}),
        lambda s, m, a: s.actions.delete_action(a.id),
    ],
    ids=[
        "narrative",
        "resolution",
        "delete",
        "add-minute",
        "add-action",
        "action-text",
        "delete-action",
    ],
)
def test_approved_minutes_are_read_only(approved, change):
    small, _first, minute, action, _ = approved
    with pytest.raises(ReadOnlyError, match="approved and read-only"):
        change(small.services, minute, action)
    again = small.services.minutes.minute(minute.id)
    assert again.narrative == "The Board received the report."
    assert [r.text for r in again.resolutions] == ["that the report be noted."]
    assert [a.text for a in again.actions] == ["Bring the breakdown"]


def test_action_progress_is_still_recorded_after_approval(approved):
    small, _, _, action, second = approved
    small.services.actions.set_state(action.id, "done", at_meeting_id=second.id)
    assert small.services.actions.action(action.id).closed_on == date(2013, 6, 5)


def test_reopening_needs_a_reason_which_is_kept(approved):
    small, first, minute, _, _ = approved
    with pytest.raises(ValidationError, match="reason"):
        small.services.meetings.reopen_minutes(first.id, "   ")
    small.services.meetings.reopen_minutes(first.id, "Wrong figure in minute 1/13")
    small.services.minutes.update_minute(
        minute.id, narrative="The Board received the corrected report."
    )
    trail = small.services.meetings.audit(first.id)
    reopen = next(e for e in trail if e.operation == "reopen_minutes")
    assert reopen.reason == "Wrong figure in minute 1/13"
    assert reopen.user == "test-secretary"
    edit = next(e for e in trail if e.operation == "edit_after_approval")
    assert "The Board received the report." in edit.before
    assert "corrected report" in edit.after


def test_a_stale_save_is_refused_and_keeps_both_texts(small):
    m = small.meeting(date(2013, 2, 27))
    (minute,) = small.minutes(m.id, "CSE")
    mine = small.services.minutes.minute(minute.id)
    small.services.minutes.update_minute(
        minute.id, narrative="Their text", expected_version=mine.version
    )
    with pytest.raises(ConflictError) as info:
        small.services.minutes.update_minute(
            minute.id, narrative="My text", expected_version=mine.version
        )
    assert info.value.theirs == "Their text"
    assert small.services.minutes.minute(minute.id).narrative == "Their text"


def test_resolved_prefix_is_not_doubled(small):
    m = small.meeting(date(2013, 2, 27))
    (minute,) = small.minutes(m.id, "Minutes")
    r = small.services.minutes.add_resolution(minute.id, "resolved: that the minutes be confirmed")
    assert r.text == "that the minutes be confirmed"


def test_minutes_cannot_be_approved_twice_or_by_an_earlier_meeting(small):
    first = small.meeting(date(2013, 2, 27))
    second = small.meeting(date(2013, 6, 5))
    with pytest.raises(ValidationError, match="later meeting"):
        small.services.meetings.approve_minutes(second.id, first.id)
    small.services.meetings.approve_minutes(first.id, second.id)
    with pytest.raises(ValidationError, match="already approved"):
        small.services.meetings.approve_minutes(first.id, second.id)


def test_deleting_a_minute_is_audited(small):
    m = small.meeting(date(2013, 2, 27))
    (minute,) = small.minutes(m.id, "Withdrawn item")
    small.services.minutes.delete_minute(minute.id)
    entry = small.services.meetings.audit(m.id)[-1]
    assert (entry.entity, entry.operation) == ("minuteitem", "delete")
    assert "Withdrawn item" in entry.before

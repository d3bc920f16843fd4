"""Actions: owners from the register, carried from meeting to meeting until closed."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.domain.errors import NotFoundError, ValidationError


def test_owners_are_matched_to_people_organisations_and_teams(small):
    m = small.meeting(date(2013, 6, 5))
    (minute,) = small.minutes(m.id, "Performance overview")
    action = small.services.actions.add_action(
        minute.id, "Monitor ASB calls", "Sally Goodwin/Supt Mahay/RU"
    )
    assert action.owner_line == "Sally Goodwin/Kul Mahay/RU"
    assert action.minute_reference == "1/13"
    kinds = [(o.person_id is not None, o.organisation_id is not None) for o in action.owners]
    assert kinds == [(True, False), (True, False), (False, True)]


def test_an_unknown_owner_is_refused_not_guessed(small):
    m = small.meeting(date(2013, 6, 5))
    (minute,) = small.minutes(m.id, "Item")
    with pytest.raises(ValidationError, match="'Andy Waldie' is not in the register"):
        small.services.actions.add_action(minute.id, "Something", "Sally Goodwin/Andy Waldie")
    assert small.services.minutes.minute(minute.id).actions == ()


def test_an_ambiguous_owner_is_refused(small):
    small.services.register.create_person("Goodwin", given_names="Sally", email="other@x.example")
    with pytest.raises(ValidationError, match="more than one owner"):
        small.services.register.resolve_owners("Sally Goodwin")


def test_outstanding_actions_carry_over_until_closed(small):
    a = small.services.actions
    first = small.meeting(date(2013, 2, 27))
    (m1,) = small.minutes(first.id, "Item")
    done_later = a.add_action(m1.id, "Closed at the second meeting", "Sally Goodwin")
    carried = a.add_action(m1.id, "Still open", "Kul Mahay")
    dropped = a.add_action(m1.id, "Dropped before", "David Lowe")
    a.set_state(dropped.id, "dropped", on=date(2013, 3, 1))
    second = small.meeting(date(2013, 6, 5))
    (m2,) = small.minutes(second.id, "Matters arising")
    a.set_state(done_later.id, "done", at_meeting_id=second.id, note="Report circulated")
    new = a.add_action(m2.id, "New at the second meeting", "Sally Goodwin")
    third = small.meeting(date(2013, 9, 4))

    as_of_second = {x.text for x in a.outstanding(as_of_meeting_id=second.id)}
    assert as_of_second == {"Closed at the second meeting", "Still open"}
    as_of_third = {x.text for x in a.outstanding(as_of_meeting_id=third.id)}
    assert as_of_third == {"Still open", "New at the second meeting"}
    assert {x.id for x in a.outstanding(board_id=small.board.id)} == {carried.id, new.id}
    closed = a.action(done_later.id)
    assert (closed.closed_on, closed.closed_at_meeting_id) == (date(2013, 6, 5), second.id)
    assert closed.latest_update == "Report circulated"


def test_owner_filter_finds_actions_of_a_person_or_team(small):
    m = small.meeting(date(2013, 6, 5))
    (minute,) = small.minutes(m.id, "Item")
    a = small.services.actions
    a.add_action(minute.id, "Sally's", "Sally Goodwin")
    a.add_action(minute.id, "Shared", "Kul Mahay/RU")
    assert [x.text for x in a.outstanding(owner_person_id=small.kul.id)] == ["Shared"]
    assert [x.text for x in a.outstanding(owner_organisation_id=small.unit.id)] == ["Shared"]


def test_progress_moves_an_open_action_in_progress_and_state_changes_are_audited(small):
    m = small.meeting(date(2013, 6, 5))
    (minute,) = small.minutes(m.id, "Item")
    a = small.services.actions
    action = a.add_action(minute.id, "Write the plan", "Sally Goodwin", due_date=date(2013, 9, 1))
    a.add_update(action.id, "First draft done", on=date(2013, 7, 1))
    assert a.action(action.id).state == "in_progress"
    a.set_state(action.id, "done", on=date(2013, 8, 1))
    trail = a.audit(action.id)
    assert [e.operation for e in trail] == [
        "state_change",
        "state_change",
    ]  # open -> in progress -> done
    assert '"state": "in_progress"' in trail[1].before and '"state": "done"' in trail[1].after
    assert not a.action(action.id).is_overdue(date(2014, 1, 1))


def test_overdue_is_judged_on_the_effective_due_date(small):
    m = small.meeting(date(2013, 6, 5))
    nxt = small.meeting(date(2013, 9, 4))
    (minute,) = small.minutes(m.id, "Item")
    action = small.services.actions.add_action(
        minute.id, "Report back", "Kul Mahay", due_meeting_id=nxt.id
    )
    assert action.due == date(2013, 9, 4)
    assert action.is_overdue(date(2013, 9, 5)) and not action.is_overdue(date(2013, 9, 4))


def test_changing_several_states_is_all_or_nothing(small):
    m = small.meeting(date(2013, 6, 5))
    (minute,) = small.minutes(m.id, "Item")
    one = small.services.actions.add_action(minute.id, "One", "Sally Goodwin")
    with pytest.raises(NotFoundError):
        small.services.actions.set_states([one.id, 999_999], "done")
    assert small.services.actions.action(one.id).state == "open"
    assert small.services.actions.set_states([one.id], "done") == 1


def test_a_failed_multi_row_change_leaves_nothing_behind(small):
    from scbmeet.domain.dto import OwnerRef

    m = small.meeting(date(2013, 6, 5))
    (minute,) = small.minutes(m.id, "Item")
    owners = [
        OwnerRef(person_id=small.sally.id, name="Sally"),
        OwnerRef(organisation_id=424242, name="?"),
    ]
    with pytest.raises(NotFoundError, match="organisation"):
        small.services.actions.add_action(minute.id, "Half-valid", owners)
    assert small.services.actions.actions(board_id=small.board.id) == []


def test_outstanding_counts_match_the_full_lists(small):
    a = small.services.actions
    first = small.meeting(date(2013, 6, 5))
    nxt = small.meeting(date(2013, 9, 4))
    (minute,) = small.minutes(first.id, "Item")
    a.add_action(minute.id, "Late by date", "Sally Goodwin", due_date=date(2013, 7, 1))
    a.add_action(minute.id, "Late by meeting", "Kul Mahay", due_meeting_id=nxt.id)
    a.add_action(minute.id, "Not due yet", "David Lowe", due_date=date(2014, 1, 1))
    a.add_action(minute.id, "No due date", "David Lowe")
    done = a.add_action(minute.id, "Done", "David Lowe", due_date=date(2013, 7, 1))
    a.set_state(done.id, "done", on=date(2013, 7, 2))
    today = date(2013, 10, 1)
    full = a.outstanding(board_id=small.board.id)
    expected = (len(full), sum(x.is_overdue(today) for x in full))
    assert a.outstanding_counts(small.board.id, today) == expected == (4, 2)

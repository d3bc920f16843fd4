"""Meetings: board defaults, the standard agenda, dates, attendance and quorum."""

from __future__ import annotations

from datetime import date, time

import pytest

from scbmeet.domain.errors import ValidationError


def test_a_new_meeting_takes_the_boards_defaults_and_standard_agenda(services):
    reg = services.register
    board = reg.create_board(
        "Safer Board", "SB", default_venue="Police HQ, Ripley", default_start_time=time(9, 30)
    )
    first = services.meetings.create_meeting(board.id, date(2013, 2, 27))
    assert (first.venue, first.start_time) == ("Police HQ, Ripley", time(9, 30))
    kinds = [(i.number, i.kind) for i in services.agenda.agenda(first.id)]
    # The first meeting has no earlier minutes to confirm.
    assert kinds == [
        ("", "apologies"),
        ("1", "declarations"),
        ("2", "matters_arising"),
        ("3", "aob"),
        ("", "next_meeting"),
    ]
    second = services.meetings.create_meeting(board.id, date(2013, 6, 5), venue="Chesterfield")
    titles = [i.title for i in services.agenda.agenda(second.id)]
    assert titles[2] == "Minutes of the meeting held on 27 February 2013"
    assert second.venue == "Chesterfield"


def test_forward_plan_entries_due_are_offered_and_included(services):
    board = services.register.create_board("Safer Board", "SB")
    first = services.meetings.create_meeting(board.id, date(2013, 6, 5))
    fp = services.forward_plan
    due = fp.add_entry(board.id, "Alcohol data update", in_months=5, from_date=date(2013, 6, 5))
    later = fp.add_entry(board.id, "Hate crime review", in_months=9, from_date=date(2013, 6, 5))
    nxt = services.meetings.create_meeting(board.id, date(2013, 11, 27))
    assert [e.id for e in fp.due_at(nxt.id)] == []  # already placed on the agenda
    agenda_titles = [i.title for i in services.agenda.agenda(nxt.id)]
    assert "Alcohol data update" in agenda_titles and "Hate crime review" not in agenda_titles
    assert agenda_titles.index("Alcohol data update") < agenda_titles.index("Any other business")
    assert fp.entries(board.id)[0].status == "scheduled"
    assert [e.id for e in fp.entries(board.id, include_done=False)] == [later.id]
    del first, due


def test_the_secretary_can_leave_a_due_entry_off(services):
    board = services.register.create_board("Safer Board", "SB")
    entry = services.forward_plan.add_entry(board.id, "Update", due_month=date(2013, 11, 1))
    nxt = services.meetings.create_meeting(board.id, date(2013, 11, 27), include_forward_plan=[])
    assert "Update" not in [i.title for i in services.agenda.agenda(nxt.id)]
    assert [e.id for e in services.forward_plan.due_at(nxt.id)] == [entry.id]


def test_a_board_meets_once_a_day(services):
    board = services.register.create_board("Safer Board", "SB")
    services.meetings.create_meeting(board.id, date(2013, 6, 5))
    with pytest.raises(ValidationError, match="already meets on 5 June 2013"):
        services.meetings.create_meeting(board.id, date(2013, 6, 5))
    assert len(services.meetings.meetings(board.id)) == 1


def test_moving_a_meeting_raises_its_calendar_sequence(services):
    board = services.register.create_board("Safer Board", "SB")
    m = services.meetings.create_meeting(board.id, date(2013, 6, 5))
    moved = services.meetings.update_meeting(m.id, {"start_time": time(14, 0)})
    assert moved.ical_sequence == m.ical_sequence + 1
    assert moved.ical_uid == m.ical_uid
    retitled = services.meetings.update_meeting(m.id, {"title": "Extraordinary meeting"})
    assert retitled.ical_sequence == moved.ical_sequence


def test_deleting_a_meeting_is_audited_and_closes_up_numbers(small):
    first = small.meeting(date(2013, 2, 27))
    small.minutes(first.id, "A", "B")
    second = small.meeting(date(2013, 6, 5))
    small.minutes(second.id, "C")
    small.services.meetings.delete_meeting(first.id, reason="entered twice")
    assert small.refs(second.id) == ["1/13"]
    trail = small.services.meetings.audit(first.id)
    deleted = [(e.entity, e.reason) for e in trail if e.operation == "delete"]
    assert ("meeting", "entered twice") in deleted
    assert sum(entity == "minuteitem" for entity, _ in deleted) == 2  # its minutes, recorded too


def test_attendance_substitutes_and_quorum(small):
    services = small.services
    services.register.update_board(
        small.board.id, {"quorum_members": 2, "quorum_statutory_orgs": 2}
    )
    m = small.meeting(date(2013, 6, 5))
    guest = services.register.create_person("Frost", given_names="Nicole")
    services.meetings.set_attendance(m.id, small.chair.id, "present")
    services.meetings.set_attendance(m.id, small.kul.id, "apologies")
    services.meetings.set_attendance(
        m.id, small.david.id, "present", substitute_for_id=small.kul.id
    )
    services.meetings.set_attendance(m.id, guest.id, "in_attendance")
    # David substitutes for Kul: he counts for Kul, and for Kul's organisation.
    quorum = services.quorum.at_item(m.id)
    assert quorum.quorate and quorum.counted_person_ids == (small.chair.id, small.kul.id)
    rows = {a.person.family_name: a for a in services.meetings.attendance(m.id)}
    assert rows["Lowe"].substitute_for_name == "Kul Mahay"
    assert rows["Frost"].status == "in_attendance"
    services.meetings.set_attendance(m.id, small.david.id, "in_attendance")
    quorum = services.quorum.at_item(m.id)
    assert not quorum.quorate and "1 of 2 statutory organisations" in quorum.text
    services.meetings.set_attendance(m.id, small.kul.id, "present")
    assert services.quorum.at_item(m.id).quorate
    with pytest.raises(ValidationError, match="not a valid attendance"):
        services.meetings.set_attendance(m.id, guest.id, "asleep")


def test_declarations_of_interest(small):
    m = small.meeting(date(2013, 6, 5))
    item = small.services.agenda.add_item(m.id, "Community Safety Fund")
    d = small.services.declarations.add(
        m.id, small.david.id, "Trustee of a funded charity", agenda_item_id=item.id
    )
    assert small.services.declarations.of_meeting(m.id) == [d]
    with pytest.raises(ValidationError):
        small.services.declarations.add(m.id, small.david.id, " ")

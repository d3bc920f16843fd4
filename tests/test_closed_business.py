"""Closed-session business: one rule decides what is closed, and the forward plan keeps it so.

An item is closed if it or any item above it is (``scbmeet.domain.closed``); the services and
JSON import refuse an open sub-item under a closed item; an update requested in closed
session is itself closed and goes to the closed session of the meeting that takes it; a
request comes to the meeting nearest its due date. On SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from scbmeet import jsonio
from scbmeet.domain.closed import closed_item_ids
from scbmeet.domain.errors import ImportFormatError, ValidationError
from scbmeet.exports.records import MeetingRecord, visible_actions
from scbmeet.services import Services
from scbmeet.services.forward_plan import comes_to
from scbmeet.services.integrity import check_database
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url


def _item(ident, parent=None, session="open"):
    return SimpleNamespace(id=ident, parent_id=parent, session=session)


def test_an_item_is_closed_if_it_or_any_item_above_it_is():
    items = [
        _item(1),
        _item(2, session="closed"),
        _item(3, parent=2),
        _item(4, parent=3),
        _item(5, parent=1),
        _item(6, parent=1, session="closed"),
    ]
    assert closed_item_ids(items) == {2, 3, 4, 6}


def test_the_rule_stops_on_a_loop_of_parents():
    assert closed_item_ids([_item(1, parent=2), _item(2, parent=1)]) == frozenset()


# -- the services refuse the inconsistent state --------------------------------------------------
def test_a_sub_item_cannot_be_opened_under_a_closed_item(small):
    agenda = small.services.agenda
    meeting = small.meeting(date(2026, 6, 5))
    parent = agenda.add_item(meeting.id, "Operation Nightjar", session="closed")
    child = agenda.add_item(meeting.id, "Nightjar victims", parent_id=parent.id)
    assert child.is_closed
    with pytest.raises(ValidationError, match="'Nightjar victims' cannot be open"):
        agenda.update_item(child.id, {"session": "open"})
    assert agenda.item(child.id).is_closed
    witness = agenda.add_item(meeting.id, "Nightjar witness", parent_id=parent.id, session="open")
    assert witness.is_closed  # a sub-item goes with its parent


def test_json_import_refuses_an_open_sub_item_under_a_closed_item(small):
    meeting = small.meeting(date(2026, 6, 5))
    parent = small.services.agenda.add_item(meeting.id, "Operation Nightjar", session="closed")
    small.services.agenda.add_item(meeting.id, "Nightjar victims", parent_id=parent.id)
    data = jsonio.export_data(small.services.db)
    for row in data["tables"]["agendaitem"]:
        if row["title"] == "Nightjar victims":
            row["session"] = "open"
    with pytest.raises(ImportFormatError, match=r"agendaitem\[\d+\]\.session.*cannot be open"):
        jsonio.import_data(small.services.db, data)


def _plant_open_sub_item(services, item_id: int) -> None:
    """What an older database (or a bypassing script) can hold: an open sub-item under a
    closed item, written straight to the table."""
    with services.db.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE agendaitem SET session = 'open' WHERE id = :i"), {"i": item_id}
        )


def test_public_minutes_and_public_action_logs_agree_about_an_open_sub_item_of_a_closed_item(
    small,
):
    services = small.services
    meeting = small.meeting(date(2026, 6, 5))
    parent = services.agenda.add_item(meeting.id, "Operation Nightjar", session="closed")
    child = services.agenda.add_item(meeting.id, "Nightjar victims", parent_id=parent.id)
    _plant_open_sub_item(services, child.id)
    minute = services.minutes.add_minute(meeting.id, "Nightjar victims", agenda_item_id=child.id)
    services.actions.add_action(minute.id, "Visit the Kestrel family", "Sally Goodwin")
    assert services.agenda.item(child.id).is_closed  # the rule, not the stored mark
    assert any(
        "'Nightjar victims' is marked open under a closed" in p for p in check_database(services.db)
    )
    assert services.minutes.minute(minute.id).is_closed
    record = MeetingRecord(services, meeting.id, public=True)
    assert record.minutes == [] and child.id in record.closed_item_ids
    later = small.meeting(date(2026, 9, 5))
    outstanding = services.actions.outstanding(as_of_meeting_id=later.id)
    assert [a.text for a in outstanding] == ["Visit the Kestrel family"]
    assert visible_actions(services, outstanding) == []


# -- the forward plan keeps the session it was asked in ------------------------------------------
def _closed_minute(small, on: date):
    services = small.services
    meeting = small.meeting(on)
    item = services.agenda.add_item(
        meeting.id, "Operation Nightjar", session="closed", closed_reference="NJ-77"
    )
    minute = services.minutes.add_minute(meeting.id, item.title, agenda_item_id=item.id)
    return meeting, item, minute


def test_an_update_asked_in_closed_session_goes_to_the_closed_session_of_the_next_meeting(small):
    services = small.services
    *_, minute = _closed_minute(small, date(2026, 6, 5))
    entry = services.forward_plan.add_entry(
        small.board.id,
        "Nightjar six-monthly report",
        in_months=6,
        from_date=date(2026, 6, 5),
        source_minute_item_id=minute.id,
    )
    assert entry.is_closed
    nxt = services.meetings.create_meeting(small.board.id, date(2026, 11, 27))
    agenda = services.agenda.agenda(nxt.id)
    taken = next(i for i in agenda if i.title == "Nightjar six-monthly report")
    assert taken.is_closed and taken.closed_reference == "NJ-77"  # the reference it came from
    assert agenda[-1].id == taken.id  # after AOB and the next-meeting date: the closed session
    public = MeetingRecord(services, nxt.id, public=True)
    assert "Nightjar six-monthly report" not in [i.title for i in public.agenda]


def test_an_update_asked_from_a_sub_item_of_a_closed_item_is_closed(small):
    services = small.services
    meeting, item, _minute = _closed_minute(small, date(2026, 6, 5))
    sub = services.agenda.add_item(meeting.id, "Nightjar victims", parent_id=item.id)
    entry = services.forward_plan.add_entry(
        small.board.id, "Victims update", in_months=3, source_agenda_item_id=sub.id
    )
    assert entry.is_closed


def test_scheduling_a_closed_entry_puts_it_in_the_closed_session(small):
    services = small.services
    *_, minute = _closed_minute(small, date(2026, 6, 5))
    entry = services.forward_plan.add_entry(
        small.board.id, "Nightjar report", in_months=6, source_minute_item_id=minute.id
    )
    open_entry = services.forward_plan.add_entry(small.board.id, "Road safety", in_months=6)
    nxt = services.meetings.create_meeting(
        small.board.id, date(2026, 11, 27), include_forward_plan=[]
    )
    services.forward_plan.schedule(entry.id, nxt.id)
    services.forward_plan.schedule(open_entry.id, nxt.id)
    agenda = services.agenda.agenda(nxt.id)
    titles = [(i.title, i.is_closed) for i in agenda if i.parent_id is None]
    assert titles[-1] == ("Nightjar report", True)
    assert titles.index(("Road safety", False)) < titles.index(("Any other business", False))


def test_a_request_asked_in_closed_session_cannot_be_opened(small):
    *_, minute = _closed_minute(small, date(2026, 6, 5))
    fp = small.services.forward_plan
    entry = fp.add_entry(
        small.board.id, "Nightjar report", in_months=6, source_minute_item_id=minute.id
    )
    with pytest.raises(ValidationError, match="asked for in closed session, so it stays closed"):
        fp.update_entry(entry.id, {"session": "open"})
    assert fp.entries(small.board.id)[0].is_closed
    marked = fp.add_entry(small.board.id, "Marked by hand", in_months=6, closed=True)
    assert marked.is_closed
    assert not fp.update_entry(marked.id, {"session": "open"}).is_closed


def test_an_open_request_stays_open(small):
    entry = small.services.forward_plan.add_entry(small.board.id, "Road safety", in_months=6)
    assert not entry.is_closed


# -- which meeting a request comes to -------------------------------------------------------------
def test_a_six_monthly_report_asked_in_june_comes_to_november_not_march(small):
    services = small.services
    services.meetings.create_meeting(small.board.id, date(2026, 3, 4))
    services.meetings.create_meeting(small.board.id, date(2026, 6, 5))
    entry = services.forward_plan.add_entry(
        small.board.id, "Six-monthly report", in_months=6, from_date=date(2026, 6, 5)
    )
    assert entry.due_month == date(2026, 12, 1)
    assert [e.id for e in services.forward_plan.due_on(small.board.id, date(2026, 11, 27))] == [
        entry.id
    ]
    november = services.meetings.create_meeting(small.board.id, date(2026, 11, 27))
    assert "Six-monthly report" in [i.title for i in services.agenda.agenda(november.id)]


def test_a_request_waits_for_a_nearer_meeting_after_its_due_date():
    # Due 1 December: a meeting on 1 November (30 days early) does not take it when the
    # next one is 10 December (9 days late), but one on 27 November does.
    assert not comes_to(date(2026, 11, 1), date(2026, 12, 1), [date(2026, 12, 10)], 40)
    assert comes_to(date(2026, 11, 27), date(2026, 12, 1), [date(2027, 3, 4)], 91)
    # With no later meeting known, one cycle on stands in for it.
    assert not comes_to(date(2026, 9, 1), date(2026, 12, 1), [], 91)
    assert comes_to(date(2026, 12, 2), date(2026, 12, 1), [], 91)  # late: always


def test_a_request_is_never_left_for_a_meeting_more_than_half_a_cycle_late(small):
    services = small.services
    for on in (date(2026, 3, 4), date(2026, 6, 5), date(2026, 9, 3)):
        services.meetings.create_meeting(small.board.id, on)
    entry = services.forward_plan.add_entry(
        small.board.id, "Quarterly figures", due_month=date(2026, 12, 1)
    )
    # Meetings every ~3 months: 20 November is 11 days early; the one after is ~3 months on.
    assert entry.id in [
        e.id for e in services.forward_plan.due_on(small.board.id, date(2026, 11, 20))
    ]
    assert entry.id not in [
        e.id for e in services.forward_plan.due_on(small.board.id, date(2026, 10, 1))
    ]


def test_an_item_added_by_hand_can_answer_a_request(small):
    services = small.services
    entry = services.forward_plan.add_entry(
        small.board.id, "Six-monthly report", in_months=6, from_date=date(2026, 6, 5)
    )
    meeting = small.meeting(date(2026, 11, 27))
    item = services.agenda.add_item(meeting.id, "Performance: six months on")
    answered = services.forward_plan.answer_with(entry.id, item.id)
    assert answered.agenda_item_id == item.id and answered.status == "scheduled"
    assert [e.id for e in services.forward_plan.answered_by(item.id)] == [entry.id]
    assert services.forward_plan.due_at(meeting.id) == []
    again = services.meetings.create_meeting(small.board.id, date(2026, 12, 10))
    assert "Six-monthly report" not in [i.title for i in services.agenda.agenda(again.id)]


def test_answering_a_closed_request_makes_the_item_closed(small):
    services = small.services
    *_, minute = _closed_minute(small, date(2026, 6, 5))
    entry = services.forward_plan.add_entry(
        small.board.id, "Nightjar report", in_months=6, source_minute_item_id=minute.id
    )
    later = small.meeting(date(2026, 11, 27))
    item = services.agenda.add_item(later.id, "Nightjar: six months on")
    services.forward_plan.answer_with(entry.id, item.id)
    assert services.agenda.item(item.id).is_closed


def test_a_request_already_answered_elsewhere_is_refused(small):
    services = small.services
    entry = services.forward_plan.add_entry(small.board.id, "Report", in_months=6)
    meeting = small.meeting(date(2026, 11, 27))
    first = services.agenda.add_item(meeting.id, "Report, part one")
    second = services.agenda.add_item(meeting.id, "Report, part two")
    services.forward_plan.answer_with(entry.id, first.id)
    with pytest.raises(ValidationError, match="already on an agenda"):
        services.forward_plan.answer_with(entry.id, second.id)


def test_an_older_export_without_sessions_on_requests_imports_them_closed(small, tmp_path):
    *_, minute = _closed_minute(small, date(2026, 6, 5))
    small.services.forward_plan.add_entry(
        small.board.id, "Nightjar report", in_months=6, source_minute_item_id=minute.id
    )
    data = jsonio.export_data(small.services.db)
    for row in data["tables"]["forwardplanentry"]:
        del row["session"]  # as written before requests carried their session
    fresh = open_database(sqlite_url(tmp_path / "fresh.sqlite3"))
    try:
        jsonio.import_data(fresh, data)
        imported = Services(fresh).forward_plan.entries(Services(fresh).register.boards()[0].id)
        assert [(e.title, e.is_closed) for e in imported] == [("Nightjar report", True)]
    finally:
        fresh.dispose()

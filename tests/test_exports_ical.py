"""The calendar invitation: stable UID, rising sequence, members as attendees."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from icalendar import Calendar

from scbmeet.exports.ical import event_times, export_ical

LONDON = ZoneInfo("Europe/London")


def _event(path):
    calendar = Calendar.from_ical(path.read_bytes())
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(events) == 1
    return calendar, events[0]


def test_invitation_carries_uid_sequence_time_place_and_attendees(demo, tmp_path):
    services, summary = demo
    meeting = services.meetings.meeting(summary.upcoming_meeting_id)
    hart = next(p for p in services.register.people() if p.family_name == "Hart")
    services.meetings.set_attendance(meeting.id, hart.id, "apologies")
    calendar, event = _event(
        export_ical(services, meeting.id, tmp_path / "m.ics", organizer="owen@mcc.example.org")
    )
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["UID"]) == meeting.ical_uid
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == datetime(2026, 12, 9, 9, 30, tzinfo=LONDON)
    assert event.decoded("DTEND") == datetime(2026, 12, 9, 11, 30, tzinfo=LONDON)
    assert str(event["LOCATION"]) == "Council Chamber, County Hall, Marlow Road, Marlbury"
    assert str(event["ORGANIZER"]) == "mailto:owen@mcc.example.org"
    attendees = {str(a).removeprefix("mailto:"): a.params for a in event["ATTENDEE"]}
    members = services.register.memberships(summary.board_id, current_on=meeting.date)
    assert set(attendees) == {m.person.email for m in members if m.person.email}
    assert attendees["lucy.hart@ebc.example.org"]["PARTSTAT"] == "DECLINED"
    chair = attendees["margaret.holloway@mcc.example.org"]
    assert chair["CN"] == "Councillor Margaret Anne Holloway"
    assert chair["ROLE"] == "REQ-PARTICIPANT" and chair["PARTSTAT"] == "NEEDS-ACTION"
    assert attendees["owen.pricejones@mcc.example.org"]["ROLE"] == "OPT-PARTICIPANT"
    description = str(event["DESCRIPTION"])
    assert "1. Declarations of interest\n" in description
    assert "5. Performance report" in description
    assert "Domestic homicide" not in description  # closed items stay off invitations
    assert any(c.name == "VTIMEZONE" for c in calendar.walk())


def test_moving_the_meeting_keeps_the_uid_and_raises_the_sequence(demo, tmp_path):
    services, summary = demo
    meeting_id = summary.upcoming_meeting_id
    _, before = _event(export_ical(services, meeting_id, tmp_path / "a.ics"))
    services.meetings.update_meeting(meeting_id, {"date": date(2026, 12, 16)})
    _, after = _event(export_ical(services, meeting_id, tmp_path / "b.ics"))
    assert str(after["UID"]) == str(before["UID"])
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert after.decoded("DTSTART").date() == date(2026, 12, 16)


def test_without_an_organizer_the_event_is_published(demo, tmp_path):
    services, summary = demo
    calendar, event = _event(export_ical(services, summary.upcoming_meeting_id, tmp_path / "m.ics"))
    assert calendar["METHOD"] == "PUBLISH"
    assert "ORGANIZER" not in event


def test_event_times_all_day_and_booked_end(demo):
    services, summary = demo
    meeting = services.meetings.meeting(summary.upcoming_meeting_id)
    assert event_times(dataclasses.replace(meeting, start_time=None)) == (
        date(2026, 12, 9),
        date(2026, 12, 10),
    )
    start, end = event_times(dataclasses.replace(meeting, end_time=time(12, 15)))
    assert (start, end) == (
        datetime(2026, 12, 9, 9, 30, tzinfo=LONDON),
        datetime(2026, 12, 9, 12, 15, tzinfo=LONDON),
    )

"""A calendar invitation (.ics) for a meeting, made with the ``icalendar`` package.

The event keeps the meeting's stable UID, so a calendar updates the event it already has
instead of adding a second one, and carries the meeting's sequence number, which the
services raise whenever the meeting moves (date, time or venue). Members with an email
address are invited as attendees; those who have sent apologies show as declined.
The description lists the open-session items only: invitations travel widely.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

from scbmeet.domain import dto
from scbmeet.domain.enums import AttendanceStatus, ItemKind, Role
from scbmeet.exports.records import MeetingRecord
from scbmeet.services import Services
from scbmeet.storage.atomic import write_bytes_atomically

TIMEZONE = ZoneInfo("Europe/London")
DEFAULT_LENGTH = timedelta(hours=2)
PRODID = "-//scbmeet//Board meetings//EN"
REQUIRED_ROLES = (Role.CHAIR.value, Role.VICE_CHAIR.value, Role.MEMBER.value)
UNLISTED_KINDS = (ItemKind.APOLOGIES.value,)


def event_times(meeting: dto.MeetingInfo) -> tuple[datetime | date, datetime | date]:
    """Start and end in UK time; a meeting with no start time is an all-day event."""
    if meeting.start_time is None:
        return meeting.date, meeting.date + timedelta(days=1)
    start = datetime.combine(meeting.date, meeting.start_time, TIMEZONE)
    if meeting.end_time is not None and meeting.end_time > meeting.start_time:
        end = datetime.combine(meeting.date, meeting.end_time, TIMEZONE)
    else:
        end = start + DEFAULT_LENGTH
    return start, end


def description(record: MeetingRecord) -> str:
    lines = [f"Meeting of the {record.board.name}.", "", "Agenda (open session):"]
    for item in record.agenda:
        if item.parent_id is None and item.kind not in UNLISTED_KINDS:
            number = f"{item.number}. " if item.number else ""
            lines.append(f"{number}{item.title}")
    return "\n".join(lines)


def attendee(membership: dto.MembershipInfo, declined: set[int]) -> vCalAddress:
    person = membership.person
    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = vText(person.display_name)
    address.params["CUTYPE"] = vText("INDIVIDUAL")
    role = "REQ-PARTICIPANT" if membership.role in REQUIRED_ROLES else "OPT-PARTICIPANT"
    address.params["ROLE"] = vText(role)
    if person.id in declined:
        address.params["PARTSTAT"] = vText("DECLINED")
    else:
        address.params["PARTSTAT"] = vText("NEEDS-ACTION")
        address.params["RSVP"] = vText("TRUE")
    return address


def build_calendar(
    services: Services, meeting_id: int, *, organizer: str = "", now: datetime | None = None
) -> Calendar:
    """The calendar with one event for the meeting.

    With an ``organizer`` email it is an invitation (METHOD:REQUEST) that calendars offer to
    accept; without one it is published (METHOD:PUBLISH) for adding to a calendar.
    """
    record = MeetingRecord(services, meeting_id, public=True)
    meeting = record.meeting
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST" if organizer else "PUBLISH")
    event = Event()
    event.add("uid", meeting.ical_uid)
    event.add("sequence", meeting.ical_sequence)
    event.add("dtstamp", (now or datetime.now(UTC)).replace(microsecond=0))
    start, end = event_times(meeting)
    event.add("dtstart", start)
    event.add("dtend", end)
    title = f"{record.board.name}{f' ({meeting.title})' if meeting.title else ''}"
    event.add("summary", title)
    if meeting.venue:
        event.add("location", meeting.venue)
    event.add("description", description(record))
    event.add("status", "CONFIRMED")
    if organizer:
        address = vCalAddress(f"mailto:{organizer}")
        address.params["CN"] = vText(record.board.name)
        event.add("organizer", address)
    declined = {a.person.id for a in record.attending(AttendanceStatus.APOLOGIES)}
    seen: set[str] = set()
    for membership in record.memberships:
        email = membership.person.email.strip().lower()
        if email and email not in seen:
            seen.add(email)
            event.add("attendee", attendee(membership, declined), encode=False)
    calendar.add_component(event)
    # Only the rules around the meeting: a calendar needs no history of British Summer Time.
    year = timedelta(days=366)
    calendar.add_missing_timezones(meeting.date - year, meeting.date + year)
    return calendar


def export_ical(services: Services, meeting_id: int, out: Path, *, organizer: str = "") -> Path:
    """Write the meeting's calendar file to ``out`` (atomically)."""
    data = build_calendar(services, meeting_id, organizer=organizer).to_ical()
    return write_bytes_atomically(out, data)

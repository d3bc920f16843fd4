"""How dates, times, people and states are written in board papers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, time

from scbmeet.domain.dto import ActionInfo, MeetingInfo, PersonInfo, long_date

STATE_LABELS = {
    "open": "Open",
    "in_progress": "In progress",
    "done": "Done",
    "dropped": "Dropped",
}


def weekday_date(d: date) -> str:
    """``Wednesday 9 December 2026``, as an agenda heads a meeting."""
    return f"{d:%A} {long_date(d)}"


def clock(t: time) -> str:
    """``9.30am``, ``2.00pm``, ``12 noon``: the way council papers write times."""
    if t.hour == 12 and t.minute == 0:
        return "12 noon"
    hour = t.hour % 12 or 12
    return f"{hour}.{t.minute:02d}{'am' if t.hour < 12 else 'pm'}"


def meeting_when(meeting: MeetingInfo) -> str:
    """``Wednesday 9 December 2026 at 9.30am``."""
    when = weekday_date(meeting.date)
    return f"{when} at {clock(meeting.start_time)}" if meeting.start_time else when


def meeting_when_where(meeting: MeetingInfo) -> str:
    """``Wednesday 9 December 2026 at 9.30am, Council Chamber, County Hall``."""
    when = meeting_when(meeting)
    return f"{when}, {meeting.venue}" if meeting.venue else when


def join_names(names: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def person_with_organisation(person: PersonInfo) -> str:
    """``L Hart (Eastvale Borough Council)``, as an apologies sentence names people."""
    org = f" ({person.organisation_name})" if person.organisation_name else ""
    return f"{person.formal_name}{org}"


def person_with_role(person: PersonInfo) -> str:
    """``N Rahman (Community Safety Analyst, Marlshire County Council)``."""
    detail = ", ".join(p for p in (person.job_title, person.organisation_name) if p)
    return f"{person.formal_name} ({detail})" if detail else person.formal_name


def state_label(state: str) -> str:
    return STATE_LABELS.get(state, state.replace("_", " ").capitalize())


def due_label(action: ActionInfo) -> str:
    """``31 January 2027`` or ``meeting of 9 December 2026``; empty when no date was set."""
    if action.due_date is not None:
        return long_date(action.due_date)
    if action.due_meeting_date is not None:
        return f"meeting of {long_date(action.due_meeting_date)}"
    return ""


def minute_sort_key(action: ActionInfo) -> tuple[date, int, int]:
    """Oldest meeting first, then by minute number (``2/26`` before ``11/26``)."""
    number = action.minute_reference.split("/", 1)[0]
    return (
        action.meeting_date or action.created_on,
        int(number) if number.isdigit() else 0,
        action.id,
    )


def file_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def slug(text: str) -> str:
    """A file-name-safe form of a name: ``Rachel Okafor`` -> ``rachel-okafor``."""
    cleaned = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-_")
    return cleaned[:60] or "owner"


CLOSED_MARKING = "Not for publication: includes closed-session items"


def closed_markings(holds_closed_business: bool) -> list[str]:
    """The page marking of a full (not public) document holding closed-session business."""
    return [CLOSED_MARKING] if holds_closed_business else []

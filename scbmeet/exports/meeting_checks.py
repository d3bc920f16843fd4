"""What a document needs of its meeting before it can be written.

Minutes of a meeting that has not been held would come out as an empty record (PRESENT
with nobody, "no apologies", a signature line) that could be mistaken for the real one:
:func:`require_minutes_to_export` refuses them with one line saying why and what to do.
"""

from __future__ import annotations

from scbmeet.domain import dto
from scbmeet.domain.dto import long_date
from scbmeet.domain.enums import MeetingState
from scbmeet.domain.errors import ValidationError
from scbmeet.services import Services

NOT_YET_HELD = (MeetingState.PLANNED, MeetingState.AGENDA_ISSUED)


def records_taken(services: Services, meeting_id: int) -> int:
    """How much of the meeting has been minuted: its minutes and attendance marks."""
    return len(services.minutes.minutes(meeting_id)) + len(services.meetings.attendance(meeting_id))


def require_minutes_to_export(meeting: dto.MeetingInfo, taken: int) -> None:
    """Refuse (``ValidationError``) the minutes of a meeting not held, with nothing taken
    (``taken``: :func:`records_taken`)."""
    if meeting.state in NOT_YET_HELD and taken == 0:
        raise ValidationError(
            f"The {meeting.board_short_name} meeting of {long_date(meeting.date)} has not been "
            "held yet, so it has no minutes to export: take the minutes first (or mark the "
            "meeting held), or export its agenda instead."
        )

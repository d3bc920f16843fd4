"""The checks on exempt (closed) business, late additions and the publication dates, shared
by the agenda and publication services.

A closed item records why it is closed: Schedule 12A paragraphs (stored "1,7") or a reason in
words. Once the agenda has been published, an item or paper added to it is supplementary and
must say why it is urgent. The refusal to issue an agenda whose closed item gives no paragraph
(on a board that follows the statutory rules) is :func:`issue_problems`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from scbmeet.domain.access_rules import follows_rules, parse_paragraphs, stored_paragraphs
from scbmeet.domain.calendar_days import (
    nation_of,
    publication_deadline,
    working_days_after,
    working_days_before,
)
from scbmeet.domain.closed import closed_item_ids
from scbmeet.domain.dto import long_date
from scbmeet.domain.enums import MeetingState
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import AgendaItem, Board, Meeting
from scbmeet.services.base import clean_text


def checked_paragraphs(value: str | Iterable[int]) -> str:
    """The paragraphs as stored ("1,7"), or a ValidationError naming the wrong one."""
    try:
        return stored_paragraphs(parse_paragraphs(value))
    except ValueError as exc:
        raise ValidationError(f"Schedule 12A: {exc}.") from None


def is_late_addition(meeting: Meeting, today: date | None = None) -> bool:
    """Whether something added now is supplementary: the agenda is published and the meeting
    is still to come (an item raised in the room on the day is the meeting's own business)."""
    return (
        meeting.published_at is not None
        and meeting.state in (MeetingState.PLANNED.value, MeetingState.AGENDA_ISSUED.value)
        and (today or date.today()) < meeting.date
    )


def require_urgency(meeting: Meeting, reason: str, what: str) -> str:
    """The reason for urgency (cleaned): needed for a late addition (:func:`is_late_addition`)."""
    reason = clean_text(reason).strip()
    if is_late_addition(meeting) and not reason and meeting.published_at is not None:
        article = "an" if what[0] in "aeiou" else "a"
        raise ValidationError(
            f"The agenda was published on {long_date(meeting.published_at.date())}: "
            f"{article} {what} added now is supplementary; give the reason it is urgent."
        )
    return reason


def issue_problems(items: Sequence[AgendaItem], access_rules: str) -> list[str]:
    """Why the agenda cannot be issued yet: each closed item (heading the closed business)
    that gives no Schedule 12A paragraph, on a board that follows the statutory rules."""
    if not follows_rules(access_rules):
        return []
    closed = closed_item_ids(items)
    problems = []
    for item in sorted(items, key=lambda i: i.position):
        # A sub-item is taken with its item, and exempt on the same grounds.
        if item.parent_id is None and item.id in closed and not item.exempt_paragraphs:
            problems.append(
                f"“{item.title}” is taken in closed session but gives no paragraph of "
                "Schedule 12A: choose the paragraph(s) that make it exempt before issuing "
                "the agenda."
            )
    return problems


def deadline_of(meeting: Meeting, board: Board) -> date:
    """The last day the agenda and papers can be published (five clear working days)."""
    return publication_deadline(meeting.date, nation=nation_of(board.access_rules))


def papers_due(meeting: Meeting, board: Board) -> date:
    """When papers are due to the secretary: the board's working days before publication."""
    nation = nation_of(board.access_rules)
    return working_days_before(deadline_of(meeting, board), board.papers_due_days, nation)


def decision_notice_due(meeting: Meeting, board: Board) -> date:
    return working_days_after(
        meeting.date, board.decision_notice_days, nation_of(board.access_rules)
    )

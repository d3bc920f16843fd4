"""The decision notice: the one page a public body publishes soon after a meeting, listing
what was decided before the minutes are approved.

Each minute that resolved something or set actions appears under its number and title,
with every ``RESOLVED`` decision and each action with its owners and due date. The public
notice is built from the public record (:class:`~scbmeet.exports.records.MeetingRecord`), so
closed-session business is simply not in it; the full notice marks itself "Not for
publication" when it holds closed business.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from scbmeet.domain import dto
from scbmeet.domain.dto import long_date
from scbmeet.domain.errors import ScbmeetError, ValidationError
from scbmeet.exports.records import MeetingRecord
from scbmeet.exports.writer import Span, WordWriter
from scbmeet.services import Services

CLOSED_MARKING = "Not for publication: includes closed-session decisions"


def decided(minutes: list[dto.MinuteItemInfo]) -> list[dto.MinuteItemInfo]:
    """The minutes that resolved something or set an action, in minute order."""
    return [m for m in minutes if m.resolutions or m.actions]


def _action_line(action: dto.ActionInfo) -> list[str | Span]:
    due = f" (by {long_date(action.due)})" if action.due else ""
    owners = action.owner_line or "owner to be confirmed"
    return [Span("Action: ", bold=True), f"{owners} - {action.text}{due}"]


def build_decision_notice(
    services: Services,
    meeting_id: int,
    *,
    public: bool = False,
    template: Path | str | None = None,
) -> WordWriter:
    record = MeetingRecord(services, meeting_id, public=public)
    meeting, board = record.meeting, record.board
    if meeting.state in ("planned", "agenda_issued") and not record.minutes:
        raise ValidationError(
            f"The meeting of {long_date(meeting.date)} has no minutes yet: there is nothing "
            "decided to publish."
        )
    holds_closed = not public and any(m.is_closed for m in decided(record.minutes))
    writer = WordWriter(template)
    writer.furniture(
        f"{board.name}: decisions of {long_date(meeting.date)}",
        markings=[CLOSED_MARKING] if holds_closed else [],
    )
    writer.heading(f"{board.name}", 1)
    writer.heading(
        f"Decisions of the meeting held on {meeting.date:%A} {long_date(meeting.date)}", 2
    )
    writer.paragraph(
        "This notice lists what the meeting decided. The minutes, once approved at the next "
        "meeting, are the formal record."
    )
    minutes = decided(record.minutes)
    if not minutes:
        writer.paragraph("No decisions were recorded.")
    for minute in minutes:
        closed = " (closed session)" if minute.is_closed else ""
        writer.heading(f"{minute.reference}  {minute.title}{closed}", 3)
        for resolution in minute.resolutions:
            writer.paragraph([Span("RESOLVED ", bold=True), resolution.text])
        for action in minute.actions:
            writer.paragraph(_action_line(action))
    writer.properties(
        title=f"Decisions: {board.name}, {long_date(meeting.date)}",
        author=board.name,
        subject=f"Decisions of the meeting held on {long_date(meeting.date)}",
        keywords=f"{board.short_name}; decisions",
        category="Decision notice",
        status="Public version" if public else ("Not for publication" if holds_closed else ""),
    )
    return writer


def export_decision_notice(
    services: Services,
    meeting_id: int,
    out: Path,
    *,
    public: bool = False,
    template: Path | str | None = None,
) -> Path:
    """Write the meeting's decision notice to ``out`` (atomically); the first one written is
    recorded as the notice sent (the chair's review stops reminding)."""
    written = build_decision_notice(services, meeting_id, public=public, template=template).save(
        out
    )
    # A notice is still written where the database cannot record it (opened read-only).
    with contextlib.suppress(ScbmeetError):
        services.publication.record_decision_notice(meeting_id)
    return written

"""The partnership plan in the minutes: what was recorded at the item that reviewed it.

Under the minute of an agenda item reviewing a plan: a sentence on the plan's state at the
meeting (how many actions on track, at risk, ...), each progress update recorded at the
meeting, and the board's decision on each action put to it for support ("Supported",
"Not supported", "Deferred"), as a board's minutes record them.
"""

from __future__ import annotations

from scbmeet.domain import dto
from scbmeet.exports.plan import summary_sentence, title_of
from scbmeet.exports.records import MeetingRecord
from scbmeet.exports.writer import Span, WordWriter, bold

TEXT_STYLE = "SCB Minute Text"


def render_plan_review(
    writer: WordWriter, record: MeetingRecord, minute: dto.MinuteItemInfo
) -> None:
    """The plan's progress and the board's decisions at a minute reviewing a plan (nothing
    for any other minute). Joined to the minutes by one call in ``render_minute``."""
    if minute.agenda_item_id is None:
        return
    services, meeting_id = record.services, record.meeting.id
    review = services.plan_meetings.review_of_item(minute.agenda_item_id)
    if review is None:
        return
    table = services.plans.table(review.plan_id, meeting_id=meeting_id)
    writer.paragraph(
        f"The Board reviewed progress on the {title_of(table)}. {summary_sentence(table)}",
        TEXT_STYLE,
    )
    for reported in services.plan_meetings.progress_at(review.plan_id, meeting_id):
        progress = reported.progress
        narrative = f": {progress.text}" if progress.text else "."
        writer.paragraph(
            [Span(reported.action_text, italic=True), f" - {progress.status_words}{narrative}"],
            TEXT_STYLE,
        )
    decided = [
        r for r in services.plan_decisions.decisions_at(meeting_id) if r.plan_id == review.plan_id
    ]
    if decided:
        writer.paragraph(bold("Actions for support by the Board"), TEXT_STYLE)
    for rec in decided:
        decision = rec.decision_at(meeting_id)
        assert decision is not None
        note = f" ({decision.note})" if decision.note else ""
        writer.paragraph([f"{rec.text} ", bold(f"{decision.words}{note}.")], TEXT_STYLE)

"""The case reviews' rule on the agenda: a restricted case review's item stays in closed
session. Every way an item's session can change (its own switch, its parent's, a move under
an open item) asks :func:`refuse_open_case_reviews` before it is stored; what came in some
other way (a JSON import, an older version, plain SQL) is found by
:func:`open_case_review_lines`, which the import and ``scbmeet check`` both use.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from sqlmodel import Session, col, select

from scbmeet.domain.closed import CLOSED, closed_item_ids
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import AgendaItem, Meeting
from scbmeet.domain.plan_models import CaseReview, PlanReviewItem
from scbmeet.services.agenda_rows import display_order, item_numbers

CASE_REVIEW_STAYS_CLOSED = (
    "{title!r} is the update on restricted case review {reference}: a case review is taken "
    "only in closed session, so its item cannot go into the open session."
)
CASE_REVIEW_IN_OPEN_SESSION = (
    "agenda item {number}{title!r} of the meeting on {date} is in open session, but it is "
    "the update on restricted case review {review}, which is taken only in closed session"
)


def refuse_open_case_reviews(s: Session, items: Sequence[AgendaItem]) -> None:
    """Refuse, in one line naming the item, any of ``items`` marked open that is the
    update on a case review (the caller's transaction then changes nothing)."""
    open_items = {i.id: i for i in items if i.id is not None and i.session != CLOSED}
    if not open_items:
        return
    found = s.exec(
        select(PlanReviewItem.agenda_item_id, CaseReview.reference)
        .join(CaseReview, col(CaseReview.plan_id) == PlanReviewItem.plan_id)
        .where(col(PlanReviewItem.agenda_item_id).in_(open_items))
    ).first()
    if found is not None:
        item_id, reference = found
        raise ValidationError(
            CASE_REVIEW_STAYS_CLOSED.format(title=open_items[item_id].title, reference=reference)
        )


def open_case_review_lines(
    items: Sequence[AgendaItem],
    review_of_item: Mapping[int, CaseReview],
    meeting_dates: Mapping[int, date],
) -> list[str]:
    """One sentence for each agenda item in open session that is the update on a case
    review, by meeting date and agenda order. ``items`` holds every item of each meeting
    concerned (the numbers and the closed session depend on the whole agenda);
    ``review_of_item`` maps an item's id to the review it is the update on."""
    per_meeting: dict[int, list[AgendaItem]] = defaultdict(list)
    for item in items:
        per_meeting[item.meeting_id].append(item)
    lines = []
    for meeting_id in sorted(per_meeting, key=lambda m: (meeting_dates.get(m, date.min), m)):
        agenda = per_meeting[meeting_id]
        closed, numbers = closed_item_ids(agenda), item_numbers(agenda)
        for item in display_order(agenda):
            review = review_of_item.get(item.id or 0)
            if review is None or item.id in closed:
                continue
            number = numbers.get(item.id or 0, "")
            named = f"{review.reference} ({review.title})" if review.title else review.reference
            lines.append(
                CASE_REVIEW_IN_OPEN_SESSION.format(
                    number=f"{number} " if number else "",
                    title=item.title,
                    date=meeting_dates.get(meeting_id, "?"),
                    review=named,
                )
            )
    return lines


def stored_open_case_reviews(s: Session) -> list[str]:
    """:func:`open_case_review_lines` for what the database holds (``scbmeet check``)."""
    linked = s.exec(
        select(PlanReviewItem.agenda_item_id, CaseReview).join(
            CaseReview, col(CaseReview.plan_id) == PlanReviewItem.plan_id
        )
    ).all()
    if not linked:
        return []
    review_of_item = dict(linked)
    meeting_ids = set(
        s.exec(select(AgendaItem.meeting_id).where(col(AgendaItem.id).in_(review_of_item))).all()
    )
    items = s.exec(select(AgendaItem).where(col(AgendaItem.meeting_id).in_(meeting_ids))).all()
    meetings = s.exec(select(Meeting).where(col(Meeting.id).in_(meeting_ids))).all()
    dates = {m.id: m.date for m in meetings if m.id is not None}
    return open_case_review_lines(items, review_of_item, dates)

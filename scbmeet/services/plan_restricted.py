"""The case reviews' rule on the agenda: a restricted case review's item stays in closed
session. Every way an item's session can change (its own switch, its parent's, a move under
an open item) asks :func:`refuse_open_case_reviews` before it is stored; what came in some
other way (a JSON import, an older version, plain SQL) is found by
:func:`scbmeet.domain.case_review_lines.open_case_review_lines`, which the import and
``scbmeet check`` both use.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from scbmeet.domain.closed import CLOSED
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import AgendaItem
from scbmeet.domain.plan_models import CaseReview, PlanReviewItem

CASE_REVIEW_STAYS_CLOSED = (
    "{title!r} is the update on restricted case review {reference}: a case review is taken "
    "only in closed session, so its item cannot go into the open session."
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

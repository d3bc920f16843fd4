"""Restricted case reviews: domestic homicide reviews delegated to the board.

A case review has a reference (``DHR-2025-03``), a title, dated stages (notified, panel
appointed, report submitted to the Home Office...), its costs so far, and its
recommendations kept as plan-style actions - owners, target dates, progress rated at each
review - in a plan of its own that is never listed, summarised or exported with the
board's partnership plans. It is closed business: :meth:`CaseReviewService.put_on_agenda`
adds its update to a meeting's closed session ("Update on DHR Ref: DHR-2025-03 inc costs"),
and no public document carries it.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from scbmeet.domain import dto
from scbmeet.domain.errors import NotFoundError, ValidationError
from scbmeet.domain.models import Board
from scbmeet.domain.plan_dto import CaseReviewInfo
from scbmeet.domain.plan_models import CaseReview, CaseReviewStage, Plan, PlanPriority
from scbmeet.domain.plan_vocabulary import PlanState
from scbmeet.services.agenda import AgendaService
from scbmeet.services.base import (
    ServiceBase,
    get_or_fail,
    optional_text,
    record_audit,
    require_text,
    snapshot,
)
from scbmeet.services.plan_meetings import PlanMeetingService

RECOMMENDATIONS = "Recommendations"


def _info(s: Session, row: CaseReview) -> CaseReviewInfo:
    stages = s.exec(
        select(CaseReviewStage)
        .where(CaseReviewStage.case_review_id == row.id)
        .order_by(col(CaseReviewStage.on_date), col(CaseReviewStage.id))
    ).all()
    return CaseReviewInfo(row.id or 0, row.board_id, row.reference, row.title, row.plan_id,
                          row.costs_pence, tuple((x.stage, x.on_date) for x in stages),
                          tuple(x.id or 0 for x in stages))  # fmt: skip


class CaseReviewService(ServiceBase):
    """A board's register of restricted case reviews."""

    def reviews(self, board_id: int) -> list[CaseReviewInfo]:
        with self.db.reading() as s:
            get_or_fail(s, Board, board_id, "board")
            rows = s.exec(
                select(CaseReview)
                .where(CaseReview.board_id == board_id)
                .order_by(col(CaseReview.id))
            ).all()
            return [_info(s, r) for r in rows]

    def find(self, board_id: int, reference: str) -> CaseReviewInfo:
        """The board's case review of that reference (case ignored)."""
        for info in self.reviews(board_id):
            if info.reference.lower() == reference.strip().lower():
                return info
        raise NotFoundError(f"This board has no case review {reference.strip()!r}.")

    def of_plan(self, plan_id: int) -> CaseReviewInfo | None:
        """The case review whose recommendations the plan holds (None: a partnership plan)."""
        with self.db.reading() as s:
            row = s.exec(select(CaseReview).where(CaseReview.plan_id == plan_id)).first()
            return _info(s, row) if row is not None else None

    def review(self, review_id: int) -> CaseReviewInfo:
        with self.db.reading() as s:
            return _info(s, get_or_fail(s, CaseReview, review_id, "case review"))

    def add_review(
        self, board_id: int, reference: str, title: str = "", *, notified_on: date | None = None
    ) -> CaseReviewInfo:
        """A new case review, notified on ``notified_on`` (its first stage), with an empty
        list of recommendations."""
        reference = require_text(reference, "review's reference", max_length=60)
        with self.db.transaction() as s:
            get_or_fail(s, Board, board_id, "board")
            taken = s.exec(select(CaseReview).where(CaseReview.board_id == board_id)).all()
            if any(r.reference.lower() == reference.lower() for r in taken):
                raise ValidationError(f"The board already has a case review {reference!r}.")
            plan = Plan(board_id=board_id, name=f"Case review {reference}",
                        status=PlanState.ACTIVE.value)  # fmt: skip
            s.add(plan)
            s.flush()
            s.add(PlanPriority(plan_id=plan.id or 0, position=1, theme=RECOMMENDATIONS))
            row = CaseReview(board_id=board_id, reference=reference,
                             title=optional_text(title, "review's title", max_length=300),
                             plan_id=plan.id or 0)  # fmt: skip
            s.add(row)
            s.flush()
            s.add(CaseReviewStage(case_review_id=row.id or 0, stage="Notified",
                                  on_date=notified_on or date.today()))  # fmt: skip
            s.flush()
            self._audit(s, row.id, "add", after=snapshot(row))
            info = _info(s, row)
        self._changed("plan", info.plan_id)
        return info

    def add_stage(self, review_id: int, stage: str, on_date: date) -> CaseReviewInfo:
        stage = require_text(stage, "stage", max_length=120)
        with self.db.transaction() as s:
            row = get_or_fail(s, CaseReview, review_id, "case review")
            s.add(CaseReviewStage(case_review_id=review_id, stage=stage, on_date=on_date))
            s.flush()
            self._audit(s, review_id, "stage", after=f"{stage} {on_date.isoformat()}")
            info = _info(s, row)
        self._changed("plan", info.plan_id)
        return info

    def remove_stage(self, stage_id: int) -> CaseReviewInfo:
        """Take back a stage entered by mistake (the review's first one stays)."""
        with self.db.transaction() as s:
            stage = get_or_fail(s, CaseReviewStage, stage_id, "stage")
            row = get_or_fail(s, CaseReview, stage.case_review_id, "case review")
            self._audit(s, row.id, "stage removed", before=f"{stage.stage} {stage.on_date}")
            s.delete(stage)
            s.flush()
            info = _info(s, row)
        self._changed("plan", info.plan_id)
        return info

    def delete_review(self, review_id: int) -> None:
        """Remove a case review made by mistake, with its stages and recommendations."""
        with self.db.transaction() as s:
            row = get_or_fail(s, CaseReview, review_id, "case review")
            self._audit(s, review_id, "delete", before=snapshot(row))
            plan_id = row.plan_id
            for stage in s.exec(
                select(CaseReviewStage).where(CaseReviewStage.case_review_id == review_id)
            ).all():
                s.delete(stage)
            s.flush()  # the stages first: they refer to the review
            s.delete(row)
            s.flush()
            s.delete(get_or_fail(s, Plan, plan_id, "plan"))
        self._changed("plan", plan_id)

    def add_cost(self, review_id: int, pence: int) -> CaseReviewInfo:
        """Costs incurred (in pence; a refund is negative), added to the total so far."""
        with self.db.transaction() as s:
            row = get_or_fail(s, CaseReview, review_id, "case review")
            if row.costs_pence + pence < 0:
                raise ValidationError("A review's costs cannot fall below nothing.")
            before = snapshot(row)
            row.costs_pence += pence
            s.add(row)
            self._audit(s, review_id, "edit", before=before, after=snapshot(row))
            info = _info(s, row)
        self._changed("plan", info.plan_id)
        return info

    def recommendations_priority(self, review_id: int) -> int:
        """The priority its recommendations go under (add them with ``plans.add_action``)."""
        with self.db.reading() as s:
            row = get_or_fail(s, CaseReview, review_id, "case review")
            found = s.exec(
                select(PlanPriority.id).where(PlanPriority.plan_id == row.plan_id)
            ).first()
            assert found is not None, "a case review is made with its recommendations' priority"
            return found

    def put_on_agenda(self, review_id: int, meeting_id: int) -> dto.AgendaItemInfo:
        """Its update as an item of the meeting's closed session, with its reference, linked
        to the review (the closed pack carries its stages, costs and recommendations)."""
        info = self.review(review_id)
        agenda = AgendaService(self._ctx)
        item = agenda.add_item(
            meeting_id,
            f"Update on {info.title_or_kind} Ref: {info.reference} inc costs",
            session="closed",
            closed_reference=info.reference,
        )
        try:
            PlanMeetingService(self._ctx).set_review(item.id, info.plan_id)
        except Exception:
            agenda.delete_item(item.id)  # nothing half-done: no item without its link
            raise
        return item

    def link_item(self, review_id: int, agenda_item_id: int) -> None:
        """Make a closed agenda item the update on this review; an open item is refused,
        as a case review is closed business."""
        PlanMeetingService(self._ctx).set_review(agenda_item_id, self.review(review_id).plan_id)

    def _audit(self, s: Session, ident: int | None, operation: str, *, before: str = "",
               after: str = "") -> None:  # fmt: skip
        record_audit(s, self.db, entity="casereview", entity_id=ident, operation=operation,
                     before=before, after=after)  # fmt: skip

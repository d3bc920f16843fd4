"""Undoable changes of the case reviews page: a new review, a stage reached, costs, and its
update put on a meeting's closed session.

Each is a :class:`~scbmeet.gui.widgets.commands.ServiceCommand` (run once before it is
pushed, so a refusal reaches the dialog and nothing is pushed). A review undone and redone
gets a new id, so commands keep the id it had when they were made and look up its id of the
moment in the context's :class:`IdMap`. Recommendations and their progress are plan actions:
the plan page's own commands add them (:mod:`scbmeet.gui.plans.commands`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from scbmeet.gui.plans.commands import PlanCommand, PlanContext
from scbmeet.gui.widgets.commands import IdMap


@dataclass
class CaseContext(PlanContext):
    """The plan page's context, and the case reviews' ids of the moment."""

    reviews: IdMap = field(default_factory=IdMap)

    def review(self, original: int) -> int:
        return self.reviews.current(original) or original


class CaseCommand(PlanCommand):
    ctx: CaseContext


class AddCaseReview(CaseCommand):
    def __init__(self, context: CaseContext, board_id: int, reference: str, title: str,
                 notified_on: date) -> None:  # fmt: skip
        super().__init__(context, f"New case review {reference}")
        self.board_id, self.reference, self.title = board_id, reference, title
        self.notified_on = notified_on
        self.original: int | None = None

    def apply(self) -> None:
        made = self.ctx.services.case_reviews.add_review(
            self.board_id, self.reference, self.title, notified_on=self.notified_on
        )
        if self.original is None:
            self.original = made.id
        else:
            self.ctx.reviews.rebind(self.ctx.review(self.original), made.id)

    def revert(self) -> None:
        assert self.original is not None
        self.ctx.services.case_reviews.delete_review(self.ctx.review(self.original))


class AddStage(CaseCommand):
    def __init__(self, context: CaseContext, review_id: int, stage: str, on: date) -> None:
        super().__init__(context, f"Stage: {stage}")
        self.original, self.stage, self.on = review_id, stage, on
        self.stage_id: int | None = None

    def apply(self) -> None:
        done = self.ctx.services.case_reviews.add_stage(
            self.ctx.review(self.original), self.stage, self.on
        )
        # the stage just added: the one id ``done`` has that it did not have before
        self.stage_id = max(done.stage_ids)

    def revert(self) -> None:
        assert self.stage_id is not None
        self.ctx.services.case_reviews.remove_stage(self.stage_id)


class AddCost(CaseCommand):
    def __init__(self, context: CaseContext, review_id: int, pence: int) -> None:
        what = "Refund" if pence < 0 else "Costs"
        super().__init__(context, f"{what} of £{abs(pence) / 100:,.2f}")
        self.original, self.pence = review_id, pence

    def apply(self) -> None:
        self.ctx.services.case_reviews.add_cost(self.ctx.review(self.original), self.pence)

    def revert(self) -> None:
        self.ctx.services.case_reviews.add_cost(self.ctx.review(self.original), -self.pence)


class PutOnClosedAgenda(CaseCommand):
    def __init__(self, context: CaseContext, review_id: int, meeting_id: int) -> None:
        super().__init__(context, "Put on a closed agenda")
        self.original, self.meeting_id = review_id, meeting_id
        self.item_id: int | None = None
        self.title = ""

    def apply(self) -> None:
        item = self.ctx.services.case_reviews.put_on_agenda(
            self.ctx.review(self.original), self.meeting_id
        )
        self.item_id, self.title = item.id, item.title

    def revert(self) -> None:
        assert self.item_id is not None
        self.ctx.services.agenda.delete_item(self.item_id)

"""The plan page's "Next plan…": the next plan from the strategic assessment's priorities.

The dialog asks for the next plan's name and period and the priorities the assessment
recommends, one a line (filled with the current ones, each to keep, change or delete). The
command starts it - copying the unfinished actions of continuing priorities - and its undo
removes the new plan and makes the old one active again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from scbmeet.domain.plan_dto import PlanTable
from scbmeet.gui.plans.commands import PlanCommand, PlanContext
from scbmeet.gui.plans.dialogs import Accept, PlanFormDialog, _text_box


class StartNextPlan(PlanCommand):
    def __init__(self, context: PlanContext, plan_id: int, values: dict[str, Any]) -> None:
        super().__init__(context, f"Start {values['name']}")
        self.old_id, self.values = plan_id, values
        self.old_status = context.services.plans.plan(plan_id).status
        self.made: int | None = None
        self.outcome = ""

    def apply(self) -> None:
        made = self.ctx.services.plan_cycle.next_plan(self.old_id, **self.values)
        self.made = made.plan.id
        left = len(made.left_behind)
        self.outcome = f"Started {made.plan.name}: {made.carried} unfinished action(s) carried" + (
            f"; {left} of dropped priorities not carried." if left else "."
        )

    def revert(self) -> None:
        assert self.made is not None
        self.ctx.services.plans.delete_plan(self.made)
        self.ctx.services.plans.update_plan(self.old_id, status=self.old_status)


class NextPlanDialog(PlanFormDialog):
    def __init__(self, accept: Accept, table: PlanTable, parent: QWidget | None = None) -> None:
        super().__init__("Next plan from the strategic assessment", accept, parent)
        self.name = QLineEdit(table.plan.name)
        self.add_field("&Name", self.name)
        self.period = QLineEdit()
        self.period.setPlaceholderText("2027-2030")
        self.add_field("&Period", self.period)
        themes = "\n".join(g.priority.theme for g in table.priorities)
        self.priorities = _text_box(themes, 6)
        self.priorities.setPlaceholderText("the recommended priorities, one a line")
        self.add_field("P&riorities", self.priorities)
        self.mark_pristine()

    def values(self) -> dict[str, Any]:
        lines = [line.strip() for line in self.priorities.toPlainText().splitlines()]
        return {
            "name": self.name.text(),
            "period": self.period.text(),
            "priorities": [(line, "") for line in lines if line],
        }

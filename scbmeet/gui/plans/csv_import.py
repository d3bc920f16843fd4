"""The plan page's "Import from spreadsheet…": a CSV plan with its columns mapped in a preview.

The dialog shows, for each field of the plan (priority, threat or risk, action, owner...),
the column it is read from - guessed from the file's headings, each changeable - and under it
every row's problems, read again whenever a column is changed. Import is enabled only when
there is none, and brings the whole file in (one undoable step: undo removes the actions and
any priorities it added).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QListWidget, QWidget

from scbmeet.gui.plans.commands import PlanCommand, PlanContext
from scbmeet.gui.plans.dialogs import Accept, PlanFormDialog
from scbmeet.services import Services
from scbmeet.services.plan_csv import FIELDS, PlanCsvPreview

FIELD_LABELS = {
    "priority": "&Priority",
    "threat": "&Threat or risk",
    "action": "&Action",
    "owner": "&Owner",
    "target": "Tar&get date",
    "milestones": "&Milestones",
    "progress": "P&rogress",
    "status": "&Status",
}


class ImportPlanCsv(PlanCommand):
    def __init__(self, context: PlanContext, plan_id: int, text: str, mapping: dict) -> None:
        super().__init__(context, "Import the plan from a spreadsheet")
        self.plan_id, self.text, self.mapping = plan_id, text, mapping
        self.before: tuple[set[int], set[int]] = (set(), set())
        self.added = 0

    def _ids(self) -> tuple[set[int], set[int]]:
        table = self.ctx.services.plans.table(self.plan_id)
        priorities = {g.priority.id for g in table.priorities}
        return priorities, {a.id for g in table.priorities for a in g.actions}

    def apply(self) -> None:
        self.before = self._ids()
        self.added = self.ctx.services.plan_csv.import_plan(self.plan_id, self.text, self.mapping)

    def revert(self) -> None:
        priorities, actions = self._ids()
        for action_id in actions - self.before[1]:
            self.ctx.services.plans.delete_action(action_id)
        for priority_id in priorities - self.before[0]:
            self.ctx.services.plans.delete_priority(priority_id)


class PlanCsvDialog(PlanFormDialog):
    """The columns of each field, and the problems of the file as they are mapped now."""

    def __init__(self, accept: Accept, services: Services, plan_id: int, text: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__("Import the plan from a spreadsheet", accept, parent)
        self.services, self.plan_id, self.text = services, plan_id, text
        first = services.plan_csv.preview(plan_id, text)
        self.columns: dict[str, QComboBox] = {}
        for field in FIELDS:
            combo = QComboBox(objectName=f"csvColumn_{field}")
            combo.addItem("(no column)", None)
            for heading in first.headings:
                combo.addItem(heading, heading)
            combo.setCurrentIndex(max(0, combo.findData(first.mapping.get(field))))
            combo.currentIndexChanged.connect(lambda _i: self.check())
            self.columns[field] = combo
            self.add_field(FIELD_LABELS[field], combo)
        self.summary = QLabel(objectName="csvSummary")
        self.summary.setWordWrap(True)
        self.add_field("", self.summary)
        self.problems = QListWidget(objectName="csvProblems")
        self.problems.setMaximumHeight(140)
        self.problems.setWordWrap(True)  # a problem is read whole, not scrolled to
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_field("Problems", self.problems)
        self.preview: PlanCsvPreview = first
        self.check()

    def mapping(self) -> dict[str, str | None]:
        return {field: combo.currentData() for field, combo in self.columns.items()}

    def check(self) -> None:
        self.preview = self.services.plan_csv.preview(self.plan_id, self.text, self.mapping())
        found = [*self.preview.problems, *(p for r in self.preview.rows for p in r.problems)]
        self.problems.clear()
        self.problems.addItems(found)
        self.problems.setVisible(bool(found))
        if found:
            self.summary.setText(f"{len(found)} problem(s): nothing can be imported until "
                                 "each is put right in the file or the columns.")  # fmt: skip
            return
        themes = {r.priority for r in self.preview.rows}
        self.summary.setText(
            f"{len(self.preview.rows)} action(s) under {len(themes)} priority(ies), ready to "
            "import. OK imports them all."
        )

    def values(self) -> dict[str, Any]:
        if not self.preview.ok:
            raise ValueError("Put the problems right first: nothing has been imported.")
        return {"mapping": self.mapping()}

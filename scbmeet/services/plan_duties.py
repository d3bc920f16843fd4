"""The board's statutory duties in the plan's annual cycle, as dated tasks on the forward plan.

By statute a community safety partnership produces an annual strategic assessment, refreshes
its partnership plan, sends it to the police and crime commissioner and is scrutinised once
a year by a council committee. Each is a duty due on a day of the year; when one falls due
within its notice (two months by default) :meth:`PlanDutyService.place_due` puts it on the
board's forward plan for that month, once - so it is offered to the meeting that will take
it like anything else the board has asked to see.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from sqlmodel import col, select

from scbmeet.domain import dto
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import Board
from scbmeet.domain.plan_models import PlanDuty
from scbmeet.services.base import ServiceBase, get_or_fail, record_audit, require_text, snapshot
from scbmeet.services.forward_plan import ForwardPlanService, add_months

# The duties every community safety partnership has, and the month each usually falls due.
STATUTORY_DUTIES = (
    ("Annual strategic assessment", 1),
    ("Refresh of the partnership plan", 3),
    ("Partnership plan sent to the police and crime commissioner", 4),
    ("Annual scrutiny of the partnership by the council's scrutiny committee", 10),
)
SOURCE = "Statutory duty"


@dataclass(frozen=True)
class DutyInfo:
    id: int
    board_id: int
    title: str
    due_month: int
    due_day: int
    notice_months: int

    def next_due(self, today: date) -> date:
        """The duty's next due date on or after ``today``."""
        for year in (today.year, today.year + 1):
            day = min(self.due_day, calendar.monthrange(year, self.due_month)[1])
            due = date(year, self.due_month, day)
            if due >= today:
                return due
        raise AssertionError("a yearly date always comes round within two years")


def _info(row: PlanDuty) -> DutyInfo:
    return DutyInfo(row.id or 0, row.board_id, row.title, row.due_month, row.due_day,
                    row.notice_months)  # fmt: skip


class PlanDutyService(ServiceBase):
    """A board's yearly statutory duties and their place on the forward plan."""

    def duties(self, board_id: int) -> list[DutyInfo]:
        with self.db.reading() as s:
            get_or_fail(s, Board, board_id, "board")
            rows = s.exec(
                select(PlanDuty)
                .where(PlanDuty.board_id == board_id)
                .order_by(col(PlanDuty.due_month), col(PlanDuty.due_day), col(PlanDuty.id))
            ).all()
            return [_info(r) for r in rows]

    def add_duty(
        self, board_id: int, title: str, month: int, *, day: int = 1, notice_months: int = 2
    ) -> DutyInfo:
        """A duty due every year on ``day`` of ``month``, on the forward plan ahead of it."""
        title = require_text(title, "duty", max_length=300)
        if not 1 <= month <= 12:
            raise ValidationError("The month a duty is due is 1 to 12.")
        if not 1 <= day <= 31:
            raise ValidationError("The day a duty is due is 1 to 31.")
        if not 0 <= notice_months <= 12:
            raise ValidationError("Put a duty on the forward plan 0 to 12 months ahead.")
        with self.db.transaction() as s:
            get_or_fail(s, Board, board_id, "board")
            row = PlanDuty(board_id=board_id, title=title, due_month=month, due_day=day,
                           notice_months=notice_months)  # fmt: skip
            s.add(row)
            s.flush()
            record_audit(s, self.db, entity="planduty", entity_id=row.id, operation="add",
                         after=snapshot(row))  # fmt: skip
            info = _info(row)
        self._changed("plan", board_id)
        return info

    def add_statutory_duties(self, board_id: int) -> list[DutyInfo]:
        """The four statutory duties (those the board has not already), in their usual months."""
        have = {d.title.lower() for d in self.duties(board_id)}
        return [
            self.add_duty(board_id, title, month)
            for title, month in STATUTORY_DUTIES
            if title.lower() not in have
        ]

    def delete_duty(self, duty_id: int) -> None:
        with self.db.transaction() as s:
            row = get_or_fail(s, PlanDuty, duty_id, "duty")
            record_audit(s, self.db, entity="planduty", entity_id=duty_id, operation="delete",
                         before=snapshot(row))  # fmt: skip
            board_id = row.board_id
            s.delete(row)
        self._changed("plan", board_id)

    def place_due(self, board_id: int, today: date | None = None) -> list[dto.ForwardPlanInfo]:
        """Put each duty falling due within its notice on the forward plan for its month
        (a duty already there for that month is left as it is); returns the entries added."""
        when = today or date.today()
        forward = ForwardPlanService(self._ctx)
        placed = {
            (e.title.lower(), e.due_month)
            for e in forward.entries(board_id)
            if e.source_text.startswith(SOURCE)
        }
        added = []
        for duty in self.duties(board_id):
            due = duty.next_due(when)
            month = due.replace(day=1)
            if due > add_months(when, duty.notice_months) or (duty.title.lower(), month) in placed:
                continue
            added.append(
                forward.add_entry(
                    board_id,
                    duty.title,
                    due_month=month,
                    source_text=f"{SOURCE} (due {dto.long_date(due)})",
                )
            )
        return added

"""The case reviews page's dialogs: a new review, a stage reached, costs, a closed session.

Plain forms like the plan page's (:class:`~scbmeet.gui.plans.dialogs.PlanFormDialog`): OK
hands the values to the page's ``accept``, a refusal is one line under the fields and the
dialog stays open with everything typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from scbmeet.domain.dto import MeetingInfo, long_date
from scbmeet.domain.plan_dto import CaseReviewInfo, parse_pounds
from scbmeet.gui.plans.dialogs import Accept, PlanFormDialog
from scbmeet.gui.widgets.inputs import format_date, parse_date


def _date_field(when: date) -> QLineEdit:
    edit = QLineEdit(format_date(when))
    edit.setPlaceholderText("DD/MM/YYYY")
    return edit


def _typed_date(edit: QLineEdit, what: str) -> date:
    typed = edit.text().strip()
    if not typed:
        raise ValueError(f"Give the date {what}.")
    return parse_date(typed)


class CaseReviewDialog(PlanFormDialog):
    def __init__(self, accept: Accept, today: date, parent: QWidget | None = None) -> None:
        super().__init__("New case review", accept, parent)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText("DHR-2026-01")
        self.add_field("&Reference", self.reference)
        self.title = QLineEdit()
        self.title.setPlaceholderText("DV Homicide Review")
        self.add_field("&Title", self.title)
        self.notified = _date_field(today)
        self.add_field("&Notified on", self.notified)
        note = QLabel("Closed business: it comes to the closed session only.")
        note.setWordWrap(True)
        self.add_field("", note)
        self.mark_pristine()

    def values(self) -> dict[str, Any]:
        return {
            "reference": self.reference.text(),
            "title": self.title.text(),
            "notified_on": _typed_date(self.notified, "the board was notified"),
        }


class StageDialog(PlanFormDialog):
    def __init__(self, accept: Accept, review: CaseReviewInfo, today: date,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(f"Stage reached: {review.reference}", accept, parent)
        self.stage = QLineEdit()
        self.stage.setPlaceholderText("Panel appointed")
        self.add_field("&Stage", self.stage)
        self.on = _date_field(today)
        self.add_field("&On", self.on)
        self.mark_pristine()

    def values(self) -> dict[str, Any]:
        return {"stage": self.stage.text(), "on": _typed_date(self.on, "it was reached")}


class CostDialog(PlanFormDialog):
    def __init__(self, accept: Accept, review: CaseReviewInfo,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(f"Costs: {review.reference}", accept, parent)
        self.add_field("So far", QLabel(review.costs))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("1,250.50 (a refund: -40)")
        self.add_field("&Amount (£)", self.amount)
        self.mark_pristine()

    def values(self) -> dict[str, Any]:
        return {"pence": parse_pounds(self.amount.text())}


class ClosedAgendaDialog(PlanFormDialog):
    """Which meeting to come takes the review's update in its closed session."""

    def __init__(self, accept: Accept, review: CaseReviewInfo, meetings: Sequence[MeetingInfo],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(f"Closed session: {review.reference}", accept, parent)
        self.meeting = QComboBox()
        for m in meetings:
            self.meeting.addItem(f"Meeting of {long_date(m.date)}", m.id)
        self.add_field("&Meeting", self.meeting)
        said = f"Update on {review.title_or_kind} Ref: {review.reference} inc costs"
        title = QLabel(f"“{said}”, in closed session.")
        title.setWordWrap(True)
        self.add_field("Item", title)
        self.mark_pristine()

    def values(self) -> dict[str, Any]:
        if self.meeting.currentData() is None:
            raise ValueError("The board has no meeting to come: add one first.")
        return {"meeting_id": self.meeting.currentData()}

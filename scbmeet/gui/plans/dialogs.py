"""The partnership plan page's dialogs: a plan, a priority, a plan action, a progress update.

Built in code (they are plain forms of a few fields). OK hands the values to the page's
``accept`` callback, which runs the undoable command; a refusal from the services is shown
in one line under the fields and the dialog stays open with everything typed. Cancel or
Escape with typing in it asks before throwing the typing away.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from scbmeet.domain.dto import MeetingInfo, long_date
from scbmeet.domain.errors import ScbmeetError
from scbmeet.domain.plan_dto import PlanActionInfo, PlanInfo, PriorityInfo
from scbmeet.domain.plan_vocabulary import STATUS_WORDS, PlanState
from scbmeet.gui.widgets import dialogs
from scbmeet.gui.widgets.dialogs import ERROR_STYLE
from scbmeet.gui.widgets.inputs import format_date, parse_date

Accept = Callable[[dict[str, Any]], None]


def _text_box(text: str = "", lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class PlanFormDialog(QDialog):
    """A few labelled fields, a one-line problem, OK and Cancel."""

    def __init__(self, title: str, accept: Accept, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self._accept = accept
        layout = QVBoxLayout(self)
        self.fields = QFormLayout()
        layout.addLayout(self.fields)
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._pristine: tuple[str, ...] = ()

    def add_field(self, label: str, widget: QWidget) -> QWidget:
        self.fields.addRow(label, widget)
        return widget

    def mark_pristine(self) -> None:
        self._pristine = self._snapshot()

    def _snapshot(self) -> tuple[str, ...]:
        found = []
        for w in self.findChildren(QWidget):
            if isinstance(w, QLineEdit):
                found.append(w.text())
            elif isinstance(w, QPlainTextEdit):
                found.append(w.toPlainText())
            elif isinstance(w, QComboBox):
                found.append(str(w.currentIndex()))
        return tuple(found)

    def values(self) -> dict[str, Any]:
        """What was typed, for the services; ``ValueError`` names a field's problem."""
        raise NotImplementedError

    def try_accept(self) -> bool:
        self.message.hide()
        try:
            self._accept(self.values())
        except (ValueError, ScbmeetError) as exc:
            self.message.setText(str(exc))
            self.message.show()
            return False
        self._pristine = ()
        self.accept()
        return True

    def reject(self) -> None:
        if self._pristine and self._snapshot() != self._pristine and not dialogs.ask_discard(self):
            return
        super().reject()


class PlanDialog(PlanFormDialog):
    def __init__(self, accept: Accept, plan: PlanInfo | None = None, parent: QWidget | None = None):
        super().__init__("Edit plan" if plan else "New partnership plan", accept, parent)
        self.name = self.add_field("&Name", QLineEdit(plan.name if plan else "Partnership Plan"))
        self.period = self.add_field("&Period", QLineEdit(plan.period if plan else ""))
        self.period.setPlaceholderText("2025-2028")  # type: ignore[attr-defined]
        self.status = QComboBox()
        for state in PlanState:
            self.status.addItem(state.value.capitalize(), state.value)
        self.status.setCurrentIndex(self.status.findData(plan.status if plan else "active"))
        self.add_field("&State", self.status)
        self.mark_pristine()

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),  # type: ignore[attr-defined]
            "period": self.period.text(),  # type: ignore[attr-defined]
            "status": self.status.currentData(),
        }


class PriorityDialog(PlanFormDialog):
    def __init__(self, accept: Accept, priority: PriorityInfo | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__("Edit priority" if priority else "Add priority", accept, parent)
        self.theme = QLineEdit(priority.theme if priority else "")
        self.theme.setPlaceholderText("Domestic abuse")
        self.add_field("&Priority", self.theme)
        self.threat = _text_box(priority.threat if priority else "", 5)
        self.add_field("&Threat or risk", self.threat)
        self.mark_pristine()

    def values(self) -> dict[str, Any]:
        return {"theme": self.theme.text(), "threat": self.threat.toPlainText()}


class PlanActionDialog(PlanFormDialog):
    def __init__(self, accept: Accept, action: PlanActionInfo | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__("Edit plan action" if action else "Add plan action", accept, parent)
        self.text = _text_box(action.text if action else "", 3)
        self.add_field("&Action", self.text)
        self.owners = QLineEdit(action.owner_names if action else "")
        self.owners.setPlaceholderText("Rachel Okafor / MFRS")
        self.add_field("Lead &owners", self.owners)
        self.target = QLineEdit(format_date(action.target_date) if action else "")
        self.target.setPlaceholderText("31/03/2027 (optional)")
        self.add_field("&Target date", self.target)
        self.milestones = _text_box(action.milestones if action else "", 2)
        self.add_field("&Milestones", self.milestones)
        self.mark_pristine()

    def values(self) -> dict[str, Any]:
        typed = self.target.text().strip()
        return {
            "text": self.text.toPlainText(),
            "owners": self.owners.text(),
            "target_date": parse_date(typed) if typed else None,
            "milestones": self.milestones.toPlainText(),
        }


class ProgressDialog(PlanFormDialog):
    """Progress at a review: the rating in words, what happened, when, at which meeting."""

    def __init__(self, accept: Accept, action: PlanActionInfo, meetings: Sequence[MeetingInfo],
                 today: date, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__("Record progress", accept, parent)
        what = QLabel(action.text)
        what.setWordWrap(True)
        self.add_field("Action", what)
        self.status = QComboBox()
        for status, words in STATUS_WORDS.items():
            self.status.addItem(words, status.value)
        self.status.setCurrentIndex(self.status.findData(action.status or "on_track"))
        self.add_field("&Status", self.status)
        self.text = _text_box("", 4)
        self.add_field("&Progress", self.text)
        self.meeting = QComboBox()
        self.meeting.addItem("Not at a meeting", None)
        for m in sorted(meetings, key=lambda m: m.date, reverse=True):
            self.meeting.addItem(f"Meeting of {long_date(m.date)}", m.id)
        self.add_field("At &meeting", self.meeting)
        self.on_date = QLineEdit(format_date(today))
        self.add_field("&Date", self.on_date)
        # At a meeting the update is dated the meeting's day.
        self.meeting.currentIndexChanged.connect(
            lambda _i: self.on_date.setEnabled(self.meeting.currentData() is None)
        )
        self.mark_pristine()

    def values(self) -> dict[str, Any]:
        meeting_id = self.meeting.currentData()
        typed = self.on_date.text().strip()
        return {
            "status": self.status.currentData(),
            "text": self.text.toPlainText(),
            "meeting_id": meeting_id,
            "on_date": parse_date(typed) if typed and meeting_id is None else None,
        }

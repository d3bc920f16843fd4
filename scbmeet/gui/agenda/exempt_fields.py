"""The agenda item dialog's fields for why an item is closed, and why a late item is urgent.

On a board that follows the Local Government Act 1972 rules a closed item ticks the
Schedule 12A paragraphs that make it exempt (their descriptions shown, in the nation's
numbering); on any other board it says why in words. Once the agenda is published a new item
is supplementary, and says why it is urgent (the minutes carry the reason).
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QListView, QWidget

from scbmeet.domain.access_rules import follows_rules, paragraph_choices
from scbmeet.domain.dto import AgendaItemInfo
from scbmeet.gui.widgets.dialogs import ERROR_STYLE
from scbmeet.gui.widgets.table_models import CheckListModel
from scbmeet.services import Services

PARAGRAPHS_HEIGHT = 108  # the seven paragraphs: the dialog still fits a 700-pixel screen


class ExemptFields:
    """Rows inserted into the item dialog's form after the closed-session reference."""

    def __init__(
        self,
        parent: QWidget,
        layout: QFormLayout,
        row: int,
        *,
        access_rules: str,
        ask_urgency: bool,
    ) -> None:
        self.statutory = follows_rules(access_rules)
        self.paragraphs = CheckListModel(parent)
        self.paragraphs.set_items(paragraph_choices(access_rules))
        self.paragraphs_view = QListView(parent)
        self.paragraphs_view.setObjectName("exemptView")
        self.paragraphs_view.setModel(self.paragraphs)
        self.paragraphs_view.setMaximumHeight(PARAGRAPHS_HEIGHT)
        self.paragraphs_view.setToolTip("The paragraphs of Schedule 12A that make the item exempt")
        self.reason_edit = QLineEdit(parent)
        self.reason_edit.setObjectName("closedReasonEdit")
        self.reason_edit.setPlaceholderText(
            "Why the public is excluded, e.g. commercially sensitive"
        )
        self.urgency_edit = QLineEdit(parent)
        self.urgency_edit.setObjectName("urgencyEdit")
        self.urgency_edit.setPlaceholderText("Why it cannot wait for the next meeting")
        self.urgency_error = QLabel(parent)
        self.urgency_error.setObjectName("urgencyError")
        self.urgency_error.setStyleSheet(ERROR_STYLE)
        self.urgency_error.setWordWrap(True)
        self.urgency_error.hide()
        self.ask_urgency = ask_urgency
        if self.statutory:
            label = self._label(parent, "E&xempt under:", self.paragraphs_view)
            layout.insertRow(row, label, self.paragraphs_view)
        else:
            layout.insertRow(
                row, self._label(parent, "W&hy closed:", self.reason_edit), self.reason_edit
            )
        if ask_urgency:
            label = self._label(parent, "&Urgent because:", self.urgency_edit)
            layout.insertRow(row + 1, label, self.urgency_edit)
            layout.insertRow(row + 2, QLabel(parent), self.urgency_error)
        # The fields this board or item does not use are kept (so values() stays simple)
        # but never shown.
        unused: list[QWidget] = [self.reason_edit if self.statutory else self.paragraphs_view]
        if not ask_urgency:
            unused.append(self.urgency_edit)
        for widget in unused:
            widget.hide()

    @staticmethod
    def _label(parent: QWidget, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setBuddy(buddy)
        return label

    def fill(self, paragraphs: tuple[int, ...], reason: str, urgency: str) -> None:
        for n in paragraphs:
            self.paragraphs.set_checked(n, True)
        self.reason_edit.setText(reason)
        self.urgency_edit.setText(urgency)

    def set_closed(self, closed: bool) -> None:
        self.paragraphs_view.setEnabled(closed)
        self.reason_edit.setEnabled(closed)

    def values(self, closed: bool) -> tuple[tuple[int, ...], str, str]:
        """(Schedule 12A paragraphs, reason in words, reason for urgency) as typed."""
        paragraphs = (
            tuple(sorted(self.paragraphs.checked_ids())) if closed and self.statutory else ()
        )
        reason = self.reason_edit.text().strip() if closed and not self.statutory else ""
        urgency = self.urgency_edit.text().strip() if self.ask_urgency else ""
        return paragraphs, reason, urgency

    def problem(self) -> tuple[QWidget, str] | None:
        if self.ask_urgency and not self.urgency_edit.text().strip():
            return (
                self.urgency_edit,
                "The agenda is published: say why this supplementary item is urgent.",
            )
        return None


def exempt_fields_for(
    services: Services, form: QWidget, item: AgendaItemInfo | None, meeting_id: int | None
) -> ExemptFields:
    """The closed-reason and urgency rows for an item of the meeting (the board's wording;
    urgency asked once its agenda is published, of a new item or a supplementary one)."""
    meeting = item.meeting_id if item is not None else meeting_id
    rules, published = "", False
    if meeting is not None:
        board_id = services.meetings.meeting(meeting).board_id
        rules = services.register.board(board_id).access_rules
        published = services.publication.is_late_addition(meeting)
    layout = form.findChild(QFormLayout, "formLayout")
    assert layout is not None
    return ExemptFields(
        form,
        layout,
        EXEMPT_ROW,
        access_rules=rules,
        ask_urgency=published and (item is None or item.supplementary),
    )


EXEMPT_ROW = 8  # after the closed-session reference and its error line

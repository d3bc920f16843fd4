"""The audit trail: who changed what, when and why, for a meeting or an action.

:class:`AuditTrailView` is the pane (a filterable table and the selected entry in full);
:func:`meeting_audit_dialog` and :func:`action_audit_dialog` show it in a window of its own.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scbmeet.domain.dto import AuditInfo, long_date
from scbmeet.domain.errors import ScbmeetError
from scbmeet.gui.safety.shared import AnyIndex
from scbmeet.gui.widgets.forms import child, load_form
from scbmeet.services import Services
from scbmeet.text import audit_format


class AuditTrailModel(QAbstractTableModel):
    """Audit entries, one per row: when, who, what, why. The tooltip lists the changes.

    ``subject`` (entity, id): the one thing the whole trail is about, named "this action"
    (say) in its rows rather than by its text, so that what changed stays in sight.
    """

    HEADERS = ("When", "Who", "What", "Reason")

    def __init__(
        self,
        entries: Sequence[AuditInfo] = (),
        parent: QWidget | None = None,
        *,
        subject: tuple[str, int] | None = None,
    ) -> None:
        super().__init__(parent)
        self._entries: list[AuditInfo] = list(entries)
        self.subject = subject

    def set_entries(self, entries: Sequence[AuditInfo]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> AuditInfo:
        return self._entries[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(audit_format.change_lines(entry)) or None
        if role == Qt.ItemDataRole.UserRole:
            return entry.id
        return None

    def _cell(self, entry: AuditInfo, column: int) -> str:
        if column == 0:
            return audit_format.local_time(entry.at).strftime("%Y-%m-%d %H:%M")
        if column == 1:
            return entry.user
        if column == 2:
            about_subject = self.subject == (entry.entity, entry.entity_id)
            this = f"this {audit_format.entity_name(entry.entity)}" if about_subject else None
            return audit_format.describe(entry, this)
        return audit_format.shorten(entry.reason, 120)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None


def entry_details(entry: AuditInfo) -> str:
    """The whole of an entry, for the detail pane: nothing shortened."""
    lines = [audit_format.summary(entry)]
    for change in audit_format.changes(entry):
        lines.append("")
        name = audit_format.field_words(change.field)
        if entry.before and entry.after:
            lines.append(f"{name} before:\n{_plain(change.field, change.before)}")
            lines.append(f"{name} after:\n{_plain(change.field, change.after)}")
        else:
            value = change.before if entry.before else change.after
            lines.append(f"{name}:\n{_plain(change.field, value)}")
    return "\n".join(lines)


def _plain(field: str, value: Any) -> str:
    """The whole value: text as it is (no quotes, nothing shortened), the rest in words."""
    return (
        value if isinstance(value, str) and " " in value else audit_format.value_words(field, value)
    )


class AuditTrailView(QWidget):
    """The audit trail pane: a filterable table of entries and the selected entry in full."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = load_form("safety_audit", self)
        self.title_label = child(form, QLabel, "titleLabel")
        self.count_label = child(form, QLabel, "countLabel")
        self.filter_edit = child(form, QLineEdit, "filterEdit")
        self.table = child(form, QTableView, "auditTable")
        self.detail = child(form, QPlainTextEdit, "detailText")
        self.model = AuditTrailModel(parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table.setModel(self.proxy)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)

    def show_entries(
        self,
        title: str,
        entries: Sequence[AuditInfo],
        *,
        subject: tuple[str, int] | None = None,
    ) -> None:
        self.title_label.setText(title)
        self.model.subject = subject
        self.model.set_entries(entries)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.count_label.setText(
            "No changes recorded." if not entries else f"{len(entries)} recorded change(s)."
        )
        self.detail.clear()
        if entries:
            self.table.selectRow(self.proxy.rowCount() - 1)

    def _show_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        row = self.proxy.mapToSource(current).row()
        self.detail.setPlainText(entry_details(self.model.entry(row)))


class AuditTrailDialog(QDialog):
    """The audit trail pane in a window of its own."""

    def __init__(
        self,
        title: str,
        entries: Sequence[AuditInfo],
        parent: QWidget | None = None,
        *,
        subject: tuple[str, int] | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Audit trail")
        layout = QVBoxLayout(self)
        self.view = AuditTrailView(self)
        layout.addWidget(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.view.show_entries(title, entries, subject=subject)
        self.resize(880, 560)


def meeting_audit_dialog(parent: QWidget | None, services: Services, meeting_id: int) -> QDialog:
    """The audit trail of a meeting (its deleted parts included); call ``.show()`` on it."""
    meeting = services.meetings.meeting(meeting_id)
    title = (
        f"<b>Audit trail of the meeting of {long_date(meeting.date)} "
        f"({html.escape(meeting.board_short_name)})</b><br>Changes made after its minutes "
        "were approved, everything deleted from it, and actions closed at it."
    )
    return AuditTrailDialog(title, services.meetings.audit(meeting_id), parent)


def action_audit_dialog(parent: QWidget | None, services: Services, action_id: int) -> QDialog:
    """The audit trail of an action (even a deleted one); call ``.show()`` on it."""
    entries = services.actions.audit(action_id)
    try:
        action = services.actions.action(action_id)
        what = f'action "{audit_format.shorten(action.text, 80)}" ({action.owner_line})'
    except ScbmeetError:
        what = f"deleted action {action_id}"
    return AuditTrailDialog(
        f"<b>Audit trail of the {html.escape(what)}</b><br>Every change of state, every "
        "change after its minutes were approved, and its deletion.",
        entries,
        parent,
        subject=("action", action_id),
    )

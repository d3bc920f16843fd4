"""Qt item models of the minutes window: agenda, records, matters arising, attendance, recoveries.

Each holds a small list of plain rows (a meeting's agenda, a minute's records) and is reset
whole when the data changes; the views keep their selection by key, not by position.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from scbmeet.domain import dto
from scbmeet.gui.minutes.rows import (
    ROLE_LABELS,
    STATUS_LABELS,
    AgendaRow,
    AttendanceGroup,
    Attendee,
    RecordRow,
    attendance_note,
    due_label,
)
from scbmeet.storage.recovery import Recovery

Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 1

MUTED = QColor("#6b6b6b")
DONE = QColor("#2e7d32")
WARNING = QColor("#b23b00")


class _ListTable(QAbstractTableModel):
    """A table over a Python list, with fixed headers; subclasses say what each cell shows."""

    headers: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def replace_row(self, row: int, item: Any) -> None:
        """Show ``item`` in place of row ``row`` (the selection stays)."""
        self._rows[row] = item
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.cell(self._rows[index.row()], index.column(), role)

    def cell(self, row: Any, column: int, role: int) -> Any:
        raise NotImplementedError


class AgendaModel(_ListTable):
    """The agenda down the left side: number, item, minute number."""

    headers = ("No.", "Item", "Minute")

    def cell(self, row: AgendaRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.number
            if column == 1:
                title = ("    " * row.depth) + row.title
                if row.deferred:
                    title += "  (deferred)"
                elif row.status == "withdrawn":
                    title += "  (withdrawn)"
                if row.closed_session:
                    title += "  [closed]"
                if row.held:
                    title += "  (not yet saved)"
                return title
            return row.reference
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.title
        if role == Qt.ItemDataRole.ForegroundRole and (
            row.deferred or row.status == "withdrawn" or row.held
        ):
            return QBrush(MUTED)
        if role == Qt.ItemDataRole.FontRole and row.held:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.FontRole and row.minute is not None and column == 2:
            font = QFont()
            font.setBold(True)
            return font
        if role == KEY_ROLE:
            return row.key
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """A held new item cannot be opened until it is saved (nothing to type into yet)."""
        if index.isValid() and self.row_at(index.row()).held:
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index)


RECORD_KIND_LABELS = {
    "resolution": "RESOLVED",
    "action": "Action",
    "update": "Update asked for",
    "draft": "Unfinished",
    "change": "Change",
}
PENDING_LABELS = {"held": "not yet saved", "unfinished": "unfinished, not yet saved"}


class RecordsModel(_ListTable):
    """A minute's resolutions, actions and update requests."""

    headers = ("", "Text", "Owners", "Due")

    def cell(self, row: RecordRow, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            label = RECORD_KIND_LABELS[row.kind]
            if row.pending:  # said in words, not only in grey
                label += f" ({PENDING_LABELS[row.pending]})"
            return (label, row.text, row.owners, row.due)[column]
        if role == Qt.ItemDataRole.ForegroundRole and row.pending:
            return QBrush(MUTED)
        if role == Qt.ItemDataRole.ForegroundRole and column == 2 and row.owner_to_confirm:
            return QBrush(WARNING)
        if role == Qt.ItemDataRole.FontRole and (column == 0 or row.pending):
            font = QFont()
            font.setBold(column == 0)
            font.setItalic(bool(row.pending))
            return font
        if role == KEY_ROLE:
            return row.key
        return None


class ArisingModel(_ListTable):
    """The actions of earlier meetings still open when this meeting began."""

    headers = ("Minute", "Action", "Owners", "Due", "Now", "Latest progress")

    def __init__(self, meeting_id: int, parent: Any = None) -> None:
        super().__init__(parent)
        self.meeting_id = meeting_id
        self._held: dict[int, str] = {}  # action id -> outcome held in the journal

    def set_held(self, held: dict[int, str]) -> None:
        """Outcomes recorded while the database was away: shown as not yet saved."""
        if held != self._held:
            self.layoutAboutToBeChanged.emit()
            self._held = dict(held)
            self.layoutChanged.emit()

    def cell(self, row: dto.ActionInfo, column: int, role: int) -> Any:
        if row.id in self._held and column == 4:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{self._held[row.id]} (not yet saved)"
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(MUTED)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                row.minute_reference,
                row.text,
                row.owner_line,
                due_label(row),
                self._state(row),
                row.latest_update,
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 4:
            return QBrush(DONE if row.is_closed else WARNING if row.state == "open" else MUTED)
        if role == KEY_ROLE:
            return row.id
        return None

    def _state(self, row: dto.ActionInfo) -> str:
        label = {"open": "open", "in_progress": "in progress", "done": "done", "dropped": "dropped"}
        text = label.get(row.state, row.state)
        if row.is_closed and row.closed_at_meeting_id == self.meeting_id:
            text += " (at this meeting)"
        return text


class AttendanceModel(QAbstractItemModel):
    """Organisations, each with its people: name, role, attendance, notes.

    Top-level rows are groups (internal id 0); a person's internal id is its group's row + 1.
    """

    headers = ("Name", "Role", "Attendance", "Notes")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._groups: list[AttendanceGroup] = []
        self._labels: dict[int, str] = {}
        self._held: dict[int, str] = {}  # person id -> mark held in the journal ("" cleared)

    def set_groups(self, groups: Sequence[AttendanceGroup], item_labels: dict[int, str]) -> None:
        self.beginResetModel()
        self._groups = list(groups)
        self._labels = dict(item_labels)
        self.endResetModel()

    def set_held(self, held: dict[int, str]) -> None:
        """Marks made while the database was away: shown as not yet saved."""
        if held != self._held:
            self.layoutAboutToBeChanged.emit()
            self._held = dict(held)
            self.layoutChanged.emit()

    def groups(self) -> list[AttendanceGroup]:
        return list(self._groups)

    def attendee(self, index: Index) -> Attendee | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        group = self._groups[index.internalId() - 1]
        return group.people[index.row()]

    def index_of_person(self, person_id: int) -> QModelIndex:
        for g, group in enumerate(self._groups):
            for r, person in enumerate(group.people):
                if person.person.id == person_id:
                    return self.createIndex(r, 0, g + 1)
        return QModelIndex()

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        if parent.internalId() == 0:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()].people)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._group_data(self._groups[index.row()], index.column(), role)
        person = self.attendee(index)
        return None if person is None else self._person_data(person, index.column(), role)

    def _group_data(self, group: AttendanceGroup, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            return group.name
        if role == Qt.ItemDataRole.DisplayRole and column == 2:
            present = sum(1 for p in group.people if p.status in ("present", "in_attendance"))
            return f"{present} of {len(group.people)} here"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _person_data(self, person: Attendee, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return person.person.display_name
            if column == 1:
                return role_label(person)
            if column == 2 and person.person.id in self._held:
                held = self._held[person.person.id]
                return f"{STATUS_LABELS.get(held, '—')} (not yet saved)"
            if column == 2:
                return STATUS_LABELS.get(person.status, "—")
            return attendance_note(person, self._labels)
        if person.person.id in self._held and column == 2:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(MUTED)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            if person.status in ("present", "in_attendance"):
                return QBrush(DONE)
            return QBrush(MUTED)
        if role == KEY_ROLE:
            return person.person.id
        return None


def role_label(person: Attendee) -> str:
    """``Chair``, ``Member``...; for someone who is not a member, why they are there."""
    if person.role:
        return ROLE_LABELS.get(person.role, person.role)
    if person.attendance is not None and person.attendance.substitute_for_id is not None:
        return "Substitute"
    return "Not a member"


class RecoveryModel(_ListTable):
    """Recovered texts waiting for a decision."""

    headers = ("Recovered text",)

    def cell(self, row: Recovery, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            when = row.written_at.strftime("%d %b %Y %H:%M")
            return f"{row.title} — {row.meeting_label} — kept {when}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.reason
        return None

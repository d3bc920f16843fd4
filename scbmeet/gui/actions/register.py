"""The actions register: every action of a board in one table, filtered as you type.

The rows are read once (:meth:`ActionRegisterService.rows`; only the outstanding ones while
the register shows outstanding actions) and kept as plain data. Typing or changing a filter
never touches the database: :class:`ActionsFilterProxy` tests the cached rows. Sorting is
done by :class:`ActionsTableModel` in Python on the cached rows: letting the proxy sort
asks the model for each compared value (hundreds of thousands of calls into Python for
8,000 rows, almost half a second), while sorting the list is a few milliseconds.

Plugging in: ``ActionsRegisterWidget(services, board_id)`` (``None`` for all boards); it
emits ``openRequested(kind, id)`` with kind ``"minute"`` or ``"meeting"``;
:meth:`~ActionsRegisterWidget.set_word_exporter` adds the Word action-log button;
:meth:`~ActionsRegisterWidget.set_owner_filter` shows one owner's actions.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QWidget,
)

from scbmeet.domain.dto import Change, MeetingInfo, long_date
from scbmeet.domain.errors import ScbmeetError
from scbmeet.gui.widgets import dialogs
from scbmeet.gui.widgets.errors import offer_damage_recovery, reporting_errors, show_error
from scbmeet.gui.widgets.forms import child, load_form
from scbmeet.services import Services
from scbmeet.services.action_csv import write_csv
from scbmeet.services.action_filters import (
    ActionFilter,
    OwnerGroup,
    group_by_owner,
    owner_choices,
    sort_rows,
)
from scbmeet.services.action_history import ActionHistory
from scbmeet.services.action_rows import (
    CARRIED_FLAG_AT,
    OUTSTANDING,
    STATE_LABELS,
    ActionRow,
    OwnerKey,
)
from scbmeet.services.chasing import Reminder, mailto_url, write_eml_files

ModelIndex = QModelIndex | QPersistentModelIndex
ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1

# (column key for sort_rows, header)
COLUMNS: list[tuple[str, str]] = [
    ("board", "Board"),
    ("minute", "Minute"),
    ("meeting", "Meeting"),
    ("text", "Action"),
    ("owners", "Owner(s)"),
    ("due", "Due"),
    ("state", "State"),
    ("age", "Age"),
    ("carried", "Carried"),
    ("progress", "Latest progress"),
]

STATE_CHOICES: list[tuple[str, frozenset[str]]] = [
    ("Outstanding", OUTSTANDING),
    ("Open", frozenset({"open"})),
    ("In progress", frozenset({"in_progress"})),
    ("Done", frozenset({"done"})),
    ("Dropped", frozenset({"dropped"})),
    ("Closed (done or dropped)", frozenset({"done", "dropped"})),
    ("All states", frozenset()),
]

OVERDUE_BACKGROUND = QColor("#fde3e1")
OVERDUE_TEXT = QColor("#7a1010")
CARRIED_BACKGROUND = QColor("#fff0c2")
CARRIED_TEXT = QColor("#5c4300")


def short_date(d: date | None) -> str:
    """``28 Feb 2026``: compact for a table column."""
    return f"{d.day} {d:%b %Y}" if d else ""


def human_age(days: int) -> str:
    """``3 days``, ``5 weeks``, ``7 months``, ``2 years``: how a chair says it."""
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 63:
        return f"{days // 7} weeks"
    if days < 730:
        return f"{days * 12 // 365} months"
    return f"{days // 365} years"


def state_text(row: ActionRow) -> str:
    """The state, with the overdue flag in words (not only in colour)."""
    return f"{row.state_label} - overdue" if row.is_overdue else row.state_label


def carried_text(row: ActionRow) -> str:
    return f"{row.carried} ⚑" if row.is_carried_flagged else str(row.carried)


def row_tooltip(row: ActionRow) -> str:
    notes = []
    if row.is_overdue:
        notes.append(f"Overdue by {row.overdue_days} day{'s' if row.overdue_days != 1 else ''}")
    if row.is_carried_flagged:
        notes.append(f"Carried across {row.carried} meetings without being closed")
    notes.append(row.text)
    return "\n".join(notes)


def _cell_text(row: ActionRow, key: str) -> str:
    if key == "board":
        return row.board_short_name
    if key == "minute":
        return row.minute_reference
    if key == "meeting":
        return short_date(row.meeting_date)
    if key == "text":
        return row.text
    if key == "owners":
        return row.owner_line
    if key == "due":
        return short_date(row.due)
    if key == "state":
        return state_text(row)
    if key == "age":
        return human_age(row.age_days)
    if key == "carried":
        return carried_text(row)
    return row.latest_update


def _cell_background(row: ActionRow, key: str) -> QBrush | None:
    if row.is_overdue:
        return QBrush(OVERDUE_BACKGROUND)
    if key == "carried" and row.is_carried_flagged:
        return QBrush(CARRIED_BACKGROUND)
    return None


def _cell_foreground(row: ActionRow, key: str) -> QBrush | None:
    if row.is_overdue:
        return QBrush(OVERDUE_TEXT)
    if key == "carried" and row.is_carried_flagged:
        return QBrush(CARRIED_TEXT)
    return None


def action_cell_data(row: ActionRow, key: str, role: int) -> Any:
    """What a cell of ``row`` shows for ``role``, shared by the flat and grouped models."""
    if role == Qt.ItemDataRole.DisplayRole:
        return _cell_text(row, key)
    if role == Qt.ItemDataRole.ToolTipRole:
        return row_tooltip(row)
    if role == Qt.ItemDataRole.BackgroundRole:
        return _cell_background(row, key)
    if role == Qt.ItemDataRole.ForegroundRole:
        return _cell_foreground(row, key)
    if role == Qt.ItemDataRole.FontRole and key in ("due", "state") and row.is_overdue:
        font = QFont()
        font.setBold(True)
        return font
    if role == Qt.ItemDataRole.TextAlignmentRole and key in ("age", "carried"):
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if role == ACTION_ID_ROLE:
        return row.id
    return None


# -- models ---------------------------------------------------------------------------------
class ActionsTableModel(QAbstractTableModel):
    """The register's rows, one per action, sortable by any column (sorted in Python)."""

    def __init__(self, parent: QObject | None = None, *, show_board: bool = False) -> None:
        super().__init__(parent)
        self._rows: list[ActionRow] = []
        self._columns = [c for c in COLUMNS if show_board or c[0] != "board"]
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def columns(self) -> list[tuple[str, str]]:
        return list(self._columns)

    def set_show_board(self, show: bool) -> None:
        if show == any(key == "board" for key, _h in self._columns):
            return
        self.beginResetModel()
        self._columns = [c for c in COLUMNS if show or c[0] != "board"]
        self.endResetModel()

    def set_rows(self, rows: Sequence[ActionRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._rows = self._sorted(*self._sort)
        self.endResetModel()

    def rows(self) -> list[ActionRow]:
        return list(self._rows)

    def rows_view(self) -> Sequence[ActionRow]:
        """The rows in display order, not copied (for the proxy's per-row checks)."""
        return self._rows

    def row_at(self, row: int) -> ActionRow:
        return self._rows[row]

    def column_key(self, column: int) -> str:
        return self._columns[column][0]

    def column_of(self, key: str) -> int:
        return next(i for i, (k, _h) in enumerate(self._columns) if k == key)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        return action_cell_data(self._rows[index.row()], self._columns[index.column()][0], role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._columns):
            return self._columns[section][1]
        return None

    def _sorted(self, column: int, order: Qt.SortOrder) -> list[ActionRow]:
        descending = order == Qt.SortOrder.DescendingOrder
        return sort_rows(self._rows, self._columns[column][0], descending=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self._rows[i.row()].id for i in old]
        self._sort = (column, order)
        self._rows = self._sorted(column, order)
        position = {r.id: n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            old, [self.index(position[i], p.column()) for i, p in zip(old_ids, old, strict=True)]
        )
        self.layoutChanged.emit()


class ActionsFilterProxy(QSortFilterProxyModel):
    """Shows the rows passing an :class:`ActionFilter`; sorting is left to the source model.

    A new filter is tested against every cached row at once, in Python, and remembered by
    action id; Qt's per-row question is then a set look-up. The proxy never sorts, so the
    rows it shows are the source's rows, in the source's order, that passed.
    """

    def __init__(self, table: ActionsTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = table
        self._filter = ActionFilter()
        self._passed: set[int] | None = None  # None: not worked out for the current rows
        table.modelAboutToBeReset.connect(self._forget)
        self.setSourceModel(table)

    def _forget(self) -> None:
        self._passed = None

    def _passing(self) -> set[int]:
        if self._passed is None:
            words = self._filter.words()
            self._passed = {r.id for r in self._table.rows_view() if self._filter.matches(r, words)}
        return self._passed

    def action_filter(self) -> ActionFilter:
        return self._filter

    def set_filter(self, action_filter: ActionFilter) -> None:
        if action_filter == self._filter:
            return
        self.beginFilterChange()
        self._filter = action_filter
        self._passed = None
        self._passing()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        return self._table.rows_view()[source_row].id in self._passing()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._table.sort(column, order)

    def visible_rows(self) -> list[ActionRow]:
        """The rows shown, in the order shown."""
        passed = self._passing()
        return [r for r in self._table.rows_view() if r.id in passed]


class OwnerGroupsModel(QAbstractItemModel):
    """The shown actions grouped under each owner (a shared action is under each of them).

    Sorting is asked of the register (``sortRequested``), which sorts the flat rows and
    regroups them, so the order inside each group follows the column clicked.
    """

    sortRequested = Signal(int, Qt.SortOrder)

    def __init__(self, columns: Sequence[tuple[str, str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._groups: list[OwnerGroup] = []

    def set_groups(self, groups: Sequence[OwnerGroup], columns: Sequence[tuple[str, str]]) -> None:
        self.beginResetModel()
        self._groups = list(groups)
        self._columns = list(columns)
        self.endResetModel()

    def group_at(self, row: int) -> OwnerGroup:
        return self._groups[row]

    def row_for(self, index: ModelIndex) -> ActionRow | None:
        """The action at ``index``, or None for a group heading."""
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._groups[index.internalId() - 1].rows[index.row()]

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()].rows)
        return 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self._columns)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._group_data(self._groups[index.row()], index.column(), role)
        row = self.row_for(index)
        return action_cell_data(row, self._columns[index.column()][0], role) if row else None

    @staticmethod
    def _group_data(group: OwnerGroup, column: int, role: int) -> Any:
        if column != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            count = len(group.rows)
            parts = [f"{count} action{'s' if count != 1 else ''}"]
            if group.outstanding not in (0, count):
                parts.append(f"{group.outstanding} outstanding")
            if group.overdue:
                parts.append(f"{group.overdue} overdue")
            return f"{group.name} - {', '.join(parts)}"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._columns):
            return self._columns[section][1]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sortRequested.emit(column, order)


class RemindersModel(QAbstractListModel):
    """Owners to remind, each with a tick box (ticked when the register has an address)."""

    def __init__(self, reminders: Sequence[Reminder], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reminders = list(reminders)
        self._ticked = [r.has_address for r in self._reminders]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._reminders)

    def reminder(self, row: int) -> Reminder:
        return self._reminders[row]

    def ticked(self) -> list[Reminder]:
        return [r for r, t in zip(self._reminders, self._ticked, strict=True) if t]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._reminders):
            return None
        reminder = self._reminders[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            count = len(reminder.actions)
            note = "" if reminder.has_address else " - no e-mail address"
            return f"{reminder.owner_name} ({count} action{'s' if count != 1 else ''}){note}"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if self._ticked[index.row()] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return ", ".join(a for _n, a in reminder.to) or "No address in the register"
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        self._ticked[index.row()] = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [role])
        return True

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.isValid() else base


# -- history -----------------------------------------------------------------------------------
EVENT_NAMES = {
    "raised": "Raised",
    "carried": "Carried forward",
    "progress": "Progress",
    "state": "State",
}


def history_html(history: ActionHistory) -> str:
    """The history pane: every piece of stored text escaped before it goes into HTML."""
    row = history.action
    e = html.escape
    flags = []
    if row.is_overdue:
        flags.append(
            f"<span style='color:#7a1010'><b>Overdue</b> by {row.overdue_days} days</span>"
        )
    if row.is_carried_flagged:
        flags.append(
            f"<span style='color:#5c4300'><b>Carried</b> across {row.carried} meetings</span>"
        )
    source = ""
    if row.minute_item_id is not None:
        source = (
            f"<p>From minute <a href='scbmeet:minute/{row.minute_item_id}'>"
            f"{e(row.minute_reference)} {e(row.minute_title)}</a> of {e(row.meeting_label)}</p>"
        )
    narrative = history.minute_narrative.strip()
    if len(narrative) > 700:
        narrative = narrative[:700].rsplit(" ", 1)[0] + " …"
    facts = [
        ("Owner(s)", row.owner_line or "-"),
        ("Due", long_date(row.due) if row.due else "no date set"),
        ("State", STATE_LABELS.get(row.state, row.state)),
        (
            "Raised",
            f"{long_date(row.created_on)} ({human_age(row.age_days)} ago)"
            if not row.is_closed
            else long_date(row.created_on),
        ),
    ]
    if row.closed_on:
        facts.append(("Closed", long_date(row.closed_on)))
    events = "".join(
        "<tr>"
        f"<td style='white-space:nowrap; padding-right:8px'>{e(short_date(ev.on))}</td>"
        f"<td style='padding-right:8px'><b>{e(EVENT_NAMES.get(ev.kind, ev.kind))}</b></td>"
        f"<td>{e(ev.text)}"
        + (f"<br><i>{e(ev.meeting_label)}</i>" if ev.meeting_label else "")
        + (f" <span style='color:gray'>({e(ev.by)})</span>" if ev.by else "")
        + "</td></tr>"
        for ev in history.events
    )
    return (
        f"<h3>{e(row.minute_reference or 'Action')} - {e(row.text)}</h3>"
        + (" · ".join(flags) if flags else "")
        + "<table>"
        + "".join(f"<tr><td><b>{e(k)}</b>&nbsp;</td><td>{e(v)}</td></tr>" for k, v in facts)
        # Who changed the state and when: the action's audit trail, beside its state.
        + f"<tr><td></td><td><a href='scbmeet:audit/{row.id}'>Audit trail…</a></td></tr>"
        + "</table>"
        + source
        + (f"<blockquote style='color:#444'>{e(narrative)}</blockquote>" if narrative else "")
        + "<h4>History</h4><table cellspacing='2'>"
        + events
        + "</table>"
    )


# -- dialogs -----------------------------------------------------------------------------------
def _fill_meetings(combo: QComboBox, meetings: Sequence[MeetingInfo], none_label: str) -> None:
    combo.addItem(none_label, None)
    for m in meetings:
        combo.addItem(m.label, m.id)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class ProgressDialog(QDialog):
    """Record progress on one action, optionally as reported at a meeting."""

    def __init__(
        self,
        services: Services,
        row: ActionRow,
        meetings: Sequence[MeetingInfo],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._row = row
        form = load_form("actions_progress_dialog", self)
        child(form, QLabel, "actionLabel").setText(f"{row.minute_reference} {row.text}".strip())
        self.progress_edit = child(form, QPlainTextEdit, "progressEdit")
        self.date_edit = child(form, QDateEdit, "dateEdit")
        self.date_edit.setDate(_qdate(today))
        self.meeting_combo = child(form, QComboBox, "meetingCombo")
        _fill_meetings(self.meeting_combo, meetings, "Not at a meeting")
        self.error_label = child(form, QLabel, "errorLabel")
        buttons = child(form, QDialogButtonBox, "buttonBox")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.meeting_combo.currentIndexChanged.connect(self._meeting_chosen)

    def _meeting_chosen(self) -> None:
        meeting_id = self.meeting_combo.currentData()
        if meeting_id is not None:
            meeting = self._services.meetings.meeting(meeting_id)
            self.date_edit.setDate(_qdate(meeting.date))

    def accept(self) -> None:
        text = self.progress_edit.toPlainText().strip()
        if not text:
            self.error_label.setText("Write what progress has been made.")
            self.progress_edit.setFocus()
            return
        try:
            self._services.actions.add_update(
                self._row.id,
                text,
                on=_pydate(self.date_edit.date()),
                meeting_id=self.meeting_combo.currentData(),
            )
        except ScbmeetError as exc:
            self.error_label.setText(str(exc))
            return
        super().accept()


class StateDialog(QDialog):
    """Change the state of one action (with a note and meeting) or of several at once."""

    def __init__(
        self,
        services: Services,
        rows: Sequence[ActionRow],
        meetings: Sequence[MeetingInfo],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._rows = list(rows)
        form = load_form("actions_state_dialog", self)
        summary = child(form, QLabel, "summaryLabel")
        if len(rows) == 1:
            summary.setText(f"{rows[0].minute_reference} {rows[0].text}".strip())
        else:
            summary.setText(f"Change the state of the {len(rows)} selected actions, all at once.")
        self.state_combo = child(form, QComboBox, "stateCombo")
        for value, label in STATE_LABELS.items():
            self.state_combo.addItem(label, value)
        self.state_combo.setCurrentIndex(self.state_combo.findData("done"))
        self.date_edit = child(form, QDateEdit, "dateEdit")
        self.date_edit.setDate(_qdate(today))
        self.meeting_combo = child(form, QComboBox, "meetingCombo")
        _fill_meetings(self.meeting_combo, meetings, "Not at a meeting")
        self.note_edit = child(form, QPlainTextEdit, "noteEdit")
        single = len(rows) == 1
        for widget in (self.meeting_combo, self.note_edit):
            widget.setEnabled(single)
            if not single:
                widget.setToolTip("Only when changing one action")
        buttons = child(form, QDialogButtonBox, "buttonBox")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def accept(self) -> None:
        state = self.state_combo.currentData()
        on = _pydate(self.date_edit.date())
        try:
            if len(self._rows) == 1:
                self._services.actions.set_state(
                    self._rows[0].id,
                    state,
                    at_meeting_id=self.meeting_combo.currentData(),
                    on=on,
                    note=self.note_edit.toPlainText(),
                )
            else:
                self._services.actions.set_states([r.id for r in self._rows], state, on=on)
        except ScbmeetError as exc:
            show_error(self, exc, "Change state")
            return
        super().accept()


class ChaseDialog(QDialog):
    """A reminder per owner: preview, save as .eml drafts, or open one in the mail program."""

    def __init__(
        self,
        reminders: Sequence[Reminder],
        parent: QWidget | None = None,
        *,
        open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl,
        choose_folder: Callable[[QWidget], str] | None = None,
    ) -> None:
        super().__init__(parent)
        form = load_form("actions_chase_dialog", self)
        self.resize(900, 560)
        self.model = RemindersModel(reminders, self)
        self.owners_view = child(form, QListView, "ownersView")
        self.owners_view.setModel(self.model)
        self.preview = child(form, QPlainTextEdit, "previewEdit")
        self.warning_label = child(form, QLabel, "warningLabel")
        self._open_url = open_url
        self._choose_folder = choose_folder or (
            lambda parent: QFileDialog.getExistingDirectory(parent, "Save reminders in")
        )
        self.owners_view.selectionModel().currentChanged.connect(self._show_current)
        child(form, QPushButton, "saveButton").clicked.connect(self.save_drafts)
        child(form, QPushButton, "mailButton").clicked.connect(self.open_in_mail)
        child(form, QPushButton, "copyButton").clicked.connect(self.copy_text)
        child(form, QDialogButtonBox, "buttonBox").rejected.connect(self.reject)
        missing = [r.owner_name for r in reminders if not r.has_address]
        if missing:
            self.warning_label.setText(
                "No e-mail address in the register for: "
                + ", ".join(missing)
                + ". Their drafts have no recipient; add one in your mail program."
            )
        if reminders:
            self.owners_view.setCurrentIndex(self.model.index(0, 0))

    def current(self) -> Reminder | None:
        index = self.owners_view.currentIndex()
        return self.model.reminder(index.row()) if index.isValid() else None

    def _show_current(self) -> None:
        reminder = self.current()
        if reminder is None:
            self.preview.clear()
            return
        to = ", ".join(f"{n} <{a}>" for n, a in reminder.to) or "(no address)"
        self.preview.setPlainText(f"To: {to}\nSubject: {reminder.subject}\n\n{reminder.body}")

    def save_drafts(self) -> list[Path]:
        chosen = self.model.ticked()
        if not chosen:
            QMessageBox.information(self, "Chase owners", "Tick the owners to write to first.")
            return []
        folder = self._choose_folder(self)
        if not folder:
            return []
        written: list[Path] = []
        with reporting_errors(self, "Chase owners"):
            written = write_eml_files(chosen, Path(folder))
            self.warning_label.setText(
                f"Saved {len(written)} draft{'s' if len(written) != 1 else ''} in {folder}. "
                "Open each to check it and send it from your mail program."
            )
        return written

    def open_in_mail(self) -> None:
        reminder = self.current()
        if reminder is not None and not self._open_url(QUrl(mailto_url(reminder))):
            QMessageBox.warning(
                self,
                "Chase owners",
                "No mail program answered. Save the reminder as a draft (.eml) instead.",
            )

    def copy_text(self) -> None:
        reminder = self.current()
        if reminder is not None:
            QGuiApplication.clipboard().setText(reminder.body)


# -- the register ------------------------------------------------------------------------------
class _ChangeRelay(QObject):
    """Carries service change notices to the GUI thread (they may come from a worker)."""

    changed = Signal(object)


class ActionsRegisterWidget(QWidget):
    """The actions register of one board (or of all boards)."""

    openRequested = Signal(str, int)
    loaded = Signal()

    def __init__(
        self,
        services: Services,
        board_id: int | None = None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._fixed_today = today
        self._board_id = board_id
        self._loaded_scope: tuple[int | None, frozenset[str] | None] | None = None
        self._word_exporter: Callable[[list[int], ActionFilter], None] | None = None
        self._grouped = False
        self._build_form()
        self.table = ActionsTableModel(self, show_board=board_id is None)
        self.proxy = ActionsFilterProxy(self.table, self)
        self.groups = OwnerGroupsModel(self.table.columns(), self)
        self.groups.sortRequested.connect(self._sort_grouped)
        self.view.setModel(self.proxy)
        self._connect_selection()
        self._fill_filter_choices()
        self._connect_filters()
        self._watch_services()
        self.reload()
        self.view.sortByColumn(self.table.column_of("minute"), Qt.SortOrder.AscendingOrder)

    @property
    def _today(self) -> date:
        """The day the register is as at: today, unless a day was given (tests, reports)."""
        return self._fixed_today or date.today()

    # -- building --------------------------------------------------------------------------------
    def _build_form(self) -> None:
        form = load_form("actions_register", self)
        self.search_edit = child(form, QLineEdit, "searchEdit")
        self.board_combo = child(form, QComboBox, "boardCombo")
        self.state_combo = child(form, QComboBox, "stateCombo")
        self.owner_combo = child(form, QComboBox, "ownerCombo")
        self.theme_combo = child(form, QComboBox, "themeCombo")
        self.overdue_check = child(form, QCheckBox, "overdueCheck")
        self.carried_check = child(form, QCheckBox, "carriedCheck")
        self.due_before_check = child(form, QCheckBox, "dueBeforeCheck")
        self.due_before_edit = child(form, QDateEdit, "dueBeforeEdit")
        self.group_check = child(form, QCheckBox, "groupCheck")
        self.view = child(form, QTreeView, "actionsView")
        self.history_browser = child(form, QTextBrowser, "historyBrowser")
        self.progress_button = child(form, QPushButton, "progressButton")
        self.state_button = child(form, QPushButton, "stateButton")
        self.count_label = child(form, QLabel, "countLabel")
        self.chase_button = child(form, QPushButton, "chaseButton")
        self.word_button = child(form, QPushButton, "wordButton")
        self.csv_button = child(form, QPushButton, "csvButton")
        self.carried_check.setText(f"Carried across {CARRIED_FLAG_AT}+ meetings")
        child(form, QSplitter, "splitter").setSizes([900, 300])
        self.due_before_edit.setDate(_qdate(self._today))
        self.history_browser.setPlaceholderText("Select an action to see its history.")

    def _fill_filter_choices(self) -> None:
        self.board_combo.addItem("All boards", None)
        for board in self._services.register.boards():
            self.board_combo.addItem(f"{board.short_name} - {board.name}", board.id)
        self.board_combo.setCurrentIndex(max(0, self.board_combo.findData(self._board_id)))
        for label, states in STATE_CHOICES:
            self.state_combo.addItem(label, states)
        self.theme_combo.addItem("Any priority theme", None)
        for theme in self._services.register.themes():
            self.theme_combo.addItem(theme.name, theme.id)
        self.owner_combo.addItem("Any owner", None)

    def _connect_filters(self) -> None:
        self.search_edit.textChanged.connect(self._apply_filter)
        for combo in (self.state_combo, self.owner_combo, self.theme_combo):
            combo.currentIndexChanged.connect(self._apply_filter)
        for check in (self.overdue_check, self.carried_check, self.due_before_check):
            check.toggled.connect(self._apply_filter)
        self.due_before_check.toggled.connect(self.due_before_edit.setEnabled)
        self.due_before_edit.dateChanged.connect(self._apply_filter)
        self.board_combo.currentIndexChanged.connect(self._board_chosen)
        self.group_check.toggled.connect(self._set_grouped)
        self.csv_button.clicked.connect(self.export_csv)
        self.chase_button.clicked.connect(self.chase_owners)
        self.word_button.clicked.connect(self._export_word)
        self.progress_button.clicked.connect(self.record_progress)
        self.state_button.clicked.connect(self.change_state)
        self.history_browser.anchorClicked.connect(self._link_clicked)
        self.view.doubleClicked.connect(self._double_clicked)

    def _connect_selection(self) -> None:
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        header = self.view.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorShown(True)

    def _watch_services(self) -> None:
        self._relay = _ChangeRelay(self)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(150)
        self._reload_timer.timeout.connect(self.reload)
        self._relay.changed.connect(self._on_change)
        relay = self._relay

        def listener(change: Change) -> None:
            with contextlib.suppress(RuntimeError):  # the widget has gone: nothing to refresh
                relay.changed.emit(change)

        unsubscribe = self._services.subscribe(listener)
        self.destroyed.connect(lambda *_: unsubscribe())

    def _on_change(self, change: Change) -> None:
        if change.entity in ("action", "minute", "minutes", "meeting", "person", "organisation"):
            self._reload_timer.start()

    # -- public -------------------------------------------------------------------------------------
    def action_filter(self) -> ActionFilter:
        """The filter as set on screen (for the Word action log and other exports)."""
        return self.proxy.action_filter()

    def visible_rows(self) -> list[ActionRow]:
        """The actions shown, in the order shown."""
        return self.proxy.visible_rows()

    def visible_action_ids(self) -> list[int]:
        return [r.id for r in self.visible_rows()]

    def selected_rows(self) -> list[ActionRow]:
        rows: dict[int, ActionRow] = {}
        for index in self.view.selectionModel().selectedRows():
            row = self._row_at(index)
            if row is not None:
                rows.setdefault(row.id, row)
        return list(rows.values())

    def set_word_exporter(self, export: Callable[[list[int], ActionFilter], None] | None) -> None:
        """Show the Word action-log button; it calls ``export(action ids shown, filter)``."""
        self._word_exporter = export
        self.word_button.setVisible(export is not None)

    def set_owner_filter(self, key: OwnerKey | None) -> None:
        """Show one owner's actions (a person, or an organisation with its people)."""
        index = self.owner_combo.findData(key)
        if index < 0 and key is not None:
            self.owner_combo.addItem(f"{key[0]} {key[1]}", key)
            index = self.owner_combo.count() - 1
        self.owner_combo.setCurrentIndex(max(0, index))

    def show_action(self, action_id: int) -> bool:
        """Select one action and show its history, widening the filter if it is hidden.

        For "open this action" from the chair's review or a search; False if there is no
        such action on the board(s) shown.
        """
        if action_id not in {r.id for r in self.visible_rows()}:
            self._clear_filters()
        if action_id not in {r.id for r in self.visible_rows()}:
            return False
        if self._grouped:
            self.group_check.setChecked(False)
        self.view.selectionModel().clearSelection()
        self._select_ids([action_id])
        for index in self.view.selectionModel().selectedRows():
            self.view.scrollTo(index)
        return True

    def _clear_filters(self) -> None:
        """Every action of the board(s): no words, owner, theme, date or flag filters."""
        widgets = (self.search_edit, self.owner_combo, self.theme_combo, self.state_combo)
        for widget in widgets:
            widget.blockSignals(True)
        self.search_edit.clear()
        self.owner_combo.setCurrentIndex(0)
        self.theme_combo.setCurrentIndex(0)
        self.state_combo.setCurrentIndex(self.state_combo.findText("All states"))
        for widget in widgets:
            widget.blockSignals(False)
        for check in (self.overdue_check, self.carried_check, self.due_before_check):
            check.setChecked(False)
        self._apply_filter()

    def set_board(self, board_id: int | None) -> None:
        self.board_combo.setCurrentIndex(max(0, self.board_combo.findData(board_id)))

    def reload(self) -> None:
        """Read the rows again (after changes), keeping the filter and the selection."""
        selected = [r.id for r in self.selected_rows()]
        scope_states = self._scope_states(self._filter_from_widgets())
        with reporting_errors(self, "Actions register"):
            rows = self._services.action_register.rows(
                self._board_id, states=scope_states, today=self._today
            )
            self._loaded_scope = (self._board_id, scope_states)
            self.table.set_show_board(self._board_id is None)
            self.table.set_rows(rows)
            self._refresh_owner_choices(rows)
            self._apply_filter()
            self._select_ids(selected)
            self._resize_columns()
        self.loaded.emit()

    # -- filtering --------------------------------------------------------------------------------
    @staticmethod
    def _scope_states(action_filter: ActionFilter) -> frozenset[str] | None:
        """What to read: only outstanding rows while only those can be shown."""
        if action_filter.states and action_filter.states <= OUTSTANDING:
            return OUTSTANDING
        return None

    def _filter_from_widgets(self) -> ActionFilter:
        states = self.state_combo.currentData()
        return ActionFilter(
            states=states if states is not None else OUTSTANDING,
            owner=self.owner_combo.currentData(),
            overdue_only=self.overdue_check.isChecked(),
            carried_only=self.carried_check.isChecked(),
            due_before=_pydate(self.due_before_edit.date())
            if self.due_before_check.isChecked()
            else None,
            theme_id=self.theme_combo.currentData(),
            text=self.search_edit.text(),
        )

    def _apply_filter(self) -> None:
        action_filter = self._filter_from_widgets()
        wanted_scope = (self._board_id, self._scope_states(action_filter))
        if self._loaded_scope is not None and not self._scope_covers(wanted_scope):
            self.reload()  # widen once (e.g. to closed actions); typing never reads again
            return
        self.proxy.set_filter(action_filter)
        if self._grouped:
            self._regroup()
        self._update_count()

    def _scope_covers(self, wanted: tuple[int | None, frozenset[str] | None]) -> bool:
        assert self._loaded_scope is not None
        board, states = self._loaded_scope
        return board == wanted[0] and (states is None or wanted[1] == states)

    def _board_chosen(self) -> None:
        self._board_id = self.board_combo.currentData()
        self.reload()

    def _refresh_owner_choices(self, rows: Sequence[ActionRow]) -> None:
        current = self.owner_combo.currentData()
        self.owner_combo.blockSignals(True)
        self.owner_combo.clear()
        self.owner_combo.addItem("Any owner", None)
        choices = owner_choices(rows)
        people = [c for c in choices if c.is_person]
        for choice in people:
            self.owner_combo.addItem(choice.label, choice.key)
        if people and len(people) < len(choices):
            self.owner_combo.insertSeparator(self.owner_combo.count())
        for choice in choices[len(people) :]:
            self.owner_combo.addItem(f"{choice.label} (and its people)", choice.key)
        self.owner_combo.setCurrentIndex(max(0, self.owner_combo.findData(current)))
        self.owner_combo.blockSignals(False)

    def _update_count(self) -> None:
        shown = self.visible_rows()
        total = self.table.rowCount()
        overdue = sum(1 for r in shown if r.is_overdue)
        carried = sum(1 for r in shown if r.is_carried_flagged)
        scope = "outstanding actions" if self._loaded_scope and self._loaded_scope[1] else "actions"
        parts = [f"Showing {len(shown):,} of {total:,} {scope}"]
        if overdue:
            parts.append(f"{overdue:,} overdue")
        if carried:
            parts.append(f"{carried:,} carried across {CARRIED_FLAG_AT}+ meetings")
        self.count_label.setText(" · ".join(parts))
        self.chase_button.setEnabled(any(not r.is_closed for r in shown))
        self.csv_button.setEnabled(bool(shown))

    # -- grouping --------------------------------------------------------------------------------
    def _set_grouped(self, grouped: bool) -> None:
        self._grouped = grouped
        if grouped:
            self._regroup()
            self.view.setModel(self.groups)
            self.view.setRootIsDecorated(True)
            self.view.expandAll()
        else:
            self.view.setModel(self.proxy)
            self.view.setRootIsDecorated(False)
        self._connect_selection()
        self._resize_columns()
        self._selection_changed()

    def _regroup(self) -> None:
        self.groups.set_groups(group_by_owner(self.visible_rows()), self.table.columns())
        if self._grouped:
            for row in range(self.groups.rowCount()):
                self.view.setFirstColumnSpanned(row, QModelIndex(), True)
            self.view.expandAll()

    def _sort_grouped(self, column: int, order: Qt.SortOrder) -> None:
        self.table.sort(column, order)
        self._regroup()

    # -- selection and history -------------------------------------------------------------------
    def _row_at(self, index: QModelIndex) -> ActionRow | None:
        if not index.isValid():
            return None
        if self._grouped:
            return self.groups.row_for(index)
        return self.table.row_at(self.proxy.mapToSource(index).row())

    def _selection_changed(self, *_args: Any) -> None:
        rows = self.selected_rows()
        self.state_button.setEnabled(bool(rows))
        self.progress_button.setEnabled(len(rows) == 1)
        if len(rows) == 1:
            self._show_history(rows[0].id)
        elif rows:
            self.history_browser.setHtml(
                f"<p>{len(rows)} actions selected. <b>Change state…</b> changes them all at once.</p>"
            )
        else:
            self.history_browser.clear()

    def _show_history(self, action_id: int) -> None:
        try:
            history = self._services.action_register.history(action_id, today=self._today)
        except ScbmeetError as exc:
            self.history_browser.setPlainText(str(exc))
            offer_damage_recovery(self, exc)
            return
        self.history_browser.setHtml(history_html(history))

    def _select_ids(self, ids: Sequence[int]) -> None:
        if not ids or self._grouped:
            return
        wanted = set(ids)
        selection = self.view.selectionModel()
        flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        # The proxy shows the visible rows in the same order (it never sorts by itself).
        for n, row in enumerate(self.proxy.visible_rows()):
            if row.id in wanted:
                selection.select(self.proxy.index(n, 0), flags)

    def _resize_columns(self) -> None:
        widths = {
            "board": 60,
            "minute": 60,
            "meeting": 90,
            "text": 230,
            "owners": 150,
            "due": 85,
            "state": 135,
            "age": 65,
            "carried": 55,
        }
        for column, (key, _header) in enumerate(self.table.columns()):
            if key in widths:
                extra = self.view.indentation() + 16 if self._grouped and column == 0 else 0
                self.view.setColumnWidth(column, widths[key] + extra)

    def _link_clicked(self, url: QUrl) -> None:
        kind, _, ident = url.path().partition("/")
        if url.scheme() != "scbmeet" or not ident.isdigit():
            return
        if kind == "audit":
            self.show_audit(int(ident))
        else:
            self.openRequested.emit(kind, int(ident))

    def show_audit(self, action_id: int) -> None:
        """The audit trail of one action: its state changes, later edits, its deletion."""
        from scbmeet.gui.safety.dialogs import action_audit_dialog

        with reporting_errors(self, "Audit trail"):
            dialogs.run_dialog(action_audit_dialog(self, self._services, action_id))

    def _double_clicked(self, index: QModelIndex) -> None:
        row = self._row_at(index)
        if row is not None and row.minute_item_id is not None:
            self.openRequested.emit("minute", row.minute_item_id)

    # -- actions on actions ----------------------------------------------------------------------
    def _meetings_of(self, board_id: int) -> list[MeetingInfo]:
        return self._services.meetings.meetings(board_id)

    def record_progress(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        dialog = ProgressDialog(
            self._services, rows[0], self._meetings_of(rows[0].board_id), self._today, self
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def change_state(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        boards = {r.board_id for r in rows}
        meetings = self._meetings_of(rows[0].board_id) if len(boards) == 1 else []
        dialog = StateDialog(self._services, rows, meetings, self._today, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def export_csv(self, path: str | None = None) -> Path | None:
        """Save the rows shown as CSV (asking where unless ``path`` is given)."""
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, "Export actions as CSV", "actions.csv", "CSV files (*.csv)"
            )
        if not path:
            return None
        with reporting_errors(self, "Export CSV"):
            return write_csv(self.visible_rows(), Path(path))
        return None

    def chase_dialog(self) -> ChaseDialog:
        """The reminders for the outstanding actions shown, signed with the user's name."""
        from scbmeet.settings import USER_NAME, Settings

        sender = str(Settings.default().get(USER_NAME))
        reminders = self._services.chasing.reminders(
            self.visible_rows(), today=self._today, sender_name=sender
        )
        return ChaseDialog(reminders, self)

    def chase_owners(self) -> None:
        with reporting_errors(self, "Chase owners"):
            self.chase_dialog().open()

    def _export_word(self) -> None:
        if self._word_exporter is not None:
            with reporting_errors(self, "Word action log"):
                self._word_exporter(self.visible_action_ids(), self.action_filter())


__all__ = [
    "ActionsFilterProxy",
    "ActionsRegisterWidget",
    "ActionsTableModel",
    "ChaseDialog",
    "OwnerGroupsModel",
    "ProgressDialog",
    "RemindersModel",
    "StateDialog",
    "history_html",
]

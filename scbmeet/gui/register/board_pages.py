"""A board's pages: its overview, its list of meetings, and its forward plan."""

from __future__ import annotations

from datetime import timedelta
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from scbmeet.domain.access_rules import ACCESS_RULE_LABELS, follows_rules
from scbmeet.domain.dto import BoardInfo, Change, ForwardPlanInfo, MeetingInfo, long_date
from scbmeet.domain.errors import ScbmeetError
from scbmeet.gui.plans.status_box import install_plan_status
from scbmeet.gui.shell.navigator import STATE_LABELS
from scbmeet.gui.widgets import dialogs
from scbmeet.gui.widgets.changes import hub_for
from scbmeet.gui.widgets.clock import today
from scbmeet.gui.widgets.dialogs import FormDialog, Problems
from scbmeet.gui.widgets.forms import child, load_form, wire_buttons
from scbmeet.gui.widgets.icons import icon
from scbmeet.gui.widgets.inputs import format_date, format_time
from scbmeet.gui.widgets.lazy import ReloadWhenShown
from scbmeet.gui.widgets.table_models import (
    PLAIN,
    Column,
    RecordFilterProxy,
    RecordTableModel,
    RowLook,
    configure_table,
    select_record,
    selected_record,
)
from scbmeet.services import Services
from scbmeet.text.dates import parse_month

BOARD_ENTITIES = {
    "board",
    "meeting",
    "agenda",
    "membership",
    "person",
    "action",
    "forward_plan",
    "attendance",
}


def heading_font(label: QLabel, scale: float = 1.35) -> None:
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)


def board_details(board: BoardInfo, parent: BoardInfo | None) -> str:
    parts = []
    when = format_time(board.default_start_time)
    if when or board.default_venue:
        parts.append(
            "Usually meets"
            + (f" at {when}" if when else "")
            + (f" in {board.default_venue}" if board.default_venue else "")
        )
    if board.numbering == "municipal":
        month = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ][board.numbering_start_month - 1]
        parts.append(f"Minutes numbered from {month} each year")
    else:
        parts.append("Minutes numbered by calendar year")
    if board.quorum_members or board.quorum_statutory_orgs:
        quorum = []
        if board.quorum_members:
            quorum.append(f"{board.quorum_members} members")
        if board.quorum_statutory_orgs:
            quorum.append(f"{board.quorum_statutory_orgs} statutory organisations")
        parts.append("Quorum: " + " and ".join(quorum))
    if follows_rules(board.access_rules):
        parts.append(ACCESS_RULE_LABELS[board.access_rules])
    if parent is not None:
        parts.append(f"Reports to {parent.name}")
    if not board.active:
        parts.append("No longer active")
    return " · ".join(parts)


class BoardPage(ReloadWhenShown):
    """A board at a glance: its next meeting, its register and what needs attention."""

    navigate_requested = Signal(str, object)

    def __init__(self, services: Services, board_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.board_id = board_id
        self.next_meeting: MeetingInfo | None = None
        self.form = load_form("board_page", self)
        heading_font(child(self.form, QLabel, "headingLabel"), 1.5)
        buttons = (
            ("editBoardButton", "edit", self.edit_board),
            ("newMeetingButton", "meeting-new", self.new_meeting),
            ("openNextButton", "meeting", self.open_next),
            ("membersButton", "people", lambda: self.navigate_requested.emit("members", board_id)),
            (
                "forwardPlanButton",
                "forward-plan",
                lambda: self.navigate_requested.emit("forward_plan", board_id),
            ),
        )
        wire_buttons(self.form, buttons)
        self.plan_status = install_plan_status(self.form.layout(), services, board_id, today)
        hub_for(services).changed.connect(self._on_change)
        self.reload()

    def _on_change(self, change: Change) -> None:
        if change.entity in BOARD_ENTITIES:
            self.request_reload()

    def reload(self) -> None:
        reg = self.services.register
        board = reg.board(self.board_id)
        parent = reg.board(board.parent_id) if board.parent_id else None
        child(self.form, QLabel, "headingLabel").setText(f"{board.name} ({board.short_name})")
        child(self.form, QLabel, "detailsLabel").setText(board_details(board, parent))
        self._show_next_meeting()
        self._show_register()

    def _show_next_meeting(self) -> None:
        upcoming = [m for m in self.services.meetings.meetings(self.board_id) if m.date >= today()]
        self.next_meeting = min(upcoming, key=lambda m: m.date) if upcoming else None
        label = child(self.form, QLabel, "nextLabel")
        button = child(self.form, QPushButton, "openNextButton")
        button.setEnabled(self.next_meeting is not None)
        if self.next_meeting is None:
            label.setText("No meeting is planned. Create one with New meeting.")
            return
        m = self.next_meeting
        agenda = self.services.agenda.agenda(m.id)
        missing = self.services.agenda.missing_papers(m.id)
        time = f" at {format_time(m.start_time)}" if m.start_time else ""
        days = (m.date - today()).days
        when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
        papers = (
            f"{len(missing)} paper{'s' if len(missing) != 1 else ''} still missing"
            if missing
            else "all papers in"
        )
        label.setText(
            f"{m.date:%A} {long_date(m.date)}{time} ({when}) – {STATE_LABELS.get(m.state, m.state).lower()}; "
            f"{len(agenda)} agenda items, {papers}."
        )

    def _show_register(self) -> None:
        members = self.services.register.memberships(self.board_id, current_on=today())
        orgs = {m.person.organisation_id for m in members if m.person.organisation_id}
        outstanding, overdue = self.services.actions.outstanding_counts(self.board_id, today())
        waiting = self.services.forward_plan.entries(self.board_id, include_done=False)
        child(self.form, QLabel, "statsLabel").setText(
            f"{len(members)} current members from {len(orgs)} organisations · "
            f"{outstanding} outstanding actions ({overdue} overdue) · "
            f"{len(waiting)} forward-plan {'entry' if len(waiting) == 1 else 'entries'} waiting for an agenda"
        )
        report = self.services.attendance.report(
            self.board_id, today() - timedelta(days=365), today(), today=today()
        )
        flagged = report.flagged_members
        flags = child(self.form, QLabel, "flagsLabel")
        if not flagged:
            flags.setText(
                "Nobody's term ends soon and nobody has missed several meetings in a row."
            )
            return
        lines = "".join(
            f"<li>{escape(m.name)} ({escape(m.organisation_name)}): {escape('; '.join(m.flags))}</li>"
            for m in flagged[:8]
        )
        more = (
            f"<p>and {len(flagged) - 8} more on the Attendance tab.</p>" if len(flagged) > 8 else ""
        )
        flags.setText(
            f"<b style='color:#b3261e'>Needs attention</b><ul style='margin:0'>{lines}</ul>{more}"
        )

    def new_meeting(self) -> None:
        from scbmeet.gui.agenda.meeting_dialog import MeetingDialog

        dialog = MeetingDialog(self.services, board_id=self.board_id, parent=self)
        if dialogs.run_dialog(dialog) and dialog.created is not None:
            self.navigate_requested.emit("meeting", dialog.created.id)

    def open_next(self) -> None:
        if self.next_meeting is not None:
            self.navigate_requested.emit("meeting", self.next_meeting.id)

    def edit_board(self) -> None:
        from scbmeet.gui.register.dialogs import BoardDialog

        board = self.services.register.board(self.board_id)
        dialogs.run_dialog(BoardDialog(self.services, board=board, parent=self))


MEETING_COLUMNS: list[Column[MeetingInfo]] = [
    Column("Date", lambda m: f"{m.date:%a} {long_date(m.date)}", sort=lambda m: m.date),
    Column("Title", lambda m: m.title),
    Column("Starts", lambda m: format_time(m.start_time), sort=lambda m: m.start_time),
    Column("Venue", lambda m: m.venue),
    Column(
        "State",
        lambda m: STATE_LABELS.get(m.state, m.state),
        sort=lambda m: list(STATE_LABELS).index(m.state) if m.state in STATE_LABELS else 99,
    ),
]


class MeetingsPage(ReloadWhenShown):
    """All meetings of a board, newest first; open one to prepare it."""

    navigate_requested = Signal(str, object)

    def __init__(self, services: Services, board_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.board_id = board_id
        self.scope = ""  # all meetings; a navigator node narrows it (show_scope)
        self.form = load_form("meetings_page", self)
        heading_font(child(self.form, QLabel, "headingLabel"))
        self.model: RecordTableModel[MeetingInfo] = RecordTableModel(
            MEETING_COLUMNS,
            look=lambda m: RowLook(bold=True) if m.date >= today() else PLAIN,
            parent=self,
        )
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = child(self.form, QTableView, "meetingsView")
        configure_table(
            self.view,
            self.proxy,
            stretch=3,
            widths={0: 220, 1: 200, 2: 80, 4: 150},
            descending=True,
        )
        self.view.doubleClicked.connect(lambda _i: self.open_selected())
        self.filter_edit = child(self.form, QLineEdit, "filterEdit")
        self.filter_edit.textChanged.connect(self.proxy.set_filter_text)
        new = child(self.form, QPushButton, "newMeetingButton")
        new.setIcon(icon("meeting-new"))
        new.clicked.connect(self.new_meeting)
        child(self.form, QPushButton, "openButton").clicked.connect(self.open_selected)
        hub_for(services).changed.connect(self._on_change)
        self.reload()

    def _on_change(self, change: Change) -> None:
        if change.entity in ("meeting", "board"):
            self.request_reload()

    def reload(self) -> None:
        board = self.services.register.board(self.board_id)
        meetings = [m for m in self.services.meetings.meetings(self.board_id) if self._in_scope(m)]
        child(self.form, QLabel, "headingLabel").setText(
            f"{self._scope_title()} of {board.short_name} ({len(meetings)})"
        )
        self.model.set_rows(meetings)

    def show_scope(self, scope: str) -> None:
        """Show only the meetings of a navigator node: ``"upcoming"``, a year (``"2026"``),
        or ``""`` for all of them."""
        if scope != self.scope:
            self.scope = scope
            self.reload()

    def _in_scope(self, meeting: MeetingInfo) -> bool:
        if self.scope == "upcoming":
            return meeting.date >= today()
        if self.scope.isdigit():
            return meeting.date.year == int(self.scope) and meeting.date < today()
        return True

    def _scope_title(self) -> str:
        if self.scope == "upcoming":
            return "Upcoming meetings"
        return f"Meetings in {self.scope}" if self.scope.isdigit() else "Meetings"

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()

    def open_selected(self) -> None:
        meeting = selected_record(self.view)
        if isinstance(meeting, MeetingInfo):
            self.navigate_requested.emit("meeting", meeting.id)

    def new_meeting(self) -> None:
        from scbmeet.gui.agenda.meeting_dialog import MeetingDialog

        dialog = MeetingDialog(self.services, board_id=self.board_id, parent=self)
        if dialogs.run_dialog(dialog) and dialog.created is not None:
            self.navigate_requested.emit("meeting", dialog.created.id)


STATUS_LABELS = {"pending": "Waiting", "scheduled": "On an agenda", "withdrawn": "Withdrawn"}

FORWARD_PLAN_COLUMNS: list[Column[ForwardPlanInfo]] = [
    Column("What", lambda e: e.title, tooltip=lambda e: e.detail),
    Column("Wanted", lambda e: e.due_label, sort=lambda e: e.due_meeting_date or e.due_month),
    Column("Status", lambda e: STATUS_LABELS.get(e.status, e.status)),
    Column("Asked for at", lambda e: e.source_text),
    Column("Asked on", lambda e: format_date(e.created_on), sort=lambda e: e.created_on),
]


def _forward_plan_look(entry: ForwardPlanInfo) -> RowLook:
    if entry.status != "pending":
        return RowLook(muted=True)
    due = entry.due_meeting_date or entry.due_month
    if due is not None and due < today().replace(day=1):
        return RowLook(warning=True)
    return PLAIN


class ForwardPlanPage(ReloadWhenShown):
    """A board's forward plan: what it wants to see, and when."""

    status_message = Signal(str)

    def __init__(self, services: Services, board_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.board_id = board_id
        self.form = load_form("forward_plan_page", self)
        heading_font(child(self.form, QLabel, "headingLabel"))
        self.model: RecordTableModel[ForwardPlanInfo] = RecordTableModel(
            FORWARD_PLAN_COLUMNS, look=_forward_plan_look, parent=self
        )
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = child(self.form, QTableView, "entriesView")
        configure_table(
            self.view,
            self.proxy,
            stretch=0,
            widths={1: 150, 2: 110, 3: 210, 4: 150},
            sort_column=1,
        )
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.filter_edit = child(self.form, QLineEdit, "filterEdit")
        self.filter_edit.textChanged.connect(self.proxy.set_filter_text)
        self.waiting_only = child(self.form, QCheckBox, "waitingOnlyCheck")
        self.waiting_only.toggled.connect(self._filter_waiting)
        wire_buttons(
            self.form,
            [
                ("addButton", "add", self.add_entry),
                ("editButton", "edit", self.edit_selected),
                ("scheduleButton", "meeting", self.schedule_selected),
                ("withdrawButton", "", self.withdraw_selected),
                ("deleteButton", "delete", self.delete_selected),
            ],
        )
        hub_for(services).changed.connect(self._on_change)
        # The plan's statutory duties falling due join the forward plan (once each) when it opens.
        services.plan_duties.place_due(board_id, today())
        self.reload()

    def _filter_waiting(self, only: bool) -> None:
        self.proxy.set_extra_filter((lambda e: e.status == "pending") if only else None)

    def _on_change(self, change: Change) -> None:
        if change.entity in ("forward_plan", "meeting", "agenda"):
            self.request_reload()

    def reload(self) -> None:
        board = self.services.register.board(self.board_id)
        entries = self.services.forward_plan.entries(self.board_id)
        waiting = sum(1 for e in entries if e.status == "pending")
        child(self.form, QLabel, "headingLabel").setText(
            f"Forward plan of {board.short_name} ({waiting} waiting)"
        )
        self.model.set_rows(entries)

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()

    def selected(self) -> ForwardPlanInfo | None:
        entry = selected_record(self.view)
        return entry if isinstance(entry, ForwardPlanInfo) else None

    def add_entry(self) -> None:
        dialogs.run_dialog(ForwardPlanDialog(self.services, self.board_id, parent=self))

    def edit_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            dialogs.run_dialog(
                ForwardPlanDialog(self.services, self.board_id, entry=entry, parent=self)
            )

    def schedule_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        upcoming = self.services.meetings.next_meeting(self.board_id, today() - timedelta(days=1))
        if upcoming is None:
            dialogs.inform(
                self, "Forward plan", "There is no upcoming meeting to put it on; create one first."
            )
            return
        try:
            self.services.forward_plan.schedule(entry.id, upcoming.id)
        except ScbmeetError as exc:
            dialogs.report(self, exc)
            return
        self.status_message.emit(f"“{entry.title}” is on the agenda of {upcoming.label}.")

    def withdraw_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            try:
                self.services.forward_plan.update_entry(
                    entry.id, {"withdrawn": not entry.withdrawn}
                )
            except ScbmeetError as exc:
                dialogs.report(self, exc)

    def delete_selected(self) -> None:
        entry = self.selected()
        if entry is not None and dialogs.confirm(
            self, "Delete", f"Delete the forward-plan entry “{entry.title}”?", yes="Delete"
        ):
            self.services.forward_plan.delete_entry(entry.id)
            select_record(self.view, lambda _r: True)


NO_MEETING = None


class ForwardPlanDialog(FormDialog):
    """Add or edit a forward-plan entry: wanted at a meeting, or in a month."""

    FORM = "forward_plan_dialog"

    def __init__(
        self,
        services: Services,
        board_id: int,
        *,
        entry: ForwardPlanInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.board_id = board_id
        self.entry = entry
        f = self.form
        self.title_edit = child(f, QLineEdit, "titleEdit")
        self.meeting_combo = child(f, QComboBox, "dueMeetingCombo")
        self.month_edit = child(f, QLineEdit, "dueMonthEdit")
        self.source_edit = child(f, QLineEdit, "sourceEdit")
        self.detail_edit = child(f, QPlainTextEdit, "detailEdit")
        self.withdrawn_check = child(f, QCheckBox, "withdrawnCheck")
        self.closed_check = child(f, QCheckBox, "closedCheck")
        self.meeting_combo.addItem("— no particular meeting —", NO_MEETING)
        for m in sorted(services.meetings.meetings(board_id), key=lambda m: m.date):
            if m.date >= today() or (entry and m.id == entry.due_meeting_id):
                self.meeting_combo.addItem(f"{m.date:%a} {long_date(m.date)}", m.id)
        self.setWindowTitle("Edit forward-plan entry" if entry else "New forward-plan entry")
        if entry is None:
            self.withdrawn_check.hide()
        else:
            self.title_edit.setText(entry.title)
            self.meeting_combo.setCurrentIndex(
                max(0, self.meeting_combo.findData(entry.due_meeting_id))
            )
            self.month_edit.setText(f"{entry.due_month:%B %Y}" if entry.due_month else "")
            self.source_edit.setText(entry.source_text)
            self.detail_edit.setPlainText(entry.detail)
            self.withdrawn_check.setChecked(entry.withdrawn)
            self.closed_check.setChecked(entry.is_closed)
            if entry.is_closed and entry.source_minute_item_id is not None:
                self.closed_check.setEnabled(False)  # asked in closed session: stays closed
        self.mark_pristine()

    def validate(self) -> Problems:
        problems: Problems = []
        if not self.title_edit.text().strip():
            problems.append((self.title_edit, "Say what the board wants to see."))
        month_text = self.month_edit.text().strip()
        if month_text:
            try:
                parse_month(month_text)
            except ValueError as exc:
                problems.append((self.month_edit, str(exc)))
        elif self.meeting_combo.currentData() is None:
            problems.append(
                (self.month_edit, "Say when: choose a meeting or type a month, e.g. March 2027.")
            )
        return problems

    def save(self) -> None:
        month_text = self.month_edit.text().strip()
        month = parse_month(month_text) if month_text else None
        meeting_id = self.meeting_combo.currentData()
        title = self.title_edit.text()
        detail = self.detail_edit.toPlainText().strip()
        source = self.source_edit.text()
        if self.entry is None:
            self.services.forward_plan.add_entry(
                self.board_id,
                title,
                detail=detail,
                due_meeting_id=meeting_id,
                due_month=month,
                source_text=source,
                closed=self.closed_check.isChecked(),
            )
        else:
            self.services.forward_plan.update_entry(
                self.entry.id,
                {
                    "title": title,
                    "detail": detail,
                    "due_meeting_id": meeting_id,
                    "due_month": month,
                    "source_text": source.strip(),
                    "withdrawn": self.withdrawn_check.isChecked(),
                    "session": "closed" if self.closed_check.isChecked() else "open",
                },
            )

    def field_for(self, error: ScbmeetError) -> QWidget | None:
        return self.title_edit if "title" in str(error) else self.month_edit

"""The register pages: a board's members, seats and attendance; the organisations.

Nobody who appears in the records is ever deleted from here: a member's term is ended
or the person made inactive, and Delete (meant for a person entered by mistake) is
refused by the services once they appear in any meeting record.

Every change made on these pages is an undoable command
(:mod:`scbmeet.gui.register.commands`) on the page's ``undo_stack``, which Edit ▸ Undo
works on while the page is shown.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QWidget,
)

from scbmeet.domain.dto import Change, MembershipInfo, OrganisationInfo, SeatInfo, long_date
from scbmeet.domain.errors import ScbmeetError
from scbmeet.gui.register.attendance_pane import AttendancePane
from scbmeet.gui.register.board_pages import heading_font
from scbmeet.gui.register.commands import (
    AddMemberCommand,
    AddOrganisationCommand,
    AddSeatCommand,
    DeletePersonCommand,
    EditMemberCommand,
    EditSeatCommand,
    MemberValues,
    RegisterCommand,
    RegisterContext,
    UpdateOrganisationCommand,
    deactivate_organisation,
    deactivate_person,
    end_membership,
)
from scbmeet.gui.register.dialogs import (
    KIND_LABELS,
    ROLE_LABELS,
    MemberDialog,
    OrganisationDialog,
    SeatDialog,
)
from scbmeet.gui.widgets import dialogs
from scbmeet.gui.widgets.changes import hub_for
from scbmeet.gui.widgets.clock import today
from scbmeet.gui.widgets.column_fit import ColumnFitter
from scbmeet.gui.widgets.forms import child, load_form, wire_buttons
from scbmeet.gui.widgets.inputs import short_date
from scbmeet.gui.widgets.lazy import ReloadWhenShown
from scbmeet.gui.widgets.table_models import (
    FLAG_BACKGROUND,
    PLAIN,
    Column,
    RecordFilterProxy,
    RecordTableModel,
    RowLook,
    configure_table,
    selected_record,
)
from scbmeet.services import Services

REGISTER_ENTITIES = {"membership", "person", "seat", "organisation", "board"}
TERM_WARNING_DAYS = 90


def term_text(m: MembershipInfo) -> str:
    if m.start_date and m.end_date:
        return f"{short_date(m.start_date)} – {short_date(m.end_date)}"
    if m.start_date:
        return f"from {short_date(m.start_date)}"
    if m.end_date:
        return f"until {short_date(m.end_date)}"
    return ""


def is_serving(m: MembershipInfo) -> bool:
    """On the board now: active, started, and not ended (a term ended today is over)."""
    on = today()
    started = m.start_date is None or m.start_date <= on
    return m.person.active and started and (m.end_date is None or m.end_date > on)


def _member_look(m: MembershipInfo) -> RowLook:
    if not is_serving(m):
        return RowLook(muted=True)
    if m.end_date is not None and m.end_date <= today() + timedelta(days=TERM_WARNING_DAYS):
        return RowLook(warning=True, background=FLAG_BACKGROUND)
    return PLAIN


class MembersPage(ReloadWhenShown):
    """A board's members (with their terms and seats), its seats, and its attendance."""

    status_message = Signal(str)

    def __init__(self, services: Services, board_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.board_id = board_id
        self.undo_stack = QUndoStack(self)
        self.ctx = RegisterContext(
            services, self.undo_stack, report=lambda exc: dialogs.report(self, exc)
        )
        self.form = load_form("members_page", self)
        heading_font(child(self.form, QLabel, "headingLabel"))
        self.tabs = child(self.form, QTabWidget, "tabs")
        self.seat_list: list[SeatInfo] = []
        self.people_names: dict[int, str] = {}
        self.full_names: dict[int, str] = {}
        self.members: RecordTableModel[MembershipInfo] = RecordTableModel(
            [
                Column(
                    "Name",
                    lambda m: m.person.display_name,
                    sort=lambda m: (m.person.family_name, m.person.given_names),
                ),
                Column("Organisation", lambda m: m.person.organisation_name),
                Column(
                    "Role",
                    lambda m: ROLE_LABELS.get(m.role, m.role).split(" (")[0],
                    sort=lambda m: list(ROLE_LABELS).index(m.role) if m.role in ROLE_LABELS else 9,
                ),
                Column("Seat", self.seat_of),
                Column("Term", term_text, sort=lambda m: m.end_date or date.max),
                Column("Email", lambda m: m.person.email),
                Column("Job title", lambda m: m.person.job_title),
            ],
            look=_member_look,
            parent=self,
        )
        self.members_proxy = RecordFilterProxy(self)
        self.members_proxy.setSourceModel(self.members)
        self.members_view = child(self.form, QTableView, "membersView")
        configure_table(
            self.members_view,
            self.members_proxy,
            stretch=6,
            widths={0: 220, 1: 210, 2: 75, 3: 170, 4: 175, 5: 240},
            sort_column=2,
        )
        # Every column in sight at 1280 wide: the text columns give way first.
        ColumnFitter(
            self.members_view,
            ["name", "organisation", "role", "seat", "term", "email", "job"],
            preferred={
                "name": 200,
                "organisation": 190,
                "role": 75,
                "seat": 150,
                "term": 165,
                "email": 220,
                "job": 150,
            },
            minimum={
                "name": 115,
                "organisation": 90,
                "role": 65,
                "seat": 75,
                "term": 165,
                "email": 115,
                "job": 75,
            },
            grow=("name", "organisation", "email", "job"),
        ).fit()
        self.members_view.doubleClicked.connect(lambda _i: self.edit_member())
        self.filter_edit = child(self.form, QLineEdit, "filterEdit")
        self.filter_edit.textChanged.connect(self.members_proxy.set_filter_text)
        self.show_past = child(self.form, QCheckBox, "showPastCheck")
        self.show_past.toggled.connect(self._show_past_toggled)
        self._show_past_toggled(False)
        self.seats: RecordTableModel[SeatInfo] = RecordTableModel(
            [
                Column("Organisation", lambda s: s.organisation_name),
                Column("Seat", lambda s: s.label),
                Column("Held by", lambda s: self.people_names.get(s.holder_id or -1, "vacant")),
                Column("Deputy", lambda s: self.people_names.get(s.deputy_id or -1, "")),
                Column("Voting", lambda s: "yes" if s.voting else "no"),
            ],
            look=lambda s: RowLook(warning=True) if s.holder_id is None else PLAIN,
            parent=self,
        )
        self.seats_proxy = RecordFilterProxy(self)
        self.seats_proxy.setSourceModel(self.seats)
        self.seats_view = child(self.form, QTableView, "seatsView")
        configure_table(
            self.seats_view, self.seats_proxy, stretch=3, widths={0: 280, 1: 140, 2: 220}
        )
        self.seats_view.doubleClicked.connect(lambda _i: self.edit_seat())
        self.attendance = AttendancePane(services, board_id, self)
        child(self.form, QWidget, "attendanceTab").layout().addWidget(self.attendance)
        wire_buttons(
            self.form,
            [
                ("addButton", "add", self.add_member),
                ("editButton", "edit", self.edit_member),
                ("interestsButton", "", self.edit_interests),
                ("endTermButton", "", self.end_term),
                ("deactivateButton", "", self.deactivate),
                ("deleteButton", "delete", self.delete_person),
                ("importButton", "import", self.import_csv),
                ("addSeatButton", "add", self.add_seat),
                ("editSeatButton", "edit", self.edit_seat),
            ],
        )
        hub_for(services).changed.connect(self._on_change)
        self.reload()

    def _show_past_toggled(self, show: bool) -> None:
        self.members_proxy.set_extra_filter(None if show else is_serving)

    def _on_change(self, change: Change) -> None:
        if change.entity in REGISTER_ENTITIES:
            self.request_reload()

    def reload(self) -> None:
        reg = self.services.register
        board = reg.board(self.board_id)
        seats = reg.seats(self.board_id)
        people = reg.people()
        self.people_names = {p.id: p.display_name for p in people}
        self.full_names = {p.id: p.full_name for p in people}
        self.seat_list = seats
        memberships = reg.memberships(self.board_id)
        current = [m for m in memberships if is_serving(m)]
        child(self.form, QLabel, "headingLabel").setText(
            f"Members of {board.short_name} ({len(current)} current)"
        )
        self.members.set_rows(memberships)
        self.seats.set_rows(seats)

    def seat_of(self, m: MembershipInfo) -> str:
        """The member's seat: the one named on the membership, else one they hold or deputise in."""
        for seat in self.seat_list:
            if seat.id == m.seat_id or seat.holder_id == m.person.id:
                return seat.label or "Seat"
        for seat in self.seat_list:
            if seat.deputy_id == m.person.id:
                holder = self.full_names.get(seat.holder_id or -1)
                return f"Deputy for {holder}" if holder else "Deputy"
        return ""

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def selected_member(self) -> MembershipInfo | None:
        m = selected_record(self.members_view)
        return m if isinstance(m, MembershipInfo) else None

    def add_member(self) -> None:
        def save(values: MemberValues) -> None:
            self.ctx.execute(AddMemberCommand(self.ctx, self.board_id, values))

        dialogs.run_dialog(MemberDialog(self.services, self.board_id, on_save=save, parent=self))

    def edit_member(self) -> None:
        m = self.selected_member()
        if m is None:
            return

        def save(values: MemberValues) -> None:
            self.ctx.execute(EditMemberCommand(self.ctx, m, values))

        dialogs.run_dialog(
            MemberDialog(self.services, self.board_id, membership=m, on_save=save, parent=self)
        )

    def edit_interests(self) -> None:
        """The selected member's entries in the register of interests."""
        from scbmeet.gui.register.interests import InterestsDialog

        m = self.selected_member()
        if m is not None:
            dialogs.run_dialog(InterestsDialog(self.services, m.person, parent=self))

    def end_term(self) -> None:
        m = self.selected_member()
        if m is None:
            return
        if dialogs.confirm(
            self,
            "End term",
            f"End {m.person.display_name}'s term on this board today ({long_date(today())})? "
            "Their attendance and actions stay on record.",
            yes="End term",
        ):
            self._run(end_membership(self.ctx, m, today()))

    def deactivate(self) -> None:
        m = self.selected_member()
        if m is None:
            return
        if dialogs.confirm(
            self,
            "Deactivate",
            f"Make {m.person.display_name} inactive? They stay in every record but are no longer "
            "offered as a presenter or action owner.",
            yes="Deactivate",
        ):
            self._run(deactivate_person(self.ctx, m.person))

    def delete_person(self) -> None:
        m = self.selected_member()
        if m is None:
            return
        if dialogs.confirm(
            self,
            "Delete person",
            f"Delete {m.person.display_name} from the register, with their terms and seats? "
            "Only do this for someone entered by mistake; scbmeet refuses if they appear in "
            "any meeting record. Edit\u00a0▸\u00a0Undo brings them back.",
            yes="Delete",
        ):
            self._run(DeletePersonCommand(self.ctx, m.person))

    def _run(self, command: RegisterCommand) -> None:
        """Do the command and put it on the undo stack; a refusal is shown, nothing pushed."""
        try:
            self.ctx.execute(command)
        except ScbmeetError as exc:
            dialogs.report(self, exc)

    def import_csv(self) -> None:
        from scbmeet.gui.register.csv_import import CsvImportDialog

        dialog = CsvImportDialog(self.services, self.board_id, parent=self)
        if dialogs.run_dialog(dialog):
            self.status_message.emit(f"Imported {dialog.imported} members.")

    def add_seat(self) -> None:
        def save(organisation_id: int, values: dict[str, Any]) -> None:
            organisation = next(
                o for o in self.services.register.organisations() if o.id == organisation_id
            )
            self.ctx.execute(AddSeatCommand(self.ctx, self.board_id, organisation, values))

        dialogs.run_dialog(SeatDialog(self.services, self.board_id, on_save=save, parent=self))

    def edit_seat(self) -> None:
        seat = selected_record(self.seats_view)
        if not isinstance(seat, SeatInfo):
            return

        def save(_organisation_id: int, values: dict[str, Any]) -> None:
            self.ctx.execute(EditSeatCommand(self.ctx, seat, values))

        dialogs.run_dialog(
            SeatDialog(self.services, self.board_id, seat=seat, on_save=save, parent=self)
        )


ORGANISATION_COLUMNS: list[Column[OrganisationInfo]] = [
    Column("Name", lambda o: o.name),
    Column("Short name", lambda o: o.short_name),
    Column("Kind", lambda o: KIND_LABELS.get(o.kind, o.kind).split(" (")[0]),
    Column("Statutory", lambda o: "yes" if o.is_statutory else ""),
    Column("Active", lambda o: "yes" if o.active else "no"),
]


class OrganisationsPage(ReloadWhenShown):
    """Every organisation and team in the register."""

    def __init__(
        self, services: Services, _ident: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.undo_stack = QUndoStack(self)
        self.ctx = RegisterContext(
            services, self.undo_stack, report=lambda exc: dialogs.report(self, exc)
        )
        self.form = load_form("organisations_page", self)
        heading_font(child(self.form, QLabel, "headingLabel"))
        self.model: RecordTableModel[OrganisationInfo] = RecordTableModel(
            ORGANISATION_COLUMNS,
            look=lambda o: PLAIN if o.active else RowLook(muted=True),
            parent=self,
        )
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = child(self.form, QTableView, "organisationsView")
        configure_table(self.view, self.proxy, stretch=0, widths={1: 110, 2: 200, 3: 90, 4: 70})
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.filter_edit = child(self.form, QLineEdit, "filterEdit")
        self.filter_edit.textChanged.connect(self.proxy.set_filter_text)
        show_inactive = child(self.form, QCheckBox, "showInactiveCheck")
        show_inactive.toggled.connect(
            lambda on: self.proxy.set_extra_filter(None if on else (lambda o: o.active))
        )
        self.proxy.set_extra_filter(lambda o: o.active)
        wire_buttons(
            self.form,
            [
                ("addButton", "add", self.add),
                ("editButton", "edit", self.edit_selected),
                ("deactivateButton", "", self.deactivate_selected),
            ],
        )
        hub_for(services).changed.connect(self._on_change)
        self.reload()

    def _on_change(self, change: Change) -> None:
        if change.entity == "organisation":
            self.request_reload()

    def reload(self) -> None:
        self.model.set_rows(self.services.register.organisations())

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()

    def selected(self) -> OrganisationInfo | None:
        o = selected_record(self.view)
        return o if isinstance(o, OrganisationInfo) else None

    def add(self) -> None:
        def save(name: str, values: dict[str, Any]) -> None:
            self.ctx.execute(AddOrganisationCommand(self.ctx, name, values))

        dialogs.run_dialog(OrganisationDialog(self.services, on_save=save, parent=self))

    def edit_selected(self) -> None:
        org = self.selected()
        if org is None:
            return

        def save(name: str, values: dict[str, Any]) -> None:
            self.ctx.execute(UpdateOrganisationCommand(self.ctx, org, {"name": name, **values}))

        dialogs.run_dialog(
            OrganisationDialog(self.services, organisation=org, on_save=save, parent=self)
        )

    def deactivate_selected(self) -> None:
        org = self.selected()
        if org is None or not org.active:
            return
        if dialogs.confirm(
            self,
            "Deactivate organisation",
            f"Make {org.name} inactive? It stays in every record (and as an action owner of old "
            "actions) but is no longer offered for new seats and members.",
            yes="Deactivate",
        ):
            try:
                self.ctx.execute(deactivate_organisation(self.ctx, org))
            except ScbmeetError as exc:
                dialogs.report(self, exc)

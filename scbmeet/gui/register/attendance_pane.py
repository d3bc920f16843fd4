"""The Attendance tab of a board's members page: attendance per member and per
organisation over a period, with the flags a secretary checks (a term ending soon, the
last few meetings missed), and the report saved as Word or CSV.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QWidget,
)

from scbmeet.domain.dto import Change
from scbmeet.domain.errors import ScbmeetError
from scbmeet.gui.register.dialogs import (
    ROLE_LABELS,
)
from scbmeet.gui.widgets.changes import hub_for
from scbmeet.gui.widgets.clock import today
from scbmeet.gui.widgets.exporting import choose_export_path, report_saved
from scbmeet.gui.widgets.forms import child, load_form
from scbmeet.gui.widgets.inputs import DateField, short_date
from scbmeet.gui.widgets.lazy import ReloadWhenShown
from scbmeet.gui.widgets.progress import run_with_progress
from scbmeet.gui.widgets.table_models import (
    FLAG_BACKGROUND,
    PLAIN,
    Column,
    RecordFilterProxy,
    RecordTableModel,
    RowLook,
    configure_table,
)
from scbmeet.services import Services
from scbmeet.services.attendance import AttendanceReport, MemberAttendance, OrganisationAttendance


def _percent(rate: float | None) -> str:
    return "" if rate is None else f"{rate:.0%}"


def short_flags(r: MemberAttendance) -> str:
    """The flags in few words, for a narrow column (the full sentences are in the tooltip)."""
    found = []
    if r.term_ends_soon and r.term_end is not None:
        found.append(f"term ends {r.term_end.day} {r.term_end:%b %Y}")
    if r.missed_too_many:
        found.append(f"missed last {r.missed_in_row}")
    return "; ".join(found)


MEMBER_ATTENDANCE_COLUMNS: list[Column[MemberAttendance]] = [
    Column("Name", lambda r: r.name, sort=lambda r: r.sort_name),
    Column("Organisation", lambda r: r.organisation_name),
    Column(
        "Role",
        lambda r: ROLE_LABELS.get(r.role, r.role).split(" (")[0],
        sort=lambda r: list(ROLE_LABELS).index(r.role) if r.role in ROLE_LABELS else 9,
    ),
    Column("Flags", short_flags, tooltip=lambda r: "; ".join(r.flags)),
    Column("Meetings", lambda r: str(r.expected), sort=lambda r: r.expected, align_right=True),
    Column("Attended", lambda r: str(r.attended), sort=lambda r: r.attended, align_right=True),
    Column("Apologies", lambda r: str(r.apologies), sort=lambda r: r.apologies, align_right=True),
    Column("Absent", lambda r: str(r.absent), sort=lambda r: r.absent, align_right=True),
    Column(
        "Deputised", lambda r: str(r.substituted), sort=lambda r: r.substituted, align_right=True
    ),
    Column("Rate", lambda r: _percent(r.rate), sort=lambda r: r.rate, align_right=True),
    Column(
        "Term ends",
        lambda r: short_date(r.term_end) if r.term_end else "",
        sort=lambda r: r.term_end,
    ),
]

ORGANISATION_ATTENDANCE_COLUMNS: list[Column[OrganisationAttendance]] = [
    Column("Organisation", lambda r: r.name),
    Column("Statutory", lambda r: "yes" if r.is_statutory else ""),
    Column("Members", lambda r: str(r.members), sort=lambda r: r.members, align_right=True),
    Column("Meetings", lambda r: str(r.meetings), sort=lambda r: r.meetings, align_right=True),
    Column(
        "Represented", lambda r: str(r.represented), sort=lambda r: r.represented, align_right=True
    ),
    Column("Rate", lambda r: _percent(r.rate), sort=lambda r: r.rate, align_right=True),
    Column("Flags", lambda r: "; ".join(r.flags)),
]


def _flag_look(row: MemberAttendance | OrganisationAttendance) -> RowLook:
    return RowLook(warning=True, background=FLAG_BACKGROUND) if row.flags else PLAIN


class AttendancePane(ReloadWhenShown):
    """Attendance per member and per organisation over a period, with flags."""

    def __init__(self, services: Services, board_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.board_id = board_id
        self.report: AttendanceReport | None = None
        self.form = load_form("attendance_pane", self)
        self.start = DateField(child(self.form, QLineEdit, "fromEdit"))
        self.end = DateField(child(self.form, QLineEdit, "toEdit"))
        self.start.set_value(today() - timedelta(days=365))
        self.end.set_value(today())
        self.term_days = child(self.form, QSpinBox, "termDaysSpin")
        self.missed = child(self.form, QSpinBox, "missedSpin")
        self.error_label = child(self.form, QLabel, "periodError")
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        self.summary = child(self.form, QLabel, "summaryLabel")
        self.members: RecordTableModel[MemberAttendance] = RecordTableModel(
            MEMBER_ATTENDANCE_COLUMNS, look=_flag_look, parent=self
        )
        self.members_proxy = RecordFilterProxy(self)
        self.members_proxy.setSourceModel(self.members)
        self.members_view = child(self.form, QTableView, "membersView")
        configure_table(
            self.members_view,
            self.members_proxy,
            stretch=10,
            sort_column=2,
            widths={0: 200, 1: 190, 2: 70, 3: 160, 4: 66, 5: 66, 6: 76, 7: 60, 8: 76, 9: 50},
        )
        self.organisations: RecordTableModel[OrganisationAttendance] = RecordTableModel(
            ORGANISATION_ATTENDANCE_COLUMNS, look=_flag_look, parent=self
        )
        self.organisations_proxy = RecordFilterProxy(self)
        self.organisations_proxy.setSourceModel(self.organisations)
        self.organisations_view = child(self.form, QTableView, "organisationsView")
        configure_table(
            self.organisations_view,
            self.organisations_proxy,
            stretch=6,
            widths={0: 320, 1: 75, 2: 75, 3: 75, 4: 95, 5: 55},
        )
        splitter = child(self.form, QSplitter, "splitter")
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        child(self.form, QPushButton, "showButton").clicked.connect(self.reload)
        child(self.form, QPushButton, "exportButton").clicked.connect(self.export)
        self.term_days.valueChanged.connect(lambda _v: self.reload())
        self.missed.valueChanged.connect(lambda _v: self.reload())
        for edit in (self.start.edit, self.end.edit):
            edit.editingFinished.connect(self.reload)
        child(self.form, QCheckBox, "flaggedOnlyCheck").toggled.connect(
            lambda on: self.members_proxy.set_extra_filter(
                (lambda r: bool(r.flags)) if on else None
            )
        )
        hub_for(services).changed.connect(self._on_change)
        self.reload()

    def _on_change(self, change: Change) -> None:
        if change.entity in {"attendance", "membership", "person", "meeting", "organisation"}:
            self.request_reload()

    def period(self) -> tuple[date, date] | None:
        """The period typed, or None after showing what is wrong with it."""
        try:
            start, end = self.start.value(), self.end.value()
        except ValueError as exc:
            self._show_problem(str(exc))
            return None
        if end < start:
            self._show_problem("The period ends before it starts.")
            return None
        self.error_label.hide()
        return start, end

    def _show_problem(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def reload(self) -> None:
        period = self.period()
        if period is None:
            return
        try:
            report = self.services.attendance.report(
                self.board_id,
                *period,
                today=today(),
                term_warning_days=self.term_days.value(),
                missed_in_row=self.missed.value(),
            )
        except ScbmeetError as exc:
            self._show_problem(str(exc))
            return
        self.report = report
        self.members.set_rows(report.members)
        self.organisations.set_rows(report.organisations)
        n = len(report.meeting_dates)
        flagged = len(report.flagged_members)
        orgs_flagged = sum(1 for o in report.organisations if o.flags)
        dates = ", ".join(f"{d.day} {d:%b %Y}" for d in report.meeting_dates) or "none recorded"
        self.summary.setText(
            f"{n} meeting{'s' if n != 1 else ''} with attendance recorded ({dates}). "
            f"{flagged} member{'s' if flagged != 1 else ''} and {orgs_flagged} "
            f"organisation{'s' if orgs_flagged != 1 else ''} flagged."
        )

    def export(self) -> None:
        """Save the report for the period shown as Word (.docx) or CSV, in the background."""
        period = self.period()
        if period is None:
            return
        board = self.services.register.board(self.board_id)
        suggested = f"{board.short_name} attendance {period[0]:%Y-%m-%d}.docx"
        path = choose_export_path(
            self, "Export attendance", suggested, "Word documents (*.docx);;CSV files (*.csv)"
        )
        if path is None:
            return
        if path.suffix.lower() not in (".docx", ".csv"):
            path = path.with_suffix(".docx")
        start, end = period

        def write() -> Path:
            from scbmeet.exports.attendance_report import export_attendance_report

            return export_attendance_report(self.services, self.board_id, start, end, path)

        run_with_progress(
            self,
            f"Writing {path.name}…",
            write,
            on_done=lambda written: report_saved(self, written, "Export attendance"),
        )

"""A meeting: its heading and details, the agenda builder and the papers tracker.

Everything edited on the page (agenda items, papers, the meeting's details) is an undoable
command on the page's one undo stack (:mod:`scbmeet.gui.agenda.commands`,
:mod:`scbmeet.gui.agenda.page_commands`), which Edit ▸ Undo works on while the page is shown.

Opening an upcoming meeting marks its late papers (expected, and past the date they were
due to the secretary) as "to follow", which is how the agenda will show them.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QUndoStack
from PySide6.QtWidgets import QLabel, QMenu, QPushButton, QTabWidget, QToolButton, QWidget

from scbmeet.domain.dto import Change, MeetingInfo
from scbmeet.domain.enums import MeetingState
from scbmeet.domain.errors import NotFoundError, ScbmeetError
from scbmeet.gui.agenda.builder import AgendaBuilder
from scbmeet.gui.agenda.dialogs import TemplateDialog
from scbmeet.gui.agenda.meeting_dialog import MeetingDialog
from scbmeet.gui.agenda.page_commands import EditMeetingCommand
from scbmeet.gui.agenda.papers_tracker import PapersTracker
from scbmeet.gui.hooks import EXPORTS, PDF_EXPORTS
from scbmeet.gui.shell.navigator import STATE_LABELS
from scbmeet.gui.widgets import dialogs
from scbmeet.gui.widgets.changes import concerns, hub_for
from scbmeet.gui.widgets.clock import today
from scbmeet.gui.widgets.forms import child, load_form
from scbmeet.gui.widgets.icons import icon
from scbmeet.gui.widgets.inputs import format_time
from scbmeet.services import Services

PREPARING = (MeetingState.PLANNED.value, MeetingState.AGENDA_ISSUED.value)


def meeting_heading(m: MeetingInfo) -> str:
    title = f" – {m.title}" if m.title else ""
    return f"{m.board_short_name} · {m.date:%A} {m.date.day} {m.date:%B %Y}{title}"


def meeting_details(m: MeetingInfo) -> str:
    parts = [p for p in (format_time(m.start_time), m.venue) if p]
    parts.append(STATE_LABELS.get(m.state, m.state))
    return " · ".join(parts)


class MeetingPage(QWidget):
    """Everything about preparing one meeting."""

    export_requested = Signal(int, str, bool)  # meeting id, kind, public
    pdf_export_requested = Signal(int, str, bool)  # the same, written as PDF
    invitation_requested = Signal(int)  # meeting id: its calendar invitation (.ics)
    minutes_requested = Signal(int)  # meeting id
    status_message = Signal(str)

    def __init__(self, services: Services, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.meeting_id = meeting_id
        self.undo_stack = QUndoStack(self)
        self.form = load_form("meeting_page", self)
        self.late_marked = self.mark_late_papers()
        self.builder = AgendaBuilder(services, meeting_id, self.undo_stack, self)
        self.builder.status_message.connect(self.status_message)
        self.papers = PapersTracker(services, meeting_id, self, ctx=self.builder.ctx)
        child(self.form, QWidget, "agendaTab").layout().addWidget(self.builder)
        child(self.form, QWidget, "papersTab").layout().addWidget(self.papers)
        self.tabs = child(self.form, QTabWidget, "tabs")
        self.heading = child(self.form, QLabel, "headingLabel")
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.details = child(self.form, QLabel, "detailsLabel")
        self._setup_buttons()
        hub_for(services).changed.connect(self._on_change)
        self.refresh_header()

    def _setup_buttons(self) -> None:
        edit = child(self.form, QPushButton, "editButton")
        edit.setIcon(icon("edit"))
        edit.clicked.connect(self.edit_details)
        child(self.form, QPushButton, "issueButton").clicked.connect(self.issue_agenda)
        template = child(self.form, QPushButton, "templateButton")
        template.setIcon(icon("template"))
        template.clicked.connect(self.save_as_template)
        minutes = child(self.form, QPushButton, "minutesButton")
        minutes.setIcon(icon("minutes"))
        minutes.clicked.connect(lambda: self.minutes_requested.emit(self.meeting_id))
        export = child(self.form, QToolButton, "exportButton")
        export.setIcon(icon("export"))
        menu = QMenu(export)
        for kind, public, text, _name in EXPORTS:
            action = menu.addAction(text.replace("…", "") + "…")
            action.triggered.connect(
                lambda _checked=False, k=kind, p=public: self.export_requested.emit(
                    self.meeting_id, k, p
                )
            )
        invitation = menu.addAction("Calendar invitation (.ics)…")
        invitation.triggered.connect(lambda: self.invitation_requested.emit(self.meeting_id))
        pdf_menu = menu.addMenu("As PDF")
        for kind, public, text, _name in PDF_EXPORTS:
            action = pdf_menu.addAction(text)
            action.triggered.connect(
                lambda _checked=False, k=kind, p=public: self.pdf_export_requested.emit(
                    self.meeting_id, k, p
                )
            )
        export.setMenu(menu)

    def mark_late_papers(self) -> int:
        """Papers past their due date become "to follow" on an agenda still being prepared."""
        meeting = self.services.meetings.meeting(self.meeting_id)
        if meeting.state not in PREPARING or meeting.date < today():
            return 0
        return len(self.services.agenda.mark_late_papers(self.meeting_id, today()))

    def refresh_header(self) -> None:
        meeting = self.services.meetings.meeting(self.meeting_id)
        self.heading.setText(meeting_heading(meeting))
        details = meeting_details(meeting)
        if self.late_marked:
            n = self.late_marked
            details += f" · {n} late paper{'s' if n > 1 else ''} marked “to follow”"
        note, warn = self.services.publication.deadline_note(self.meeting_id, today())
        if note:
            colour = "#b3261e" if warn else "inherit"
            details = f"{escape(details)}<br><span style='color:{colour}'>{escape(note)}</span>"
        self.details.setText(details)
        editable = meeting.state != MeetingState.MINUTES_APPROVED
        child(self.form, QPushButton, "editButton").setEnabled(editable)
        issuable = meeting.state == MeetingState.PLANNED.value
        child(self.form, QPushButton, "issueButton").setVisible(issuable)

    def _on_change(self, change: Change) -> None:
        if concerns(change, ("meeting",), self.meeting_id):
            try:
                self.refresh_header()
            except NotFoundError:  # the meeting was deleted; the main window closes this page
                return

    def show_item(self, item_id: int) -> None:
        """Select agenda item ``item_id`` in the agenda builder (a link to it was opened)."""
        self.tabs.setCurrentWidget(child(self.form, QWidget, "agendaTab"))
        self.builder.select(item_id)
        self.builder.view.setFocus()

    def show_paper(self, paper_id: int) -> None:
        """Select paper ``paper_id`` in the papers tracker (a link to it was opened)."""
        self.tabs.setCurrentWidget(child(self.form, QWidget, "papersTab"))
        self.papers.select_paper(paper_id)

    def focus_filter(self) -> None:
        self.tabs.setCurrentWidget(child(self.form, QWidget, "papersTab"))
        self.papers.focus_filter()

    def edit_details(self) -> None:
        """Change the date, time, venue or title: one undoable step."""
        meeting = self.services.meetings.meeting(self.meeting_id)
        ctx = self.builder.ctx

        def update(changes: dict[str, Any]) -> None:
            command = EditMeetingCommand(ctx, meeting, changes)
            if command.changes_anything():
                ctx.execute(command)

        dialogs.run_dialog(
            MeetingDialog(self.services, meeting=meeting, on_update=update, parent=self)
        )

    def issue_agenda(self) -> None:
        """Publish the agenda: recorded with today's date and who did it (refused, with the
        reason, while a closed item on a statutory board gives no Schedule 12A paragraph)."""
        problems = self.services.publication.issue_problems(self.meeting_id)
        if problems:
            dialogs.inform(self, "Issue agenda", "\n\n".join(problems))
            return
        text = (
            "Record that the agenda and papers are published now? Items and papers added "
            "afterwards are supplementary and need a reason for urgency."
        )
        if not dialogs.confirm(self, "Issue agenda", text, yes="Issue agenda"):
            return
        try:
            self.services.publication.issue_agenda(self.meeting_id)
        except ScbmeetError as exc:
            dialogs.report(self, exc)
            return
        self.status_message.emit("The agenda is published; its publication is recorded.")

    def save_as_template(self) -> None:
        dialog = TemplateDialog(self.services, self.meeting_id, parent=self)
        if dialogs.run_dialog(dialog):
            name = dialog.name_edit.text().strip()
            self.status_message.emit(
                f"Saved the agenda as the template “{name}”: choose it under "
                "“Start from” in New meeting."
            )

"""The papers tracker: every paper a meeting expects, who writes it, when it is due, what is in.

A paper still expected after its due date is late: the meeting page marks it "to follow"
(see :meth:`MeetingPage.mark_late_papers`), which is what the agenda then prints.

Adding, editing, marking, attaching to and deleting papers are undoable commands
(:mod:`scbmeet.gui.agenda.page_commands`) on the meeting page's undo stack.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QWidget,
)

from scbmeet.domain.dto import AgendaItemInfo, Change, PaperInfo
from scbmeet.domain.enums import MeetingState, PaperState
from scbmeet.domain.errors import NotFoundError
from scbmeet.gui import hooks
from scbmeet.gui.agenda.commands import AgendaContext
from scbmeet.gui.agenda.dialogs import PAPER_FILE_FILTER, PaperDialog
from scbmeet.gui.agenda.model import is_missing, paper_status
from scbmeet.gui.agenda.page_commands import (
    DeletePaperCommand,
    EditPaperCommand,
    attach_files,
    state_change,
)
from scbmeet.gui.widgets import dialogs
from scbmeet.gui.widgets.changes import concerns, hub_for
from scbmeet.gui.widgets.clock import today
from scbmeet.gui.widgets.forms import child, load_form, wire_buttons
from scbmeet.gui.widgets.inputs import format_date
from scbmeet.gui.widgets.progress import run_with_progress
from scbmeet.gui.widgets.table_models import (
    PLAIN,
    Column,
    RecordFilterProxy,
    RecordTableModel,
    RowLook,
)
from scbmeet.services import Services


@dataclass(frozen=True)
class PaperRow:
    order: int  # the item's place in the agenda, for sorting by item
    item: AgendaItemInfo
    paper: PaperInfo
    review: str = ""  # "plan.docx: tracked changes (2)": not to go out unseen

    def late(self) -> bool:
        due = self.paper.due_date
        return is_missing(self.paper) and due is not None and due < today()


def _item_label(row: PaperRow) -> str:
    return f"{row.item.number}  {row.item.title}" if row.item.number else row.item.title


COLUMNS: list[Column[PaperRow]] = [
    Column("Item", _item_label, sort=lambda r: (r.order, r.paper.position), tooltip=_item_label),
    Column(
        "Paper",
        lambda r: r.paper.title,
        tooltip=lambda r: "\n".join(x for x in (r.paper.title, r.paper.recommendation) if x),
    ),
    Column("Written by", lambda r: r.paper.author_name, tooltip=lambda r: r.paper.author_name),
    Column(
        "Due to secretary", lambda r: format_date(r.paper.due_date), sort=lambda r: r.paper.due_date
    ),
    Column(
        "State",
        lambda r: paper_status(r.paper, today()),
        tooltip=lambda r: paper_status(r.paper, today()),
    ),
    Column(
        "Received", lambda r: format_date(r.paper.received_on), sort=lambda r: r.paper.received_on
    ),
    Column(
        "Files",
        lambda r: _files_text(r),
        sort=lambda r: len(r.paper.files),
        tooltip=lambda r: (
            f"{r.review}. Accept or remove them in Word before the pack goes out, or export "
            "the pack with tracked changes accepted."
            if r.review
            else ""
        ),
    ),
]


def _files_text(row: PaperRow) -> str:
    names = ", ".join(f.filename for f in row.paper.files)
    return f"{names} \u2013 check: {row.review}" if row.review else names


PAPER_COLUMN = 1


def _look(row: PaperRow) -> RowLook:
    if row.late():
        return RowLook(warning=True, bold=True)
    if is_missing(row.paper) or row.review:  # missing, or not yet fit to send as it is
        return RowLook(warning=True)
    return PLAIN


class PapersTracker(QWidget):
    """The papers of one meeting, with what is still missing."""

    def __init__(
        self,
        services: Services,
        meeting_id: int,
        parent: QWidget | None = None,
        *,
        ctx: AgendaContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.meeting_id = meeting_id
        # The page shares its agenda builder's context (one undo stack, one map of ids).
        self.ctx = ctx or AgendaContext(
            services, meeting_id, QUndoStack(self), report=lambda exc: dialogs.report(self, exc)
        )
        self.ctx.select_paper = self.select_paper
        self.undo_stack = self.ctx.stack
        self.form = load_form("papers_tracker", self)
        self.model: RecordTableModel[PaperRow] = RecordTableModel(COLUMNS, look=_look, parent=self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = child(self.form, QTableView, "papersView")
        self.view.setModel(self.proxy)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # A stretched title column was squeezed to "..." by the others on a narrow window:
        # the title gets a readable width of its own, the files take what is left.
        header.setSectionResizeMode(PAPER_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(PAPER_COLUMN, 260)
        header.setStretchLastSection(True)
        self.view.verticalHeader().hide()
        self.view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.filter_edit = child(self.form, QLineEdit, "filterEdit")
        self.filter_edit.textChanged.connect(self.proxy.set_filter_text)
        self.missing_only = child(self.form, QCheckBox, "missingOnlyCheck")
        self.missing_only.toggled.connect(self._missing_only_toggled)
        self.summary_label = child(self.form, QLabel, "summaryLabel")
        self.deadline_label = QLabel(self.form)
        self.deadline_label.setObjectName("deadlineLabel")
        self.deadline_label.setWordWrap(True)
        layout = self.summary_label.parentWidget().layout()
        layout.insertWidget(layout.indexOf(self.summary_label) + 1, self.deadline_label)
        wire_buttons(
            self.form,
            [
                ("addButton", "add", self.add_paper),
                ("editButton", "edit", self.edit_selected),
                ("attachButton", "attach", self.attach_to_selected),
                ("openFileButton", "open", self.open_selected_file),
                ("toFollowButton", "", lambda: self.set_state(PaperState.TO_FOLLOW.value)),
                ("tabledButton", "", lambda: self.set_state(PaperState.TABLED.value)),
                ("deleteButton", "delete", self.delete_selected),
                ("chaseButton", "mail", self.chase_authors),
            ],
        )
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        hub_for(services).changed.connect(self._on_change)
        self.reload()

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def reload(self) -> None:
        keep = self.selected_paper()
        agenda = self.services.agenda.agenda(self.meeting_id)
        reviews = self.services.agenda.review_notes(self.meeting_id)
        rows = [
            PaperRow(order, item, paper, reviews.get(paper.id, ""))
            for order, item in enumerate(agenda)
            for paper in item.papers
        ]
        self.model.set_rows(rows)
        self._summarise(rows)
        if keep is not None:
            self.select_paper(keep.id)
        self._update_buttons()

    def _on_change(self, change: Change) -> None:
        if concerns(change, ("meeting",), self.meeting_id):
            self._show_deadline()  # the agenda was issued
        if concerns(change, ("agenda",), self.meeting_id) or concerns(change, ("person",), None):
            try:
                self.reload()
            except NotFoundError:
                return  # the meeting was deleted; the main window closes its page

    def _missing_only_toggled(self, on: bool) -> None:
        self.proxy.set_extra_filter((lambda row: is_missing(row.paper)) if on else None)

    def _summarise(self, rows: list[PaperRow]) -> None:
        self.summary_label.setText(self._summary(rows))
        self._show_deadline()

    def _show_deadline(self) -> None:
        """The publication deadline, in red once it is near or past (the agenda not out)."""
        try:
            note, warn = self.services.publication.deadline_note(self.meeting_id, today())
        except NotFoundError:
            return  # the meeting was deleted; the main window closes its page
        self.deadline_label.setText(f"{note}." if note else "")
        self.deadline_label.setVisible(bool(note))
        self.deadline_label.setStyleSheet("color: #b3261e" if warn else "")

    def _summary(self, rows: list[PaperRow]) -> str:
        if not rows:
            return (
                "No papers are expected yet: select an item on the Agenda tab and choose Add paper."
            )
        missing = [r for r in rows if is_missing(r.paper)]
        late = [r for r in missing if r.late()]
        text = (
            f"{len(rows)} paper{'s' if len(rows) != 1 else ''}: {len(rows) - len(missing)} in hand"
        )
        if missing:
            text += f", {len(missing)} still missing"
        if late:
            text += f" ({len(late)} late)"
        text += "."
        reviewed = [r for r in rows if r.review]
        if reviewed:
            some = (
                "1 paper still carries"
                if len(reviewed) == 1
                else f"{len(reviewed)} papers still carry"
            )
            text += (
                f" {some} tracked changes, comments or embedded content (see Files): "
                "the public pack takes the accepted text only."
            )
        return text

    # -- selection ---------------------------------------------------------------------------
    def selected_row(self) -> PaperRow | None:
        record = self.proxy.record_at(self.view.currentIndex())
        return record if isinstance(record, PaperRow) else None

    def selected_paper(self) -> PaperInfo | None:
        row = self.selected_row()
        return row.paper if row else None

    def select_paper(self, paper_id: int) -> None:
        for r in range(self.proxy.rowCount()):
            record = self.proxy.record_at(self.proxy.index(r, 0))
            if isinstance(record, PaperRow) and record.paper.id == paper_id:
                self.view.selectRow(r)
                return

    def _update_buttons(self) -> None:
        paper = self.selected_paper()
        meeting = self.services.meetings.meeting(self.meeting_id)
        editable = meeting.state != MeetingState.MINUTES_APPROVED
        for name, enabled in (
            ("addButton", editable),
            ("editButton", paper is not None and editable),
            ("attachButton", paper is not None and editable),
            ("openFileButton", paper is not None and bool(paper.files)),
            ("toFollowButton", paper is not None and editable),
            ("tabledButton", paper is not None and editable),
            ("deleteButton", paper is not None and editable),
            ("chaseButton", any(is_missing(r.paper) for r in self.model.rows())),
        ):
            child(self.form, QToolButton, name).setEnabled(enabled)

    # -- actions --------------------------------------------------------------------------------
    def chase_dialog(self) -> QDialog | None:
        """Reminders to the authors of the missing papers, signed with the user's name
        (None, saying why, when no missing paper names its author)."""
        from scbmeet.gui.actions.action_dialogs import ChaseDialog
        from scbmeet.settings import USER_NAME, Settings

        sender = str(Settings.default().get(USER_NAME))
        reminders = self.services.paper_chasing.paper_reminders(
            self.meeting_id, today=today(), sender_name=sender
        )
        if not reminders:
            dialogs.inform(
                self,
                "Chase authors",
                "No missing paper names its author: edit a paper to say who writes it.",
            )
            return None
        dialog = ChaseDialog(reminders, self)
        dialog.setWindowTitle("Chase paper authors")
        return dialog

    def chase_authors(self) -> None:
        dialog = self.chase_dialog()
        if dialog is not None:
            dialog.open()  # non-modal to the window: the secretary may look things up

    def add_paper(self) -> None:
        dialogs.run_dialog(PaperDialog(self.services, self.meeting_id, ctx=self.ctx, parent=self))

    def edit_selected(self) -> None:
        paper = self.selected_paper()
        if paper is not None:
            dialogs.run_dialog(
                PaperDialog(self.services, self.meeting_id, paper=paper, ctx=self.ctx, parent=self)
            )

    def _run(self, command: EditPaperCommand | DeletePaperCommand) -> None:
        """Do the command and put it on the undo stack; a refusal is shown, nothing pushed."""
        try:
            self.ctx.execute(command)
        except Exception as exc:
            dialogs.report(self, exc)

    def set_state(self, state: str) -> None:
        paper = self.selected_paper()
        if paper is None or paper.state == state:
            return
        self._run(state_change(self.ctx, paper, state))

    def delete_selected(self) -> None:
        paper = self.selected_paper()
        if paper is None:
            return
        if dialogs.confirm(
            self,
            "Delete paper",
            f"Delete the paper “{paper.title}” and its {len(paper.files)} file(s)?",
            yes="Delete",
        ):
            self._run(DeletePaperCommand(self.ctx, paper))

    def attach_to_selected(self) -> None:
        paper = self.selected_paper()
        if paper is None:
            return
        paths = dialogs.choose_open_files(self, "Attach the paper's file", PAPER_FILE_FILTER)
        if paths:
            attach_files(self, self.ctx, paper, paths)

    def open_selected_file(self) -> None:
        """Copy the paper's (first) file out of the database and open it."""
        paper = self.selected_paper()
        if paper is None or not paper.files:
            return
        file_id = paper.files[0].id
        agenda = self.services.agenda

        def copy_out() -> Path:  # a large file takes a moment: off the GUI thread
            info, content = agenda.file_content(file_id)
            path = Path(tempfile.mkdtemp(prefix="scbmeet-paper-")) / info.filename
            path.write_bytes(content)
            return path

        run_with_progress(
            self, f"Opening {paper.files[0].filename}…", copy_out, on_done=hooks.open_file
        )

"""The dialogs of the agenda builder: an agenda item, a paper, saving the agenda as a template."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
)
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from scbmeet.domain.bullets import checked_bullets
from scbmeet.domain.dto import (
    AgendaItemInfo,
    ForwardPlanInfo,
    PaperFileInfo,
    PaperInfo,
    PersonInfo,
)
from scbmeet.domain.enums import ItemKind, PaperState
from scbmeet.domain.errors import ScbmeetError, ValidationError
from scbmeet.gui.agenda.commands import AgendaContext, ItemValues
from scbmeet.gui.agenda.exempt_fields import exempt_fields_for
from scbmeet.gui.agenda.page_commands import (
    AddPaperCommand,
    EditPaperCommand,
    ResetPaperCommand,
    attach_files,
    edit_paper_with_files,
)
from scbmeet.gui.widgets import dialogs
from scbmeet.gui.widgets.dialogs import FormDialog, Problems
from scbmeet.gui.widgets.forms import child
from scbmeet.gui.widgets.inputs import (
    DateField,
    attach_name_completion,
    join_presenters,
    split_presenters,
)
from scbmeet.gui.widgets.table_models import CheckListModel
from scbmeet.services import Services

KIND_LABELS = {
    ItemKind.ORDINARY.value: "Ordinary item",
    ItemKind.APOLOGIES.value: "Apologies (unnumbered heading)",
    ItemKind.DECLARATIONS.value: "Declarations of interest",
    ItemKind.MINUTES.value: "Minutes of the last meeting",
    ItemKind.MATTERS_ARISING.value: "Matters arising (outstanding actions)",
    ItemKind.AOB.value: "Any other business",
    ItemKind.NEXT_MEETING.value: "Date of next meeting (unnumbered heading)",
}
PAPER_STATE_LABELS = {
    PaperState.EXPECTED.value: "Expected",
    PaperState.ATTACHED.value: "Attached (received)",
    PaperState.TO_FOLLOW.value: "To follow",
    PaperState.TABLED.value: "Tabled at the meeting",
}
PAPER_FILE_FILTER = "Papers (*.docx *.doc *.pdf *.odt *.xlsx *.pptx *.rtf);;All files (*)"


def fill_combo(combo: QComboBox, choices: dict[str, str], current: str) -> None:
    combo.clear()
    for value, label in choices.items():
        combo.addItem(label, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))


class AgendaItemDialog(FormDialog):
    """Add or edit an agenda item; what is typed goes to ``on_save`` as :class:`ItemValues`."""

    FORM = "agenda_item_dialog"

    def __init__(
        self,
        services: Services,
        *,
        item: AgendaItemInfo | None = None,
        sub_item: bool = False,
        session: str = "open",
        on_save: Callable[[ItemValues], None],
        requests: Sequence[ForwardPlanInfo] = (),
        meeting_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.on_save = on_save
        self.item = item
        self.people = services.register.people(include_inactive=False)
        f = self.form
        self.title_edit = child(f, QLineEdit, "titleEdit")
        self.kind_combo = child(f, QComboBox, "kindCombo")
        self.presenters_edit = child(f, QLineEdit, "presentersEdit")
        self.closed_check = child(f, QCheckBox, "closedCheck")
        self.reference_edit = child(f, QLineEdit, "referenceEdit")
        self.duration_spin = child(f, QSpinBox, "durationSpin")
        self.bullets_edit = child(f, QPlainTextEdit, "bulletsEdit")
        self.notes_edit = child(f, QPlainTextEdit, "notesEdit")
        self.answers_combo = child(f, QComboBox, "answersCombo")
        self.exempt = exempt_fields_for(services, f, item, meeting_id)
        self._error_labels.append(self.exempt.urgency_error)
        self._offer_requests(requests, editing=item is not None)
        self.themes = CheckListModel(self)
        child(f, QListView, "themesView").setModel(self.themes)
        attach_name_completion(
            self.presenters_edit, [p.full_name for p in self.people], several=True
        )
        self.closed_check.toggled.connect(self._session_changed)
        if sub_item or (item is not None and item.parent_id is not None):
            self.closed_check.setEnabled(False)
            self.closed_check.setToolTip("A sub-item is taken in the same session as its item.")
        if item is not None:
            self._keep_case_review_closed(services, item)
        self.setWindowTitle(
            ("Edit sub-item" if sub_item or (item and item.parent_id) else "Edit item")
            if item
            else ("New sub-item" if sub_item else "New agenda item")
        )
        self._fill(services, item, session)
        self.mark_pristine()

    def _keep_case_review_closed(self, services: Services, item: AgendaItemInfo) -> None:
        """The update on a restricted case review is not offered the open session (the
        services refuse it too): the tick stays, and says why."""
        review = services.plan_meetings.review_of_item(item.id)
        case = services.case_reviews.of_plan(review.plan_id) if review is not None else None
        if case is None:
            return
        self.closed_check.setEnabled(False)
        self.closed_check.setText(
            f"Taken in closed session: restricted case review {case.reference}, it stays closed"
        )
        self.closed_check.setToolTip(
            "A restricted case review is taken only in closed session and is never in a "
            "public document."
        )

    def _fill(self, services: Services, item: AgendaItemInfo | None, session: str) -> None:
        values = ItemValues.of(item) if item else ItemValues(title="", session=session)
        self.title_edit.setText(values.title)
        fill_combo(self.kind_combo, KIND_LABELS, values.kind)
        self.presenters_edit.setText(
            join_presenters(values.presenter_ids, values.presenter_text, self.people)
        )
        self.closed_check.setChecked(values.session == "closed")
        self.reference_edit.setText(values.closed_reference)
        self.exempt.fill(values.exempt_paragraphs, values.closed_reason, values.urgency_reason)
        self.duration_spin.setValue(values.duration_minutes or 0)
        self.bullets_edit.setPlainText("\n".join(values.bullets))
        self.notes_edit.setPlainText(values.notes)
        self.themes.set_items(
            ((t.id, t.name, t.description) for t in services.register.themes()),
            checked=values.theme_ids,
        )
        self._session_changed(self.closed_check.isChecked())

    def _session_changed(self, closed: bool) -> None:
        self.reference_edit.setEnabled(closed)
        self.exempt.set_closed(closed)

    def _offer_requests(self, requests: Sequence[ForwardPlanInfo], *, editing: bool) -> None:
        """A new item can answer a pending request of the forward plan (issue: "an item
        added by hand can be marked as answering it"); a closed request makes it closed."""
        self.answers_combo.addItem("No request on the forward plan", None)
        for entry in requests:
            lock = " (closed session)" if entry.is_closed else ""
            self.answers_combo.addItem(f"{entry.title}{lock} - {entry.due_label}", entry.id)
        self.answers_combo.currentIndexChanged.connect(self._answer_chosen)
        self._closed_requests = {e.id for e in requests if e.is_closed}
        shown = bool(requests) and not editing
        self.answers_combo.setVisible(shown)
        child(self.form, QLabel, "answersLabel").setVisible(shown)

    def _answer_chosen(self, _index: int) -> None:
        if self.answers_combo.currentData() in self._closed_requests:
            self.closed_check.setChecked(True)

    def values(self) -> ItemValues:
        ids, free = split_presenters(self.presenters_edit.text(), self.people)
        closed = self.closed_check.isChecked()
        paragraphs, reason, urgency = self.exempt.values(closed)
        return ItemValues(
            title=self.title_edit.text().strip(),
            kind=self.kind_combo.currentData(),
            session="closed" if closed else "open",
            closed_reference=self.reference_edit.text().strip() if closed else "",
            presenter_ids=tuple(ids),
            presenter_text=free,
            duration_minutes=self.duration_spin.value() or None,
            notes=self.notes_edit.toPlainText().strip(),
            bullets=self._bullets(),
            theme_ids=tuple(self.themes.checked_ids()),
            answers_entry_id=self.answers_combo.currentData() if self.item is None else None,
            exempt_paragraphs=paragraphs,
            closed_reason=reason,
            urgency_reason=urgency,
        )

    def _bullets(self) -> tuple[str, ...]:
        """One bullet a line; blank lines are only spacing."""
        lines = self.bullets_edit.toPlainText().splitlines()
        return tuple(" ".join(line.split()) for line in lines if line.strip())

    def validate(self) -> Problems:
        problems: Problems = []
        if not self.title_edit.text().strip():
            problems.append((self.title_edit, "Give the item a title."))
        try:
            checked_bullets(self._bullets())
        except ValidationError as error:
            problems.append((self.bullets_edit, str(error)))
        if len(split_presenters(self.presenters_edit.text(), self.people)[1]) > 300:
            problems.append(
                (self.presenters_edit, "The presenters are too long (300 characters at most).")
            )
        urgency = self.exempt.problem()
        if urgency is not None:
            problems.append(urgency)
        return problems

    def save(self) -> None:
        self.on_save(self.values())

    def field_for(self, error: ScbmeetError) -> QWidget | None:
        if "urgent" in str(error):
            return self.exempt.urgency_edit
        if "bullet" in str(error).lower():
            return self.bullets_edit
        return self.title_edit if "title" in str(error) else None


@dataclass
class _FileEntry:
    label: str
    file_id: int | None = None
    path: Path | None = None


class FileListModel(QAbstractListModel):
    """A paper's files: those stored already and those picked to attach on saving."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[_FileEntry] = []

    def set_entries(self, entries: list[_FileEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def add(self, entry: _FileEntry) -> None:
        row = len(self.entries)
        self.beginInsertRows(QModelIndex(), row, row)
        self.entries.append(entry)
        self.endInsertRows()

    def remove(self, row: int) -> _FileEntry:
        self.beginRemoveRows(QModelIndex(), row, row)
        entry = self.entries.pop(row)
        self.endRemoveRows()
        return entry

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.entries[index.row()].label
        return None


def _file_label(f: PaperFileInfo) -> str:
    size = f"{f.size / 1024:.0f} KB" if f.size < 1_048_576 else f"{f.size / 1_048_576:.1f} MB"
    appendix = " (appendix)" if f.role == "appendix" else ""
    return f"{f.filename}{appendix} – {size}"


def author_values(text: str, people: list[PersonInfo]) -> tuple[int | None, str]:
    """A typed author: a person in the register (by name) or free text."""
    wanted = text.strip().lower()
    for p in people:
        if wanted and wanted in (p.full_name.lower(), p.display_name.lower()):
            return p.id, ""
    return None, text.strip()


class PaperDialog(FormDialog):
    """Expect a paper for an item, or edit one: cover-sheet fields, due date, state, files."""

    FORM = "paper_dialog"

    def __init__(
        self,
        services: Services,
        meeting_id: int,
        *,
        paper: PaperInfo | None = None,
        item_id: int | None = None,
        ctx: AgendaContext | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.meeting_id = meeting_id
        # Saving goes on the page's undo stack; without one, on a stack of the dialog's own.
        self.ctx = ctx or AgendaContext(services, meeting_id, QUndoStack())
        self.paper = paper
        self.saved: PaperInfo | None = None
        self.people = services.register.people()
        f = self.form
        self.item_combo = child(f, QComboBox, "itemCombo")
        self.title_edit = child(f, QLineEdit, "titleEdit")
        self.author_edit = child(f, QLineEdit, "authorEdit")
        self.due = DateField(child(f, QLineEdit, "dueEdit"))
        self.state_combo = child(f, QComboBox, "stateCombo")
        self.attached_edit = child(f, QLineEdit, "attachedEdit")
        self.recommendation_edit = child(f, QPlainTextEdit, "recommendationEdit")
        self.files = FileListModel(self)
        self.files_view = child(f, QListView, "filesView")
        self.files_view.setModel(self.files)
        self.removed_files: list[int] = []
        child(f, QPushButton, "attachButton").clicked.connect(self.pick_files)
        child(f, QPushButton, "removeFileButton").clicked.connect(self.remove_selected_file)
        attach_name_completion(
            self.author_edit, [p.full_name for p in self.people if p.active], several=False
        )
        self.setWindowTitle("Edit paper" if paper else "Expect a paper")
        self._fill(paper, item_id)
        self.mark_pristine()

    def _fill(self, paper: PaperInfo | None, item_id: int | None) -> None:
        for item in self.services.agenda.agenda(self.meeting_id):
            indent = "    " if item.parent_id else ""
            number = f"{item.number}  " if item.number else ""
            self.item_combo.addItem(f"{indent}{number}{item.title}", item.id)
        wanted = paper.agenda_item_id if paper else item_id
        if wanted is not None:
            self.item_combo.setCurrentIndex(max(0, self.item_combo.findData(wanted)))
        self.item_combo.setEnabled(paper is None)
        fill_combo(
            self.state_combo, PAPER_STATE_LABELS, paper.state if paper else PaperState.EXPECTED
        )
        if paper is None:
            return
        self.title_edit.setText(paper.title)
        self.author_edit.setText(paper.author_name)
        self.due.set_value(paper.due_date)
        self.attached_edit.setText(paper.attached_text)
        self.recommendation_edit.setPlainText(paper.recommendation)
        self.files.set_entries([_FileEntry(_file_label(f), file_id=f.id) for f in paper.files])

    def pick_files(self) -> None:
        for path in dialogs.choose_open_files(self, "Attach the paper's file", PAPER_FILE_FILTER):
            self.files.add(_FileEntry(f"{path.name} – to attach", path=path))

    def remove_selected_file(self) -> None:
        index = self.files_view.currentIndex()
        if not index.isValid():
            return
        entry = self.files.remove(index.row())
        if entry.file_id is not None:
            self.removed_files.append(entry.file_id)

    def validate(self) -> Problems:
        problems: Problems = []
        if self.item_combo.currentData() is None:
            problems.append(
                (self.item_combo, "Add an item to the agenda first: a paper belongs to an item.")
            )
        if not self.title_edit.text().strip():
            problems.append((self.title_edit, "Give the paper a title."))
        try:
            self.due.optional_value()
        except ValueError as exc:
            problems.append((self.due.edit, str(exc)))
        return problems

    def save(self) -> None:
        author_id, author_text = author_values(self.author_edit.text(), self.people)
        fields = {
            "title": self.title_edit.text().strip(),
            "author_id": author_id,
            "author_text": author_text,
            "attached_text": self.attached_edit.text().strip(),
            "recommendation": self.recommendation_edit.toPlainText().strip(),
            "state": self.state_combo.currentData(),
            "due_date": self.due.optional_value(),
        }
        ctx = self.ctx
        if self.paper is None:
            add = AddPaperCommand(ctx, self.item_combo.currentData(), fields)
            ctx.execute(add)
            self.saved = self.services.agenda.paper(add.current_paper_id())
        else:
            self._save_edit(fields)
        new_files = [e.path for e in self.files.entries if e.path is not None]
        if self.saved is not None and new_files:
            # Reading and storing files can take a while: off the GUI thread, its own step.
            attach_files(self.parentWidget(), ctx, self.saved, new_files)

    def _save_edit(self, fields: dict[str, Any]) -> None:
        """One undo step: the fields, and the files removed with them if any."""
        assert self.paper is not None
        command: EditPaperCommand | ResetPaperCommand
        if self.removed_files:
            command = edit_paper_with_files(self.ctx, self.paper, fields, self.removed_files)
        else:
            command = EditPaperCommand(self.ctx, self.paper, fields)
            if not command.changes_anything():
                self.saved = self.paper
                return
        self.ctx.execute(command)
        self.saved = self.services.agenda.paper(command.current_paper_id())

    def field_for(self, error: ScbmeetError) -> QWidget | None:
        return self.title_edit if "title" in str(error) else None


class TemplateDialog(FormDialog):
    """Save a meeting's agenda as a named template of its board."""

    FORM = "template_dialog"

    def __init__(self, services: Services, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.meeting_id = meeting_id
        self.template_id: int | None = None
        meeting = services.meetings.meeting(meeting_id)
        self.name_edit = child(self.form, QLineEdit, "nameEdit")
        names = [name for _id, name in services.agenda.templates(meeting.board_id)]
        self.names_model = QStringListModel(names, self)
        view = child(self.form, QListView, "templatesView")
        view.setModel(self.names_model)
        view.clicked.connect(lambda index: self.name_edit.setText(index.data()))
        if not names:
            child(self.form, QLabel, "existingLabel").setText("The board has no templates yet.")
        self.mark_pristine()

    def validate(self) -> Problems:
        if not self.name_edit.text().strip():
            return [(self.name_edit, "Give the template a name, e.g. Quarterly meeting.")]
        return []

    def save(self) -> None:
        self.template_id = self.services.agenda.save_template(
            self.meeting_id, self.name_edit.text()
        )

    def field_for(self, error: ScbmeetError) -> QWidget | None:
        return self.name_edit

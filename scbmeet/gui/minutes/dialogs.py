"""The small dialogs of minutes mode: a line of text, an action, an update request, a person.
Each is a Designer form (``ui/minutes_*.ui``) in a :class:`FormDialog` that checks its input
before closing and names the problem at the field; Escape on one that has been typed in
asks before discarding (:mod:`scbmeet.gui.minutes.form_dialog`). The recovery of unsaved
text is :mod:`scbmeet.gui.minutes.recovery_dialog`; both are importable from here too.

The window opens them with ``open()`` (window-modal, not blocking), so a meeting can be
taken - and tested - from the keyboard alone.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from scbmeet.domain import dto
from scbmeet.domain.errors import ScbmeetError
from scbmeet.gui.minutes.commands import ActionDraft
from scbmeet.gui.minutes.form_dialog import PROBLEM_STYLE, FormDialog, open_dialog
from scbmeet.gui.minutes.recovery_dialog import RecoveryDialog, kept_texts_dialog
from scbmeet.gui.minutes.suggestions import SuggestionBox
from scbmeet.gui.widgets.forms import child
from scbmeet.services import Services
from scbmeet.services.forward_plan import add_months
from scbmeet.text.names import split_person_name
from scbmeet.text.shorthand import (
    DuePick,
    OwnerResolution,
    ShorthandError,
    due_fields,
    months_after,
    resolve_owner_text,
)


class TextDialog(FormDialog):
    """One line of text (a resolution, progress on an action, a new item's title)."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        prompt: str,
        *,
        text: str = "",
        what: str = "text",
        option: str = "",
        option_checked: bool = False,
    ) -> None:
        super().__init__("minutes_text", title, parent)
        self.what = what
        child(self.form, QLabel, "promptLabel").setText(prompt)
        self.edit = child(self.form, QLineEdit, "textEdit")
        self.edit.setText(text)
        self.edit.setMinimumWidth(480)
        self.problem_label = child(self.form, QLabel, "problemLabel")
        self.problem_label.hide()
        self.option = child(self.form, QCheckBox, "optionCheck")
        self.option.setVisible(bool(option))
        self.option.setText(option)
        self.option.setChecked(option_checked)
        self.edit.setFocus()

    def value(self) -> str:
        return self.edit.text().strip()

    def accept(self) -> None:
        if not self.value():
            self.problem(self.problem_label, f"Type the {self.what} first.", self.edit)
            return
        super().accept()


DATE_SEPARATORS = ("/", ".", "-")
DATE_SECTION_STARTS = (0, 3, 6)  # of ui/minutes_action.ui's "dd/MM/yyyy"


def owner_names(services: Services) -> list[str]:
    """Everyone and everything an action can be given to, as the completer offers them."""
    names = [p.full_name for p in services.register.people(include_inactive=False)]
    for org in services.register.organisations(include_inactive=False):
        names.append(org.name)
        if org.short_name:
            names.append(org.short_name)
    return names


class ActionDialog(FormDialog):
    """Text, owners (several, completed from the register) and a due date with quick picks."""

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        meeting: dto.MeetingInfo,
        next_meeting: dto.MeetingInfo | None,
        *,
        text: str = "",
        owners: str = "",
        due: DuePick | None = None,
        problem: str = "",
        title: str = "Action",
    ) -> None:
        super().__init__("minutes_action", title, parent)
        self.services, self.meeting, self.next_meeting = services, meeting, next_meeting
        self.draft: ActionDraft | None = None
        self.text_edit = child(self.form, QLineEdit, "textEdit")
        self.owners_edit = child(self.form, QLineEdit, "ownersEdit")
        self.owners_problem = child(self.form, QLabel, "ownersProblem")
        self.add_owner = child(self.form, QPushButton, "addOwnerButton")
        self.due_hint = child(self.form, QLabel, "dueHint")
        self.date_edit = child(self.form, QDateEdit, "dueDateEdit")
        self.radios = {
            name: child(self.form, QRadioButton, name)
            for name in (
                "dueNoneRadio",
                "dueNextRadio",
                "due1Radio",
                "due3Radio",
                "due6Radio",
                "dueDateRadio",
            )
        }
        self.text_edit.setMinimumWidth(520)
        self.date_edit.setMinimumWidth(
            self.date_edit.fontMetrics().horizontalAdvance("00/00/00000") + 40
        )
        self.text_edit.setText(text)
        self.owners_edit.setText(owners)
        self.suggestions = SuggestionBox(
            self.owners_edit,
            child(self.form, QListView, "ownersSuggestions"),
            owner_names(services),
            several=True,
        )
        self.add_owner.hide()
        self.add_owner.clicked.connect(self._add_unknown_owner)
        self._prepare_due(due)
        if problem:
            self._owner_problem(problem)
        else:
            self.problem(self.owners_problem, "")
        self._last_field: QWidget = self.owners_edit if problem else self.text_edit
        self._last_field.setFocus()
        for widget in (self.text_edit, self.owners_edit, self.date_edit, *self.radios.values()):
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A due-date key (Alt+X, Alt+1, Alt+D...) picks the date and leaves the keyboard where
        the next words go: the date field after Alt+D, else the field typed in before."""
        if event.type() == QEvent.Type.KeyPress and watched is self.date_edit:
            assert isinstance(event, QKeyEvent)
            return event.text() in DATE_SEPARATORS and self._date_separator()
        if event.type() == QEvent.Type.FocusIn and watched in (self.text_edit, self.owners_edit):
            assert isinstance(watched, QWidget)
            self._last_field = watched
        elif event.type() == QEvent.Type.Shortcut and isinstance(watched, QRadioButton):
            if watched.isEnabled():
                watched.setChecked(True)
            if watched is self.radios["dueDateRadio"]:
                self.date_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
                self.date_edit.setSelectedSection(QDateTimeEdit.Section.DaySection)
            else:
                self._last_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True  # not the button's own handling, which would keep the keyboard
        return False

    def _date_separator(self) -> bool:
        """``/`` typed in the date (``31/01/2027``, ``1/2/2027``): on to the next part, unless
        the part just filled has moved there already (Qt's own handling skips a part then)."""
        edit = self.date_edit
        index = edit.currentSectionIndex()
        at_start = edit.lineEdit().cursorPosition() == DATE_SECTION_STARTS[index]
        if not at_start and index + 1 < len(DATE_SECTION_STARTS):
            edit.setCurrentSectionIndex(index + 1)
            edit.setSelectedSection(edit.currentSection())
        return True

    # -- due date -----------------------------------------------------------------------------
    def _prepare_due(self, due: DuePick | None) -> None:
        start = months_after(self.meeting.date, 1)
        self.date_edit.setDate(QDate(start.year, start.month, start.day))
        next_radio = self.radios["dueNextRadio"]
        if self.next_meeting is None:
            next_radio.setEnabled(False)
            next_radio.setToolTip("The board's next meeting is not in the diary yet.")
        else:
            next_radio.setToolTip(dto.long_date(self.next_meeting.date))
        choice = "dueNoneRadio"
        if due is not None and due.kind == "next_meeting" and self.next_meeting is not None:
            choice = "dueNextRadio"
        elif due is not None and due.kind == "months" and due.months in (1, 3, 6):
            choice = f"due{due.months}Radio"
        elif due is not None and (due.kind == "date" or due.kind == "months"):
            choice = "dueDateRadio"
            on = due.on or months_after(self.meeting.date, due.months or 1)
            self.date_edit.setDate(QDate(on.year, on.month, on.day))
        self.radios[choice].setChecked(True)
        for radio in self.radios.values():
            radio.toggled.connect(self._show_due)
        self.date_edit.dateChanged.connect(self._show_due)
        self._show_due()

    def due_pick(self) -> DuePick | None:
        if self.radios["dueNextRadio"].isChecked():
            return DuePick.next_meeting()
        for months in (1, 3, 6):
            if self.radios[f"due{months}Radio"].isChecked():
                return DuePick.in_months(months)
        if self.radios["dueDateRadio"].isChecked():
            return DuePick.on_date(self.date_edit.date().toPython())
        return None

    def _show_due(self) -> None:
        self.date_edit.setEnabled(self.radios["dueDateRadio"].isChecked())
        pick = self.due_pick()
        try:
            on, meeting_id = due_fields(pick, self.meeting.date, self._next_id())
        except ShorthandError as exc:
            self.due_hint.setText(str(exc))
            return
        if meeting_id is not None and self.next_meeting is not None:
            self.due_hint.setText(f"Due at the meeting of {dto.long_date(self.next_meeting.date)}")
        elif on is not None:
            self.due_hint.setText(f"Due {dto.long_date(on)}")
        else:
            self.due_hint.setText("No due date")

    def _next_id(self) -> int | None:
        return self.next_meeting.id if self.next_meeting else None

    # -- owners ----------------------------------------------------------------------------------
    def _add_unknown_owner(self) -> None:
        names = [q.name for q in self._resolution().questions if not q.candidates]
        dialog = PersonDialog(
            self,
            self.services,
            title="Add to the register",
            intro="Add this person to the register so actions can be given to them.",
            name=names[0] if names else "",
        )
        open_dialog(
            dialog,
            lambda: self._owner_added(names[0] if names else "", dialog),
            focus=self.owners_edit.setFocus,
        )

    def _owner_added(self, typed: str, dialog: PersonDialog) -> None:
        if dialog.person is None:
            return
        parts = [p.strip() for p in self.owners_edit.text().split("/")]
        parts = [dialog.person.full_name if p == typed else p for p in parts]
        self.owners_edit.setText("/".join(p for p in parts if p))
        self.problem(self.owners_problem, "")
        self.add_owner.hide()

    def _owner_problem(self, message: str) -> None:
        """Say what is wrong with the owners; offer to add a name the register lacks."""
        self.problem(self.owners_problem, message, self.owners_edit)
        unknown = any(not q.candidates for q in self._resolution().questions)
        self.add_owner.setVisible(unknown)

    def _resolution(self) -> OwnerResolution:
        return resolve_owner_text(self.owners_edit.text(), self.services.register.match_owner)

    def accept(self) -> None:
        text = self.text_edit.text().strip()
        if not text:
            self.problem(self.owners_problem, "Say what the action is.", self.text_edit)
            return
        owners = self._resolution()
        if not owners.complete:
            self._owner_problem(owners.message)
            return
        try:
            due_date, due_meeting_id = due_fields(
                self.due_pick(), self.meeting.date, self._next_id()
            )
        except ShorthandError as exc:
            self.problem(self.owners_problem, str(exc), self.radios["dueNoneRadio"])
            return
        self.draft = ActionDraft(text, owners.owners, due_date, due_meeting_id)
        super().accept()


class UpdateDialog(FormDialog):
    """ "Ask for an update in N months": what the board wants to see, and when."""

    def __init__(
        self, parent: QWidget | None, default_title: str, meeting_date: date, months: int = 6
    ) -> None:
        super().__init__("minutes_update", "Ask for an update", parent)
        self.meeting_date = meeting_date
        self.title_edit = child(self.form, QLineEdit, "titleEdit")
        self.months_spin = child(self.form, QSpinBox, "monthsSpin")
        self.detail_edit = child(self.form, QLineEdit, "detailEdit")
        self.due_label = child(self.form, QLabel, "dueLabel")
        self.problem_label = child(self.form, QLabel, "problemLabel")
        self.problem_label.hide()
        self.title_edit.setText(default_title)
        self.title_edit.setMinimumWidth(420)
        self.months_spin.setValue(months)
        self.months_spin.valueChanged.connect(self._show_due)
        self._show_due()
        # What is typed next is what the board wants to see (the months are Alt+I, or Tab).
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def _show_due(self) -> None:
        due = add_months(self.meeting_date, self.months_spin.value())
        self.due_label.setText(f"on the forward plan for {due:%B %Y}")

    def values(self) -> tuple[str, int, str]:
        return (
            self.title_edit.text().strip(),
            self.months_spin.value(),
            self.detail_edit.text().strip(),
        )

    def accept(self) -> None:
        if not self.title_edit.text().strip():
            self.problem(self.problem_label, "Say what the board wants to see.", self.title_edit)
            return
        super().accept()


class PersonDialog(FormDialog):
    """Pick someone from the register, or add them there (a substitute, a guest, an owner)."""

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        *,
        title: str,
        intro: str,
        name: str = "",
        organisation_id: int | None = None,
    ) -> None:
        super().__init__("minutes_person", title, parent)
        self.services = services
        self.person: dto.PersonInfo | None = None
        child(self.form, QLabel, "forLabel").setText(intro)
        self.name_edit = child(self.form, QLineEdit, "nameEdit")
        self.org_combo = child(self.form, QComboBox, "organisationCombo")
        self.problem_label = child(self.form, QLabel, "problemLabel")
        self.problem_label.hide()
        people = services.register.people(include_inactive=False)
        self._by_label = {self._label(p): p for p in people}
        self.suggestions = SuggestionBox(
            self.name_edit, child(self.form, QListView, "nameSuggestions"), list(self._by_label)
        )
        self.name_edit.setText(name)
        self.name_edit.setMinimumWidth(380)
        self._orgs = services.register.organisations(include_inactive=False)
        self.org_combo.addItem("")
        for org in self._orgs:
            self.org_combo.addItem(org.name, org.id)
        if organisation_id is not None:
            self.org_combo.setCurrentIndex(max(0, self.org_combo.findData(organisation_id)))
        self.name_edit.setFocus()

    @staticmethod
    def _label(person: dto.PersonInfo) -> str:
        where = f" ({person.organisation_name})" if person.organisation_name else ""
        return f"{person.full_name}{where}"

    def accept(self) -> None:
        text = " ".join(self.name_edit.text().split())
        if not text:
            self.problem(self.problem_label, "Type a name.", self.name_edit)
            return
        try:
            self.person = self._existing(text) or self._create(text)
        except ScbmeetError as exc:
            self.problem(self.problem_label, str(exc), self.name_edit)
            return
        if self.person is not None:
            super().accept()

    def _existing(self, text: str) -> dto.PersonInfo | None:
        if text in self._by_label:
            return self._by_label[text]
        matches = [m for m in self.services.register.match_owner(text) if m.person_id is not None]
        if len(matches) > 1:
            names = ", ".join(
                self._label(self.services.register.person(m.person_id or 0)) for m in matches
            )
            raise ScbmeetError(f"{text!r} could be {names}: pick one from the list.")
        return self.services.register.person(matches[0].person_id or 0) if matches else None

    def _create(self, text: str) -> dto.PersonInfo:
        title, given, family = split_person_name(text)  # "Dr Priya Nair": Dr is a title
        return self.services.register.create_person(
            family, given_names=given, title=title, organisation_id=self._organisation_id()
        )

    def _organisation_id(self) -> int | None:
        typed = self.org_combo.currentText().strip()
        if not typed:
            return None
        for org in self._orgs:
            if typed.lower() in (org.name.lower(), org.short_name.lower()):
                return org.id
        raise ScbmeetError(
            f"{typed!r} is not an organisation in the register; choose one from the list or leave it empty."
        )


__all__ = [
    "PROBLEM_STYLE",
    "ActionDialog",
    "FormDialog",
    "PersonDialog",
    "RecoveryDialog",
    "TextDialog",
    "UpdateDialog",
    "kept_texts_dialog",
    "open_dialog",
    "owner_names",
]

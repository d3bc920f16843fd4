"""Typed input on plain line edits: dates, times, months and lists of people.

Secretaries type dates the way they write them ("2/12/26", "2 Dec 2026", "2026-12-02"),
so date fields are line edits with a calendar button rather than spin boxes, and a date
that does not exist ("31/02/2027") gets a message saying why. The parsing functions are
plain Python (and raise ``ValueError`` with that message); the small classes attach them
to the line edits of a Designer form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, time

from PySide6.QtCore import QDate, QObject, QPoint, QStringListModel, Qt
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCompleter,
    QLabel,
    QLineEdit,
    QMenu,
    QWidgetAction,
)

from scbmeet.domain.dto import PersonInfo, long_date
from scbmeet.gui.widgets.icons import icon
from scbmeet.text.dates import DATE_HINT, parse_date


def format_date(value: date | None) -> str:
    return long_date(value) if value else ""


def short_date(value: date | None) -> str:
    """``9 Dec 2026``: a date in a table column (nothing for no date)."""
    return f"{value.day} {value:%b %Y}" if value else ""


def parse_time(text: str) -> time | None:
    """``"9.30am"``, ``"09:30"``, ``"2pm"``, ``"14.00"`` -> a time; empty -> None."""
    typed = text.strip()
    cleaned = typed.lower().replace(" ", "")
    if not cleaned:
        return None
    m = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?(am|pm)?", cleaned)
    if m is None:
        raise ValueError(f"{typed!r} is not a time; type it as e.g. 9.30am or 14:00.")
    hour, minute, half = int(m[1]), int(m[2] or 0), m[3]
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(f"{typed!r} is not a time: use 1 to 12 with am or pm.")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"{typed!r} is not a time of day.")
    if not half and m[2] is None:
        raise ValueError(f"{typed!r} is not a time; say 9.30am, 2pm or 14:00.")
    return time(hour, minute)


def format_time(value: time | None) -> str:
    """``9.30am``, ``2pm``: how agendas write times."""
    if value is None:
        return ""
    hour = value.hour % 12 or 12
    half = "am" if value.hour < 12 else "pm"
    return f"{hour}.{value.minute:02d}{half}" if value.minute else f"{hour}{half}"


def field_date(value: date) -> str:
    """``Wed 9 December 2026``: a date field always shows the weekday."""
    return f"{value:%a} {value.day} {value:%B %Y}"


class DateField(QObject):
    """A line edit that takes a date, with a calendar button beside the text.

    Once typed, the date is shown with its weekday (``2/12/26`` becomes ``Wed 2 December
    2026``), so a slip of a day is seen. ``question(date)`` may name why a date is odd
    ("a Saturday"); ``note`` then says so beside the field, without refusing it.
    """

    def __init__(
        self,
        edit: QLineEdit,
        *,
        note: QLabel | None = None,
        question: Callable[[date], str | None] | None = None,
    ) -> None:
        super().__init__(edit)
        self.edit = edit
        self.note = note
        self.question = question
        edit.setPlaceholderText(DATE_HINT)
        action = edit.addAction(icon("calendar"), QLineEdit.ActionPosition.TrailingPosition)
        action.setToolTip("Pick the date from a calendar")
        action.triggered.connect(self.pick)
        edit.editingFinished.connect(self._show_weekday)
        edit.textChanged.connect(self._check_day)
        if note is not None:
            note.hide()

    def value(self) -> date:
        """The date typed; ``ValueError`` with a message for the user otherwise."""
        return parse_date(self.edit.text())

    def optional_value(self) -> date | None:
        return self.value() if self.edit.text().strip() else None

    def set_value(self, value: date | None) -> None:
        self.edit.setText(field_date(value) if value else "")

    def _show_weekday(self) -> None:
        try:
            shown = field_date(self.value())
        except ValueError:
            return  # the dialog says what is wrong when OK is pressed
        if shown != self.edit.text():
            self.edit.setText(shown)

    def _check_day(self) -> None:
        if self.note is None or self.question is None:
            return
        try:
            day = self.value()
        except ValueError:
            self.note.hide()
            return
        reason = self.question(day)
        self.note.setText(f"{day:%A} {long_date(day)} is {reason}: is that the right day?")
        self.note.setVisible(reason is not None)

    def pick(self) -> None:
        """Show a calendar under the field; choosing a day fills the field in."""
        menu = QMenu(self.edit)
        calendar_widget = QCalendarWidget(menu)
        calendar_widget.setGridVisible(True)
        try:
            current = self.value()
            calendar_widget.setSelectedDate(QDate(current.year, current.month, current.day))
        except ValueError:
            pass
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(calendar_widget)
        menu.addAction(holder)

        def chosen(qdate: QDate) -> None:
            self.set_value(date(qdate.year(), qdate.month(), qdate.day()))
            menu.close()

        calendar_widget.clicked.connect(chosen)
        calendar_widget.activated.connect(chosen)
        menu.popup(self.edit.mapToGlobal(QPoint(0, self.edit.height())))


def split_presenters(text: str, people: Sequence[PersonInfo]) -> tuple[list[int], str]:
    """``"Rachel Okafor, Chair"`` -> ([Rachel's id], ``"Chair"``).

    Names of people in the register become presenter ids; anything else is kept as typed.
    """
    by_name: dict[str, int] = {}
    for p in people:
        for form in (p.full_name, p.display_name):
            by_name.setdefault(form.strip().lower(), p.id)
    ids: list[int] = []
    free: list[str] = []
    for part in (x.strip() for x in text.split(",")):
        if not part:
            continue
        person_id = by_name.get(part.lower())
        if person_id is not None and person_id not in ids:
            ids.append(person_id)
        elif person_id is None:
            free.append(part)
    return ids, ", ".join(free)


def join_presenters(
    presenter_ids: Sequence[int], free_text: str, people: Sequence[PersonInfo]
) -> str:
    names = {p.id: p.full_name for p in people}
    parts = [names[i] for i in presenter_ids if i in names]
    if free_text.strip():
        parts.append(free_text.strip())
    return ", ".join(parts)


class ListCompleter(QCompleter):
    """Completes the name being typed after the last comma of a comma-separated list."""

    def __init__(self, names: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Parented to the completer: a model passed in unparented is collected at once,
        # and the completer then offers nothing.
        self.setModel(QStringListModel(list(names), self))
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def splitPath(self, path: str) -> list[str]:
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index) -> str:
        chosen = super().pathFromIndex(index)
        widget = self.widget()
        typed = widget.text() if isinstance(widget, QLineEdit) else ""
        before = [p.strip() for p in typed.split(",")[:-1] if p.strip()]
        return ", ".join([*before, chosen])


def attach_name_completion(edit: QLineEdit, names: Sequence[str], *, several: bool) -> QCompleter:
    """Offer ``names`` while typing in ``edit`` (after each comma too, if ``several``)."""
    completer: QCompleter = ListCompleter(names, edit) if several else QCompleter(list(names), edit)
    if not several:
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
    edit.setCompleter(completer)
    return completer

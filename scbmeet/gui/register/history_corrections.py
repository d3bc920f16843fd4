"""The correctable part of the past-minutes preview: the names that matched nobody (or
several people), the paragraphs that could not be placed, each document's meeting date and
its minutes' numbers and titles.

Each table is built once from what was first read; what the secretary changes is handed
back as plain :class:`~scbmeet.domain.history.Corrections` (nothing here touches the
database), and the dialog plans the import again from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from scbmeet.domain import dto
from scbmeet.domain.history import (
    Corrections,
    ImportPlan,
    MinuteFix,
    NameChoice,
    NameRef,
    Placement,
    RecognisedDocument,
)
from scbmeet.history.preview import long_date
from scbmeet.text.dates import parse_date

MINUTE_NUMBER = re.compile(r"^\s*(?:minute\s+)?(\d{1,3})(?:\s*/\s*(\d{4}|\d{2}))?\.?\s*$", re.I)
ERROR_COLOUR = "#b3261e"  # as dialogs.ERROR_STYLE
AS_PROPOSED, NEW_PERSON, NEW_ORGANISATION = "proposed", "person", "organisation"


def written_number(number: int, year: int | None) -> str:
    return f"{number}/{year % 100:02d}" if year is not None else str(number)


@dataclass
class UnmatchedName:
    """One person or organisation the import would add (or could not decide), with every
    way the documents write them and where."""

    ref: NameRef
    texts: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return " / ".join(self.texts)


def _group_key(ref: NameRef) -> tuple[str, object]:
    if ref.new_person is not None:
        return ("person", ref.new_person)
    if ref.new_organisation is not None:
        return ("organisation", ref.new_organisation)
    return ("ambiguous", ref.text)


def unmatched_names(plan: ImportPlan) -> list[UnmatchedName]:
    """Every name the plan would add or could not decide, grouped by whom it would add."""
    found: dict[tuple[str, object], UnmatchedName] = {}

    def note(ref: NameRef | None, where: str) -> None:
        if ref is None or not (ref.is_new or ref.ambiguous):
            return
        entry = found.setdefault(_group_key(ref), UnmatchedName(ref))
        if ref.text not in entry.texts:
            entry.texts.append(ref.text)
        if where not in entry.places:
            entry.places.append(where)

    for document in plan.documents:
        source = document.source
        if document.chair is not None:
            note(document.chair.ref, f"chair, {source}")
        for label, names in (
            ("present", document.present),
            ("in attendance", document.in_attendance),
            ("apologies", document.apologies),
        ):
            for name in names:
                note(name.ref, f"{label}, {source}")
        for minute in document.minutes:
            for action in minute.actions:
                for ref in action.owner_refs:
                    note(ref, f"action owner, {source}")
    return list(found.values())


def _item(text: str, *, editable: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    if editable:
        flags |= Qt.ItemFlag.ItemIsEditable
    item.setFlags(flags)
    item.setToolTip(text)
    return item


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


class NamesTable(QTableWidget):
    """One row per name that matched nobody: who it is (a register entry) or what to add."""

    changed = Signal()

    def __init__(
        self,
        plan: ImportPlan,
        people: list[dto.PersonInfo],
        organisations: list[dto.OrganisationInfo],
    ) -> None:
        super().__init__(0, 3)
        self.setHorizontalHeaderLabels(["Written as", "Where", "Is"])
        self.setAccessibleName("Names that matched nobody")
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(1, 250)
        self.setColumnWidth(2, 300)
        # the names that stop the import first
        self.names = sorted(unmatched_names(plan), key=lambda n: not n.ref.ambiguous)
        self.people = people
        self.organisations = organisations
        self.combos: dict[str, QComboBox] = {}  # by the label: every way it is written
        self.texts: dict[str, list[str]] = {}
        for entry in self.names:
            row = self.rowCount()
            self.insertRow(row)
            self.setItem(row, 0, _item(entry.label))
            self.setItem(row, 1, _item("; ".join(entry.places)))
            combo = self._choices(entry.ref)
            combo.setAccessibleName(f"Who {entry.label} is")
            combo.currentIndexChanged.connect(self.changed)
            self.setCellWidget(row, 2, combo)
            if entry.ref.ambiguous:  # the names that stop the import stand out
                self.item(row, 0).setForeground(QBrush(QColor(ERROR_COLOUR)))
            combo.setToolTip(combo.currentText())
            self.combos[entry.label] = combo
            self.texts[entry.label] = entry.texts

    def _choices(self, ref: NameRef) -> QComboBox:
        combo = QComboBox()
        combo.setMaxVisibleItems(20)
        proposed = (
            "Choose who this is (several could be meant)"
            if ref.ambiguous
            else "New "
            + ("person" if ref.new_person is not None else "organisation or team")
            + " (as proposed)"
        )
        combo.addItem(proposed, (AS_PROPOSED, None))
        combo.addItem("Add as a new person", (NEW_PERSON, None))
        combo.addItem("Add as a new organisation or team", (NEW_ORGANISATION, None))
        for person in self.people:
            where = f" ({person.organisation_name})" if person.organisation_name else ""
            combo.addItem(f"{person.display_name}{where}", ("person_id", person.id))
        for organisation in self.organisations:
            short = f" ({organisation.short_name})" if organisation.short_name else ""
            combo.addItem(f"{organisation.name}{short}", ("organisation_id", organisation.id))
        return combo

    def choose(self, written: str, label: str) -> None:
        """Pick the entry shown as ``label`` for the row that writes the name ``written``."""
        row = next(name for name, texts in self.texts.items() if written in texts)
        combo = self.combos[row]
        index = combo.findText(label, Qt.MatchFlag.MatchStartsWith)
        if index < 0:
            raise LookupError(f"no choice {label!r} for {written!r}")
        combo.setCurrentIndex(index)

    def choices(self) -> tuple[NameChoice, ...]:
        """One choice for each way a corrected name is written."""
        found = []
        for label, combo in self.combos.items():
            kind, ident = combo.currentData()
            for text in self.texts[label]:
                if kind == "person_id":
                    found.append(NameChoice(text, person_id=ident))
                elif kind == "organisation_id":
                    found.append(NameChoice(text, organisation_id=ident))
                elif kind in (NEW_PERSON, NEW_ORGANISATION):
                    found.append(NameChoice(text, add_as=kind))
        return tuple(found)


class ParagraphsTable(QTableWidget):
    """One row per paragraph not placed: left out, or added to one of its document's minutes."""

    changed = Signal()

    def __init__(self, documents: list[RecognisedDocument]) -> None:
        super().__init__(0, 3)
        self.setHorizontalHeaderLabels(["Document", "Paragraph", "Put it"])
        self.setAccessibleName("Paragraphs not placed")
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(2, 260)
        self.rows: list[tuple[str, str, QComboBox]] = []
        for document in documents:
            for text in dict.fromkeys(document.unplaced):
                row = self.rowCount()
                self.insertRow(row)
                self.setItem(row, 0, _item(document.source))
                self.setItem(row, 1, _item(" ".join(text.split())))
                combo = QComboBox()
                combo.setAccessibleName("Where this paragraph goes")
                combo.addItem("Leave it out", None)
                for index, minute in enumerate(document.minutes):
                    number = written_number(minute.number, minute.year)
                    combo.addItem(f"Add to {number} {minute.title}"[:70], index)
                combo.currentIndexChanged.connect(self.changed)
                self.setCellWidget(row, 2, combo)
                self.rows.append((document.source, text, combo))

    def placements(self) -> tuple[Placement, ...]:
        return tuple(
            Placement(source, text, combo.currentData())
            for source, text, combo in self.rows
            if combo.currentData() is not None
        )


class MinutesTables(QSplitter):
    """Each document's meeting date, and each minute's number and title, as read; editable."""

    changed = Signal()

    def __init__(self, documents: list[RecognisedDocument]) -> None:
        super().__init__(Qt.Orientation.Vertical)
        self.documents = documents
        self.meetings = _table(["Document", "Meeting date"], "Meeting dates")
        self.minutes = _table(["Document", "Minute", "Title"], "Minute numbers and titles")
        for document in documents:
            row = self.meetings.rowCount()
            self.meetings.insertRow(row)
            self.meetings.setItem(row, 0, _item(f"{document.source} ({document.kind})"))
            when = long_date(document.meeting_date) if document.meeting_date else ""
            self.meetings.setItem(row, 1, _item(when, editable=True))
            for minute in document.minutes:
                row = self.minutes.rowCount()
                self.minutes.insertRow(row)
                self.minutes.setItem(row, 0, _item(document.source))
                self.minutes.setItem(
                    row, 1, _item(written_number(minute.number, minute.year), editable=True)
                )
                self.minutes.setItem(row, 2, _item(minute.title, editable=True))
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(QLabel("Meeting dates (double-click a date to put it right):"))
        top_layout.addWidget(self.meetings)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(QLabel("Minutes (double-click a number or title to correct it):"))
        bottom_layout.addWidget(self.minutes)
        self.addWidget(top)
        self.addWidget(bottom)
        self.setSizes([140, 420])  # few meetings, many minutes
        self.meetings.itemChanged.connect(lambda _item: self.changed.emit())
        self.minutes.itemChanged.connect(lambda _item: self.changed.emit())

    def dates(self) -> tuple[tuple[tuple[str, date], ...], list[str]]:
        """The corrected dates, and one line for each that is not a date."""
        found, problems = [], []
        for row, document in enumerate(self.documents):
            text = self.meetings.item(row, 1).text()
            was = long_date(document.meeting_date) if document.meeting_date else ""
            if text.strip() == was:
                continue
            try:
                found.append((document.source, parse_date(text)))
            except ValueError as exc:
                problems.append(f"{document.source}: {exc}")
        return tuple(found), problems

    def fixes(self) -> tuple[tuple[MinuteFix, ...], list[str]]:
        """The corrected minutes, and one line for each number that is not a number."""
        found, problems = [], []
        row = 0
        for document in self.documents:
            for index, minute in enumerate(document.minutes):
                number_text = self.minutes.item(row, 1).text()
                title = self.minutes.item(row, 2).text().strip()
                row += 1
                same_number = number_text.strip() == written_number(minute.number, minute.year)
                if same_number and title == minute.title:
                    continue
                match = MINUTE_NUMBER.match(number_text)
                if match is None:
                    problems.append(
                        f"{document.source}: {number_text.strip()!r} is not a minute number "
                        "(type it as 9/13 or 9)."
                    )
                    continue
                year = int(match.group(2)) if match.group(2) else None
                if same_number:
                    year = minute.year
                fix = MinuteFix(document.source, index, int(match.group(1)), year, title)
                found.append(fix)
        return tuple(found), problems


class CorrectionsTabs(QTabWidget):
    """The preview text, then (once files are read) the tables of what can be put right."""

    changed = Signal()

    def __init__(self, preview: QWidget) -> None:
        super().__init__()
        self.addTab(preview, "What was read")
        self.names: NamesTable | None = None
        self.paragraphs: ParagraphsTable | None = None
        self.minutes: MinutesTables | None = None

    def load(
        self,
        plan: ImportPlan,
        documents: list[RecognisedDocument],
        people: list[dto.PersonInfo],
        organisations: list[dto.OrganisationInfo],
    ) -> None:
        """Tables for newly read files (any for earlier files go)."""
        while self.count() > 1:
            widget = self.widget(1)
            self.removeTab(1)
            widget.deleteLater()
        self.names = NamesTable(plan, people, organisations)
        self.paragraphs = ParagraphsTable(documents)
        self.minutes = MinutesTables(documents)
        self.addTab(self.names, f"Names to match ({len(self.names.combos)})")
        self.addTab(self.paragraphs, f"Paragraphs not placed ({len(self.paragraphs.rows)})")
        self.addTab(self.minutes, "Dates and minutes")
        for part in (self.names, self.paragraphs, self.minutes):
            part.changed.connect(self.changed)

    def corrections(self) -> tuple[Corrections, list[str]]:
        """What the secretary put right, and what they typed that cannot be used."""
        if self.names is None or self.paragraphs is None or self.minutes is None:
            return Corrections(), []
        dates, bad_dates = self.minutes.dates()
        fixes, bad_numbers = self.minutes.fixes()
        corrections = Corrections(
            names=self.names.choices(),
            minutes=fixes,
            placements=self.paragraphs.placements(),
            dates=dates,
        )
        return corrections, bad_dates + bad_numbers

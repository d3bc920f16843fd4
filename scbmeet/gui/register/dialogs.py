"""Dialogs of the register: a board, an organisation, a member (person and term), a seat.

The organisation, member and seat dialogs take an ``on_save`` hook: the register pages
pass one that makes the change an undoable command (:mod:`scbmeet.gui.register.commands`);
without it (the Register menu) they save through the services directly. A refusal raised
by the hook is shown at its field like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox, QWidget

from scbmeet.domain.access_rules import ACCESS_RULE_LABELS
from scbmeet.domain.dto import BoardInfo, MembershipInfo, OrganisationInfo, PersonInfo, SeatInfo
from scbmeet.domain.enums import OrgKind, Role
from scbmeet.domain.errors import ScbmeetError
from scbmeet.gui.register.commands import MemberValues
from scbmeet.gui.widgets.dialogs import FormDialog, Problems
from scbmeet.gui.widgets.forms import child
from scbmeet.gui.widgets.inputs import DateField, format_time, parse_time
from scbmeet.services import Services
from scbmeet.services.register_people import EMAIL_RE

ROLE_LABELS = {
    Role.CHAIR.value: "Chair",
    Role.VICE_CHAIR.value: "Vice-chair",
    Role.MEMBER.value: "Member",
    Role.ADVISER.value: "Adviser",
    Role.OFFICER.value: "Officer (supports the board)",
}
STATUTORY_KINDS = frozenset(
    k.value
    for k in (OrgKind.COUNCIL, OrgKind.POLICE, OrgKind.FIRE, OrgKind.PROBATION, OrgKind.HEALTH)
)
KIND_LABELS = {
    OrgKind.COUNCIL.value: "Council",
    OrgKind.POLICE.value: "Police",
    OrgKind.FIRE.value: "Fire and rescue",
    OrgKind.PROBATION.value: "Probation",
    OrgKind.HEALTH.value: "Health",
    OrgKind.PCC.value: "Police and crime commissioner",
    OrgKind.VOLUNTARY.value: "Voluntary sector",
    OrgKind.TEAM.value: "Team (part of another organisation)",
    OrgKind.OTHER.value: "Other",
}
MONTHS = [
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
]


def set_combo(combo: QComboBox, data: object) -> None:
    combo.setCurrentIndex(max(0, combo.findData(data)))


def person_choice(p: PersonInfo) -> str:
    org = f" ({p.organisation_name})" if p.organisation_name else ""
    inactive = " – inactive" if not p.active else ""
    return f"{p.family_name}, {' '.join(x for x in (p.title, p.given_names) if x)}{org}{inactive}"


class BoardDialog(FormDialog):
    """Create a board (or sub-group) or change its name, defaults, numbering and quorum."""

    FORM = "board_dialog"

    def __init__(
        self, services: Services, *, board: BoardInfo | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.board = board
        self.saved: BoardInfo | None = None
        f = self.form
        self.name_edit = child(f, QLineEdit, "nameEdit")
        self.short_edit = child(f, QLineEdit, "shortNameEdit")
        self.parent_combo = child(f, QComboBox, "parentCombo")
        self.venue_edit = child(f, QLineEdit, "venueEdit")
        self.time_edit = child(f, QLineEdit, "timeEdit")
        self.numbering_combo = child(f, QComboBox, "numberingCombo")
        self.quorum_members = child(f, QSpinBox, "quorumMembersSpin")
        self.quorum_orgs = child(f, QSpinBox, "quorumOrgsSpin")
        self.no_declarations_check = child(f, QCheckBox, "noDeclarationsCheck")
        self.active_check = child(f, QCheckBox, "activeCheck")
        self.access_combo = child(f, QComboBox, "accessCombo")
        for value, label in ACCESS_RULE_LABELS.items():
            self.access_combo.addItem(label, value)
        self.papers_due = child(f, QSpinBox, "papersDueSpin")
        self.decision_days = child(f, QSpinBox, "decisionDaysSpin")
        self._others = [b for b in services.register.boards() if board is None or b.id != board.id]
        self.parent_combo.addItem("— none (a board in its own right) —", None)
        for b in self._others:
            self.parent_combo.addItem(f"{b.short_name} – {b.name}", b.id)
        self.numbering_combo.addItem("Every 1 January (calendar year)", ("calendar", 1))
        for month in range(2, 13):
            self.numbering_combo.addItem(
                f"Every 1 {MONTHS[month - 1]} (municipal year)", ("municipal", month)
            )
        self.setWindowTitle("Edit board" if board else "New board")
        if board is None:
            self.active_check.hide()
        else:
            self._fill(board)
        self.mark_pristine()

    def _fill(self, b: BoardInfo) -> None:
        self.name_edit.setText(b.name)
        self.short_edit.setText(b.short_name)
        set_combo(self.parent_combo, b.parent_id)
        self.venue_edit.setText(b.default_venue)
        self.time_edit.setText(format_time(b.default_start_time))
        key = (
            ("calendar", 1) if b.numbering == "calendar" else ("municipal", b.numbering_start_month)
        )
        set_combo(self.numbering_combo, key)
        self.quorum_members.setValue(b.quorum_members or 0)
        self.quorum_orgs.setValue(b.quorum_statutory_orgs or 0)
        self.no_declarations_check.setChecked(b.say_no_declarations)
        self.active_check.setChecked(b.active)
        set_combo(self.access_combo, b.access_rules)
        self.papers_due.setValue(b.papers_due_days)
        self.decision_days.setValue(b.decision_notice_days)

    def validate(self) -> Problems:
        problems: Problems = []
        if not self.name_edit.text().strip():
            problems.append((self.name_edit, "Give the board's full name."))
        short = self.short_edit.text().strip()
        if not short:
            problems.append(
                (
                    self.short_edit,
                    "Give a short name, as minutes and file names use it (e.g. MSCB).",
                )
            )
        elif any(b.short_name.lower() == short.lower() for b in self._others):
            problems.append((self.short_edit, f"There is already a board called {short}."))
        try:
            parse_time(self.time_edit.text())
        except ValueError as exc:
            problems.append((self.time_edit, str(exc)))
        return problems

    def _values(self) -> dict[str, object]:
        numbering, month = self.numbering_combo.currentData()
        return {
            "name": self.name_edit.text().strip(),
            "short_name": self.short_edit.text().strip(),
            "parent_id": self.parent_combo.currentData(),
            "default_venue": self.venue_edit.text().strip(),
            "default_start_time": parse_time(self.time_edit.text()),
            "numbering": numbering,
            "numbering_start_month": month,
            "quorum_members": self.quorum_members.value() or None,
            "quorum_statutory_orgs": self.quorum_orgs.value() or None,
            "say_no_declarations": self.no_declarations_check.isChecked(),
            "access_rules": self.access_combo.currentData(),
            "papers_due_days": self.papers_due.value(),
            "decision_notice_days": self.decision_days.value(),
        }

    def save(self) -> None:
        values = self._values()
        if self.board is None:
            name = str(values.pop("name"))
            short = str(values.pop("short_name"))
            self.saved = self.services.register.create_board(name, short, **values)  # type: ignore[arg-type]
        else:
            values["active"] = self.active_check.isChecked()
            self.saved = self.services.register.update_board(self.board.id, values)

    def field_for(self, error: ScbmeetError) -> QWidget | None:
        text = str(error)
        if "short name" in text or "already a board" in text:
            return self.short_edit
        if "name" in text:
            return self.name_edit
        return None


class OrganisationDialog(FormDialog):
    """Add or edit an organisation or a team inside one."""

    FORM = "organisation_dialog"

    def __init__(
        self,
        services: Services,
        *,
        organisation: OrganisationInfo | None = None,
        on_save: Callable[[str, dict[str, Any]], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.organisation = organisation
        self.on_save = on_save  # called with the name and the other fields
        self.saved: OrganisationInfo | None = None
        f = self.form
        self.name_edit = child(f, QLineEdit, "nameEdit")
        self.short_edit = child(f, QLineEdit, "shortNameEdit")
        self.kind_combo = child(f, QComboBox, "kindCombo")
        self.parent_combo = child(f, QComboBox, "parentCombo")
        self.statutory_check = child(f, QCheckBox, "statutoryCheck")
        self.active_check = child(f, QCheckBox, "activeCheck")
        self._others = [
            o
            for o in services.register.organisations()
            if organisation is None or o.id != organisation.id
        ]
        for value, label in KIND_LABELS.items():
            self.kind_combo.addItem(label, value)
        set_combo(self.kind_combo, OrgKind.OTHER.value)
        self.parent_combo.addItem("— none —", None)
        for o in self._others:
            self.parent_combo.addItem(o.name, o.id)
        self._statutory_set_by_hand = False
        self.kind_combo.currentIndexChanged.connect(self._kind_chosen)
        self.statutory_check.clicked.connect(self._statutory_ticked)
        self.setWindowTitle("Edit organisation" if organisation else "New organisation")
        if organisation is None:
            self.active_check.hide()
        else:
            self.name_edit.setText(organisation.name)
            self.short_edit.setText(organisation.short_name)
            set_combo(self.kind_combo, organisation.kind)
            set_combo(self.parent_combo, organisation.parent_id)
            self.statutory_check.setChecked(organisation.is_statutory)
            self.active_check.setChecked(organisation.active)
        self.mark_pristine()

    def _kind_chosen(self) -> None:
        """Councils, police, fire, probation and health are the statutory partners (the
        responsible authorities of the Crime and Disorder Act 1998); a new organisation of
        those kinds starts ticked, until the tick is changed by hand."""
        if self.organisation is None and not self._statutory_set_by_hand:
            with QSignalBlocker(self.statutory_check):
                self.statutory_check.setChecked(self.kind_combo.currentData() in STATUTORY_KINDS)
        is_team = self.kind_combo.currentData() == OrgKind.TEAM.value
        self.parent_combo.setToolTip("The organisation the team belongs to" if is_team else "")

    def _statutory_ticked(self) -> None:
        self._statutory_set_by_hand = True

    def validate(self) -> Problems:
        name = self.name_edit.text().strip()
        if not name:
            return [(self.name_edit, "Give the organisation's name.")]
        if any(o.name.lower() == name.lower() for o in self._others):
            return [(self.name_edit, f"There is already an organisation called {name}.")]
        if self.kind_combo.currentData() == OrgKind.TEAM.value and (
            self.parent_combo.currentData() is None
        ):
            return [(self.parent_combo, "Choose the organisation the team belongs to.")]
        return []

    def save(self) -> None:
        values: dict[str, Any] = {
            "short_name": self.short_edit.text().strip(),
            "kind": self.kind_combo.currentData(),
            "is_statutory": self.statutory_check.isChecked(),
            "parent_id": self.parent_combo.currentData(),
        }
        name = self.name_edit.text().strip()
        if self.organisation is not None:
            values["active"] = self.active_check.isChecked()
        if self.on_save is not None:
            self.on_save(name, values)
        elif self.organisation is None:
            self.saved = self.services.register.create_organisation(name, **values)
        else:
            values["name"] = name
            self.saved = self.services.register.update_organisation(self.organisation.id, values)

    def field_for(self, error: ScbmeetError) -> QWidget | None:
        return self.name_edit


class MemberDialog(FormDialog):
    """Put a person on a board (a new person, or one already in the register), or edit a member."""

    FORM = "member_dialog"

    def __init__(
        self,
        services: Services,
        board_id: int,
        *,
        membership: MembershipInfo | None = None,
        on_save: Callable[[MemberValues], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.board_id = board_id
        self.membership = membership
        self.on_save = on_save
        self.saved: MembershipInfo | None = None
        f = self.form
        self.person_combo = child(f, QComboBox, "personCombo")
        self.title_edit = child(f, QLineEdit, "titleEdit")
        self.given_edit = child(f, QLineEdit, "givenEdit")
        self.family_edit = child(f, QLineEdit, "familyEdit")
        self.job_edit = child(f, QLineEdit, "jobEdit")
        self.org_combo = child(f, QComboBox, "organisationCombo")
        self.email_edit = child(f, QLineEdit, "emailEdit")
        self.action_name_edit = child(f, QLineEdit, "actionNameEdit")
        self.active_check = child(f, QCheckBox, "activeCheck")
        self.role_combo = child(f, QComboBox, "roleCombo")
        self.seat_combo = child(f, QComboBox, "seatCombo")
        self.start = DateField(child(f, QLineEdit, "startEdit"))
        self.end = DateField(child(f, QLineEdit, "endEdit"))
        self.people = {p.id: p for p in services.register.people()}
        for edit in (self.title_edit, self.given_edit, self.family_edit):
            edit.textChanged.connect(self._show_default_action_name)
        self._fill_choices()
        if membership is None:
            self.setWindowTitle("Add member")
            self.person_combo.currentIndexChanged.connect(self._person_chosen)
        else:
            self.setWindowTitle(f"Edit member – {membership.person.display_name}")
            self._fill_membership(membership)
        self.mark_pristine()

    def _fill_choices(self) -> None:
        reg = self.services.register
        if self.membership is None:
            self.person_combo.addItem("— a new person —", None)
            for p in sorted(
                self.people.values(), key=lambda p: (not p.active, p.family_name, p.given_names)
            ):
                self.person_combo.addItem(person_choice(p), p.id)
        else:
            self.person_combo.addItem(
                person_choice(self.membership.person), self.membership.person.id
            )
            self.person_combo.setEnabled(False)
        self.org_combo.addItem("— none —", None)
        for o in reg.organisations():
            if o.active or (self.membership and o.id == self.membership.person.organisation_id):
                self.org_combo.addItem(o.name, o.id)
        for value, label in ROLE_LABELS.items():
            self.role_combo.addItem(label, value)
        set_combo(self.role_combo, Role.MEMBER.value)
        self.seat_combo.addItem("— no seat —", None)
        self.seats = reg.seats(self.board_id)
        for seat in self.seats:
            self.seat_combo.addItem(f"{seat.organisation_name} – {seat.label or 'seat'}", seat.id)

    def _fill_person(self, p: PersonInfo | None) -> None:
        self.title_edit.setText(p.title if p else "")
        self.given_edit.setText(p.given_names if p else "")
        self.family_edit.setText(p.family_name if p else "")
        self.job_edit.setText(p.job_title if p else "")
        set_combo(self.org_combo, p.organisation_id if p else None)
        self.email_edit.setText(p.email if p else "")
        self.action_name_edit.setText(p.action_name if p else "")
        self.active_check.setChecked(p.active if p else True)

    def _show_default_action_name(self) -> None:
        """The placeholder shows what the minutes print when the field is left empty."""
        parts = (self.title_edit.text(), self.given_edit.text(), self.family_edit.text())
        default = " ".join(p.strip() for p in parts if p.strip())
        self.action_name_edit.setPlaceholderText(
            f"as the minutes print it: {default}" if default else ""
        )

    def _person_chosen(self) -> None:
        self._fill_person(self.people.get(self.person_combo.currentData()))

    def _fill_membership(self, m: MembershipInfo) -> None:
        self._fill_person(m.person)
        set_combo(self.role_combo, m.role)
        # A member holding a seat that their membership does not name yet: show that seat.
        held = next((s.id for s in self.seats if s.holder_id == m.person.id), None)
        set_combo(self.seat_combo, m.seat_id if m.seat_id is not None else held)
        self.start.set_value(m.start_date)
        self.end.set_value(m.end_date)

    def person_id(self) -> int | None:
        data = self.person_combo.currentData()
        return int(data) if data is not None else None

    def validate(self) -> Problems:
        problems: Problems = []
        family = self.family_edit.text().strip()
        if not family:
            problems.append((self.family_edit, "Give the family name."))
        email = self.email_edit.text().strip()
        if email and not EMAIL_RE.match(email):
            problems.append(
                (self.email_edit, f"{email} is not an email address (name@example.org).")
            )
        if family and self.person_id() is None:
            clash = self._same_person(family, email)
            if clash is not None:
                problems.append(
                    (
                        self.family_edit,
                        f"{clash.display_name} is already in the register: choose them under Person.",
                    )
                )
        dates = []
        for field in (self.start, self.end):
            try:
                dates.append(field.optional_value())
            except ValueError as exc:
                problems.append((field.edit, str(exc)))
        if len(dates) == 2 and dates[0] and dates[1] and dates[1] < dates[0]:
            problems.append((self.end.edit, "The term cannot end before it starts."))
        return problems

    def _same_person(self, family: str, email: str) -> PersonInfo | None:
        given = self.given_edit.text().strip().lower()
        org = self.org_combo.currentData()
        for p in self.people.values():
            if email and p.email.lower() == email.lower():
                return p
            if (p.family_name.lower(), p.given_names.lower(), p.organisation_id) == (
                family.lower(),
                given,
                org,
            ):
                return p
        return None

    def _person_fields(self) -> dict[str, object]:
        return {
            "title": self.title_edit.text().strip(),
            "given_names": self.given_edit.text().strip(),
            "family_name": self.family_edit.text().strip(),
            "job_title": self.job_edit.text().strip(),
            "organisation_id": self.org_combo.currentData(),
            "email": self.email_edit.text().strip(),
            "action_name": self.action_name_edit.text().strip(),
        }

    def values(self) -> MemberValues:
        """What was typed: the person (new, or the one chosen) and their term."""
        fields = self._person_fields()
        person_id = self.person_id()
        if person_id is not None:
            fields["active"] = self.active_check.isChecked()
        term = {
            "role": self.role_combo.currentData(),
            "seat_id": self.seat_combo.currentData(),
            "start_date": self.start.optional_value(),
            "end_date": self.end.optional_value(),
        }
        return MemberValues(person_id, fields, term)

    def save(self) -> None:
        values = self.values()
        if self.on_save is not None:
            self.on_save(values)
            return
        reg = self.services.register
        fields = dict(values.person)
        person_id = values.person_id
        if person_id is None:
            family = str(fields.pop("family_name"))
            person_id = reg.create_person(family, **fields).id
        else:
            reg.update_person(person_id, fields)
        term = dict(values.term)
        if self.membership is None:
            self.saved = reg.add_membership(self.board_id, person_id, **term)
        else:
            self.saved = reg.update_membership(self.membership.id, term)

    def field_for(self, error: ScbmeetError) -> QWidget | None:
        text = str(error)
        if "email" in text:
            return self.email_edit
        if "family name" in text:
            return self.family_edit
        if "ends" in text or "end before" in text:
            return self.end.edit
        return None


class SeatDialog(FormDialog):
    """A board seat of an organisation: who holds it and who deputises."""

    FORM = "seat_dialog"

    def __init__(
        self,
        services: Services,
        board_id: int,
        *,
        seat: SeatInfo | None = None,
        on_save: Callable[[int, dict[str, Any]], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.board_id = board_id
        self.seat = seat
        self.on_save = on_save  # called with the organisation's id and the seat's fields
        f = self.form
        self.org_combo = child(f, QComboBox, "organisationCombo")
        self.label_edit = child(f, QLineEdit, "labelEdit")
        self.holder_combo = child(f, QComboBox, "holderCombo")
        self.deputy_combo = child(f, QComboBox, "deputyCombo")
        self.voting_check = child(f, QCheckBox, "votingCheck")
        self.org_combo.addItem("— choose —", None)
        for o in services.register.organisations(include_inactive=False):
            self.org_combo.addItem(o.name, o.id)
        people = services.register.people()
        wanted = {seat.holder_id, seat.deputy_id} if seat else set()
        for combo in (self.holder_combo, self.deputy_combo):
            combo.addItem("— vacant —", None)
            for p in people:
                if p.active or p.id in wanted:
                    combo.addItem(person_choice(p), p.id)
        self.setWindowTitle("Edit seat" if seat else "New seat")
        if seat is not None:
            set_combo(self.org_combo, seat.organisation_id)
            self.org_combo.setEnabled(False)
            self.label_edit.setText(seat.label)
            set_combo(self.holder_combo, seat.holder_id)
            set_combo(self.deputy_combo, seat.deputy_id)
            self.voting_check.setChecked(seat.voting)
        self.mark_pristine()

    def validate(self) -> Problems:
        problems: Problems = []
        if self.org_combo.currentData() is None:
            problems.append((self.org_combo, "Choose the organisation the seat belongs to."))
        holder = self.holder_combo.currentData()
        if holder is not None and holder == self.deputy_combo.currentData():
            problems.append(
                (self.deputy_combo, "The deputy must be someone other than the holder.")
            )
        return problems

    def save(self) -> None:
        values: dict[str, Any] = {
            "label": self.label_edit.text().strip(),
            "holder_id": self.holder_combo.currentData(),
            "deputy_id": self.deputy_combo.currentData(),
            "voting": self.voting_check.isChecked(),
        }
        if self.on_save is not None:
            self.on_save(self.org_combo.currentData(), values)
        elif self.seat is None:
            self.services.register.add_seat(self.board_id, self.org_combo.currentData(), **values)
        else:
            self.services.register.update_seat(self.seat.id, values)

    def field_for(self, error: ScbmeetError) -> QWidget | None:
        return self.deputy_combo if "deputy" in str(error) else None

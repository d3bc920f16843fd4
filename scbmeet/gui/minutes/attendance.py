"""The attendance page: members by organisation, marked with one key each.

P, A, X and I record present, apologies, absent and in attendance and move to the next
person, so a secretary can go down the list as people arrive; L and E record a late
arrival or an early departure against the item being taken; S and G add a substitute
or a guest in a few keystrokes. Every change is an undoable command.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QTreeView, QWidget

from scbmeet.domain import dto
from scbmeet.gui.minutes.commands import AttendanceSpec, ServiceCommand, SetAttendance
from scbmeet.gui.minutes.dialogs import PersonDialog, open_dialog
from scbmeet.gui.minutes.drafts import Drafts
from scbmeet.gui.minutes.models import AttendanceModel
from scbmeet.gui.minutes.rows import ATTENDANCE, Attendee, attendance_groups, item_labels
from scbmeet.gui.widgets.forms import child
from scbmeet.services import Services

STATUS_KEYS = {
    Qt.Key.Key_P: "present",
    Qt.Key.Key_A: "apologies",
    Qt.Key.Key_X: "absent",
    Qt.Key.Key_I: "in_attendance",
}


class AttendanceHost(Protocol):
    services: Services
    meeting: dto.MeetingInfo
    drafts: Drafts  # names typed in the substitute and guest dialogs, journalled

    def run_command(self, command: ServiceCommand) -> bool: ...

    def run_group(self, label: str, commands: list[ServiceCommand]) -> bool: ...

    def item_being_taken(self) -> dto.AgendaItemInfo | None: ...

    def notice(self, message: str) -> None: ...


class AttendancePane(QObject):
    """Drives the attendance page of the minutes form."""

    def __init__(self, host: AttendanceHost, form: QWidget) -> None:
        super().__init__(form)
        self.host = host
        self.view = child(form, QTreeView, "attendanceView")
        self.model = AttendanceModel(self)
        self.view.setModel(self.model)
        header = self.view.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.quorum = child(form, QLabel, "quorumLabel")
        self.hint = child(form, QLabel, "attendanceHint")
        self.view.installEventFilter(self)
        buttons = {
            "presentButton": lambda: self.mark("present"),
            "apologiesButton": lambda: self.mark("apologies"),
            "absentButton": lambda: self.mark("absent"),
            "lateButton": self.arrived_late,
            "leftButton": self.left_early,
            "substituteButton": self.add_substitute,
            "guestButton": self.add_guest,
        }
        for name, slot in buttons.items():
            child(form, QPushButton, name).clicked.connect(slot)
        self._agenda: list[dto.AgendaItemInfo] = []

    # -- data ---------------------------------------------------------------------------------
    def refresh(self, agenda: list[dto.AgendaItemInfo]) -> None:
        """Reload from the services, keeping the selected person selected."""
        selected = self.current()
        services, meeting = self.host.services, self.host.meeting
        self._agenda = agenda
        members = services.register.memberships(meeting.board_id, current_on=meeting.date)
        recorded = services.meetings.attendance(meeting.id)
        self.model.set_groups(attendance_groups(members, recorded), item_labels(agenda))
        self.view.expandAll()
        if selected is not None:
            self.select_person(selected.person.id)
        elif self.model.rowCount() and self.model.rowCount(self.model.index(0, 0)):
            self.view.setCurrentIndex(self.model.index(0, 0, self.model.index(0, 0)))
        item = self.host.item_being_taken()
        quorum = services.quorum.at_item(meeting.id, item.id if item else None)
        at = f"At item {item.number}: " if item and item.number else ""
        self.quorum.setText(f"{at}{quorum.text}")
        where = (
            f"item {item.number}: {item.title}"
            if item and item.number
            else (item.title if item else "")
        )
        self.hint.setText(
            f"Late arrivals (L) and early departures (E) are recorded against the item being taken: {where}."
            if item
            else "Late arrivals (L) and early departures (E) are recorded against the item being taken: "
            "open an item first."
        )

    def current(self) -> Attendee | None:
        return self.model.attendee(self.view.currentIndex())

    def select_person(self, person_id: int) -> None:
        index = self.model.index_of_person(person_id)
        if index.isValid():
            self.view.setCurrentIndex(index)

    def _next_person(self) -> None:
        """Move down to the next person, across organisation headings."""
        index = self.view.currentIndex()
        while True:
            index = self.view.indexBelow(index)
            if not index.isValid():
                return
            if self.model.attendee(index) is not None:
                self.view.setCurrentIndex(index)
                return

    # -- keys -----------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if (
                event.modifiers()
                & ~Qt.KeyboardModifier.KeypadModifier
                & ~Qt.KeyboardModifier.ShiftModifier
            ):
                return False
            return self._key(Qt.Key(event.key()))
        return False

    def _key(self, key: Qt.Key) -> bool:
        if key in STATUS_KEYS:
            self.mark(STATUS_KEYS[key])
            return True
        actions = {
            Qt.Key.Key_L: self.arrived_late,
            Qt.Key.Key_E: self.left_early,
            Qt.Key.Key_S: self.add_substitute,
            Qt.Key.Key_G: self.add_guest,
            Qt.Key.Key_Delete: self.clear,
            Qt.Key.Key_Backspace: self.clear,
        }
        if key in actions:
            actions[key]()
            return True
        return False

    # -- changes ------------------------------------------------------------------------------
    def _change(self, person: Attendee, after: AttendanceSpec | None) -> bool:
        before = AttendanceSpec.of(person.attendance)
        if before == after:
            return True
        command = SetAttendance(self.host, person.person.id, person.person.full_name, before, after)
        done = self.host.run_command(command)
        self.select_person(person.person.id)
        return done

    def mark(self, status: str) -> None:
        person = self.current()
        if person is None:
            return
        before = AttendanceSpec.of(person.attendance)
        after = replace(before, status=status) if before else AttendanceSpec(status)
        if status not in ("present", "in_attendance"):
            after = replace(after, arrived_during_id=None, left_during_id=None)
        if self._change(person, after):
            self._next_person()

    def clear(self) -> None:
        person = self.current()
        if person is not None:
            self._change(person, None)

    def _against_item(self, field: str) -> None:
        person = self.current()
        item = self.host.item_being_taken()
        if person is None:
            return
        if item is None:
            self.host.notice(
                "Open the item being taken first, then record the late arrival or departure."
            )
            return
        before = AttendanceSpec.of(person.attendance) or AttendanceSpec("present")
        status = before.status if before.status in ("present", "in_attendance") else "present"
        current = getattr(before, field)
        value = None if current == item.id else item.id  # pressing again takes it back
        self._change(person, replace(before, status=status, **{field: value}))

    def arrived_late(self) -> None:
        self._against_item("arrived_during_id")

    def left_early(self) -> None:
        self._against_item("left_during_id")

    def add_substitute(self) -> None:
        member = self.current()
        if member is None or not member.role:
            self.host.notice("Select the member who is being substituted, then press S.")
            return
        dialog = PersonDialog(
            self.view.window(),
            self.host.services,
            title="Substitute",
            intro=f"Who is attending in place of {member.person.display_name}?",
            organisation_id=member.person.organisation_id,
        )
        # The name is journalled as it is typed (and put back here after a crash).
        member_id = member.person.id
        draft = self.host.drafts.take("substitute", member_id=member_id)
        self.host.drafts.watch(dialog, "substitute", ATTENDANCE, draft=draft, member_id=member_id)
        open_dialog(
            dialog, lambda: self._substitute_chosen(member, dialog), focus=self.view.setFocus
        )

    def _substitute_chosen(self, member: Attendee, dialog: PersonDialog) -> None:
        sub = dialog.person
        if sub is None:
            return
        commands: list[ServiceCommand] = []
        if member.status != "apologies":
            before = AttendanceSpec.of(member.attendance)
            commands.append(
                SetAttendance(
                    self.host,
                    member.person.id,
                    member.person.full_name,
                    before,
                    AttendanceSpec("apologies"),
                )
            )
        previous = self.host.services.meetings.attendance(self.host.meeting.id)
        sub_before = AttendanceSpec.of(next((a for a in previous if a.person.id == sub.id), None))
        commands.append(
            SetAttendance(
                self.host,
                sub.id,
                sub.full_name,
                sub_before,
                AttendanceSpec("present", substitute_for_id=member.person.id),
            )
        )
        if self.host.run_group(
            f"{sub.full_name} substitutes for {member.person.full_name}", commands
        ):
            self.select_person(sub.id)
        self.view.setFocus()

    def add_guest(self) -> None:
        dialog = PersonDialog(
            self.view.window(),
            self.host.services,
            title="Guest",
            intro="Someone attending who is not a member (an officer presenting, a guest).",
        )
        draft = self.host.drafts.take("guest")
        self.host.drafts.watch(dialog, "guest", ATTENDANCE, draft=draft)
        open_dialog(dialog, lambda: self._guest_chosen(dialog), focus=self.view.setFocus)

    def _guest_chosen(self, dialog: PersonDialog) -> None:
        guest = dialog.person
        if guest is None:
            return
        previous = self.host.services.meetings.attendance(self.host.meeting.id)
        before = AttendanceSpec.of(next((a for a in previous if a.person.id == guest.id), None))
        status = "present" if before and before.status == "present" else "in_attendance"
        after = replace(before, status=status) if before else AttendanceSpec(status)
        self.host.run_command(SetAttendance(self.host, guest.id, guest.full_name, before, after))
        self.select_person(guest.id)
        self.view.setFocus()


def first_person_index(model: AttendanceModel) -> QModelIndex:
    if model.rowCount() and model.rowCount(model.index(0, 0)):
        return model.index(0, 0, model.index(0, 0))
    return QModelIndex()

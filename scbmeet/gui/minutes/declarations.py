"""Declarations of interest in minutes mode: a pane docked under the minute, never a dialog.

Ctrl+I opens the pane with the keyboard in its first field: who (completed from the
register), the item (the one being taken unless another is chosen), the nature of the
interest and whether they left the room. Enter records it as one undoable step and gives the
keyboard back to where it was (usually the minute's text); Escape gives it back without
recording, keeping what was typed for next time. The pane lists the meeting's declarations;
Delete on one removes it (undoable too). A problem is named in the pane in one line and
nothing is stored.
"""

from __future__ import annotations

import uuid
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scbmeet.domain import dto
from scbmeet.gui.minutes.commands import Host, ServiceCommand
from scbmeet.gui.minutes.drafts import Drafts, field_state, fill_fields
from scbmeet.gui.minutes.rows import ATTENDANCE, RowKey
from scbmeet.gui.minutes.suggestions import SuggestionBox

SHORTCUT = "Ctrl+I"


class DeclarationsHost(Host, Protocol):
    """What the pane needs of the window besides what commands need."""

    drafts: Drafts  # what is typed in the pane, journalled until it is recorded

    def item_being_taken(self) -> dto.AgendaItemInfo | None: ...

    def run_command(self, command: ServiceCommand) -> bool: ...

    def focus_narrative(self) -> None: ...


class AddDeclaration(ServiceCommand):
    def __init__(self, host: Host, person_id: int, fields: dict[str, object]) -> None:
        super().__init__(host, "record a declaration of interest")
        self.person_id, self.fields = person_id, fields
        self.declaration_id: int | None = None

    def do(self) -> None:
        info = self.services.declarations.add(
            self.host.meeting.id,
            self.person_id,
            str(self.fields["nature"]),
            agenda_item_id=self.fields["agenda_item_id"],  # type: ignore[arg-type]
            left_room=bool(self.fields["left_room"]),
        )
        if self.declaration_id is not None:
            previous = self.host.ids.current("declaration", self.declaration_id)
            self.host.ids.moved("declaration", previous, info.id)
        else:
            self.declaration_id = info.id

    def revert(self) -> None:
        assert self.declaration_id is not None
        self.services.declarations.delete(self.host.ids.current("declaration", self.declaration_id))


class RemoveDeclaration(AddDeclaration):
    def __init__(self, host: Host, declaration: dto.DeclarationInfo) -> None:
        fields: dict[str, object] = {
            "nature": declaration.nature,
            "agenda_item_id": declaration.agenda_item_id,
            "left_room": declaration.left_room,
        }
        super().__init__(host, declaration.person_id, fields)
        self.setText("remove a declaration of interest")
        self.declaration_id = declaration.id

    def do(self) -> None:
        AddDeclaration.revert(self)

    def revert(self) -> None:
        AddDeclaration.do(self)


def declaration_label(declaration: dto.DeclarationInfo, items: dict[int, str]) -> str:
    where = items.get(declaration.agenda_item_id or -1, "")
    left = "; left the room" if declaration.left_room else ""
    at = f" — {where}" if where else ""
    return f"{declaration.person_name}{at}: {declaration.nature}{left}"


class DeclarationsPane(QObject):
    """The docked pane, its Ctrl+I action and its list of the meeting's declarations."""

    def __init__(self, host: DeclarationsHost, window: QMainWindow) -> None:
        super().__init__(window)
        self.host, self.window = host, window
        self._return_to: QWidget | None = None
        self._items: dict[int, str] = {}
        self._draft: str | None = None  # the journal's name for what is being typed here
        self.dock = QDockWidget("Declarations of interest", window)
        self.dock.setObjectName("declarationsDock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.dock.setWidget(self._build())
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self.action = QAction("Record a declaration of &interest…", window)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(lambda _checked=False: self.open())
        menus = [a.menu() for a in window.menuBar().actions() if a.text() == "&Minutes"]
        if menus and menus[0] is not None:
            menus[0].addAction(self.action)  # so the menu bar and F1 list it too
        else:
            window.addAction(self.action)

    def _build(self) -> QWidget:
        body = QWidget()
        self.person_edit = QLineEdit(objectName="declarationPerson")
        self.person_edit.setPlaceholderText("who declares (from the register)")
        self.person_suggestions = QListView(objectName="declarationPersonSuggestions")
        self.person_suggestions.setMaximumHeight(90)
        people = self.host.services.register.people(include_inactive=False)
        self._people = {p.full_name: p for p in people}
        SuggestionBox(self.person_edit, self.person_suggestions, list(self._people))
        self.item_combo = QComboBox(objectName="declarationItem")
        self.nature_edit = QLineEdit(objectName="declarationNature")
        self.nature_edit.setPlaceholderText(
            "the interest, e.g. trustee of a charity bidding for the fund"
        )
        self.left_room = QCheckBox("&Left the room for the item", objectName="declarationLeftRoom")
        self.problem = QLabel(objectName="declarationProblem")
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        record = QPushButton("&Record", objectName="declarationRecord")
        record.clicked.connect(self.record)
        done = QPushButton("Back to the minute (Esc)", objectName="declarationClose")
        done.clicked.connect(self.give_back)
        self.list = QListWidget(objectName="declarationList")
        self.list.setMaximumHeight(120)
        form = QFormLayout()
        form.addRow("&Who", self.person_edit)
        form.addRow("", self.person_suggestions)
        form.addRow("&Item", self.item_combo)
        form.addRow("&Nature", self.nature_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.left_room)
        buttons.addWidget(self.problem, 1)
        buttons.addStretch()
        buttons.addWidget(record)
        buttons.addWidget(done)
        form.addRow("", buttons)
        listed = QVBoxLayout()
        listed.addWidget(QLabel("Declared at this meeting (Delete removes one):"))
        listed.addWidget(self.list)
        layout = QHBoxLayout(body)  # the form and the list side by side: the pane stays low
        layout.addLayout(form, 3)
        layout.addLayout(listed, 2)
        for widget in (self.person_edit, self.item_combo, self.nature_edit, self.left_room):
            widget.installEventFilter(self)
        self.list.installEventFilter(self)
        self.person_edit.textChanged.connect(self._typed)
        self.nature_edit.textChanged.connect(self._typed)
        self.left_room.toggled.connect(self._typed)
        return body

    # -- kept as typed ------------------------------------------------------------------------
    def _typed(self, *_args: object) -> None:
        """Journal the pane's fields as they change, as a dialog's are, until recorded."""
        if not (self.person_edit.text().strip() or self.nature_edit.text().strip()):
            if self._draft is not None:
                self.host.drafts.drop(self._draft)
                self._draft = None
            return
        if self._draft is None:
            self._draft = uuid.uuid4().hex
        taking = self.host.item_being_taken()
        row = RowKey("item", taking.id) if taking is not None else ATTENDANCE
        self.host.drafts.keep(self._draft, "declaration", row, field_state(self.dock.widget()))

    def _put_back(self) -> bool:
        """What a session that ended (killed) left typed here, back in the fields."""
        if self._draft is not None:
            return False
        draft = self.host.drafts.take("declaration")
        if draft is None:
            return False
        self._draft = draft.ident
        fill_fields(self.dock.widget(), draft.fields)
        return True

    # -- opening and closing ----------------------------------------------------------------
    def open(self) -> None:
        """Show the pane for the item being taken, with the keyboard in its first field."""
        focus = QApplication.focusWidget()
        if focus is None or not self.dock.isAncestorOf(focus):
            self._return_to = focus
        self.refresh()
        put_back = self._put_back()
        self.dock.show()
        self.person_edit.setFocus()
        if not put_back:  # what was put back is carried on, not replaced by the next key
            self.person_edit.selectAll()

    def give_back(self) -> None:
        """Hide the pane (what was typed stays for next time) and give the keyboard back."""
        self.dock.hide()
        target = self._return_to
        self._return_to = None
        if target is not None and target.isVisible():
            target.setFocus()
        else:
            self.host.focus_narrative()

    def refresh_if_shown(self) -> None:
        """After any change (an undo, another window): the list, if it is on screen."""
        if self.dock.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """The items to choose from (the one being taken first chosen) and the list."""
        agenda = self.host.services.agenda.agenda(self.host.meeting.id)
        self._items = {i.id: (f"{i.number}. {i.title}" if i.number else i.title) for i in agenda}
        chosen = self.item_combo.currentData()
        taking = self.host.item_being_taken()
        self.item_combo.clear()
        self.item_combo.addItem("(the meeting as a whole)", None)
        for item_id, label in self._items.items():
            self.item_combo.addItem(label, item_id)
        wanted = taking.id if taking is not None else chosen
        self.item_combo.setCurrentIndex(max(0, self.item_combo.findData(wanted)))
        self.list.clear()
        for declaration in self.host.services.declarations.of_meeting(self.host.meeting.id):
            entry = QListWidgetItem(declaration_label(declaration, self._items))
            entry.setData(Qt.ItemDataRole.UserRole, declaration)
            self.list.addItem(entry)

    # -- recording --------------------------------------------------------------------------
    def _person(self) -> dto.PersonInfo | None:
        """The one register person typed; otherwise says why in the pane."""
        typed = " ".join(self.person_edit.text().split())
        if not typed:
            return self._refuse("Type who is declaring an interest.", self.person_edit)
        if typed in self._people:
            return self._people[typed]
        people = [m for m in self.host.services.register.match_owner(typed) if m.person_id]
        if len(people) == 1 and people[0].person_id is not None:
            return self.host.services.register.person(people[0].person_id)
        if people:
            names = ", ".join(p.name for p in people[:5])
            return self._refuse(
                f"'{typed}' could be {names}: pick one from the list.", self.person_edit
            )
        return self._refuse(
            f"'{typed}' is not in the register: pick someone from the list.", self.person_edit
        )

    def _refuse(self, message: str, where: QWidget) -> None:
        self.problem.setText(message)
        self.problem.show()
        where.setFocus()
        return None

    def record(self) -> None:
        person = self._person()
        if person is None:
            return
        nature = self.nature_edit.text().strip()
        if not nature:
            self._refuse("Say what the interest is.", self.nature_edit)
            return
        fields: dict[str, object] = {
            "nature": nature,
            "agenda_item_id": self.item_combo.currentData(),
            "left_room": self.left_room.isChecked(),
        }
        if not self.host.run_command(AddDeclaration(self.host, person.id, fields)):
            self._refuse(
                "The declaration was not recorded (see the message above).", self.nature_edit
            )
            return
        self.problem.hide()
        self.person_edit.clear()
        self.nature_edit.clear()
        self.left_room.setChecked(False)
        self.refresh()
        self.give_back()

    def remove_selected(self) -> None:
        entry = self.list.currentItem()
        if entry is None:
            return
        declaration = entry.data(Qt.ItemDataRole.UserRole)
        self.host.run_command(RemoveDeclaration(self.host, declaration))
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key == Qt.Key.Key_Escape and not self.person_suggestions.isVisible():
            self.give_back()
            return True
        if watched is self.list and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_selected()
            return True
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and watched in (self.nature_edit, self.item_combo, self.left_room):
            self.record()
            return True
        if enter and watched is self.person_edit and not self.person_suggestions.isVisible():
            self.nature_edit.setFocus()  # Enter on the name moves on, as Tab does
            return True
        return False

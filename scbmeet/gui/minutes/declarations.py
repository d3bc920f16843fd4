"""Declarations of interest in minutes mode: a pane docked under the minute, never a dialog.

Ctrl+I opens the pane with the keyboard in its first field: who (completed from the
register), the item (the one being taken unless another is chosen), the nature of the
interest, the entry of that member's register of interests it is kept against (which sets
its kind) or its kind on its own (disclosable pecuniary, other registrable, non-registrable),
and whether they left the room. Enter records it as one undoable step and gives the
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
from scbmeet.domain.access_rules import INTEREST_KIND_LABELS
from scbmeet.gui.minutes.commands import Host, ServiceCommand
from scbmeet.gui.minutes.declaration_steps import (
    AddDeclaration,
    RemoveDeclaration,
    declaration_label,
    interest_label,
)
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
        self.interest_combo = QComboBox(objectName="declarationInterest")
        self.interest_combo.setProperty("journalled", True)
        self.interest_combo.setToolTip("The entry of the member's register of interests")
        self.kind_combo = QComboBox(objectName="declarationKind")
        self.kind_combo.setProperty("journalled", True)
        self.kind_combo.addItem("(kind not said)", "")
        for value, label in INTEREST_KIND_LABELS.items():
            self.kind_combo.addItem(label[0].upper() + label[1:], value)
        self._fill_interests(None)
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
        register = QHBoxLayout()  # one row for both, so the pane stays low
        register.addWidget(self.interest_combo, 3)
        kind_label = QLabel("&Kind")
        kind_label.setBuddy(self.kind_combo)
        register.addWidget(kind_label)
        register.addWidget(self.kind_combo, 2)
        form.addRow("Re&gister", register)
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
        register_label = form.labelForField(register)
        if isinstance(register_label, QLabel):
            register_label.setBuddy(self.interest_combo)
        choosers = (self.item_combo, self.interest_combo, self.kind_combo)
        for widget in (self.person_edit, *choosers, self.nature_edit, self.left_room):
            widget.installEventFilter(self)
        self.list.installEventFilter(self)
        self.person_edit.textChanged.connect(self._typed)
        self.nature_edit.textChanged.connect(self._typed)
        self.left_room.toggled.connect(self._typed)
        self.person_edit.textChanged.connect(self._person_typed)
        self.person_edit.editingFinished.connect(self._person_left)
        self.interest_combo.currentIndexChanged.connect(self._interest_chosen)
        self.kind_combo.currentIndexChanged.connect(self._typed)
        return body

    # -- the register of interests ------------------------------------------------------------
    def _person_typed(self, text: str) -> None:
        """A name picked from the register lists that member's interests at once; a name
        typed another way ("Cllr Sharma") does when the field is left (see _person_left)."""
        typed = " ".join(text.split())
        if typed in self._people or not typed:
            self._show_interests_of(self._people.get(typed))

    def _person_left(self) -> None:
        self._show_interests_of(self._matched(self.person_edit.text()))

    def _show_interests_of(self, person: dto.PersonInfo | None) -> None:
        if (person.id if person else None) != self.interest_combo.property("personId"):
            self._fill_interests(person)

    def _matched(self, text: str) -> dto.PersonInfo | None:
        """The one register person ``text`` names, or None (quietly: nothing recorded yet)."""
        typed = " ".join(text.split())
        if not typed or typed in self._people:
            return self._people.get(typed)
        people = [m for m in self.host.services.register.match_owner(typed) if m.person_id]
        if len(people) == 1 and people[0].person_id is not None:
            return self.host.services.register.person(people[0].person_id)
        return None

    def _fill_interests(self, person: dto.PersonInfo | None) -> None:
        combo = self.interest_combo
        combo.blockSignals(True)
        combo.clear()
        combo.setProperty("personId", person.id if person is not None else None)
        if person is None:
            combo.addItem("(not kept against the register)", None)
        else:
            current = self.host.services.interests.of_person(person.id, on=self.host.meeting.date)
            none = "(not on the register)" if current else "(no registered interests)"
            combo.addItem(none, None)
            for interest in current:
                combo.addItem(interest_label(interest), interest.id)
                combo.setItemData(combo.count() - 1, interest.kind, Qt.ItemDataRole.UserRole + 1)
        combo.blockSignals(False)

    def _interest_chosen(self, index: int) -> None:
        """A register entry chosen gives the declaration its kind (which can be changed)."""
        kind = self.interest_combo.itemData(index, Qt.ItemDataRole.UserRole + 1)
        if kind:
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        self._typed()

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
        # the member first, so that their register entries are there to choose again
        self._show_interests_of(self._matched(str(draft.fields.get("declarationPerson", ""))))
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
            "interest_id": self.interest_combo.currentData(),
            "kind": self.kind_combo.currentData() or "",
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
        self.kind_combo.setCurrentIndex(0)
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
        choosers = (self.item_combo, self.interest_combo, self.kind_combo)
        if enter and watched in (self.nature_edit, *choosers, self.left_room):
            self.record()
            return True
        if enter and watched is self.person_edit and not self.person_suggestions.isVisible():
            self.nature_edit.setFocus()  # Enter on the name moves on, as Tab does
            return True
        return False

"""Owners "to be confirmed": the names nearest to an owner typed as heard, beside the actions.

A ``#action`` line whose owner the register does not match (``Rachel Okafer``) is recorded
at once with the owner as typed. :class:`OwnerConfirmPane` shows, under the minute's
records, which action waits for its owner and the register names nearest to it (``Rachel
Okafor``); nothing takes the keyboard from the narrative. A click on a name - or
Ctrl+Shift+O, Down/Up and Enter - confirms it as one undoable step, and the keyboard goes
back to the narrative. *Add to the register…* is there for someone the register lacks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from scbmeet.domain import dto
from scbmeet.gui.minutes.commands import ConfirmOwner, Host, ServiceCommand
from scbmeet.gui.minutes.dialogs import PersonDialog, open_dialog, owner_names
from scbmeet.gui.minutes.models import KEY_ROLE
from scbmeet.gui.minutes.panes import MinutesPanes
from scbmeet.gui.minutes.rows import RowKey
from scbmeet.gui.minutes.suggestions import nearest_names
from scbmeet.text.shorthand import split_owner_text

FRAME_STYLE = "#ownerConfirmFrame { border: 1px solid #d9b100; border-radius: 4px; }"
OWNER_ROLE = Qt.ItemDataRole.UserRole + 7


class ConfirmHost(Host, Protocol):
    def run_command(self, command: ServiceCommand) -> bool: ...

    def current_key(self) -> RowKey | None: ...


class OwnerConfirmPane(QObject):
    """The "owner to be confirmed" strip under the records of the minute on screen."""

    def __init__(
        self, host: ConfirmHost, panes: MinutesPanes, back_to_text: Callable[[], None]
    ) -> None:
        super().__init__(panes)
        self.host, self.panes, self.back_to_text = host, panes, back_to_text
        self.action: dto.ActionInfo | None = None
        self.name = ""
        self.frame = QFrame(panes.records_view.parentWidget())
        self.frame.setObjectName("ownerConfirmFrame")
        self.frame.setStyleSheet(FRAME_STYLE)
        layout = QVBoxLayout(self.frame)
        layout.setContentsMargins(6, 4, 6, 4)
        self.label = QLabel(self.frame)
        self.label.setWordWrap(True)
        self.list = QListWidget(self.frame)
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setMaximumHeight(30)
        self.list.setSpacing(2)
        self.add_button = QPushButton("Add to the register…", self.frame)
        self.add_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the typing be
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addWidget(self.add_button)
        layout.addWidget(self.label)
        layout.addLayout(row)
        records_layout = panes.records_view.parentWidget().layout()
        assert isinstance(records_layout, QVBoxLayout)
        records_layout.insertWidget(records_layout.indexOf(panes.records_view) + 1, self.frame)
        self.frame.hide()
        self.list.itemClicked.connect(self._picked)
        self.list.itemActivated.connect(self._picked)
        self.list.installEventFilter(self)
        self.add_button.clicked.connect(self._add_to_register)
        panes.records_view.selectionModel().currentRowChanged.connect(
            lambda *_: self.show_for(self._minute)
        )
        self._minute: dto.MinuteItemInfo | None = None
        self._filled_for: tuple[int, str] | None = None

    # -- what is shown -----------------------------------------------------------------------
    def show_for(self, minute: dto.MinuteItemInfo | None) -> None:
        """The action of ``minute`` waiting for its owner (the selected one, else the first)."""
        self._minute = minute
        waiting = [a for a in (minute.actions if minute else ()) if not a.owner_confirmed]
        chosen = self.panes.records_view.currentIndex().data(KEY_ROLE)
        selected = [a for a in waiting if chosen == ("action", a.id)]
        self.action = (selected or waiting or [None])[0]
        if self.action is None:
            self.frame.hide()
            return
        names = split_owner_text(self.action.owner_to_confirm)
        self.name = names[0] if names else self.action.owner_to_confirm
        more = f" ({len(waiting)} actions wait for their owner)" if len(waiting) > 1 else ""
        self.label.setText(
            f"<b>Owner to be confirmed</b>{more}: “{self.name}” for “{self.action.text}”. "
            "Click the right name (or Ctrl+Shift+O, then Enter):"
        )
        if self._filled_for != (self.action.id, self.name):  # refreshes come with every save
            self._filled_for = (self.action.id, self.name)
            self._fill(self.candidates(self.name))
        self.frame.show()

    def candidates(self, typed: str) -> list[dto.OwnerRef]:
        """Who ``typed`` could be: the register's own matches, then the nearest names."""
        register = self.host.services.register
        found = list(register.match_owner(typed))
        for name in nearest_names(typed, owner_names(self.host.services)):
            matches = register.match_owner(name)
            if len(matches) == 1 and matches[0] not in found:
                found.append(matches[0])
        return found

    def _fill(self, owners: list[dto.OwnerRef]) -> None:
        self.list.clear()
        for owner in owners:
            item = QListWidgetItem(owner.name, self.list)
            item.setData(OWNER_ROLE, owner)
        if not owners:
            QListWidgetItem("(no name in the register is near it)", self.list).setFlags(
                Qt.ItemFlag.NoItemFlags
            )
        self.list.setCurrentRow(0 if owners else -1)

    # -- confirming --------------------------------------------------------------------------
    def focus_list(self) -> bool:
        """Ctrl+Shift+O: the keyboard to the names, if an owner is waiting to be confirmed."""
        if self.action is None or not self.frame.isVisible():
            return False
        self.list.setFocus()
        return True

    def _picked(self, item: QListWidgetItem) -> None:
        owner = item.data(OWNER_ROLE)
        if isinstance(owner, dto.OwnerRef):
            self.confirm(owner)

    def confirm(self, owner: dto.OwnerRef) -> bool:
        action, key = self.action, self.host.current_key()
        if action is None or key is None:
            return False
        done = self.host.run_command(ConfirmOwner(self.host, key, action, self.name, owner))
        self.back_to_text()
        return done

    def _add_to_register(self) -> None:
        dialog = PersonDialog(
            self.panes,
            self.host.services,
            title="Add to the register",
            intro="Add this person to the register so the action can be given to them.",
            name=self.name,
        )

        def added() -> None:
            if dialog.person is not None:
                self.confirm(dto.OwnerRef(person_id=dialog.person.id, name=dialog.person.full_name))

        open_dialog(dialog, added, focus=self.back_to_text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.back_to_text()
                return True
        return False

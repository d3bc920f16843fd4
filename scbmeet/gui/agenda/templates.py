"""The board's agenda templates: rename one (in place, F2 or *Rename*) or delete one.

Meeting ▸ Agenda templates… opens :class:`TemplatesDialog` on the board shown; templates are
saved from a meeting page (*Save as template*) and chosen under *Start from* in New meeting.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scbmeet.domain.errors import ScbmeetError
from scbmeet.gui.widgets import dialogs
from scbmeet.services import Services

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class TemplatesDialog(QDialog):
    """Rename and delete the saved agenda templates of one board."""

    def __init__(self, services: Services, board_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.board_id = services, board_id
        board = services.register.board(board_id)
        self.setWindowTitle(f"Agenda templates – {board.short_name}")
        self.model = QStandardItemModel(self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setEditTriggers(
            QListView.EditTrigger.DoubleClicked
            | QListView.EditTrigger.EditKeyPressed
            | QListView.EditTrigger.SelectedClicked
        )
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.rename_button = QPushButton("&Rename", self)
        self.delete_button = QPushButton("&Delete…", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.rename_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.rename_button.clicked.connect(self.start_rename)
        self.delete_button.clicked.connect(self.delete_selected)
        self.model.itemChanged.connect(self._renamed)
        self.resize(460, 320)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.model.blockSignals(True)
        self.model.clear()
        for template_id, name in self.services.agenda.templates(self.board_id):
            item = QStandardItem(name)
            item.setData(template_id, ID_ROLE)
            item.setData(name, Qt.ItemDataRole.ToolTipRole)
            self.model.appendRow(item)
        self.model.blockSignals(False)
        self.view.reset()
        rows = self.model.rowCount()
        if not rows:
            self.note.setText(
                "This board has no templates yet. Save one from a meeting's agenda "
                "(Meeting ▸ Save agenda as template…)."
            )
        else:
            self.note.setText("Double-click or press F2 to rename a template.")
        ids = [self.model.item(r).data(ID_ROLE) for r in range(rows)]
        if rows:
            row = ids.index(select_id) if select_id in ids else 0
            self.view.setCurrentIndex(self.model.index(row, 0))
        for button in (self.rename_button, self.delete_button):
            button.setEnabled(bool(rows))

    def names(self) -> list[str]:
        return [self.model.item(r).text() for r in range(self.model.rowCount())]

    def selected_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def start_rename(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.view.edit(index)

    def rename(self, template_id: int, name: str) -> bool:
        """Rename a template; a refusal is said under the list and the old name kept."""
        try:
            self.services.agenda.rename_template(template_id, name)
        except ScbmeetError as exc:
            self.reload(template_id)
            self.note.setText(str(exc))
            return False
        self.reload(template_id)
        self.note.setText(f"Renamed the template “{name.strip()}”.")
        return True

    def _renamed(self, item: QStandardItem) -> None:
        self.rename(item.data(ID_ROLE), item.text())

    def delete_selected(self) -> None:
        template_id = self.selected_id()
        if template_id is None:
            return
        name = self.view.currentIndex().data()
        if not dialogs.confirm(
            self,
            "Delete template",
            f"Delete the agenda template “{name}”? Meetings made from it keep their agendas.",
            yes="Delete",
        ):
            return
        try:
            self.services.agenda.delete_template(template_id)
        except ScbmeetError as exc:
            self.note.setText(str(exc))
            return
        self.reload()
        self.note.setText(f"Deleted the template “{name}”.")


__all__ = ["TemplatesDialog"]

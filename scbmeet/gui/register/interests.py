"""A member's entries in the register of interests: listed, added and removed.

Opened from the members page (Interests…). Each interest is a kind (disclosable pecuniary,
other registrable, non-registrable), the organisation or matter, and optional dates; the
chair's brief and minutes mode then show it beside the items that touch it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scbmeet.domain.access_rules import INTEREST_KIND_LABELS
from scbmeet.domain.dto import PersonInfo, long_date
from scbmeet.domain.errors import ScbmeetError
from scbmeet.domain.public_dto import InterestInfo
from scbmeet.gui.widgets.dialogs import ERROR_STYLE
from scbmeet.services import Services
from scbmeet.text.dates import parse_date


def interest_text(info: InterestInfo) -> str:
    dates = [f"from {long_date(info.start_date)}" if info.start_date else ""]
    dates.append(f"to {long_date(info.end_date)}" if info.end_date else "")
    when = " ".join(d for d in dates if d)
    return f"{info.matter} – {info.kind_label}{' (' + when + ')' if when else ''}"


class InterestsDialog(QDialog):
    """The register of one member's interests; each change is saved at once."""

    def __init__(self, services: Services, person: PersonInfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.person = person
        self.setWindowTitle(f"Register of interests – {person.display_name}")
        self.list = QListWidget(self)
        self.list.setObjectName("interestsList")
        self.kind_combo = QComboBox(self)
        for value, label in INTEREST_KIND_LABELS.items():
            self.kind_combo.addItem(label[0].upper() + label[1:], value)
        self.matter_edit = QLineEdit(self)
        self.matter_edit.setPlaceholderText("e.g. Marlbury Women's Aid (trustee)")
        self.from_edit = QLineEdit(self)
        self.from_edit.setPlaceholderText("optional, e.g. 1/5/26")
        self.to_edit = QLineEdit(self)
        self.to_edit.setPlaceholderText("optional")
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.add_button = QPushButton("&Add to the register", self)
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton("&Remove", self)
        self.remove_button.clicked.connect(self.remove_selected)
        self._lay_out()
        self.reload()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("&Kind:", self.kind_combo)
        form.addRow("&Organisation or matter:", self.matter_edit)
        dates = QHBoxLayout()
        dates.addWidget(self.from_edit)
        dates.addWidget(QLabel("to", self))
        dates.addWidget(self.to_edit)
        from_label = QLabel("&From:", self)
        from_label.setBuddy(self.from_edit)  # a row holding a layout gets no buddy of its own
        form.addRow(from_label, dates)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(560, 420)

    def reload(self) -> None:
        self.list.clear()
        for info in self.services.interests.of_person(self.person.id):
            row = QListWidgetItem(interest_text(info))
            row.setData(256, info.id)
            self.list.addItem(row)
        self.remove_button.setEnabled(self.list.count() > 0)

    def entries(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def add(self) -> None:
        """Register what is typed; a problem is shown under the fields, nothing is stored."""
        try:
            start = parse_date(self.from_edit.text()) if self.from_edit.text().strip() else None
            end = parse_date(self.to_edit.text()) if self.to_edit.text().strip() else None
            self.services.interests.add(
                self.person.id,
                self.kind_combo.currentData(),
                self.matter_edit.text(),
                start_date=start,
                end_date=end,
            )
        except (ScbmeetError, ValueError) as exc:
            self.error_label.setText(str(exc))
            return
        self.error_label.setText("")
        self.matter_edit.clear()
        self.from_edit.clear()
        self.to_edit.clear()
        self.reload()

    def remove_selected(self) -> None:
        row = self.list.currentItem()
        if row is None:
            return
        self.services.interests.delete(int(row.data(256)))
        self.reload()

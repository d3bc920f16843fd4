"""Completion from the register, shown as a list inside the dialog rather than a popup.

While a name is typed, the people, organisations and teams it could be are listed under
the field (names containing what was typed; those starting with it first). Down and Up
pick one, Tab or Enter on a picked one completes it, Esc hides the list. With
``several=True`` each name between slashes is completed on its own, as in
``Sally Goodwin/Kul Mahay``. The list stays in the dialog, so the candidates remain in
view while the minute-taker decides; nothing is ever chosen for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from PySide6.QtCore import QEvent, QModelIndex, QObject, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListView

MAX_SUGGESTIONS = 8
NEAREST_CUTOFF = 0.72  # "Okafer"/"Okafor" is 0.83; unrelated names of that length fall below


def suggestions_for(typed: str, names: Sequence[str]) -> list[str]:
    """Names containing ``typed`` (any case), those starting with it first, at most eight."""
    wanted = typed.strip().lower()
    if not wanted:
        return []
    starting = [n for n in names if n.lower().startswith(wanted)]
    containing = [n for n in names if wanted in n.lower() and n not in starting]
    found = starting + containing
    if len(found) == 1 and found[0].lower() == wanted:
        return []  # already typed in full
    return found[:MAX_SUGGESTIONS]


def nearest_names(typed: str, names: Sequence[str], limit: int = 5) -> list[str]:
    """The register names nearest to a name typed as heard (``Rachel Okafer`` -> ``Rachel
    Okafor``): whole names alike, or the family name alike; closest first, never guessed
    into the record - the minute-taker picks one."""
    wanted = " ".join(typed.lower().split())
    if not wanted:
        return []
    scored: dict[str, float] = {}
    for name in names:
        folded = name.lower()
        whole = SequenceMatcher(None, wanted, folded).ratio()
        family = SequenceMatcher(None, wanted.split()[-1], folded.split()[-1]).ratio()
        score = max(whole, family - 0.1)
        if wanted in folded or score >= NEAREST_CUTOFF:
            scored[name] = max(scored.get(name, 0.0), 1.0 if wanted in folded else score)
    return sorted(scored, key=lambda n: (-scored[n], n.lower()))[:limit]


class SuggestionBox(QObject):
    """Ties a line edit to a list view of suggestions."""

    def __init__(
        self, edit: QLineEdit, view: QListView, names: Sequence[str], *, several: bool = False
    ) -> None:
        super().__init__(edit)
        self.edit, self.view, self.several = edit, view, several
        self.names = sorted(set(names), key=str.lower)
        self.model = QStringListModel(self)
        self.view.setModel(self.model)
        self.view.hide()
        self._picked = False
        edit.textEdited.connect(self.update)
        edit.installEventFilter(self)
        view.clicked.connect(self._clicked)

    def segment(self) -> str:
        text = self.edit.text()
        return text.rsplit("/", 1)[-1] if self.several else text

    def update(self) -> None:
        found = suggestions_for(self.segment(), self.names)
        self.model.setStringList(found)
        self._picked = False
        self.view.clearSelection()
        self.view.setVisible(bool(found))

    def complete(self, name: str) -> None:
        text = self.edit.text()
        head = text.rsplit("/", 1)[0] + "/" if self.several and "/" in text else ""
        self.edit.setText(head + name)
        self.model.setStringList([])
        self.view.hide()
        self._picked = False

    def _clicked(self, index: QModelIndex) -> None:
        self.complete(str(index.data()))
        self.edit.setFocus()

    def _move(self, delta: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        current = self.view.currentIndex().row() if self._picked else -1
        row = max(0, min(rows - 1, current + delta))
        self.view.setCurrentIndex(self.model.index(row, 0))
        self._picked = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.edit or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if not self.view.isVisible():
            return False
        key = event.key()
        if key == Qt.Key.Key_Down:
            self._move(1)
            return True
        if key == Qt.Key.Key_Up:
            self._move(-1)
            return True
        if key == Qt.Key.Key_Escape:
            self.view.hide()
            return True
        picked = self.view.currentIndex() if self._picked else self.model.index(0, 0)
        if key == Qt.Key.Key_Tab and picked.isValid():
            self.complete(str(picked.data()))
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._picked and picked.isValid():
            self.complete(str(picked.data()))
            return True
        return False

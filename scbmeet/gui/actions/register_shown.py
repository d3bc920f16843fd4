"""The rows the actions register shows: the cached rows passing its filter, as a Qt model.

Typing filters every row on each keystroke, so :class:`ShownActionsModel` is built for that:

* A new filter is one pass of :func:`~scbmeet.services.action_filters.filter_rows` over the
  rows in hand (never the database), or only over those shown while typing on narrows them.
* The result replaces the shown list in one layout change: persistent indexes (the
  selection, the current row) follow their actions or, for actions no longer shown, go. A
  filtering proxy would announce each run of removed rows instead, and ask Python about
  every row through ``filterAcceptsRow``.
* A filter that shows the very rows shown already (typing ``partn`` after ``part``, most
  keys of a word) changes nothing: no layout change, no repaint.
* The model's shape - rows, columns, indexes, parents - is that of a
  :class:`QStandardItemModel` holding no items, so Qt answers it in C++. A tree view lays
  out every row after a change, asking for an index of each; of a Python model that is two
  calls into Python per row (16,000 for 8,000 actions, as long as the rest of a keystroke).
  Only :meth:`~ShownActionsModel.data` of the cells painted runs Python.
* A painted cell is asked for seven roles; what a row's cells show is worked out on its
  first paint and kept (:class:`_Looks`), so a repaint - after each key that changes what
  is shown, and on every scroll - only looks the answers up. Working them out each time was
  four fifths of a repaint.

The rows themselves, and their order, are the :class:`~scbmeet.gui.actions.action_models.
ActionsTableModel` 's: sorting by a header sorts that and shows the same rows in its order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItemModel

from scbmeet.gui.actions.action_models import (
    ACTION_ID_ROLE,
    ActionsTableModel,
    action_cell_data,
    column_alignment,
    row_tooltip,
)
from scbmeet.services.action_filters import ActionFilter, filter_rows
from scbmeet.services.action_rows import ActionRow, fold

ModelIndex = QModelIndex | QPersistentModelIndex

# Roles as plain ints (Qt passes data() an int; comparing with enum members costs more).
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
_ACTION_ID = int(ACTION_ID_ROLE)
_LOOK_ROLES = (_DISPLAY, _FOREGROUND, _BACKGROUND, _FONT)  # the order of a _Looks tuple
_KEPT_LOOKS = 3000  # rows whose looks are kept (a few screens' worth, many times over)


class _Looks:
    """What the cells of the rows painted show: for each row, for each role of
    :data:`_LOOK_ROLES` asked of it, the answer of every column (worked out on first ask)."""

    def __init__(self) -> None:
        self._keys: list[str] = []
        self._kept: dict[int, list[tuple[Any, ...] | None]] = {}

    def reset(self, keys: Sequence[str]) -> None:
        """New rows or columns: forget every look."""
        self._keys = list(keys)
        self._kept.clear()

    def of(self, row: ActionRow, place: int) -> tuple[Any, ...]:
        """The answers for role ``_LOOK_ROLES[place]``, one per column."""
        looks = self._kept.get(row.id)
        if looks is None:
            if len(self._kept) >= _KEPT_LOOKS:
                self._kept.clear()
            looks = self._kept[row.id] = [None] * len(_LOOK_ROLES)
        answers = looks[place]
        if answers is None:
            role = _LOOK_ROLES[place]
            answers = looks[place] = tuple(action_cell_data(row, k, role) for k in self._keys)
        return answers


class ShownActionsModel(QStandardItemModel):
    """The rows of ``table`` passing an :class:`ActionFilter`, in the table's order (read-only)."""

    def __init__(self, table: ActionsTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = table
        self._filter = ActionFilter()
        self._shown: list[ActionRow] = []
        self._keys: list[str] = []
        self._alignments: list[int | None] = []
        self._looks = _Looks()
        table.modelReset.connect(self._table_reset)
        table.layoutChanged.connect(self._table_sorted)
        self._table_reset()

    # -- what is shown ----------------------------------------------------------------------------
    def action_filter(self) -> ActionFilter:
        return self._filter

    def set_filter(self, action_filter: ActionFilter) -> None:
        if action_filter == self._filter:
            return
        # Typing on narrows what is shown already: only those rows need testing again.
        among = self._shown if _narrows(self._filter, action_filter) else self._table.rows_view()
        self._filter = action_filter
        self._show(filter_rows(among, action_filter))

    def visible_rows(self) -> list[ActionRow]:
        """The rows shown, in the order shown."""
        return list(self._shown)

    def rows_view(self) -> Sequence[ActionRow]:
        """The rows shown, not copied (for counting them)."""
        return self._shown

    def row_at(self, row: int) -> ActionRow:
        return self._shown[row]

    def _table_reset(self) -> None:
        self.beginResetModel()
        self._keys = [key for key, _header in self._table.columns()]
        self._alignments = [column_alignment(key) for key in self._keys]
        self._looks.reset(self._keys)
        self._shown = filter_rows(self._table.rows_view(), self._filter)
        self._set_shape(len(self._shown), len(self._keys))
        self.endResetModel()

    def _table_sorted(self) -> None:
        shown = {r.id for r in self._shown}
        self._show([r for r in self._table.rows_view() if r.id in shown])

    def _show(self, rows: list[ActionRow]) -> None:
        """Show ``rows`` instead, in one layout change (none if they are those shown)."""
        if _same(rows, self._shown):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        wanted = {self._shown[i.row()].id for i in old}
        position = {r.id: n for n, r in enumerate(rows) if r.id in wanted} if wanted else {}
        self._set_shape(max(len(rows), len(self._shown)))  # room for every new place first
        moved = []
        for index in old:
            n = position.get(self._shown[index.row()].id)
            moved.append(self.index(n, index.column()) if n is not None else QModelIndex())
        self.changePersistentIndexList(old, moved)
        self._shown = rows
        self._set_shape(len(rows))
        self.layoutChanged.emit()

    def _set_shape(self, rows: int, columns: int | None = None) -> None:
        """Size the item-less skeleton quietly: the caller announces the change (as a reset
        or a layout change), so views never hear of rows inserted or removed one run at a time."""
        blocked = self.blockSignals(True)
        try:
            if columns is not None:
                self.setColumnCount(columns)
            self.setRowCount(rows)
        finally:
            self.blockSignals(blocked)

    # -- the model ------------------------------------------------------------------------------
    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        # Asked seven times for every cell painted: the roles no cell answers first.
        if role == _ALIGNMENT:
            return self._alignments[index.column()] if index.isValid() else None
        place = _LOOK_ROLES.index(role) if role in _LOOK_ROLES else -1
        if place < 0 and role not in (_TOOLTIP, _ACTION_ID):
            return None
        row = index.row()
        if not 0 <= row < len(self._shown):
            return None
        action = self._shown[row]
        if place >= 0:
            return self._looks.of(action, place)[index.column()]
        return row_tooltip(action) if role == _TOOLTIP else action.id

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        return False  # read-only (a QStandardItemModel would make an item to hold it)

    # flags() is left to Qt (a view asks it of every row it lays out): the cells say they
    # are editable, so the register's view opens no editor (NoEditTriggers); setData
    # refuses anyway.

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return self._table.headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._table.sort(column, order)  # the table tells us (layoutChanged) to follow it


def _same(rows: Sequence[ActionRow], shown: Sequence[ActionRow]) -> bool:
    """Whether ``rows`` are the very rows ``shown``, in the same order."""
    return len(rows) == len(shown) and all(a is b for a, b in zip(rows, shown, strict=True))


def _narrows(old: ActionFilter, new: ActionFilter) -> bool:
    """Whether every row passing ``new`` passes ``old``: the same filter with more text
    typed on the end (each old word is then part of a new one)."""
    return replace(new, text=old.text) == old and fold(new.text).startswith(fold(old.text))


__all__ = ["ShownActionsModel"]

"""The rows the actions register shows: the cached rows passing its filter, as a Qt model.

Typing filters every row on each keystroke, so :class:`ShownActionsModel` is built for that:

* A new filter is one pass of :func:`~scbmeet.services.action_filters.filter_rows` over the
  rows in hand (never the database), or only over those shown while typing on narrows them.
* The result replaces the shown list in one layout change: persistent indexes (the
  selection, the current row) follow their actions or, for actions no longer shown, go. A
  filtering proxy would announce each run of removed rows instead, and ask Python about
  every row through ``filterAcceptsRow``.
* The model's shape - rows, columns, indexes, parents - is that of a
  :class:`QStandardItemModel` holding no items, so Qt answers it in C++. A tree view lays
  out every row after a change, asking for an index of each; of a Python model that is two
  calls into Python per row (16,000 for 8,000 actions, as long as the rest of a keystroke).
  Only :meth:`~ShownActionsModel.data` of the cells painted runs Python.

The rows themselves, and their order, are the :class:`~scbmeet.gui.actions.action_models.
ActionsTableModel` 's: sorting by a header sorts that and shows the same rows in its order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItemModel

from scbmeet.gui.actions.action_models import ActionsTableModel, action_cell_data
from scbmeet.services.action_filters import ActionFilter, filter_rows
from scbmeet.services.action_rows import ActionRow, fold

ModelIndex = QModelIndex | QPersistentModelIndex


class ShownActionsModel(QStandardItemModel):
    """The rows of ``table`` passing an :class:`ActionFilter`, in the table's order (read-only)."""

    def __init__(self, table: ActionsTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = table
        self._filter = ActionFilter()
        self._shown: list[ActionRow] = []
        self._keys: list[str] = []
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
        self._shown = filter_rows(self._table.rows_view(), self._filter)
        self._set_shape(len(self._shown), len(self._keys))
        self.endResetModel()

    def _table_sorted(self) -> None:
        shown = {r.id for r in self._shown}
        self._show([r for r in self._table.rows_view() if r.id in shown])

    def _show(self, rows: list[ActionRow]) -> None:
        """Show ``rows`` instead, in one layout change."""
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
    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or row >= len(self._shown):
            return None
        return action_cell_data(self._shown[row], self._keys[index.column()], role)

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


def _narrows(old: ActionFilter, new: ActionFilter) -> bool:
    """Whether every row passing ``new`` passes ``old``: the same filter with more text
    typed on the end (each old word is then part of a new one)."""
    return replace(new, text=old.text) == old and fold(new.text).startswith(fold(old.text))


__all__ = ["ShownActionsModel"]

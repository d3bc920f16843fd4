"""Edit ▸ Cut, Copy, Paste and Select all, for whatever has the keyboard.

Text fields do it themselves; the menu items reach them too (a user who does not know the
keys finds them in the menu). A list or table copies its selected rows as tab-separated
text, column by column as shown, so they paste into a spreadsheet or an email.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QApplication

EDIT_METHODS = ("cut", "copy", "paste", "selectAll")


def edit_focused(method: str) -> bool:
    """Call ``method`` (one of :data:`EDIT_METHODS`) on the widget with the keyboard;
    False if it cannot do that."""
    widget = QApplication.focusWidget()
    if widget is None:
        return False
    if isinstance(widget, QAbstractItemView):
        return _edit_view(widget, method)
    call = getattr(widget, method, None)
    if not callable(call):
        return False
    call()
    return True


def _edit_view(view: QAbstractItemView, method: str) -> bool:
    if method == "selectAll":
        view.selectAll()
        return True
    if method != "copy":
        return False
    text = selected_rows_text(view)
    if text:
        QApplication.clipboard().setText(text)
    return bool(text)


def selected_rows_text(view: QAbstractItemView) -> str:
    """The selected rows of ``view``, one line each, the visible columns separated by tabs."""
    model = view.model()
    selection = view.selectionModel()
    if model is None or selection is None:
        return ""
    rows = sorted(selection.selectedRows(), key=_row_order)
    if not rows:
        rows = sorted({_row_start(i) for i in selection.selectedIndexes()}, key=_row_order)
    columns = [c for c in range(model.columnCount(_parent(rows))) if not _hidden(view, c)]
    lines = []
    for row in rows:
        cells = [model.index(row.row(), c, row.parent()).data() for c in columns]
        lines.append("\t".join("" if c is None else str(c).replace("\n", " ") for c in cells))
    return "\n".join(lines)


def _row_start(index: QModelIndex) -> QModelIndex:
    return index.siblingAtColumn(0)


def _row_order(index: QModelIndex) -> tuple[int, ...]:
    """Rows in the order shown, children after their parent."""
    path = []
    while index.isValid():
        path.append(index.row())
        index = index.parent()
    return tuple(reversed(path))


def _parent(rows: list[QModelIndex]) -> QModelIndex:
    return rows[0].parent() if rows else QModelIndex()


def _hidden(view: QAbstractItemView, column: int) -> bool:
    is_hidden = getattr(view, "isColumnHidden", None)
    return bool(is_hidden(column)) if callable(is_hidden) else False


__all__ = ["EDIT_METHODS", "edit_focused", "selected_rows_text"]

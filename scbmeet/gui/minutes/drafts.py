"""What is typed in a minutes-mode dialog before OK, kept in the write-ahead journal.

A resolution, action, update request, new item or progress report is typed in a small
dialog; until OK it is in no database. :class:`Drafts` journals the dialog's fields as they
are typed (an entry keyed ``["draft", ident]``, replaced at each change and dropped when the
dialog closes), so a SIGKILL with a dialog open loses at most the journal's fraction of a
second. When minutes mode next opens on the meeting, each unfinished dialog is put back as
a *draft*: listed (greyed, "unfinished, not yet saved") under its item's records, named in
the notice, kept in this session's journal, and finished by Enter on it (the dialog opens
again as it was) or discarded by Delete. No dialog opens by itself.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from scbmeet.gui.minutes.autosave import TextKeeper
from scbmeet.gui.minutes.form_dialog import FormDialog
from scbmeet.gui.minutes.rows import RecordRow, RowKey
from scbmeet.storage.journal import Entry

DRAFT = "draft"
KIND_WORDS = {
    "resolution": "resolution",
    "action": "action",
    "update": "update request",
    "item": "new item",
    "progress": "progress report",
    "edit_resolution": "change to a resolution",
    "edit_action": "change to an action",
    "substitute": "substitute's name",
    "guest": "guest's name",
    "declaration": "declaration of interest",
}
# Drafts finished where they were typed, not from the list under an item: how, for the notice.
FINISHED_IN_PLACE = {
    "substitute": "S on the member finishes it",
    "guest": "G finishes it",
    "declaration": "Ctrl+I finishes it",
}
# The field that says what the draft is (the first one filled in).
MAIN_FIELDS = ("textEdit", "titleEdit", "nameEdit", "declarationPerson", "declarationNature")
Fields = dict[str, Any]


@dataclass(frozen=True)
class Draft:
    """An unfinished dialog: what kind, under which agenda row, and its fields by name."""

    ident: str
    kind: str
    row: RowKey
    fields: Fields
    title: str = ""  # the agenda row's title, for the notice
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. where an action was taken

    @property
    def key(self) -> list[str]:
        return [DRAFT, self.ident]

    @property
    def text(self) -> str:
        return next((str(self.fields[n]) for n in MAIN_FIELDS if self.fields.get(n)), "")

    def entry(self) -> Entry:
        return {
            "key": self.key,
            "kind": self.kind,
            "row": [self.row.kind, self.row.id],
            "fields": self.fields,
            "title": self.title,
            "extra": self.extra,
        }

    @classmethod
    def of(cls, entry: Entry) -> Draft:
        kind, ident = entry["row"]
        return cls(
            str(entry["key"][1]),
            str(entry["kind"]),
            RowKey(str(kind), int(ident)),
            dict(entry.get("fields") or {}),
            str(entry.get("title") or ""),
            dict(entry.get("extra") or {}),
        )

    def describe(self) -> str:
        what = KIND_WORDS.get(self.kind, self.kind)
        text = " ".join(self.text.split())
        short = text if len(text) <= 40 else text[:39] + "…"
        where = f" in '{self.title}'" if self.title else ""
        how = f" ({FINISHED_IN_PLACE[self.kind]})" if self.kind in FINISHED_IN_PLACE else ""
        return f"an unfinished {what} '{short}'{where}{how}"

    def record_row(self) -> RecordRow:
        kind = self.kind if self.kind in ("resolution", "action", "update") else "draft"
        if self.kind.startswith("edit_"):
            kind = "change"
        owners = str(self.fields.get("ownersEdit", ""))
        return RecordRow(kind, self.ident, self.text, owners, "", pending="unfinished")


def field_state(dialog: QWidget) -> Fields:
    """The dialog's fields by object name (line edits, spin boxes, dates, check/radio buttons)."""
    state: Fields = {}
    for widget in dialog.findChildren(QWidget):
        name = widget.objectName()
        if not name or name.startswith("qt_"):
            continue
        if isinstance(widget, QDateEdit):
            state[name] = widget.date().toString("yyyy-MM-dd")
        elif isinstance(widget, QSpinBox):
            state[name] = widget.value()
        elif isinstance(widget, QLineEdit) and not isinstance(widget.parent(), QAbstractSpinBox):
            state[name] = widget.text()
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            state[name] = widget.isChecked()
        elif isinstance(widget, QComboBox) and widget.property("journalled"):
            state[name] = widget.currentData()  # a choice the pane itself asks for
    return state


def fill_fields(dialog: QWidget, state: Fields) -> None:
    """Put a draft's fields back into a dialog built as the first one was."""
    for name, value in state.items():
        widget = dialog.findChild(QWidget, name)
        if isinstance(widget, QDateEdit):
            widget.setDate(QDate.fromString(str(value), "yyyy-MM-dd"))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value))
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value))
        elif isinstance(widget, QAbstractButton) and widget.isCheckable() and value:
            widget.setChecked(True)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))


def _changes(dialog: QWidget, changed: Callable[..., None]) -> None:
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, QDateEdit):
            widget.dateChanged.connect(changed)
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(changed)
        elif isinstance(widget, QLineEdit) and not isinstance(widget.parent(), QAbstractSpinBox):
            widget.textChanged.connect(changed)
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            widget.toggled.connect(changed)


class KeepTypingAtTheEnd(QObject):
    """A draft put back is carried on from its end: the keyboard arriving in a field does
    not select its text (the next key would replace what was put back)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            assert isinstance(event, QFocusEvent)
            if event.reason() in SELECTING_REASONS:
                plain = QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.OtherFocusReason)
                QApplication.sendEvent(watched, plain)
                return True
        return False


SELECTING_REASONS = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
)


class DraftsHost(Protocol):
    keeper: TextKeeper

    def row_title(self, key: RowKey) -> str: ...

    def refresh(self) -> None: ...


class Drafts:
    """The dialogs open now (journalled as typed) and the drafts put back from a session
    that ended with one open (``waiting``, until finished or discarded)."""

    def __init__(self, host: DraftsHost) -> None:
        self.host = host
        self.waiting: dict[str, Draft] = {}

    def watch(
        self,
        dialog: FormDialog,
        kind: str,
        row: RowKey,
        *,
        draft: Draft | None = None,
        **extra: Any,
    ) -> None:
        """Journal the dialog's fields as they change; ``draft`` (one put back) fills it first."""
        ident = draft.ident if draft is not None else uuid.uuid4().hex
        if draft is not None:
            dialog.fill(lambda: fill_fields(dialog, draft.fields))
            extra = {**draft.extra, **extra}
            keep = KeepTypingAtTheEnd(dialog)
            for edit in dialog.findChildren(QLineEdit):
                edit.installEventFilter(keep)
        title = self.host.row_title(row)
        journal = self.host.keeper.journal

        def changed(*_args: object) -> None:
            if draft is None and not dialog.filled_in():
                journal.forget([DRAFT, ident])  # typed back to how it opened: nothing to keep
                return
            journal.record(Draft(ident, kind, row, field_state(dialog), title, extra).entry())

        _changes(dialog, changed)
        dialog.finished.connect(lambda _result: self._closed(ident))

    def _closed(self, ident: str) -> None:
        """OK (the step is saved or held) or discarded: the draft is no longer needed."""
        self.host.keeper.journal.forget([DRAFT, ident])
        if self.waiting.pop(ident, None) is not None:
            self.host.refresh()

    def put_back(self, entries: list[Entry]) -> list[str]:
        """Drafts left by an ended session: kept in this session's journal and listed."""
        described = []
        for entry in entries:
            if entry["key"][0] != DRAFT:
                continue
            draft = Draft.of(entry)
            self.waiting[draft.ident] = draft
            self.host.keeper.journal.record(draft.entry())
            described.append(draft.describe())
        return described

    def for_row(self, row: RowKey | None) -> list[Draft]:
        """The drafts listed under a row (those finished in place are not: see the notice)."""
        return [
            d for d in self.waiting.values() if d.row == row and d.kind not in FINISHED_IN_PLACE
        ]

    def take(self, kind: str, **extra: Any) -> Draft | None:
        """The draft of ``kind`` put back from an ended session (whose ``extra`` matches), to
        fill the dialog or pane now opened for it; it goes when that closes or is recorded."""
        return next(
            (
                d
                for d in self.waiting.values()
                if d.kind == kind and all(d.extra.get(k) == v for k, v in extra.items())
            ),
            None,
        )

    def keep(self, ident: str, kind: str, row: RowKey, fields: Fields) -> None:
        """Journal what is typed outside a dialog (the declarations pane), as it changes."""
        draft = Draft(ident, kind, row, fields, self.host.row_title(row))
        self.host.keeper.journal.record(draft.entry())

    def drop(self, ident: str) -> None:
        """That draft is recorded (or emptied): no longer kept, nor waiting."""
        self._closed(ident)

    def discard(self, ident: str) -> Draft | None:
        draft = self.waiting.pop(ident, None)
        if draft is not None:
            self.host.keeper.journal.forget(draft.key)
            self.host.refresh()
        return draft

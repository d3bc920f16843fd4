"""The undoable command every page's Edit ▸ Undo is made of.

A :class:`ServiceCommand` does its work through the services. It runs once in
:meth:`~ServiceCommand.do` *before* it is pushed (see :func:`execute`), so a refusal (a
:class:`~scbmeet.domain.errors.ScbmeetError`) reaches the dialog or view that asked for it and
nothing is put on the stack. Undo and redo call the services again; a refused undo or
redo (say, the record changed meanwhile) is reported and the command dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

TITLE_LIMIT = 40  # Edit ▸ Undo and its toolbar button show the text: keep it short


def shortened(title: str) -> str:
    """A long title cut short at a word, with "…": the undo text names what it undoes."""
    title = " ".join(title.split())
    if len(title) > TITLE_LIMIT:
        # Whole words: a toolbar button drops the "…" from its text.
        cut = title[:TITLE_LIMIT]
        title = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" -–,;:") + "…"
    return title


class IdMap:
    """Which id a record has now, given the id it had when a command was made.

    A record deleted and brought back by undo or redo gets a new id; commands remember
    the id it had first and look up the one of the moment here.
    """

    def __init__(self) -> None:
        self._current: dict[int, int] = {}
        self._original: dict[int, int] = {}

    def current(self, original: int | None) -> int | None:
        if original is None:
            return None
        return self._current.get(original, original)

    def original(self, current: int) -> int:
        return self._original.get(current, current)

    def rebind(self, old_current: int, new_current: int) -> None:
        """The record known as ``old_current`` is now ``new_current`` (it was restored)."""
        original = self.original(old_current)
        self._current[original] = new_current
        self._original[new_current] = original


class ServiceCommand(QUndoCommand):
    """Base: ``do`` runs first (and may refuse); ``apply``/``revert`` are redo and undo."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._pushed = False

    def do(self) -> None:
        self.apply()

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def report(self, exc: BaseException) -> None:
        """Show a refused undo or redo to the user (subclasses know where)."""
        raise NotImplementedError

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push calls redo; do() has already done the work
            self._pushed = True
            return
        self._guarded(self.apply)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, step: Callable[[], None]) -> None:
        """Undo/redo run inside Qt: report a refusal instead of letting it escape, and
        drop the command from the stack."""
        try:
            step()
        except Exception as exc:
            self.setObsolete(True)
            self.report(exc)


def execute(stack: QUndoStack, command: ServiceCommand) -> None:
    """Do ``command`` now (errors propagate) and put it on ``stack``."""
    command.do()
    stack.push(command)

"""Reading the actions register's rows off the GUI thread.

Reading every action of a long history takes seconds (8,000 actions at twenty years), so
:class:`RegisterReads` reads in Qt's thread pool and hands the rows over on the GUI thread
(``arrived``). Each read has a ticket: one overtaken by a newer read (the board or the
states changed again meanwhile) is dropped when it comes, never shown.

A scope is ``(board id or None for all, states read or None for every state)``: the rows
of the outstanding scope serve every outstanding filter, those of every state serve any.
"""

from __future__ import annotations

import contextlib
from datetime import date

from PySide6.QtCore import QObject, Signal

from scbmeet.gui.widgets.tasks import run_task
from scbmeet.services import Services
from scbmeet.services.action_rows import ActionRow

Scope = tuple[int | None, frozenset[str] | None]


def covers(scope: Scope | None, wanted: Scope) -> bool:
    """Whether the rows of ``scope`` include all that ``wanted`` can show."""
    if scope is None:
        return False
    board, states = scope
    return board == wanted[0] and (states is None or wanted[1] == states)


class RegisterReads(QObject):
    """The register's reads: at most one shown at a time, the newest."""

    arrived = Signal(object, object)  # (scope, rows) of the newest read
    failed = Signal(object)  # the exception of the newest read

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._ticket = 0
        self.loaded_scope: Scope | None = None  # of the rows in hand
        self.reading_scope: Scope | None = None  # of the read on its way

    def read(self, scope: Scope, today: date) -> None:
        """Start reading ``scope``; a read still on its way will be dropped."""
        self._ticket += 1
        ticket = self._ticket
        self.reading_scope = scope
        service = self._services.action_register
        run_task(
            lambda: service.rows(scope[0], states=scope[1], today=today),
            on_done=lambda rows: self._done(ticket, scope, rows),
            on_error=lambda exc: self._failed(ticket, exc),
        )

    def loading(self) -> bool:
        return self.reading_scope is not None

    def in_hand_or_coming(self, wanted: Scope) -> bool:
        """Whether the rows in hand, or those being read, serve ``wanted``."""
        return covers(self.loaded_scope, wanted) or covers(self.reading_scope, wanted)

    def widening(self) -> bool:
        """Whether the read on its way adds closed actions to the outstanding ones in hand."""
        reading, loaded = self.reading_scope, self.loaded_scope
        return reading is not None and loaded is not None and reading[1] is None and bool(loaded[1])

    def _done(self, ticket: int, scope: Scope, rows: list[ActionRow]) -> None:
        with contextlib.suppress(RuntimeError):  # the page has gone meanwhile
            if ticket != self._ticket:
                return  # overtaken: a newer read is on its way
            self.reading_scope = None
            self.loaded_scope = scope
            self.arrived.emit(scope, rows)

    def _failed(self, ticket: int, exc: BaseException) -> None:
        with contextlib.suppress(RuntimeError):
            if ticket != self._ticket:
                return
            self.reading_scope = None
            self.failed.emit(exc)


__all__ = ["RegisterReads", "Scope", "covers"]

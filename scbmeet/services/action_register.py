"""The actions register service: reading the register's rows, filtered, one action's history,
and the chair's review of a board; changes go through :class:`~scbmeet.services.actions.ActionService`.

The rows and what is done with them live in their own modules: reading them
(:mod:`~scbmeet.services.action_rows`), filtering, grouping and sorting
(:mod:`~scbmeet.services.action_filters`), CSV (:mod:`~scbmeet.services.action_csv`), an
action's history (:mod:`~scbmeet.services.action_history`) and the chair's review
(:mod:`~scbmeet.services.chair_review`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import cast

from scbmeet.domain.models import Board
from scbmeet.services.action_filters import ActionFilter, filter_rows
from scbmeet.services.action_history import ActionHistory, load_history
from scbmeet.services.action_rows import ActionRow, Scope, load_rows
from scbmeet.services.base import ServiceBase, get_or_fail
from scbmeet.services.chair_review import ChairReview, build_review


class ActionRegisterService(ServiceBase):
    """Reading the actions register; changes go through :class:`ActionService`."""

    def rows(
        self,
        board_id: int | None = None,
        *,
        states: Iterable[str] | None = None,
        today: date | None = None,
    ) -> list[ActionRow]:
        """The actions of a board (``None``: of all boards), oldest first.

        ``states`` limits the rows read (a register opening on outstanding actions reads
        only those); ``None`` reads every state.
        """
        scope = Scope(board_id, frozenset(states) if states is not None else None)
        with self.db.reading() as s:
            if board_id is not None:
                get_or_fail(s, Board, board_id, "board")
            return load_rows(s, scope, today or date.today())

    def query(
        self,
        action_filter: ActionFilter | None = None,
        *,
        board_id: int | None = None,
        today: date | None = None,
    ) -> list[ActionRow]:
        """The rows passing ``action_filter`` (default: outstanding), oldest first."""
        action_filter = action_filter or ActionFilter()
        board_id = board_id if board_id is not None else action_filter.board_id
        rows = self.rows(board_id, states=action_filter.states or None, today=today)
        return filter_rows(rows, action_filter)

    def rows_by_id(
        self, action_ids: Sequence[int], *, today: date | None = None
    ) -> list[ActionRow]:
        """The rows of these actions (in register order); missing ids are left out."""
        if not action_ids:
            return []
        with self.db.reading() as s:
            return load_rows(s, Scope(action_ids=tuple(action_ids)), today or date.today())

    def history(self, action_id: int, *, today: date | None = None) -> ActionHistory:
        """The action with its minute, progress, carrying forward and state changes, by date."""
        with self.db.reading() as s:
            return load_history(s, action_id, today or date.today())

    def review(self, board_id: int, *, today: date | None = None) -> ChairReview:
        """The chair's review of a board (see :mod:`scbmeet.services.chair_review`), read
        afresh; the answer is kept for :meth:`kept_review` until the next change."""
        when = today or date.today()
        return self._ctx.kept.read(
            ("chair_review", board_id, when), lambda: build_review(self._ctx, board_id, when)
        )

    def kept_review(self, board_id: int, *, today: date | None = None) -> ChairReview | None:
        """The review :meth:`review` last read for this board and day, if no change has
        been committed through these services since (None otherwise). Another process's
        changes are not seen here: read afresh behind it."""
        kept = self._ctx.kept.recall(("chair_review", board_id, today or date.today()))
        return cast(ChairReview, kept.value) if kept is not None else None

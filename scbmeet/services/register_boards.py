"""The register's boards: creating and changing them, and finding one by its short name."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time
from typing import Any

from sqlmodel import Session, col, func, select

from scbmeet.domain import dto
from scbmeet.domain.access_rules import access_rules_setting
from scbmeet.domain.enums import NumberingScheme
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import Board
from scbmeet.services.base import (
    ServiceBase,
    apply_changes,
    get_or_fail,
    optional_text,
    require_choice,
    require_text,
)
from scbmeet.services.convert import board_info

BOARD_FIELDS = (
    "name",
    "short_name",
    "parent_id",
    "default_venue",
    "default_start_time",
    "numbering",
    "numbering_start_month",
    "quorum_members",
    "quorum_statutory_orgs",
    "active",
    "say_no_declarations",
    "access_rules",
    "papers_due_days",
    "decision_notice_days",
)


class BoardsPart(ServiceBase):
    """Boards, their numbering and quorum rules, and sub-boards."""

    def create_board(
        self,
        name: str,
        short_name: str,
        *,
        default_venue: str = "",
        default_start_time: time | None = None,
        numbering: str = NumberingScheme.CALENDAR.value,
        numbering_start_month: int = 1,
        parent_id: int | None = None,
        quorum_members: int | None = None,
        quorum_statutory_orgs: int | None = None,
        say_no_declarations: bool = False,
        access_rules: str = "",
        papers_due_days: int = 3,
        decision_notice_days: int = 2,
    ) -> dto.BoardInfo:
        board = Board(
            access_rules=access_rules,
            papers_due_days=papers_due_days,
            decision_notice_days=decision_notice_days,
            say_no_declarations=say_no_declarations,
            name=require_text(name, "board name", max_length=200),
            short_name=require_text(short_name, "board short name", max_length=40),
            default_venue=optional_text(default_venue, "venue", max_length=300),
            default_start_time=default_start_time,
            numbering=require_choice(numbering, NumberingScheme, "numbering scheme"),
            numbering_start_month=numbering_start_month,
            parent_id=parent_id,
            quorum_members=quorum_members,
            quorum_statutory_orgs=quorum_statutory_orgs,
        )
        self._check_board(board)
        with self.db.transaction() as s:
            self._check_board_unique(s, board)
            if parent_id is not None:
                get_or_fail(s, Board, parent_id, "parent board")
            s.add(board)
            s.flush()
            info = board_info(board)
        self._changed("board", info.id)
        return info

    @staticmethod
    def _check_board(board: Board) -> None:
        if not 1 <= board.numbering_start_month <= 12:
            raise ValidationError("The numbering year must start in a month from 1 to 12.")
        if board.numbering == NumberingScheme.CALENDAR and board.numbering_start_month != 1:
            board.numbering_start_month = 1
        for value, what in (
            (board.quorum_members, "quorum of members"),
            (board.quorum_statutory_orgs, "quorum of statutory organisations"),
        ):
            if value is not None and value < 0:
                raise ValidationError(f"The {what} cannot be negative.")
        try:
            board.access_rules = access_rules_setting(board.access_rules or "")
        except ValueError as problem:
            raise ValidationError(str(problem)) from None
        for days, what in (
            (board.papers_due_days, "papers' due days before publication"),
            (board.decision_notice_days, "decision notice's working days"),
        ):
            if not 0 <= days <= 60:
                raise ValidationError(f"The {what} must be a number from 0 to 60.")

    @staticmethod
    def _check_board_unique(s: Session, board: Board) -> None:
        clash = s.exec(
            select(Board).where(
                func.lower(Board.short_name) == board.short_name.lower(), Board.id != board.id
            )
        ).first()
        if clash is not None:
            raise ValidationError(f"There is already a board called {board.short_name!r}.")

    def update_board(self, board_id: int, changes: Mapping[str, Any]) -> dto.BoardInfo:
        with self.db.transaction() as s:
            board = get_or_fail(s, Board, board_id, "board")
            apply_changes(board, changes, BOARD_FIELDS, "board")
            board.name = require_text(board.name, "board name", max_length=200)
            board.short_name = require_text(board.short_name, "board short name", max_length=40)
            board.numbering = require_choice(board.numbering, NumberingScheme, "numbering scheme")
            self._check_board(board)
            self._check_board_unique(s, board)
            if board.parent_id == board.id:
                raise ValidationError("A board cannot be its own parent.")
            info = board_info(board)
        self._changed("board", board_id)
        return info

    def boards(self, *, include_inactive: bool = True) -> list[dto.BoardInfo]:
        with self.db.reading() as s:
            query = select(Board).order_by(col(Board.parent_id).is_not(None), col(Board.name))
            if not include_inactive:
                query = query.where(Board.active == True)  # noqa: E712
            return [board_info(b) for b in s.exec(query).all()]

    def board(self, board_id: int) -> dto.BoardInfo:
        with self.db.reading() as s:
            return board_info(get_or_fail(s, Board, board_id, "board"))

    def board_by_short_name(self, short_name: str) -> dto.BoardInfo:
        with self.db.reading() as s:
            board = s.exec(
                select(Board).where(func.lower(Board.short_name) == short_name.strip().lower())
            ).first()
            if board is None:
                known = ", ".join(b.short_name for b in s.exec(select(Board)).all()) or "none"
                raise ValidationError(f"There is no board called {short_name!r} (boards: {known}).")
            return board_info(board)

"""The meetings as ``scbmeet meetings`` lists them, read with SQLAlchemy Core alone.

The listing prints five columns of two tables. The ORM, pydantic and SQLModel's table
classes (:mod:`scbmeet.domain.models`) cost more than half of the command's time to import
and are not needed for that, so this module names only the columns it reads. The order
and the board lookup are :meth:`MeetingService.meetings
<scbmeet.services.meetings.MeetingService.meetings>`'s and :meth:`board_by_short_name
<scbmeet.services.register_boards.BoardsPart.board_by_short_name>`'s, and
``tests/test_cli_meetings_lean.py`` holds the two to the same output.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from scbmeet.domain.errors import ValidationError
from scbmeet.storage.engine import Database

_BOARD = sa.table("board", sa.column("id", sa.Integer), sa.column("short_name", sa.String))
_MEETING = sa.table(
    "meeting",
    sa.column("id", sa.Integer),
    sa.column("board_id", sa.Integer),
    sa.column("date", sa.Date),
    sa.column("start_time", sa.Time),
    sa.column("state", sa.String),
    sa.column("venue", sa.String),
)


@dataclass(frozen=True)
class MeetingLine:
    """One meeting as the listing prints it."""

    date: dt.date
    start_time: dt.time | None
    board_short_name: str
    state: str
    venue: str


def _board_id(conn: sa.Connection, short_name: str) -> int:
    wanted = short_name.strip().lower()
    found = conn.execute(
        sa.select(_BOARD.c.id).where(sa.func.lower(_BOARD.c.short_name) == wanted)
    ).first()
    if found is None:
        boards = conn.execute(sa.select(_BOARD.c.short_name).order_by(_BOARD.c.id)).scalars()
        known = ", ".join(boards) or "none"
        raise ValidationError(f"There is no board called {short_name!r} (boards: {known}).")
    return int(found[0])


def meeting_lines(db: Database, board_short_name: str | None = None) -> list[MeetingLine]:
    """Every meeting (of the board named, if one is), newest first."""
    with db.reading_rows() as conn:
        query = sa.select(
            _MEETING.c.date,
            _MEETING.c.start_time,
            _BOARD.c.short_name,
            _MEETING.c.state,
            _MEETING.c.venue,
        ).join(_BOARD, _BOARD.c.id == _MEETING.c.board_id)
        if board_short_name:
            query = query.where(_MEETING.c.board_id == _board_id(conn, board_short_name))
        rows = conn.execute(query.order_by(_MEETING.c.date.desc(), _MEETING.c.id.desc())).all()
    return [MeetingLine(*row) for row in rows]

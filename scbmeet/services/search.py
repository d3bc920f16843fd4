"""Full-text search across every board's minutes, resolutions, actions, agenda items and papers.

The index belongs to the database (migration ``0002``): an FTS5 table kept in step by
triggers on SQLite, GIN indexes over ``tsvector`` expressions on PostgreSQL. This module
turns what a user types into a safe query for either engine, ranks the hits (a word in a
title counts for more than one in a text), and hands back plain data: each hit names its
place (board, meeting, minute) and carries its title and a snippet as text plus the spans
of the matching words, so that a view can escape the text first and then mark the spans.

Query rules, the same on both engines: words are matched whole after English stemming
(``exploited`` finds ``exploitation``), the last word also as the start of a word (so
results follow typing), all words must occur, and ``"quoted words"`` or hyphenated
``anti-social`` must occur together in that order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from scbmeet.errors import ValidationError
from scbmeet.models import Action, AgendaItem, Board, Meeting, MinuteItem, Paper, Resolution
from scbmeet.services.base import ServiceBase
from scbmeet.services.numbering import minute_reference

KINDS = ("minute", "resolution", "action", "agenda_item", "paper")
KIND_LABELS = {
    "minute": "Minute",
    "resolution": "Resolution",
    "action": "Action",
    "agenda_item": "Agenda item",
    "paper": "Paper",
}
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000

# Private-use characters mark matches in text coming back from the engine; they are
# turned into spans here and never reach a user.
MARK_START = "\ue000"
MARK_END = "\ue001"
ELLIPSIS = "…"
SNIPPET_TOKENS = 24

# PostgreSQL documents: exactly the expressions indexed by migration 0002, so that the
# planner uses those indexes. (title column, text column, tsvector expression)
_EN = "'english'::regconfig"
PG_DOCUMENTS: dict[str, tuple[str | None, str, str]] = {
    "minute": (
        "title",
        "narrative",
        f"setweight(to_tsvector({_EN}, t.title), 'A')"
        f" || setweight(to_tsvector({_EN}, t.narrative), 'B')",
    ),
    "resolution": (None, "text", f"setweight(to_tsvector({_EN}, t.text), 'B')"),
    "action": (None, "text", f"setweight(to_tsvector({_EN}, t.text), 'B')"),
    "agenda_item": (
        "title",
        "notes",
        f"setweight(to_tsvector({_EN}, t.title), 'A')"
        f" || setweight(to_tsvector({_EN}, t.notes), 'B')",
    ),
    "paper": (
        "title",
        "recommendation",
        f"setweight(to_tsvector({_EN}, t.title), 'A')"
        f" || setweight(to_tsvector({_EN}, t.recommendation), 'B')",
    ),
}
# Table, and how to reach the board, per kind (PostgreSQL ranking query).
PG_SOURCES: dict[str, tuple[str, str, str]] = {
    "minute": ("minuteitem", "", "t.board_id"),
    "resolution": ("resolution", "JOIN minuteitem mi ON mi.id = t.minute_item_id", "mi.board_id"),
    "action": ("action", "", "t.board_id"),
    "agenda_item": ("agendaitem", "JOIN meeting mt ON mt.id = t.meeting_id", "mt.board_id"),
    "paper": (
        "paper",
        "JOIN agendaitem ai ON ai.id = t.agenda_item_id JOIN meeting mt ON mt.id = ai.meeting_id",
        "mt.board_id",
    ),
}
PG_TABLES = {kind: table for kind, (table, _join, _board) in PG_SOURCES.items()}


# -- plain data ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Highlighted:
    """Text with the character ranges ``[start, end)`` of the words that matched."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()

    def pieces(self) -> list[tuple[str, bool]]:
        """The text cut into ``(piece, is_match)`` runs, in order."""
        out: list[tuple[str, bool]] = []
        at = 0
        for start, end in self.spans:
            if start > at:
                out.append((self.text[at:start], False))
            out.append((self.text[start:end], True))
            at = end
        if at < len(self.text):
            out.append((self.text[at:], False))
        return out

    def marked(self, before: str, after: str) -> str:
        """The text with ``before``/``after`` around each match (for terminals and logs)."""
        return "".join(f"{before}{p}{after}" if hit else p for p, hit in self.pieces())


@dataclass(frozen=True)
class SearchHit:
    """One place where the words were found."""

    kind: str  # one of KINDS
    id: int
    rank: float  # larger is better
    title: Highlighted  # empty for resolutions and actions, which have no title
    snippet: Highlighted
    board_id: int
    board_short_name: str
    meeting_id: int | None
    meeting_date: date | None
    minute_id: int | None  # the minute of a minute, resolution or action
    minute_reference: str  # "10/13"
    context: str  # the minute title of a resolution or action; the agenda item of a paper

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def place(self) -> str:
        """``MSCB 5 June 2013, minute 10/13``: where to find it on paper."""
        parts = [self.board_short_name]
        if self.meeting_date is not None:
            parts.append(f"{self.meeting_date.day} {self.meeting_date:%B %Y}")
        where = " ".join(parts)
        if self.minute_reference:
            where += f", minute {self.minute_reference}"
        return where

    @property
    def heading(self) -> Highlighted:
        """What to show as the hit's title: its own, or the minute or item it sits under."""
        return self.title if self.title.text else Highlighted(self.context)


# -- queries --------------------------------------------------------------------------------------
_WORD = re.compile(r"[^\W_]+")
_CHUNK = re.compile(r'"([^"]*)"|(\S+)')


def parse_query(text: str) -> list[list[str]]:
    """The phrases of a query, each a list of words: ``'anti-social "county lines" CSP'`` ->
    ``[["anti", "social"], ["county", "lines"], ["csp"]]``. Punctuation is dropped, so
    nothing a user types can change the meaning of the engine's query language."""
    phrases = []
    for quoted, bare in _CHUNK.findall(text or ""):
        words = _WORD.findall((quoted or bare).lower())
        if words:
            phrases.append(words)
    return phrases


def fts5_query(phrases: Sequence[Sequence[str]]) -> str:
    """An FTS5 MATCH expression: every phrase required, the last one also as a prefix."""
    parts = []
    for index, words in enumerate(phrases):
        phrase = '"' + " ".join(words) + '"'
        parts.append(phrase + "*" if index == len(phrases) - 1 else phrase)
    return " AND ".join(parts)


def pg_tsquery(phrases: Sequence[Sequence[str]]) -> str:
    """A ``to_tsquery`` expression with the same meaning as :func:`fts5_query`."""
    parts = []
    for index, words in enumerate(phrases):
        last = index == len(phrases) - 1
        terms = [f"{w}:*" if last and i == len(words) - 1 else w for i, w in enumerate(words)]
        parts.append("(" + " <-> ".join(terms) + ")")
    return " & ".join(parts)


def parse_marked(text: str | None) -> Highlighted:
    """Strip :data:`MARK_START`/:data:`MARK_END` from engine output, keeping their places."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for piece in re.split(f"([{MARK_START}{MARK_END}])", text or ""):
        if piece == MARK_START:
            start = length
        elif piece == MARK_END:
            if start is not None and length > start:
                spans.append((start, length))
            start = None
        elif piece:
            plain.append(piece)
            length += len(piece)
    return Highlighted("".join(plain), tuple(spans))


@dataclass(frozen=True)
class _Ranked:
    kind: str
    id: int
    rank: float
    title: Highlighted | None = None  # filled in by the SQLite query; PostgreSQL adds later
    snippet: Highlighted | None = None


@dataclass(frozen=True)
class _Place:
    board_id: int
    board_short_name: str
    meeting_id: int | None
    meeting_date: date | None
    minute_id: int | None
    minute_reference: str
    context: str


class SearchService(ServiceBase):
    """Finding anything ever minuted, on any board."""

    def search(
        self, words: str, *, board_id: int | None = None, limit: int = DEFAULT_LIMIT
    ) -> list[SearchHit]:
        """The best ``limit`` hits for ``words``, best first (none for a query of no words)."""
        if limit < 1 or limit > MAX_LIMIT:
            raise ValidationError(f"Ask for between 1 and {MAX_LIMIT} results.")
        phrases = parse_query(words)
        if not phrases:
            return []
        with self.db.reading() as s:
            if self.db.is_sqlite:
                ranked = _rank_sqlite(s, fts5_query(phrases), board_id, limit)
            else:
                query = pg_tsquery(phrases)
                ranked = _headlines_pg(s, query, _rank_pg(s, query, board_id, limit))
            places = _places(s, ranked)
        return [_hit(r, places[(r.kind, r.id)]) for r in ranked if (r.kind, r.id) in places]


def _hit(r: _Ranked, place: _Place) -> SearchHit:
    return SearchHit(
        kind=r.kind,
        id=r.id,
        rank=r.rank,
        title=r.title or Highlighted(""),
        snippet=r.snippet or Highlighted(""),
        board_id=place.board_id,
        board_short_name=place.board_short_name,
        meeting_id=place.meeting_id,
        meeting_date=place.meeting_date,
        minute_id=place.minute_id,
        minute_reference=place.minute_reference,
        context=place.context,
    )


# -- SQLite -----------------------------------------------------------------------------------
def _rank_sqlite(s: Session, match: str, board_id: int | None, limit: int) -> list[_Ranked]:
    """The top hits with highlighted title and snippet, in one FTS5 query.

    The best rows are chosen first in a subquery (FTS5 sorts by rank with a limit without
    computing anything else) so that the snippets are only made for the rows shown.
    """
    board_filter = "AND board_id = :board" if board_id is not None else ""
    sql = sa.text(
        f"""
        SELECT kind, ref_id, rank,
               highlight(search_index, 0, :mark_start, :mark_end),
               snippet(search_index, 1, :mark_start, :mark_end, :ellipsis, :tokens)
        FROM search_index
        WHERE search_index MATCH :match AND rowid IN (
            SELECT rowid FROM search_index
            WHERE search_index MATCH :match {board_filter}
            ORDER BY rank LIMIT :limit)
        ORDER BY rank
        """
    )
    params: dict[str, Any] = {
        "match": match,
        "limit": limit,
        "mark_start": MARK_START,
        "mark_end": MARK_END,
        "ellipsis": ELLIPSIS,
        "tokens": SNIPPET_TOKENS,
    }
    if board_id is not None:
        params["board"] = board_id
    rows = s.connection().execute(sql, params).all()
    return [
        _Ranked(kind, int(ref_id), -float(rank), parse_marked(title), parse_marked(snippet))
        for kind, ref_id, rank, title, snippet in rows
    ]


# -- PostgreSQL -------------------------------------------------------------------------------
def pg_rank_statement(*, by_board: bool) -> sa.TextClause:
    """The PostgreSQL ranking query: the five tables' hits (each found through its GIN
    index) ranked together; parameters ``query``, ``limit`` and, ``by_board``, ``board``."""
    branches = []
    for kind, (table, join, board) in PG_SOURCES.items():
        document = PG_DOCUMENTS[kind][2]
        branches.append(
            f"SELECT '{kind}' AS kind, t.id AS id, {board} AS board_id, "
            f"ts_rank({document}, q.query) AS rank "
            f"FROM {table} t {join} CROSS JOIN q WHERE ({document}) @@ q.query"
        )
    board_filter = "WHERE board_id = :board" if by_board else ""
    return sa.text(
        "WITH q AS (SELECT to_tsquery('english', :query) AS query) "
        f"SELECT kind, id, rank FROM ({' UNION ALL '.join(branches)}) hits {board_filter} "
        "ORDER BY rank DESC, kind, id LIMIT :limit"
    )


def _rank_pg(s: Session, tsquery: str, board_id: int | None, limit: int) -> list[_Ranked]:
    params: dict[str, Any] = {"query": tsquery, "limit": limit}
    if board_id is not None:
        params["board"] = board_id
    statement = pg_rank_statement(by_board=board_id is not None)
    rows = s.connection().execute(statement, params).all()
    return [_Ranked(kind, int(ident), float(rank)) for kind, ident, rank in rows]


def _headlines_pg(s: Session, tsquery: str, ranked: list[_Ranked]) -> list[_Ranked]:
    """Add highlighted titles and snippets (``ts_headline``) to the chosen hits only."""
    marks = f"StartSel={MARK_START}, StopSel={MARK_END}"
    title_options = f"HighlightAll=true, {marks}"
    body_options = (
        f'MaxFragments=2, MaxWords=20, MinWords=8, FragmentDelimiter=" {ELLIPSIS} ", {marks}'
    )
    found: dict[tuple[str, int], tuple[Highlighted, Highlighted]] = {}
    for kind in KINDS:
        ids = [r.id for r in ranked if r.kind == kind]
        if not ids:
            continue
        title_col, body_col, _document = PG_DOCUMENTS[kind]
        title_sql = (
            f"ts_headline('english', t.{title_col}, q.query, :title_options)" if title_col else "''"
        )
        sql = sa.text(
            "WITH q AS (SELECT to_tsquery('english', :query) AS query) "
            f"SELECT t.id, {title_sql}, ts_headline('english', t.{body_col}, q.query, :body_options) "
            f"FROM {PG_TABLES[kind]} t CROSS JOIN q WHERE t.id IN :ids"
        ).bindparams(sa.bindparam("ids", expanding=True))
        rows = s.connection().execute(
            sql,
            {
                "query": tsquery,
                "ids": ids,
                "title_options": title_options,
                "body_options": body_options,
            },
        )
        for ident, title, body in rows:
            found[(kind, ident)] = (parse_marked(title), parse_marked(body))
    out = []
    for r in ranked:
        title, snippet = found.get((r.kind, r.id), (Highlighted(""), Highlighted("")))
        out.append(_Ranked(r.kind, r.id, r.rank, title, snippet))
    return out


# -- where each hit is ------------------------------------------------------------------------
def _places(s: Session, ranked: Sequence[_Ranked]) -> dict[tuple[str, int], _Place]:
    """Board, meeting and minute of every hit: one query per kind that occurs."""
    places: dict[tuple[str, int], _Place] = {}
    for kind in KINDS:
        ids = [r.id for r in ranked if r.kind == kind]
        if ids:
            for ident, place in _PLACE_QUERIES[kind](s, ids):
                places[(kind, ident)] = place
    return places


def _place(
    board: Board,
    meeting: Meeting | None,
    minute: MinuteItem | None,
    context: str,
) -> _Place:
    return _Place(
        board_id=board.id or 0,
        board_short_name=board.short_name,
        meeting_id=meeting.id if meeting else None,
        meeting_date=meeting.date if meeting else None,
        minute_id=minute.id if minute else None,
        minute_reference=minute_reference(minute.number, minute.numbering_year) if minute else "",
        context=context,
    )


def _minute_places(s: Session, ids: list[int]) -> list[tuple[int, _Place]]:
    rows = s.exec(
        select(MinuteItem, Meeting, Board)
        .join(Meeting, col(Meeting.id) == MinuteItem.meeting_id)
        .join(Board, col(Board.id) == MinuteItem.board_id)
        .where(col(MinuteItem.id).in_(ids))
    ).all()
    return [(mi.id or 0, _place(b, mt, mi, "")) for mi, mt, b in rows]


def _resolution_places(s: Session, ids: list[int]) -> list[tuple[int, _Place]]:
    rows = s.exec(
        select(Resolution.id, MinuteItem, Meeting, Board)
        .join(MinuteItem, col(MinuteItem.id) == Resolution.minute_item_id)
        .join(Meeting, col(Meeting.id) == MinuteItem.meeting_id)
        .join(Board, col(Board.id) == MinuteItem.board_id)
        .where(col(Resolution.id).in_(ids))
    ).all()
    return [(rid or 0, _place(b, mt, mi, mi.title)) for rid, mi, mt, b in rows]


def _action_places(s: Session, ids: list[int]) -> list[tuple[int, _Place]]:
    rows = s.exec(
        select(Action.id, Board, MinuteItem, Meeting)
        .join(Board, col(Board.id) == Action.board_id)
        .outerjoin(MinuteItem, col(MinuteItem.id) == Action.minute_item_id)
        .outerjoin(Meeting, col(Meeting.id) == MinuteItem.meeting_id)
        .where(col(Action.id).in_(ids))
    ).all()
    return [(aid or 0, _place(b, mt, mi, mi.title if mi else "")) for aid, b, mi, mt in rows]


def _agenda_item_places(s: Session, ids: list[int]) -> list[tuple[int, _Place]]:
    parent = aliased(AgendaItem)
    rows = s.exec(
        select(AgendaItem.id, parent.title, Meeting, Board)
        .join(Meeting, col(Meeting.id) == AgendaItem.meeting_id)
        .join(Board, col(Board.id) == Meeting.board_id)
        .outerjoin(parent, col(parent.id) == AgendaItem.parent_id)
        .where(col(AgendaItem.id).in_(ids))
    ).all()
    return [(iid or 0, _place(b, mt, None, ptitle or "")) for iid, ptitle, mt, b in rows]


def _paper_places(s: Session, ids: list[int]) -> list[tuple[int, _Place]]:
    rows = s.exec(
        select(Paper.id, AgendaItem.title, Meeting, Board)
        .join(AgendaItem, col(AgendaItem.id) == Paper.agenda_item_id)
        .join(Meeting, col(Meeting.id) == AgendaItem.meeting_id)
        .join(Board, col(Board.id) == Meeting.board_id)
        .where(col(Paper.id).in_(ids))
    ).all()
    return [(pid or 0, _place(b, mt, None, item_title)) for pid, item_title, mt, b in rows]


_PLACE_QUERIES = {
    "minute": _minute_places,
    "resolution": _resolution_places,
    "action": _action_places,
    "agenda_item": _agenda_item_places,
    "paper": _paper_places,
}

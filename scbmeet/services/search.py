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
``anti-social`` must occur together in that order. Common words ("the", "it") are kept
on both engines (PostgreSQL through migration 0003's configuration).

A query that is a minute reference - ``10/13``, ``10/2013``, ``10 / 13``, ``minute 10/13``
- also looks the minute up by number and year, and that minute comes first, before the
places whose text mentions the reference.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import Action, AgendaItem, Board, Meeting, MinuteItem, Paper, Resolution
from scbmeet.services.base import ServiceBase
from scbmeet.services.numbering import minute_reference
from scbmeet.services.plans_rows import plan_places
from scbmeet.storage.engine import translate_errors

KINDS = ("minute", "resolution", "action", "agenda_item", "paper", "plan_action", "plan_progress")
KIND_LABELS = {
    "minute": "Minute",
    "resolution": "Resolution",
    "action": "Action",
    "agenda_item": "Agenda item",
    "paper": "Paper",
    "plan_action": "Plan action",  # the partnership plan's (migration 0009)
    "plan_progress": "Plan progress",
}
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000

# Private-use characters mark matches in text coming back from the engine; they are
# turned into spans here and never reach a user.
MARK_START = "\ue000"
MARK_END = "\ue001"
ELLIPSIS = "…"
SNIPPET_TOKENS = 24

# PostgreSQL's text-search configuration (migration 0003): English stemming with no
# stop-word list, so that "the" and "it" are found as on SQLite.
PG_CONFIG = "scbmeet_english"
# PostgreSQL documents: exactly the expressions indexed by migration 0003, so that the
# planner uses those indexes. (title column, text column, tsvector expression)
_EN = f"'{PG_CONFIG}'::regconfig"
PG_DOCUMENTS: dict[str, tuple[str | None, str, str]] = {
    "minute": (
        "title",
        "narrative",
        f"setweight(to_tsvector({_EN}, t.title), 'A')"
        f" || setweight(to_tsvector({_EN}, t.narrative), 'B')",
    ),
    "resolution": (None, "text", f"setweight(to_tsvector({_EN}, t.text), 'B')"),
    "action": (None, "text", f"setweight(to_tsvector({_EN}, t.text), 'B')"),
    "agenda_item": (  # notes and bullet points (migration 0013_docs)
        "title",
        "notes || ' ' || t.bullets",
        f"setweight(to_tsvector({_EN}, t.title), 'A')"
        f" || setweight(to_tsvector({_EN}, t.notes || ' ' || t.bullets), 'B')",
    ),
    "paper": (
        "title",
        "recommendation",
        f"setweight(to_tsvector({_EN}, t.title), 'A')"
        f" || setweight(to_tsvector({_EN}, t.recommendation), 'B')",
    ),
    "plan_action": (None, "text", f"setweight(to_tsvector({_EN}, t.text), 'B')"),
    "plan_progress": (None, "text", f"setweight(to_tsvector({_EN}, t.text), 'B')"),
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
    "plan_action": (
        "planaction",
        "JOIN planpriority pp ON pp.id = t.priority_id JOIN plan pl ON pl.id = pp.plan_id",
        "pl.board_id",
    ),
    "plan_progress": (
        "planprogress",
        "JOIN planaction pa ON pa.id = t.plan_action_id"
        " JOIN planpriority pp ON pp.id = pa.priority_id JOIN plan pl ON pl.id = pp.plan_id",
        "pl.board_id",
    ),
}
PG_TABLES = {kind: table for kind, (table, _join, _board) in PG_SOURCES.items()}


# -- plain data ---------------------------------------------------------------------------------
class Highlighted:
    """Text with the character ranges ``[start, end)`` of the words that matched.

    Immutable. Made from the engine's marked-up text with :meth:`from_marked`, it is only
    taken apart when first read: a list of fifty hits usually shows a dozen.
    """

    __slots__ = ("_marked", "_spans", "_text")

    def __init__(self, text: str, spans: tuple[tuple[int, int], ...] = ()) -> None:
        self._marked: str | None = None
        self._text: str | None = text
        self._spans: tuple[tuple[int, int], ...] | None = tuple(spans)

    @classmethod
    def from_marked(cls, marked: str | None) -> Highlighted:
        """From text with :data:`MARK_START`/:data:`MARK_END` around the matches."""
        made = object.__new__(cls)  # no __init__: this is made fifty times per search
        made._marked, made._text, made._spans = marked or "", None, None
        return made

    def _parse(self) -> None:
        parsed = parse_marked(self._marked)
        self._text, self._spans = parsed.text, parsed.spans

    @property
    def text(self) -> str:
        if self._text is None:
            self._parse()
        assert self._text is not None
        return self._text

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        if self._spans is None:
            self._parse()
        assert self._spans is not None
        return self._spans

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Highlighted):
            return NotImplemented
        return (self.text, self.spans) == (other.text, other.spans)

    def __hash__(self) -> int:
        return hash((self.text, self.spans))

    def __repr__(self) -> str:
        return f"Highlighted({self.text!r}, {self.spans!r})"

    def pieces(self) -> list[tuple[str, bool]]:
        """The text cut into ``(piece, is_match)`` runs, in order."""
        text = self.text
        out: list[tuple[str, bool]] = []
        at = 0
        for start, end in self.spans:
            if start > at:
                out.append((text[at:start], False))
            out.append((text[start:end], True))
            at = end
        if at < len(text):
            out.append((text[at:], False))
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
_REFERENCE = re.compile(
    r"^\s*(?:min(?:ute)?\.?\s*)?(\d{1,4})\s*/\s*(\d{2}|\d{4})\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class MinuteReference:
    """A minute reference as typed: ``10/13`` is number 10 of a year ending in 13."""

    number: int
    year: int  # as typed: two digits (13) or four (2013)

    @property
    def numbering_years(self) -> tuple[int, ...]:
        """The numbering years it can mean: ``13`` is 2013 (or 1913, for old archives)."""
        if self.year >= 100:
            return (self.year,)
        return (2000 + self.year, 1900 + self.year)

    @property
    def written(self) -> str:
        """As minutes write it, ``10/13``: how other minutes mention it."""
        return minute_reference(self.number, self.year)

    @property
    def fts5_query(self) -> str:
        """Mentions of it: FTS5 splits ``10/13`` into the adjacent words ``10`` and ``13``."""
        return '"' + self.written.replace("/", " ") + '"'

    @property
    def pg_tsquery(self) -> str:
        """Mentions of it: PostgreSQL keeps ``10/13`` as one word (or "10 13" as two)."""
        number, year = self.written.split("/")
        return f"'{self.written}' | ({number} <-> {year})"


def parse_reference(text: str) -> MinuteReference | None:
    """The minute reference ``text`` is, if it is one (``10/13``, ``10/2013``, ``minute 10 / 13``)."""
    found = _REFERENCE.match(text or "")
    if found is None:
        return None
    return MinuteReference(int(found.group(1)), int(found.group(2)))


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


_MARKS = re.compile(f"[{MARK_START}{MARK_END}]")


def parse_marked(text: str | None) -> Highlighted:
    """Strip :data:`MARK_START`/:data:`MARK_END` from engine output, keeping their places."""
    if not text:
        return Highlighted("")
    if MARK_START not in text:  # nothing matched here (a title, often): nothing to mark
        return Highlighted(text.replace(MARK_END, ""))
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length = position = 0
    start: int | None = None
    for mark in _MARKS.finditer(text):
        piece = text[position : mark.start()]
        plain.append(piece)
        length += len(piece)
        position = mark.end()
        if mark.group() == MARK_START:
            start = length
        else:
            if start is not None and length > start:
                spans.append((start, length))
            start = None
    plain.append(text[position:])
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
        reference = parse_reference(words)
        if reference is None:
            found, _no_minutes = self._run(
                fts5_query(phrases), pg_tsquery(phrases), None, board_id, limit
            )
            return found
        # The minute itself, then the places that mention it ("further to minute 10/13").
        mentions, referenced = self._run(
            reference.fts5_query, reference.pg_tsquery, reference, board_id, limit
        )
        return _referenced_first(referenced, mentions, limit)

    def _run(
        self,
        fts5_match: str,
        pg_query: str,
        reference: MinuteReference | None,
        board_id: int | None,
        limit: int,
    ) -> tuple[list[SearchHit], list[SearchHit]]:
        """The best hits of the engine's own query (FTS5 ``MATCH`` or ``to_tsquery``), and
        the minutes numbered ``reference``, both on one connection."""
        lookup = _reference_query(reference, board_id) if reference is not None else None
        if self.db.is_sqlite:
            search = _sqlite_search_query(fts5_match, board_id, limit)
            with translate_errors(self.db.name, path=self.db.path):
                found, numbered = _sqlite_search(self.db.engine, search, lookup)
            return found, [_reference_hit(*row) for row in numbered]
        with self.db.reading() as s:
            ranked = _headlines_pg(s, pg_query, _rank_pg(s, pg_query, board_id, limit))
            places = _places(s, ranked)
            rows = s.connection().execute(sa.text(lookup[0]), lookup[1]).all() if lookup else []
        found = [_hit(r, places[(r.kind, r.id)]) for r in ranked if (r.kind, r.id) in places]
        return found, [_reference_hit(*row) for row in rows]


def _reference_query(
    reference: MinuteReference, board_id: int | None
) -> tuple[str, dict[str, Any]]:
    """The statement finding the minutes numbered ``reference``, and its parameters."""
    statement = REFERENCE_LOOKUP.format(
        board_filter="AND mi.board_id = :board" if board_id is not None else ""
    )
    years = reference.numbering_years
    params: dict[str, Any] = {"number": reference.number, "year": years[0], "or_year": years[-1]}
    if board_id is not None:
        params["board"] = board_id
    return statement, params


# Through the unique index on (board, numbering year, number): a handful of rows at most.
REFERENCE_LOOKUP = """
SELECT mi.id, mi.title, mi.narrative, mi.number, mi.numbering_year,
       b.id, b.short_name, mt.id, mt.date
FROM minuteitem mi
JOIN meeting mt ON mt.id = mi.meeting_id
JOIN board b ON b.id = mi.board_id
WHERE mi.number = :number AND mi.numbering_year IN (:year, :or_year) {board_filter}
ORDER BY mi.numbering_year DESC, b.short_name
"""
REFERENCE_RANK = float("inf")  # a minute asked for by its reference beats any text match


def opening_words(text: str, count: int = SNIPPET_TOKENS) -> str:
    """The first ``count`` words of ``text``, with an ellipsis if there were more."""
    words = text.split()
    if len(words) <= count:
        return " ".join(words)
    return " ".join(words[:count]) + f" {ELLIPSIS}"


def _reference_hit(
    minute_id: int,
    title: str,
    narrative: str,
    number: int,
    year: int,
    board_id: int,
    board_short_name: str,
    meeting_id: int,
    meeting_date: date | str,
) -> SearchHit:
    """A minute found by its reference: nothing to highlight, its narrative's opening."""
    if isinstance(meeting_date, str):  # SQLite's driver hands dates back as ISO text
        meeting_date = date.fromisoformat(meeting_date)
    return SearchHit(
        kind="minute",
        id=minute_id,
        rank=REFERENCE_RANK,
        title=Highlighted(title),
        snippet=Highlighted(opening_words(narrative or "")),
        board_id=board_id,
        board_short_name=board_short_name,
        meeting_id=meeting_id,
        meeting_date=meeting_date,
        minute_id=minute_id,
        minute_reference=minute_reference(number, year),
        context="",
    )


def _referenced_first(
    referenced: list[SearchHit], found: list[SearchHit], limit: int
) -> list[SearchHit]:
    """The minutes found by reference, then the text matches that are not those minutes."""
    taken = {(h.kind, h.id) for h in referenced}
    rest = [h for h in found if (h.kind, h.id) not in taken]
    return (referenced + rest)[:limit]


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
# The index's own rank (migration 0002's ``rank`` setting: a word in a title counts ten
# times one in a text), written out so that SQLite's sorter can keep it (see SQLITE_TOP).
SQLITE_RANK = "bm25(search_index, 10.0, 1.0)"
SQLITE_TOP = f"""
SELECT kind, ref_id, {SQLITE_RANK} AS score, board_id,
       highlight(search_index, 0, :mark_start, :mark_end),
       snippet(search_index, 1, :mark_start, :mark_end, :ellipsis, :tokens)
FROM search_index
WHERE search_index MATCH :match {{board_filter}}
ORDER BY score, rowid LIMIT :limit
"""
# Where each of the best hits is, looked up by primary key: {hits} is a VALUES list of
# (position, kind, ref_id, board_id), and each row names its hit by position.
SQLITE_PLACES = """
WITH top(position, kind, ref_id, board_id) AS (VALUES {hits})
SELECT p.position, b.id, b.short_name, mt.id, mt.date, mi.id, mi.number, mi.numbering_year,
       CASE p.kind WHEN 'minute' THEN ''
                   WHEN 'paper' THEN ai.title
                   WHEN 'agenda_item' THEN coalesce(parent.title, '')
                   WHEN 'plan_action' THEN (SELECT pl.name || ': ' || pp.theme FROM planaction pa
                        JOIN planpriority pp ON pp.id = pa.priority_id
                        JOIN plan pl ON pl.id = pp.plan_id WHERE pa.id = p.ref_id)
                   WHEN 'plan_progress' THEN (SELECT pl.name || ': ' || pa.text FROM planprogress pg
                        JOIN planaction pa ON pa.id = pg.plan_action_id
                        JOIN planpriority pp ON pp.id = pa.priority_id
                        JOIN plan pl ON pl.id = pp.plan_id WHERE pg.id = p.ref_id)
                   ELSE coalesce(mi.title, '') END
FROM top p
JOIN board b ON b.id = p.board_id
LEFT JOIN resolution r ON p.kind = 'resolution' AND r.id = p.ref_id
LEFT JOIN action a ON p.kind = 'action' AND a.id = p.ref_id
LEFT JOIN paper pa ON p.kind = 'paper' AND pa.id = p.ref_id
LEFT JOIN planprogress pg ON p.kind = 'plan_progress' AND pg.id = p.ref_id
LEFT JOIN minuteitem mi ON mi.id = CASE p.kind WHEN 'minute' THEN p.ref_id
    WHEN 'resolution' THEN r.minute_item_id WHEN 'action' THEN a.minute_item_id END
LEFT JOIN agendaitem ai ON ai.id = CASE p.kind WHEN 'agenda_item' THEN p.ref_id
    WHEN 'paper' THEN pa.agenda_item_id END
LEFT JOIN agendaitem parent ON parent.id = ai.parent_id
LEFT JOIN meeting mt ON mt.id = coalesce(mi.meeting_id, ai.meeting_id, pg.meeting_id)
"""
# Hits placed per statement: three parameters each, well within SQLite's 999.
PLACES_CHUNK = 100


def _sqlite_search(
    engine: sa.Engine,
    search: tuple[str, dict[str, Any]],
    lookup: tuple[str, dict[str, Any]] | None,
) -> tuple[list[SearchHit], list[Any]]:
    """The best hits with their places, and the rows of ``lookup``, from one snapshot.

    It runs on the driver's connection, checked out once: SQLAlchemy's wrapping of so
    short a read would cost as much again as the search (see
    benchmarks/bench_actions_search.py). A deferred transaction keeps the hits and their
    places consistent, and is rolled back: nothing is written.
    """
    connection = engine.raw_connection()
    driver = connection.driver_connection
    assert driver is not None
    began = not driver.in_transaction  # an in-memory database's one connection may be in one
    try:
        if began:
            _execute(driver, "BEGIN DEFERRED", {})
        try:
            top = _execute(driver, *search)
            places = _sqlite_places(driver, top)
            referenced = _execute(driver, *lookup) if lookup else []
        finally:
            if began:
                driver.execute("ROLLBACK")
    finally:
        connection.close()  # back to the pool
    return _sqlite_hits(top, places), referenced


def _sqlite_places(driver: Any, top: Sequence[Any]) -> dict[int, Any]:
    """The place rows of the hits ``top`` (rows of :data:`SQLITE_TOP`), by position."""
    places = {}
    for first in range(0, len(top), PLACES_CHUNK):
        chunk = top[first : first + PLACES_CHUNK]
        hits = ", ".join(f"({first + i}, ?, ?, ?)" for i in range(len(chunk)))
        params = [
            value for kind, ident, _r, board, _t, _b in chunk for value in (kind, ident, board)
        ]
        for row in _execute(driver, SQLITE_PLACES.format(hits=hits), params):
            places[row[0]] = row
    return places


def _execute(driver: Any, statement: str, params: Sequence[Any] | dict[str, Any]) -> list[Any]:
    """The rows of ``statement``; a driver error raised as SQLAlchemy would raise it."""
    try:
        return list(driver.execute(statement, params).fetchall())
    except sqlite3.OperationalError as exc:  # as SQLAlchemy raises it, for translate_errors
        raise sa.exc.OperationalError(statement, params, exc) from exc


def _sqlite_search_query(
    match: str, board_id: int | None, limit: int
) -> tuple[str, dict[str, Any]]:
    """The statement finding the best hits with highlighted title and snippet.

    SQLite's own sorter ranks the matches (``bm25`` with the index's weights, ties by
    rowid: the order of FTS5's ``ORDER BY rank``), keeping the best ``limit`` as it goes
    and making highlights and snippets only for rows that are among the best so far.
    This costs less than FTS5's ``ORDER BY rank``, which stores every match's positions
    and, asked for the rank, scans the index again for bm25's statistics. The statement
    must run by itself: inside a subquery or a CTE, SQLite makes the snippets of every match.
    """
    board_filter = "AND board_id = :board" if board_id is not None else ""
    statement = SQLITE_TOP.format(board_filter=board_filter)
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
    return statement, params


def _sqlite_hits(top: Sequence[Any], places: dict[int, Any]) -> list[SearchHit]:
    """The hits of :func:`_sqlite_search_query`'s rows, each with its place (a hit whose
    board is gone has none, and is left out)."""
    hits = []
    for position, (kind, ident, score, _board, title, body) in enumerate(top):
        if (place := places.get(position)) is None:
            continue
        _position, board, short, meeting_id, on, minute_id, number, year, context = place
        hit = SearchHit(
            kind=kind,
            id=int(ident),
            rank=-float(score),
            title=Highlighted.from_marked(title),
            snippet=Highlighted.from_marked(body),
            board_id=board,
            board_short_name=short,
            meeting_id=meeting_id,
            meeting_date=date.fromisoformat(on) if on else None,
            minute_id=minute_id,
            minute_reference=minute_reference(number, year) if number is not None else "",
            context=context or "",
        )
        hits.append(hit)
    return hits


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
        f"WITH q AS (SELECT to_tsquery('{PG_CONFIG}', :query) AS query) "
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
            f"ts_headline('{PG_CONFIG}', t.{title_col}, q.query, :title_options)"
            if title_col
            else "''"
        )
        sql = sa.text(
            f"WITH q AS (SELECT to_tsquery('{PG_CONFIG}', :query) AS query) "
            f"SELECT t.id, {title_sql}, ts_headline('{PG_CONFIG}', t.{body_col}, q.query, :body_options) "
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


# -- PostgreSQL: where each hit is -----------------------------------------------------------
@functools.cache
def _place_query() -> Any:
    """One query naming board, meeting and minute of every hit, whatever its kind.

    Built once: its parameters are the ids of each kind (``minute_ids``, ...).
    """
    minute, meeting, board = aliased(MinuteItem), aliased(Meeting), aliased(Board)
    parent = aliased(AgendaItem)
    # Columns: kind, id, board id and short name, meeting id and date, minute id, number,
    # numbering year, context.
    minutes = (
        sa.select(
            sa.literal("minute"),
            col(MinuteItem.id),
            col(board.id),
            col(board.short_name),
            col(meeting.id),
            col(meeting.date),
            col(MinuteItem.id),
            col(MinuteItem.number),
            col(MinuteItem.numbering_year),
            sa.literal(""),
        )
        .join(meeting, col(meeting.id) == MinuteItem.meeting_id)
        .join(board, col(board.id) == MinuteItem.board_id)
        .where(col(MinuteItem.id).in_(sa.bindparam("minute_ids", expanding=True)))
    )
    resolutions = (
        sa.select(
            sa.literal("resolution"),
            col(Resolution.id),
            col(board.id),
            col(board.short_name),
            col(meeting.id),
            col(meeting.date),
            col(minute.id),
            col(minute.number),
            col(minute.numbering_year),
            col(minute.title),
        )
        .join(minute, col(minute.id) == Resolution.minute_item_id)
        .join(meeting, col(meeting.id) == minute.meeting_id)
        .join(board, col(board.id) == minute.board_id)
        .where(col(Resolution.id).in_(sa.bindparam("resolution_ids", expanding=True)))
    )
    actions = (
        sa.select(
            sa.literal("action"),
            col(Action.id),
            col(board.id),
            col(board.short_name),
            col(meeting.id),
            col(meeting.date),
            col(minute.id),
            col(minute.number),
            col(minute.numbering_year),
            sa.func.coalesce(col(minute.title), ""),
        )
        .join(board, col(board.id) == Action.board_id)
        .outerjoin(minute, col(minute.id) == Action.minute_item_id)
        .outerjoin(meeting, col(meeting.id) == minute.meeting_id)
        .where(col(Action.id).in_(sa.bindparam("action_ids", expanding=True)))
    )
    items = (
        sa.select(
            sa.literal("agenda_item"),
            col(AgendaItem.id),
            col(board.id),
            col(board.short_name),
            col(meeting.id),
            col(meeting.date),
            sa.null(),
            sa.null(),
            sa.null(),
            sa.func.coalesce(col(parent.title), ""),
        )
        .join(meeting, col(meeting.id) == AgendaItem.meeting_id)
        .join(board, col(board.id) == meeting.board_id)
        .outerjoin(parent, col(parent.id) == AgendaItem.parent_id)
        .where(col(AgendaItem.id).in_(sa.bindparam("agenda_item_ids", expanding=True)))
    )
    papers = (
        sa.select(
            sa.literal("paper"),
            col(Paper.id),
            col(board.id),
            col(board.short_name),
            col(meeting.id),
            col(meeting.date),
            sa.null(),
            sa.null(),
            sa.null(),
            col(parent.title),
        )
        .join(parent, col(parent.id) == Paper.agenda_item_id)
        .join(meeting, col(meeting.id) == parent.meeting_id)
        .join(board, col(board.id) == meeting.board_id)
        .where(col(Paper.id).in_(sa.bindparam("paper_ids", expanding=True)))
    )
    return sa.union_all(minutes, resolutions, actions, items, papers, *plan_places(board))


def _places(s: Session, ranked: Sequence[_Ranked]) -> dict[tuple[str, int], _Place]:
    """Board, meeting and minute of every hit, in one query."""
    if not ranked:
        return {}
    ids: dict[str, list[int]] = {kind: [] for kind in KINDS}
    for r in ranked:
        ids[r.kind].append(r.id)
    places: dict[tuple[str, int], _Place] = {}
    params = {f"{kind}_ids": found for kind, found in ids.items()}
    rows = s.execute(_place_query(), params).all()
    for kind, ident, board_id, short, meeting_id, on, minute_id, number, year, context in rows:
        reference = minute_reference(number, year) if number is not None else ""
        places[(kind, ident)] = _Place(
            board_id, short, meeting_id, on, minute_id, reference, context or ""
        )
    return places

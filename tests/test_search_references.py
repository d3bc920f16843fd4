"""Search by minute reference (``10/13``) and for common words, the same on both engines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pytest
import sqlalchemy as sa
from alembic import command

from scbmeet.services import Services
from scbmeet.services.search import REFERENCE_RANK, MinuteReference, parse_reference
from scbmeet.storage.database import open_database
from scbmeet.storage.revisions import alembic_config


@dataclass
class Archive:
    board_id: int
    other_board_id: int
    minute_10_13: int
    other_10_13: int
    mention_id: int


def build(services: Services) -> Archive:
    """Two boards with a minute 10/13 each, and a later minute that mentions 10/13."""
    reg = services.register
    board = reg.create_board("Reference Board", "RB")
    other = reg.create_board("Other Reference Board", "ORB")
    meeting = services.meetings.create_meeting(
        board.id, date(2013, 6, 5), standard_agenda=False, first_minute_number=10
    )
    minute = services.minutes.add_minute(
        meeting.id, "Child sexual exploitation", narrative="It is what it is: the checklist."
    )
    later = services.meetings.create_meeting(board.id, date(2014, 2, 5), standard_agenda=False)
    mention = services.minutes.add_minute(
        later.id, "Matters arising", narrative="Further to minute 10/13, the summit was held."
    )
    other_meeting = services.meetings.create_meeting(
        other.id, date(2013, 7, 1), standard_agenda=False, first_minute_number=10
    )
    other_minute = services.minutes.add_minute(other_meeting.id, "Alcohol harm")
    return Archive(board.id, other.id, minute.id, other_minute.id, mention.id)


@pytest.fixture
def archive(services: Services) -> Archive:
    return build(services)


def test_the_archive_numbers_as_assumed(services, archive):
    refs = {
        m.reference
        for m in services.minutes.minutes(services.minutes.minute(archive.minute_10_13).meeting_id)
    }
    assert refs == {"10/13"}


@pytest.mark.parametrize("typed", ["10/13", "10/2013", "10 / 13", " 10/ 2013 ", "minute 10/13"])
def test_a_reference_finds_its_minute_first(services, archive, typed):
    hits = services.search.search(typed, board_id=archive.board_id)
    assert [(h.kind, h.id) for h in hits[:1]] == [("minute", archive.minute_10_13)]
    first = hits[0]
    assert first.minute_reference == "10/13"
    assert first.title.text == "Child sexual exploitation"
    assert first.snippet.text == "It is what it is: the checklist."
    assert first.place == "RB 5 June 2013, minute 10/13"
    assert first.rank == REFERENCE_RANK


def test_mentions_of_the_reference_follow_the_minute_once(services, archive):
    hits = services.search.search("10/13", board_id=archive.board_id)
    assert [h.id for h in hits if h.kind == "minute"] == [archive.minute_10_13, archive.mention_id]


def test_a_reference_on_every_board_unless_one_is_named(services, archive):
    everywhere = services.search.search("10/13")
    assert [h.id for h in everywhere[:2]] == [archive.other_10_13, archive.minute_10_13]
    other = services.search.search("10/13", board_id=archive.other_board_id)
    assert [(h.kind, h.id) for h in other] == [("minute", archive.other_10_13)]


def test_mentions_of_the_reference_are_highlighted(services, archive):
    hits = services.search.search("10/2013", board_id=archive.board_id)
    snippet = hits[1].snippet
    marked = " ".join(snippet.text[a:b] for a, b in snippet.spans)
    assert marked.replace(" ", "/") == "10/13"


def test_a_reference_to_no_minute_finds_only_text(services, archive):
    assert services.search.search("11/13", board_id=archive.board_id) == []
    assert services.search.search("10/14", board_id=archive.board_id) == []


def test_the_limit_counts_the_referenced_minute(services, archive):
    hits = services.search.search("10/13", board_id=archive.board_id, limit=1)
    assert [h.id for h in hits] == [archive.minute_10_13]


def test_parse_reference():
    assert parse_reference("10/13") == MinuteReference(10, 13)
    assert parse_reference("Minute 7 / 2026") == MinuteReference(7, 2026)
    assert parse_reference("min. 3/09") == MinuteReference(3, 9)
    assert MinuteReference(3, 9).numbering_years == (2009, 1909)
    assert MinuteReference(3, 2009).numbering_years == (2009,)
    assert MinuteReference(3, 2009).written == "3/09"
    for not_one in ("10/1", "10/201", "10/13 grooming", "exploitation", "1/2/13", "", "/13"):
        assert parse_reference(not_one) is None, not_one


@pytest.mark.parametrize("words", ["the", "it", '"it is what it is"', "what it"])
def test_common_words_are_found_on_both_engines(services, archive, words):
    hits = services.search.search(words, board_id=archive.board_id)
    assert archive.minute_10_13 in [h.id for h in hits if h.kind == "minute"], words


def test_common_words_are_highlighted(services, archive):
    hits = services.search.search('"it is"', board_id=archive.board_id)
    snippet = hits[0].snippet
    marked = " ".join(snippet.text[a:b] for a, b in snippet.spans)  # FTS5 marks the phrase
    assert marked.lower().split()[:2] == ["it", "is"]


def test_downgrade_to_0002_and_back_keeps_search_working(db_url):
    """Migration 0003 (PostgreSQL's configuration without stop words) undoes and redoes."""
    db = open_database(db_url)
    try:
        archive = build(Services(db))
        cfg = alembic_config()
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0002")
        if not db.is_sqlite:
            assert _pg_configs(db) == set()
            assert _pg_index_configs(db) == {"english"}
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        if not db.is_sqlite:
            assert _pg_configs(db) == {"scbmeet_english"}
            assert _pg_index_configs(db) == {"scbmeet_english"}
        hits = Services(db).search.search("the", board_id=archive.board_id)
        assert archive.minute_10_13 in [h.id for h in hits]
    finally:
        db.dispose()


def _pg_configs(db) -> set[str]:
    with db.engine.connect() as conn:
        return set(
            conn.execute(
                sa.text("SELECT cfgname FROM pg_ts_config WHERE cfgname LIKE 'scbmeet%'")
            ).scalars()
        )


def _pg_index_configs(db) -> set[str]:
    """The text-search configurations the five search indexes are built over."""
    with db.engine.connect() as conn:
        definitions = conn.execute(
            sa.text("SELECT indexdef FROM pg_indexes WHERE indexname LIKE 'ix_%_search'")
        ).scalars()
        found = {re.findall(r"'(\w+)'::regconfig", d)[0] for d in definitions}
    return found

"""Full-text search: what is indexed, ranking, highlighting, query safety, staying in step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from scbmeet.domain.errors import ValidationError
from scbmeet.services import Services
from scbmeet.services.search import (
    Highlighted,
    fts5_query,
    parse_marked,
    parse_query,
    pg_tsquery,
)


@dataclass
class Corpus:
    board_id: int
    other_board_id: int
    meeting_id: int
    minute_ids: dict[str, int]
    ids: dict[str, int]


def build(services: Services) -> Corpus:
    """Two boards whose minutes, resolutions, actions, agenda items and papers use distinct words."""
    reg = services.register
    board = reg.create_board("Search Test Board", "STB")
    other = reg.create_board("Other Board", "OB")
    reg.create_person("Okafor", given_names="Rachel")
    meeting = services.meetings.create_meeting(board.id, date(2026, 6, 3), standard_agenda=False)
    titled = services.minutes.add_minute(
        meeting.id,
        "Exploitation of children",
        narrative="Partners described the referral route.",
    )
    mentioned = services.minutes.add_minute(
        meeting.id,
        "Performance report",
        narrative="The panel discussed exploitation once, among many other matters of "
        "performance and funding for the year ahead.",
    )
    resolution = services.minutes.add_resolution(
        mentioned.id, "that the quarterly dashboard be endorsed."
    )
    action = services.actions.add_action(
        mentioned.id, "Commission a graffiti removal contract.", "Rachel Okafor"
    )
    item = services.agenda.add_item(meeting.id, "Licensing of nightclubs", notes="Late venues.")
    paper = services.agenda.add_paper(
        item.id, "Nightclub licensing review", recommendation="That the board notes the review."
    )
    other_meeting = services.meetings.create_meeting(
        other.id, date(2026, 6, 4), standard_agenda=False
    )
    other_minute = services.minutes.add_minute(
        other_meeting.id, "Exploitation in the north", narrative="A separate board."
    )
    return Corpus(
        board_id=board.id,
        other_board_id=other.id,
        meeting_id=meeting.id,
        minute_ids={"titled": titled.id, "mentioned": mentioned.id, "other": other_minute.id},
        ids={
            "resolution": resolution.id,
            "action": action.id,
            "agenda_item": item.id,
            "paper": paper.id,
        },
    )


@pytest.fixture
def corpus(services: Services) -> Corpus:
    return build(services)


def test_a_title_match_ranks_above_a_mention_in_the_text(services, corpus):
    hits = services.search.search("exploitation", board_id=corpus.board_id)
    assert [(h.kind, h.id) for h in hits] == [
        ("minute", corpus.minute_ids["titled"]),
        ("minute", corpus.minute_ids["mentioned"]),
    ]
    assert hits[0].rank > hits[1].rank


def test_every_kind_of_record_is_found_with_its_place(services, corpus):
    cases = {
        "dashboard": ("resolution", corpus.ids["resolution"]),
        "graffiti": ("action", corpus.ids["action"]),
        "nightclubs": ("agenda_item", corpus.ids["agenda_item"]),
        "nightclub review": ("paper", corpus.ids["paper"]),
    }
    for words, (kind, ident) in cases.items():
        hits = services.search.search(words, board_id=corpus.board_id)
        assert (hits[0].kind, hits[0].id) == (kind, ident), words
        assert hits[0].board_short_name == "STB"
        assert hits[0].meeting_id == corpus.meeting_id
        assert hits[0].meeting_date == date(2026, 6, 3)
    action = services.search.search("graffiti")[0]
    assert action.minute_reference == "2/26"
    assert action.minute_id == corpus.minute_ids["mentioned"]
    assert action.context == "Performance report"  # the minute it sits under
    assert action.place == "STB 3 June 2026, minute 2/26"
    assert action.heading.text == "Performance report"
    paper = services.search.search("review nightclub")[0]
    assert paper.context == "Licensing of nightclubs"


def test_all_boards_unless_one_is_named(services, corpus):
    everywhere = services.search.search("exploitation")
    assert {h.board_short_name for h in everywhere} == {"STB", "OB"}
    only_other = services.search.search("exploitation", board_id=corpus.other_board_id)
    assert [(h.kind, h.id) for h in only_other] == [("minute", corpus.minute_ids["other"])]


def test_matching_words_are_highlighted_in_title_and_snippet(services, corpus):
    hits = services.search.search("exploitation", board_id=corpus.board_id)
    title = hits[0].title
    assert title.text == "Exploitation of children"
    assert [title.text[a:b] for a, b in title.spans] == ["Exploitation"]
    snippet = hits[1].snippet
    assert "exploitation" in snippet.text
    assert [snippet.text[a:b].lower() for a, b in snippet.spans] == ["exploitation"]
    assert "\ue000" not in snippet.text and "\ue001" not in snippet.text


def test_stemming_and_prefix_of_the_last_word(services, corpus):
    assert services.search.search("exploited", board_id=corpus.board_id)  # stem of exploitation
    prefix = services.search.search("graff")
    assert [(h.kind, h.id) for h in prefix] == [("action", corpus.ids["action"])]


def test_every_word_must_occur(services, corpus):
    assert services.search.search("exploitation graffiti") == []
    assert len(services.search.search("performance exploitation")) == 1


def test_quoted_and_hyphenated_words_are_phrases(services, corpus):
    assert [h.kind for h in services.search.search('"removal contract"')] == ["action"]
    assert services.search.search('"contract removal"') == []
    assert [h.kind for h in services.search.search("graffiti-removal")] == ["action"]


HOSTILE_QUERIES = [
    '"',
    "*",
    "NEAR(",
    "exploitation OR",
    "AND",
    "-graffiti",
    "a:b",
    "'); DROP TABLE x;--",
    "\\",
    "!&|",
    "title:exploitation",
    "^graffiti",
]


def test_query_syntax_typed_by_users_is_harmless(services, corpus):
    for text in HOSTILE_QUERIES:
        services.search.search(text)  # never an engine syntax error
    # Punctuation joins words into a phrase rather than meaning anything to the engine.
    assert [h.title.text for h in services.search.search("report:performance")] == []
    assert [h.title.text for h in services.search.search("performance:report")] == [
        "Performance report"
    ]
    assert [h.kind for h in services.search.search("^graffiti")] == ["action"]


def test_nothing_to_search_for(services, corpus):
    assert services.search.search("   ") == []
    assert services.search.search("?!") == []


def test_limit(services, corpus):
    assert len(services.search.search("exploitation", limit=1)) == 1
    with pytest.raises(ValidationError, match="results"):
        services.search.search("exploitation", limit=0)


def test_index_follows_edits(services, corpus):
    minute_id = corpus.minute_ids["titled"]
    services.minutes.update_minute(minute_id, narrative="Now about skateboarding.")
    assert [h.id for h in services.search.search("skateboarding")] == [minute_id]
    assert services.search.search("referral") == []
    services.actions.update_action(corpus.ids["action"], {"text": "Commission a mural."})
    assert services.search.search("graffiti") == []
    assert [h.kind for h in services.search.search("mural")] == ["action"]


def test_index_follows_deletes_including_cascades(services, corpus):
    services.minutes.delete_resolution(corpus.ids["resolution"])
    assert services.search.search("dashboard") == []
    services.meetings.delete_meeting(corpus.meeting_id)
    assert services.search.search("exploitation", board_id=corpus.board_id) == []
    assert services.search.search("nightclub") == []
    assert services.search.search("graffiti") == []


def test_new_records_are_found_at_once(services, corpus):
    services.minutes.add_minute(corpus.meeting_id, "Cycle theft", narrative="Bikes.")
    assert [h.title.text for h in services.search.search("cycle")] == ["Cycle theft"]


def test_parse_query_drops_punctuation_and_keeps_phrases():
    assert parse_query('anti-social "county lines" CSP') == [
        ["anti", "social"],
        ["county", "lines"],
        ["csp"],
    ]
    assert parse_query('" NEAR( * ') == [["near"]]
    assert parse_query("") == []


def test_engine_queries():
    phrases = [["anti", "social"], ["csp"]]
    assert fts5_query(phrases) == '"anti social" AND "csp"*'
    assert pg_tsquery(phrases) == "(anti <-> social) & (csp:*)"


def test_parse_marked_turns_markers_into_spans():
    marked = parse_marked("a \ue000cat\ue001 and \ue000dog\ue001")
    assert marked == Highlighted("a cat and dog", ((2, 5), (10, 13)))
    assert marked.pieces() == [("a ", False), ("cat", True), (" and ", False), ("dog", True)]
    assert marked.marked("[", "]") == "a [cat] and [dog]"
    assert parse_marked("\ue001stray\ue000") == Highlighted("stray", ())
    assert parse_marked(None) == Highlighted("")


def test_an_agenda_item_is_found_by_a_word_in_its_bullet_points(demo):
    """The demo's offender-management item, by a word only its bullets hold; an edited
    bullet re-indexes it (the old word no longer finds it)."""
    services, summary = demo
    item = next(
        i
        for i in services.agenda.agenda(summary.upcoming_meeting_id)
        if i.title == "Integrated offender management update"
    )
    assert "probation" not in (item.title + item.notes).lower()
    found = services.search.search("probation")
    assert any(h.kind == "agenda_item" and h.id == item.id for h in found)
    services.agenda.edit_bullet(item.id, 0, "Changes to community sentences")
    found = services.search.search("probation")
    assert not any(h.kind == "agenda_item" and h.id == item.id for h in found)
    found = services.search.search("sentences")
    assert any(h.kind == "agenda_item" and h.id == item.id for h in found)

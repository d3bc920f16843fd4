"""The actions register service: rows, flags, filters, grouping, sorting, history, CSV, review."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

import pytest

from scbmeet.domain.errors import NotFoundError, ScbmeetError, ValidationError
from scbmeet.services import Services
from scbmeet.services.action_csv import CSV_HEADER, rows_to_csv, write_csv
from scbmeet.services.action_filters import (
    ActionFilter,
    filter_rows,
    group_by_owner,
    owner_choices,
    sort_rows,
)

TODAY = date(2026, 11, 21)
MEETING_DATES = [date(2026, 1, 14), date(2026, 3, 11), date(2026, 5, 13), date(2026, 7, 15)]
MEETING_DATES += [date(2026, 9, 16), date(2026, 12, 2)]


@dataclass
class Board:
    """Ids of the small board the tests build (see :func:`build`)."""

    board_id: int
    other_board_id: int
    meetings: list[int]
    people: dict[str, int]
    orgs: dict[str, int]
    theme_id: int
    actions: dict[str, int]


def build(services: Services) -> Board:
    """A board meeting every two months of 2026, with actions in every state.

    dashboard: Alice, due 28 Feb, never done - overdue, carried across four meetings.
    cctv:      the police, due at the March meeting and done there.
    leaflet:   Bob and the research team, due next year, progress reported in July.
    cafe:      Cara (no e-mail address), no due date, raised in September.
    survey:    Alice, dropped on 1 October, after the last meeting.
    other:     Alice, on another board.
    """
    reg = services.register
    board = reg.create_board("Test Safer Communities Board", "TSCB")
    other = reg.create_board("Other Partnership", "OP")
    council = reg.create_organisation("Testshire County Council", short_name="TCC", kind="council")
    police = reg.create_organisation("Testshire Police", short_name="TP", kind="police")
    team = reg.create_organisation(
        "Research Team", short_name="RES", kind="team", parent_id=council.id
    )
    alice = reg.create_person(
        "Able", given_names="Alice", organisation_id=council.id, email="alice@tcc.example.org"
    )
    bob = reg.create_person(
        "Baker", given_names="Bob", organisation_id=police.id, email="bob@tp.example.org"
    )
    cara = reg.create_person("Cole", given_names="Cara", organisation_id=council.id)
    theme = reg.create_theme("Hate crime")
    meetings = [
        services.meetings.create_meeting(board.id, d, standard_agenda=False).id
        for d in MEETING_DATES
    ]
    jan = services.minutes.add_minute(meetings[0], "Performance", narrative="Quarter 3.")
    dashboard = services.actions.add_action(
        jan.id, "Publish the ASB dashboard", "Alice Able", due_date=date(2026, 2, 28)
    )
    cctv = services.actions.add_action(
        jan.id, "Review the CCTV contract", "TP", due_meeting_id=meetings[1]
    )
    services.actions.set_state(cctv.id, "done", at_meeting_id=meetings[1], note="Renewed.")
    may = services.minutes.add_minute(meetings[2], "Hate crime", narrative="Strategy refresh.")
    services.minutes.add_resolution(may.id, "that the strategy be approved.")
    leaflet = services.actions.add_action(
        may.id,
        "Draft a hate crime leaflet",
        "Bob Baker/RES",
        due_date=date(2027, 1, 31),
        theme_ids=[theme.id],
    )
    services.actions.add_update(leaflet.id, "Designer engaged.", meeting_id=meetings[3])
    services.actions.add_update(leaflet.id, "First proof seen.", on=date(2026, 8, 1))
    sep = services.minutes.add_minute(meetings[4], "Licensing", narrative="Late-night venues.")
    services.minutes.add_resolution(sep.id, "that the licensing report be noted.")
    cafe = services.actions.add_action(sep.id, "Report on café licensing hours", "Cara Cole")
    survey = services.actions.add_action(sep.id, "=Run a residents' survey", "Alice Able")
    services.actions.set_state(survey.id, "dropped", on=date(2026, 10, 1), note="No budget.")
    services.forward_plan.add_entry(
        board.id, "Annual strategic assessment", due_meeting_id=meetings[5]
    )
    other_meeting = services.meetings.create_meeting(
        other.id, date(2026, 4, 1), standard_agenda=False
    )
    other_minute = services.minutes.add_minute(other_meeting.id, "Funding")
    other_action = services.actions.add_action(other_minute.id, "Bid for funding", "Alice Able")
    return Board(
        board_id=board.id,
        other_board_id=other.id,
        meetings=meetings,
        people={"alice": alice.id, "bob": bob.id, "cara": cara.id},
        orgs={"council": council.id, "police": police.id, "team": team.id},
        theme_id=theme.id,
        actions={
            "dashboard": dashboard.id,
            "cctv": cctv.id,
            "leaflet": leaflet.id,
            "cafe": cafe.id,
            "survey": survey.id,
            "other": other_action.id,
        },
    )


@pytest.fixture
def board(services: Services) -> Board:
    return build(services)


def by_id(rows):
    return {r.id: r for r in rows}


def test_rows_carry_minute_meeting_owners_and_due(services, board):
    rows = services.action_register.rows(board.board_id, today=TODAY)
    assert [r.id for r in rows] == [
        board.actions[k] for k in ("dashboard", "cctv", "leaflet", "cafe", "survey")
    ]
    dashboard = by_id(rows)[board.actions["dashboard"]]
    assert dashboard.minute_reference == "1/26"
    assert dashboard.meeting_date == MEETING_DATES[0]
    assert dashboard.meeting_label == "TSCB 14 January 2026"
    assert dashboard.owner_line == "Alice Able"
    assert dashboard.board_short_name == "TSCB"
    cctv = by_id(rows)[board.actions["cctv"]]
    assert cctv.due == MEETING_DATES[1]  # due at a meeting: the meeting's date
    assert cctv.owner_line == "TP"
    leaflet = by_id(rows)[board.actions["leaflet"]]
    assert leaflet.owner_line == "Bob Baker/RES"
    assert leaflet.theme_ids == (board.theme_id,)


def test_all_boards_or_one(services, board):
    every = services.action_register.rows(today=TODAY)
    assert board.actions["other"] in {r.id for r in every}
    assert len(every) == 6
    assert board.actions["other"] not in {
        r.id for r in services.action_register.rows(board.board_id, today=TODAY)
    }


def test_unknown_board_is_named(services, board):
    with pytest.raises(NotFoundError, match="board"):
        services.action_register.rows(9999)


def test_carried_counts_and_flag(services, board):
    rows = by_id(services.action_register.rows(board.board_id, today=TODAY))
    dashboard = rows[board.actions["dashboard"]]
    assert dashboard.carried == 4  # March, May, July, September; December is still ahead
    assert dashboard.is_carried_flagged
    assert rows[board.actions["cctv"]].carried == 0  # dealt with at the first meeting after
    leaflet = rows[board.actions["leaflet"]]
    assert leaflet.carried == 2 and not leaflet.is_carried_flagged
    assert rows[board.actions["cafe"]].carried == 0
    # The dropped survey was not carried: it was closed before any later meeting.
    assert rows[board.actions["survey"]].carried == 0


def test_carried_flag_only_once_three_meetings_have_passed(services, board):
    before_july = by_id(services.action_register.rows(board.board_id, today=date(2026, 7, 1)))
    dashboard = before_july[board.actions["dashboard"]]
    assert dashboard.carried == 2 and not dashboard.is_carried_flagged


def test_overdue_and_age(services, board):
    rows = by_id(services.action_register.rows(board.board_id, today=TODAY))
    dashboard = rows[board.actions["dashboard"]]
    assert dashboard.is_overdue
    assert dashboard.overdue_days == (TODAY - date(2026, 2, 28)).days
    assert dashboard.age_days == (TODAY - MEETING_DATES[0]).days
    cctv = rows[board.actions["cctv"]]
    assert not cctv.is_overdue  # closed actions are never overdue
    assert cctv.age_days == (MEETING_DATES[1] - MEETING_DATES[0]).days  # how long it took
    assert not rows[board.actions["leaflet"]].is_overdue
    assert not rows[board.actions["cafe"]].is_overdue  # no due date


def test_latest_progress_is_the_newest_by_date(services, board):
    rows = by_id(services.action_register.rows(board.board_id, today=TODAY))
    leaflet = rows[board.actions["leaflet"]]
    assert leaflet.latest_update == "First proof seen."
    assert leaflet.latest_update_on == date(2026, 8, 1)
    assert leaflet.state == "in_progress"
    services.actions.add_update(board.actions["leaflet"], "Backdated note.", on=date(2026, 6, 1))
    again = by_id(services.action_register.rows(board.board_id, today=TODAY))
    assert again[board.actions["leaflet"]].latest_update == "First proof seen."


def ids(rows):
    return {r.id for r in rows}


def test_default_filter_is_outstanding(services, board):
    rows = services.action_register.query(board_id=board.board_id, today=TODAY)
    assert ids(rows) == {board.actions[k] for k in ("dashboard", "leaflet", "cafe")}


def test_filter_by_state(services, board):
    rows = services.action_register.rows(board.board_id, today=TODAY)
    done = filter_rows(rows, ActionFilter(states=frozenset({"done"})))
    assert ids(done) == {board.actions["cctv"]}
    assert len(filter_rows(rows, ActionFilter(states=frozenset()))) == 5


def test_filter_by_person_owner(services, board):
    rows = services.action_register.rows(board.board_id, today=TODAY)
    alice = filter_rows(
        rows, ActionFilter(states=frozenset(), owner=("person", board.people["alice"]))
    )
    assert ids(alice) == {board.actions["dashboard"], board.actions["survey"]}


def test_filter_by_organisation_takes_its_people_and_teams(services, board):
    rows = services.action_register.rows(board.board_id, today=TODAY)
    council = filter_rows(rows, ActionFilter(owner=("organisation", board.orgs["council"])))
    # Alice and Cara work for the council; the research team is part of it.
    assert ids(council) == {board.actions[k] for k in ("dashboard", "leaflet", "cafe")}
    police = filter_rows(
        rows, ActionFilter(states=frozenset(), owner=("organisation", board.orgs["police"]))
    )
    assert ids(police) == {board.actions["cctv"], board.actions["leaflet"]}  # TP, and Bob
    team = filter_rows(rows, ActionFilter(owner=("organisation", board.orgs["team"])))
    assert ids(team) == {board.actions["leaflet"]}


def test_filter_overdue_due_before_theme_and_carried(services, board):
    rows = services.action_register.rows(board.board_id, today=TODAY)
    assert ids(filter_rows(rows, ActionFilter(overdue_only=True))) == {board.actions["dashboard"]}
    assert ids(filter_rows(rows, ActionFilter(carried_only=True))) == {board.actions["dashboard"]}
    before = filter_rows(rows, ActionFilter(states=frozenset(), due_before=date(2026, 3, 11)))
    assert ids(before) == {board.actions["dashboard"]}  # strictly before: cctv is due that day
    assert ids(filter_rows(rows, ActionFilter(theme_id=board.theme_id))) == {
        board.actions["leaflet"]
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cafe", {"cafe"}),  # accents and case do not matter
        ("CAFÉ licensing", {"cafe"}),
        ("licensing leaflet", set()),  # every word must occur
        ("alice", {"dashboard"}),  # owners
        ("county council", {"dashboard", "leaflet", "cafe"}),  # their organisations
        ("1/26", {"dashboard"}),  # minute references
        ("proof", {"leaflet"}),  # latest progress
        ("hate", {"leaflet"}),  # the minute's title
        ("", {"dashboard", "leaflet", "cafe"}),
    ],
)
def test_free_text_filter(services, board, text, expected):
    rows = services.action_register.rows(board.board_id, today=TODAY)
    found = filter_rows(rows, ActionFilter(text=text))
    assert ids(found) == {board.actions[k] for k in expected}


def test_filter_rows_keeps_exactly_what_matches_passes_in_register_order(services, board):
    rows = services.action_register.rows(board.board_id, today=TODAY)
    filters = [
        ActionFilter(),
        ActionFilter(states=frozenset(), text="county council"),
        ActionFilter(states=frozenset({"done"}), board_id=board.board_id),
        ActionFilter(owner=("organisation", board.orgs["council"]), text="a"),
        ActionFilter(states=frozenset(), due_before=date(2026, 3, 12), overdue_only=True),
        ActionFilter(states=frozenset(), carried_only=True, theme_id=board.theme_id),
    ]
    for action_filter in filters:
        wanted = [r.id for r in rows if action_filter.matches(r)]
        assert [r.id for r in filter_rows(rows, action_filter)] == wanted, action_filter
    assert filter_rows(rows, ActionFilter(states=frozenset(), text="county council"))


def test_group_by_owner_puts_shared_actions_in_each_group(services, board):
    rows = services.action_register.rows(board.board_id, today=TODAY)
    groups = group_by_owner(rows)
    names = [g.name for g in groups]
    assert names == sorted(names, key=str.casefold)
    by_name = {g.name: g for g in groups}
    assert {r.id for r in by_name["Alice Able"].rows} == {
        board.actions["dashboard"],
        board.actions["survey"],
    }
    assert by_name["Alice Able"].outstanding == 1
    assert by_name["Alice Able"].overdue == 1
    assert board.actions["leaflet"] in {r.id for r in by_name["Bob Baker"].rows}
    assert board.actions["leaflet"] in {r.id for r in by_name["RES"].rows}


def test_owner_choices_list_people_then_organisations(services, board):
    rows = services.action_register.rows(board.board_id, today=TODAY)
    choices = owner_choices(rows)
    labels = [c.label for c in choices]
    people = [c.label for c in choices if c.is_person]
    assert people == ["Alice Able", "Bob Baker", "Cara Cole"]
    assert labels[: len(people)] == people
    assert "Testshire County Council (TCC)" in labels
    assert "Research Team (RES)" in labels


def test_sort_by_due_keeps_missing_dates_last_both_ways(services, board):
    rows = services.action_register.rows(board.board_id, today=TODAY)
    ascending = sort_rows(rows, "due")
    descending = sort_rows(rows, "due", descending=True)
    assert ascending[0].id == board.actions["dashboard"]
    assert descending[0].id == board.actions["leaflet"]
    for ordered in (ascending, descending):
        assert [r.due for r in ordered[-2:]] == [None, None]
    assert [r.age_days for r in sort_rows(rows, "age")] == sorted(r.age_days for r in rows)
    with pytest.raises(ValidationError, match="sort"):
        sort_rows(rows, "colour")


def test_history_of_a_carried_action(services, board):
    history = services.action_register.history(board.actions["dashboard"], today=TODAY)
    kinds = [e.kind for e in history.events]
    assert kinds == ["raised", "carried", "carried", "carried", "carried"]
    assert history.events[0].meeting_label == "TSCB 14 January 2026"
    assert [e.on for e in history.events[1:]] == MEETING_DATES[1:5]
    assert history.minute_narrative == "Quarter 3."


def test_history_shows_progress_at_meetings_and_state_changes(services, board):
    leaflet = services.action_register.history(board.actions["leaflet"], today=TODAY)
    progress = [e for e in leaflet.events if e.kind == "progress"]
    assert [(e.text, e.meeting_label) for e in progress] == [
        ("Designer engaged.", "TSCB 15 July 2026"),
        ("First proof seen.", ""),
    ]
    cctv = services.action_register.history(board.actions["cctv"], today=TODAY)
    state = [e for e in cctv.events if e.kind == "state"]
    assert len(state) == 1
    assert state[0].text == "Open → Done: Renewed."
    assert state[0].on == MEETING_DATES[1]
    assert state[0].meeting_label == "TSCB 11 March 2026"
    assert state[0].by == "test-secretary"


def test_history_of_a_missing_action(services, board):
    with pytest.raises(NotFoundError):
        services.action_register.history(99999)


def test_csv_lists_the_rows_with_a_header(services, board):
    rows = services.action_register.rows(board.board_id, today=TODAY)
    table = list(csv.reader(io.StringIO(rows_to_csv(rows))))
    assert table[0] == CSV_HEADER
    assert len(table) == 1 + len(rows)
    dashboard = next(line for line in table if line[3] == "Publish the ASB dashboard")
    assert dashboard[:3] == ["TSCB", "1/26", "2026-01-14"]
    assert dashboard[4:8] == [
        "Alice Able",
        "2026-02-28",
        "Open",
        str((TODAY - MEETING_DATES[0]).days),
    ]
    assert dashboard[8] == "4"
    assert dashboard[9] == str((TODAY - date(2026, 2, 28)).days)


def test_csv_defuses_spreadsheet_formulas(services, board):
    rows = services.action_register.rows(board.board_id, today=TODAY)
    text = rows_to_csv(rows)
    assert "'=Run a residents' survey" in text
    assert "\n=Run" not in text and ",=Run" not in text


def test_write_csv_has_a_byte_order_mark_for_excel(services, board, tmp_path):
    rows = services.action_register.rows(board.board_id, today=TODAY)
    path = write_csv(rows, tmp_path / "actions.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "café".encode() in raw


def test_write_csv_to_a_missing_folder_is_a_clear_error(services, board, tmp_path):
    rows = services.action_register.rows(board.board_id, today=TODAY)
    with pytest.raises(ScbmeetError, match="Cannot write"):
        write_csv(rows, tmp_path / "missing" / "actions.csv")


def test_rows_by_id(services, board):
    wanted = [board.actions["cafe"], board.actions["other"]]
    assert ids(services.action_register.rows_by_id(wanted, today=TODAY)) == set(wanted)
    assert services.action_register.rows_by_id([]) == []


def test_chairs_review(services, board):
    review = services.action_register.review(board.board_id, today=TODAY)
    assert review.last_meeting is not None and review.last_meeting.date == MEETING_DATES[4]
    assert review.next_meeting is not None and review.next_meeting.date == MEETING_DATES[5]
    assert review.outstanding_count == 3  # dashboard, leaflet and cafe
    assert [r.id for r in review.overdue] == [board.actions["dashboard"]]
    assert review.overdue_count == 1
    assert [r.id for r in review.closed_since_last] == [board.actions["survey"]]
    assert review.closed_count == 1
    owners = {o.name: o for o in review.by_owner}
    assert review.owner_count == len(owners)
    assert owners["Alice Able"].outstanding == 1 and owners["Alice Able"].overdue == 1
    assert set(owners) == {"Alice Able", "Bob Baker", "RES", "Cara Cole"}
    assert sum(b.count for b in review.by_age) == 3
    assert [b.count for b in review.by_age[:3]] == [1, 0, 2]  # 66, 192 and 311 days old
    assert [e.title for e in review.forward_plan_due] == ["Annual strategic assessment"]
    assert [(r.minute_reference, r.text) for r in review.last_resolutions] == [
        ("3/26", "that the licensing report be noted.")
    ]


def test_review_chart_counts_open_actions_after_each_meeting(services, board):
    review = services.action_register.review(board.board_id, today=TODAY)
    points = [(p.date, p.open, p.overdue) for p in review.open_per_meeting]
    assert points == [
        (date(2026, 1, 14), 2, 0),  # dashboard and cctv raised
        (date(2026, 3, 11), 1, 1),  # cctv done; dashboard overdue since February
        (date(2026, 5, 13), 2, 1),  # leaflet raised
        (date(2026, 7, 15), 2, 1),
        (date(2026, 9, 16), 4, 1),  # cafe and survey raised
    ]


def test_the_services_of_this_issue_do_not_import_qt():
    import subprocess
    import sys

    code = (
        "import sys, scbmeet.services.action_register, scbmeet.services.chair_review, "
        "scbmeet.services.chasing, scbmeet.services.search, scbmeet.cli.search_commands; "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"

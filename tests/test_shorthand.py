"""The minute-taker's shorthand: lines read into actions, resolutions and update requests."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.domain.dto import OwnerRef
from scbmeet.text.shorthand import (
    ActionShorthand,
    DuePick,
    ResolutionShorthand,
    ShorthandError,
    UpdateShorthand,
    due_fields,
    months_after,
    parse_due,
    parse_line,
    resolve_owner_names,
    resolve_owner_text,
)


def test_an_action_line_names_its_owners_and_text():
    parsed = parse_line("#action Sally Goodwin/Kul Mahay: bring the breakdown by crime type")
    assert parsed == ActionShorthand(
        "Sally Goodwin/Kul Mahay",
        ("Sally Goodwin", "Kul Mahay"),
        "bring the breakdown by crime type",
        None,
    )


@pytest.mark.parametrize(
    ("suffix", "due"),
    [
        ("(due next meeting)", DuePick.next_meeting()),
        ("(due 3 months)", DuePick.in_months(3)),
        ("(due: six months)", DuePick.in_months(6)),
        ("(due 1m)", DuePick.in_months(1)),
        ("(due 31/01/2027)", DuePick.on_date(date(2027, 1, 31))),
        ("(due 2027-02-28).", DuePick.on_date(date(2027, 2, 28))),
    ],
)
def test_an_action_line_may_end_with_when_it_is_due(suffix, due):
    parsed = parse_line(f"#action SMRI: produce the framework {suffix}")
    assert isinstance(parsed, ActionShorthand)
    assert parsed.text == "produce the framework"
    assert parsed.due == due


def test_brackets_that_are_not_a_due_date_stay_in_the_text():
    parsed = parse_line("#action Rachel Okafor: write to the CSPs (all four)")
    assert isinstance(parsed, ActionShorthand)
    assert parsed.text == "write to the CSPs (all four)"
    assert parsed.due is None


def test_owners_can_be_separated_by_slashes_semicolons_or_commas():
    parsed = parse_line("#action A Smith; B Jones, SMRI / MCC: do it")
    assert isinstance(parsed, ActionShorthand)
    assert parsed.owner_names == ("A Smith", "B Jones", "SMRI", "MCC")


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("#resolved to note the report", "to note the report"),
        ("  #RESOLVED: that the plan be endorsed", "that the plan be endorsed"),
        ("#resolution that the minutes be confirmed", "that the minutes be confirmed"),
    ],
)
def test_a_resolution_line(line, text):
    assert parse_line(line) == ResolutionShorthand(text)


@pytest.mark.parametrize(
    ("line", "months", "text"),
    [
        ("#update 6 months: progress on tagging", 6, "progress on tagging"),
        ("#update in three months: a further report", 3, "a further report"),
        ("#update 12m: annual review", 12, "annual review"),
        ("#update 1 month", 1, ""),
    ],
)
def test_an_update_line(line, months, text):
    assert parse_line(line) == UpdateShorthand(months, text)


@pytest.mark.parametrize(
    "line",
    [
        "The board noted the report.",
        "#3 on the list was discussed",
        "#hashtag campaigns were praised",
        "",
    ],
)
def test_ordinary_narrative_is_left_alone(line):
    assert parse_line(line) is None


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("#action Sally Goodwin bring the figures", "colon is missing"),
        ("#action : bring the figures", "Name who will do"),
        ("#action Sally Goodwin:", "Say what the action is"),
        ("#action Sally: figures (due whenever)", "Cannot read the due date"),
        ("#resolved", "Say what was resolved"),
        ("#update soon: more", "Say when the update is wanted"),
        ("#update 99 months: more", "between 1 and 60"),
        ("#update 0 months: more", "between 1 and 60"),
    ],
)
def test_malformed_shorthand_says_how_to_write_it(line, problem):
    with pytest.raises(ShorthandError, match=problem):
        parse_line(line)


def test_due_words_and_dates():
    assert parse_due("Next meeting") == DuePick.next_meeting()
    assert parse_due("in 2 months") == DuePick.in_months(2)
    with pytest.raises(ShorthandError):
        parse_due("31/02/2027")
    with pytest.raises(ShorthandError):
        parse_due("0 months")


def test_months_after_keeps_the_day_or_takes_the_month_end():
    assert months_after(date(2026, 12, 9), 1) == date(2027, 1, 9)
    assert months_after(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert months_after(date(2027, 8, 31), 6) == date(2028, 2, 29)


def test_due_fields_for_the_quick_picks():
    on = date(2026, 12, 9)
    assert due_fields(None, on, 7) == (None, None)
    assert due_fields(DuePick.next_meeting(), on, 7) == (None, 7)
    assert due_fields(DuePick.in_months(6), on, 7) == (date(2027, 6, 9), None)
    assert due_fields(DuePick.on_date(date(2027, 1, 2)), on, None) == (date(2027, 1, 2), None)
    with pytest.raises(ShorthandError, match="next meeting is not in the diary"):
        due_fields(DuePick.next_meeting(), on, None)


SALLY = OwnerRef(person_id=1, name="Sally Goodwin")
KUL = OwnerRef(person_id=2, name="Kul Mahay")
PRICE_G = OwnerRef(person_id=3, name="Gareth Price")
PRICE_A = OwnerRef(person_id=4, name="Anna Price")


def _match(name: str) -> list[OwnerRef]:
    table = {"sally goodwin": [SALLY], "kul mahay": [KUL], "price": [PRICE_G, PRICE_A]}
    return table.get(name.lower(), [])


def test_owners_are_matched_one_to_one():
    result = resolve_owner_names(["Sally Goodwin", "Kul Mahay", "sally goodwin"], _match)
    assert result.complete
    assert result.owners == (SALLY, KUL)


def test_unknown_and_ambiguous_owners_are_asked_about_not_guessed():
    result = resolve_owner_text("Sally Goodwin/Price/Sal Goodwin", _match)
    assert not result.complete
    assert result.owners == (SALLY,)
    assert [q.name for q in result.questions] == ["Price", "Sal Goodwin"]
    assert result.questions[0].candidates == (PRICE_G, PRICE_A)
    assert "Gareth Price, Anna Price" in result.questions[0].message
    assert "not in the register" in result.questions[1].message
    assert "'Sal Goodwin'" in result.message


def test_no_owner_at_all_is_incomplete():
    result = resolve_owner_text(" / ", _match)
    assert not result.complete
    assert result.message == "Name at least one owner."


def test_owner_matching_against_the_register(services):
    reg = services.register
    org = reg.create_organisation("Derbyshire Constabulary", short_name="DC", kind="police")
    sally = reg.create_person("Goodwin", given_names="Sally")
    kul = reg.create_person("Mahay", given_names="Kul", organisation_id=org.id)
    reg.create_person("Price", given_names="Gareth")
    reg.create_person("Price", given_names="Anna")
    parsed = parse_line("#action Sally Goodwin/K Mahay/DC: bring the breakdown by crime type")
    assert isinstance(parsed, ActionShorthand)
    result = resolve_owner_names(parsed.owner_names, reg.match_owner)
    assert result.complete
    assert [o.person_id for o in result.owners[:2]] == [sally.id, kul.id]
    assert result.owners[2].organisation_id == org.id
    unsure = resolve_owner_text("Price/Nobody Known", reg.match_owner)
    assert [len(q.candidates) for q in unsure.questions] == [2, 0]

"""Correcting the preview before importing: names matched to the right register entry (or
added as new), a paragraph not placed attached to a minute or left out, a minute's number
and title and the meeting date put right. The corrections are plain data; the import is
still all or nothing."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.domain.errors import ValidationError
from scbmeet.domain.history import Corrections, MinuteFix, NameChoice, Placement
from scbmeet.history import read_document
from scbmeet.history.matching import plan_import
from scbmeet.history.preview import plan_lines
from scbmeet.services import Services
from scbmeet.storage.database import open_database

INTEREST = "Councillor C Short declared a personal interest as a trustee of a youth charity."


@pytest.fixture
def board(tmp_path):
    services = Services(open_database(f"sqlite:///{tmp_path / 'board.db'}", create=True))
    reg = services.register
    board = reg.create_board("Northshire Safer Communities Board", "NSCB")
    people = {
        "townshend": reg.create_person("Townshend", given_names="Jo"),
        "alan": reg.create_person("Goodwin", given_names="Alan", title="DCC"),
        "anne": reg.create_person("Goodwin", given_names="Anne"),
    }
    team = reg.create_organisation("Safer Northshire Research and Information", short_name="SNRI")
    return services, board.id, people, team


def test_the_uncorrected_preview_shows_what_needs_putting_right(board, documents, tmp_path):
    services, board_id, _people, _team = board
    plan = plan_import(services, board_id, [read_document(documents["june"](tmp_path / "j.docx"))])
    text = "\n".join(plan_lines(plan))
    assert "J Townsend (new)" in text
    assert "A Goodwin (ambiguous)" in text
    assert "Action: SDRI (new)" in text
    assert f"Not placed: {INTEREST[:40]}" in text
    assert any("'A Goodwin' could be more than one person" in p for p in plan.problems)
    with pytest.raises(ValidationError):
        services.history.import_plan(plan)
    assert services.meetings.meetings(board_id) == []


def test_corrections_are_imported_as_put_right(board, documents, tmp_path):
    services, board_id, people, team = board
    document = read_document(documents["june"](tmp_path / "june.docx"))
    corrections = Corrections(
        names=(
            NameChoice("J Townsend", person_id=people["townshend"].id),
            NameChoice("A Goodwin", person_id=people["alan"].id),
            NameChoice("SDRI", organisation_id=team.id),
            NameChoice("David Lowe", add_as="organisation"),  # a team the minutes name
        ),
        minutes=(MinuteFix("june.docx", 1, 10, 13, "Young people at risk"),),
        placements=(Placement("june.docx", INTEREST, 0),),
        dates=(("june.docx", date(2013, 6, 6)),),
    )
    plan = plan_import(services, board_id, [document], corrections)
    assert plan.ok, plan.problems
    text = "\n".join(plan_lines(plan))
    assert "Not placed" not in text and "(ambiguous)" not in text
    assert "6 June 2013" in text and "10/13 Young people at risk" in text
    services.history.import_plan(plan)

    meeting = services.meetings.meetings(board_id)[0]
    assert meeting.date == date(2013, 6, 6)
    minutes = services.minutes.minutes(meeting.id)
    assert minutes[1].title == "Young people at risk"
    assert minutes[0].narrative.endswith(INTEREST)
    present = {a.person.id for a in services.meetings.attendance(meeting.id)}
    assert {people["townshend"].id, people["alan"].id} <= present
    assert not [p for p in services.register.people() if p.family_name == "Townsend"]
    owners = {a.text[:20]: a.owner_line for m in minutes for a in m.actions}
    assert owners["Share the neighbourh"] == "SNRI"  # the team chosen, by its short name
    assert owners["Members asked whethe"] == "David Lowe"
    assert "David Lowe" in {o.name for o in services.register.organisations()}


def test_a_paragraph_can_be_left_out_and_a_name_added_as_new_despite_a_likeness(
    board, documents, tmp_path
):
    services, board_id, _people, _team = board
    document = read_document(documents["june"](tmp_path / "june.docx"))
    corrections = Corrections(
        names=(NameChoice("A Goodwin", add_as="person"),),
        placements=(Placement("june.docx", INTEREST, None),),
    )
    plan = plan_import(services, board_id, [document], corrections)
    assert plan.ok, plan.problems
    assert "A Goodwin" in {" ".join((p.given_names, p.family_name)) for p in plan.new_people}
    services.history.import_plan(plan)
    meeting = services.meetings.meetings(board_id)[0]
    assert all(INTEREST not in m.narrative for m in services.minutes.minutes(meeting.id))
    goodwins = {p.given_names for p in services.register.people() if p.family_name == "Goodwin"}
    assert goodwins == {"Alan", "Anne", "A", "S"}  # A Goodwin added, not taken for Alan or Anne


def test_a_correction_that_clashes_stops_the_whole_import(board, documents, tmp_path):
    services, board_id, people, _team = board
    document = read_document(documents["june"](tmp_path / "june.docx"))
    corrections = Corrections(
        names=(NameChoice("A Goodwin", person_id=people["alan"].id),),
        minutes=(MinuteFix("june.docx", 1, 9, 13, "Young people"),),  # 9/13 twice
    )
    plan = plan_import(services, board_id, [document], corrections)
    assert any("minute 9/13 is also in june.docx" in p for p in plan.problems)
    people_before = len(services.register.people())
    with pytest.raises(ValidationError):
        services.history.import_plan(plan)
    assert services.meetings.meetings(board_id) == []
    assert len(services.register.people()) == people_before

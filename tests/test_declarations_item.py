"""Every standard agenda calls for declarations of interest after apologies; the minutes say
"None declared." under it when nobody declared; re-imported minutes and agendas know it."""

from __future__ import annotations

from datetime import date

import docx
import pytest

from scbmeet.exports.agenda import export_agenda
from scbmeet.exports.minutes import NONE_DECLARED, export_minutes
from scbmeet.history import read_document
from scbmeet.history.matching import plan_import
from scbmeet.history.preview import document_lines

DECLARATIONS = "Declarations of interest"


def _titles(services, meeting_id):
    return [(i.title, i.kind) for i in services.agenda.agenda(meeting_id)]


@pytest.fixture
def older(small):
    """A meeting whose agenda was made before every agenda called for declarations."""
    meeting = small.services.meetings.create_meeting(
        small.board.id, date(2013, 11, 27), standard_agenda=False
    )
    small.services.agenda.add_item(meeting.id, "Apologies", kind="apologies")
    small.services.agenda.add_item(meeting.id, "Hate crime strategy")
    return meeting


def test_a_new_agenda_has_declarations_straight_after_apologies(small):
    meeting = small.services.meetings.create_meeting(small.board.id, date(2013, 11, 27))
    agenda = small.services.agenda.agenda(meeting.id)
    assert [(i.title, i.kind) for i in agenda[:2]] == [
        ("Apologies", "apologies"),
        (DECLARATIONS, "declarations"),
    ]
    assert agenda[1].number == "1"  # called for and minuted as the first business


def test_copying_an_older_agenda_adds_the_item_and_leaves_the_older_one_alone(small, older):
    before = _titles(small.services, older.id)
    copy = small.services.meetings.create_meeting(
        small.board.id, date(2014, 3, 5), standard_agenda=False, copy_agenda_of=older.id
    )
    assert _titles(small.services, copy.id) == [
        ("Apologies", "apologies"),
        (DECLARATIONS, "declarations"),
        ("Hate crime strategy", "ordinary"),
    ]
    assert _titles(small.services, older.id) == before  # the stored agenda is as it was


def test_copying_an_agenda_that_has_the_item_adds_no_second(small):
    first = small.services.meetings.create_meeting(small.board.id, date(2013, 11, 27))
    copy = small.services.meetings.create_meeting(
        small.board.id, date(2014, 3, 5), standard_agenda=False, copy_agenda_of=first.id
    )
    assert [t for t, _ in _titles(small.services, copy.id)].count(DECLARATIONS) == 1


def test_a_declarations_item_typed_by_hand_is_not_doubled(small, older):
    ag = small.services.agenda
    ag.add_item(older.id, "Declarations  of Interest")  # an ordinary item, typed in
    template = ag.save_template(older.id, "Old style")
    new = small.services.meetings.create_meeting(
        small.board.id, date(2014, 3, 5), standard_agenda=False, template_id=template
    )
    titles = [t.lower() for t, _ in _titles(small.services, new.id)]
    assert sum(" ".join(t.split()) == DECLARATIONS.lower() for t in titles) == 1


def test_a_template_saved_before_the_item_gains_it(small, older):
    template = small.services.agenda.save_template(older.id, "Old style")
    new = small.services.meetings.create_meeting(
        small.board.id, date(2014, 3, 5), standard_agenda=False, template_id=template
    )
    assert [t for t, _ in _titles(small.services, new.id)][:2] == ["Apologies", DECLARATIONS]


def _paragraphs(path):
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def _calling_for_declarations(services, board_id):
    """The demo's latest minuted meeting, whose agenda calls for declarations, with the one
    declaration made there taken back: nobody declared."""
    meeting = next(
        m
        for m in services.meetings.meetings(board_id)
        if services.minutes.minutes(m.id)
        and any(i.kind == "declarations" for i in services.agenda.agenda(m.id))
    )
    for declaration in services.declarations.of_meeting(meeting.id):
        services.declarations.delete(declaration.id)
    return meeting


def test_minutes_say_none_declared_under_the_item(demo, tmp_path):
    services, summary = demo
    meeting = _calling_for_declarations(services, summary.board_id)
    texts = _paragraphs(export_minutes(services, meeting.id, tmp_path / "m.docx"))
    at = texts.index(("Heading 1", DECLARATIONS))
    assert texts[at + 1][1] == NONE_DECLARED == "None declared."


def test_minutes_of_a_meeting_without_the_item_say_nothing_of_it(demo, tmp_path):
    services, summary = demo
    meeting = next(  # minutes without an agenda of their own, as the demo's first ones
        m
        for m in services.meetings.meetings(summary.board_id)
        if services.minutes.minutes(m.id)
        and not services.declarations.of_meeting(m.id)
        and not any(i.kind == "declarations" for i in services.agenda.agenda(m.id))
    )
    texts = [t for _, t in _paragraphs(export_minutes(services, meeting.id, tmp_path / "m.docx"))]
    assert NONE_DECLARED not in texts and DECLARATIONS not in texts


def test_reimported_minutes_recognise_the_declarations_lines(demo, tmp_path):
    services, summary = demo
    declared = next(
        m
        for m in services.meetings.meetings(summary.board_id)
        if any(d.kind for d in services.declarations.of_meeting(m.id))
    )
    made = read_document(export_minutes(services, declared.id, tmp_path / "made.docx"))
    plain = _calling_for_declarations(services, summary.board_id)
    none = read_document(export_minutes(services, plain.id, tmp_path / "none.docx"))
    assert none.declarations == ()
    assert not any("declar" in text.lower() for text in none.unplaced), none.unplaced
    assert not any("declar" in text.lower() for text in made.unplaced), made.unplaced
    (sentence,) = made.declarations
    assert (
        sentence.startswith("Councillor")
        and " declared a disclosable pecuniary interest" in sentence
    )
    assert any(line.startswith("  Declared: Councillor") for line in document_lines(made))


def test_a_reimported_agenda_keeps_declarations_as_the_standard_item(demo, tmp_path):
    services, summary = demo
    path = export_agenda(services, summary.upcoming_meeting_id, tmp_path / "agenda.docx")
    copy = services.register.create_board("Copy of the board", "COPY")
    plan = plan_import(services, copy.id, [read_document(path)])
    assert plan.ok, plan.problems
    services.history.import_plan(plan)
    imported = services.meetings.meetings(copy.id)[0]
    kinds = {i.title: i.kind for i in services.agenda.agenda(imported.id)}
    assert kinds[DECLARATIONS] == "declarations"
    assert {k for t, k in kinds.items() if t != DECLARATIONS} == {"ordinary"}

"""The record written the way the board writes it: actions where they were taken, owners in the
board's form, matters arising outcomes, update requests and deferrals under their items."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document

from scbmeet import jsonio
from scbmeet.cli import main
from scbmeet.domain.errors import ValidationError
from scbmeet.exports.minutes import export_minutes
from scbmeet.services import Services
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import ENV_URL, sqlite_url
from scbmeet.text.names import name_fits, read_name, split_person_name
from scbmeet.text.paragraphs import (
    lines_before_line,
    lines_before_offset,
    lines_of_text,
    paragraphs_with_breaks,
)

NARRATIVE = (
    "The Board received a presentation on exploitation.\n\n"
    "A gap in specialist support was noted.\n\n"
    "The chair would raise the fire service's focus."
)


def _styled(path):
    return [(p.style.name, p.text) for p in Document(path).paragraphs]


# -- lines and paragraphs ------------------------------------------------------------------
def test_places_count_lines_of_text_and_paragraphs_break_there():
    text = "First.\n\nSecond.\n#action X: y\nThird."
    assert lines_before_line(text, 3) == 2
    assert lines_before_line(text, 0) == 0
    assert lines_before_offset("First.\n\nSecond", len("First.\n\nSec")) == 2
    assert lines_before_offset("First.\n\n", len("First.\n\n")) == 1
    assert lines_of_text("A\n\n \nB\nC") == 3
    # A single newline only breaks a line, unless an action was taken there.
    assert paragraphs_with_breaks("A\nB\n\nC\nD", set()) == [("A\nB", 2), ("C\nD", 4)]
    assert paragraphs_with_breaks("A\nB\n\nC\nD", {3}) == [("A\nB", 2), ("C", 3), ("D", 4)]


# -- actions where they were taken ---------------------------------------------------------
def test_actions_print_after_the_paragraph_they_were_taken_in(small, tmp_path):
    services = small.services
    meeting = small.meeting(date(2026, 6, 5))
    minute = services.minutes.add_minute(meeting.id, "Child exploitation", narrative=NARRATIVE)
    services.minutes.add_resolution(minute.id, "that the presentation be noted.")
    services.actions.add_action(minute.id, "Arrange a meeting.", "David Lowe", after_line=2)
    services.actions.add_action(minute.id, "Ask the service.", "Cllr Smith", after_line=3)
    services.actions.add_action(minute.id, "Report back.", "Sally Goodwin", after_line=1)
    services.actions.add_action(minute.id, "An old action.", "Kul Mahay")  # no place kept
    styled = _styled(export_minutes(services, meeting.id, tmp_path / "m.docx"))
    start = styled.index(("SCB Minute Title", "1/26\tChild exploitation"))
    assert styled[start + 1 : start + 13] == [
        ("SCB Minute Text", "The Board received a presentation on exploitation."),
        ("SCB Minute Text", "Report back."),
        ("SCB Action", "Action: Sally Goodwin"),
        ("SCB Minute Text", "A gap in specialist support was noted."),
        ("SCB Minute Text", "Arrange a meeting."),
        ("SCB Action", "Action: David Lowe"),
        ("SCB Minute Text", "The chair would raise the fire service's focus."),
        ("SCB Resolution", "RESOLVED that the presentation be noted."),
        # Taken at the end of the narrative, or before places were kept: as always, last.
        ("SCB Minute Text", "Ask the service."),
        ("SCB Action", "Action: Councillor Paul James Smith"),
        ("SCB Minute Text", "An old action."),
        ("SCB Action", "Action: Supt Kul Mahay"),
    ]


def test_scbmeet_show_prints_actions_where_they_were_taken(small, capsys, monkeypatch):
    services = small.services
    meeting = small.meeting(date(2026, 6, 5))
    minute = services.minutes.add_minute(meeting.id, "Child exploitation", narrative=NARRATIVE)
    services.minutes.add_resolution(minute.id, "that the presentation be noted.")
    services.actions.add_action(minute.id, "Report back.", "Sally Goodwin", after_line=1)
    services.actions.add_action(minute.id, "Ask the service.", "Cllr Smith", after_line=3)
    monkeypatch.setenv(ENV_URL, services.db.url)  # SQLite or PostgreSQL alike
    assert main(["show", "2026-06-05"]) == 0
    printed = [line.strip() for line in capsys.readouterr().out.splitlines()]
    start = printed.index("1/26   CHILD EXPLOITATION")
    assert printed[start + 1 : start + 7] == [
        "The Board received a presentation on exploitation.",
        "Action: Sally Goodwin - Report back.",
        "A gap in specialist support was noted.",
        "The chair would raise the fire service's focus.",
        "RESOLVED that the presentation be noted.",
        "Action: Councillor Paul James Smith - Ask the service.",  # as the minutes name him
    ]


def test_an_action_placed_before_the_narrative_or_beyond_it(small, tmp_path):
    services = small.services
    meeting = small.meeting(date(2026, 6, 5))
    minute = services.minutes.add_minute(meeting.id, "Short", narrative="Only paragraph.")
    services.actions.add_action(minute.id, "Do it.", "David Lowe", after_line=5)
    services.actions.add_action(minute.id, "First of all.", "Sally Goodwin", after_line=0)
    services.minutes.add_resolution(minute.id, "to note.")
    styled = _styled(export_minutes(services, meeting.id, tmp_path / "m.docx"))
    at = styled.index(("SCB Minute Title", "1/26\tShort"))
    assert [text for _, text in styled[at + 1 : at + 7]] == [
        "First of all.",
        "Action: Sally Goodwin",
        "Only paragraph.",
        "RESOLVED to note.",
        "Do it.",
        "Action: David Lowe",
    ]


def test_a_negative_place_is_refused_and_nothing_is_stored(small):
    services = small.services
    minute = services.minutes.add_minute(small.meeting(date(2026, 6, 5)).id, "M")
    with pytest.raises(ValidationError, match="line of the minute"):
        services.actions.add_action(minute.id, "Do it.", "David Lowe", after_line=-1)
    assert services.actions.actions() == []


def test_place_name_in_actions_and_declaration_survive_json(small, tmp_path):
    services = small.services
    meeting = small.meeting(date(2026, 6, 5))
    minute = services.minutes.add_minute(meeting.id, "M", narrative=NARRATIVE)
    services.actions.add_action(minute.id, "Do it.", "David Lowe", after_line=2)
    services.register.update_person(small.chair.id, {"action_name": "Councillor P Smith"})
    services.register.update_board(small.board.id, {"say_no_declarations": True})
    services.declarations.add(meeting.id, small.david.id, "Trustee", left_room=True)
    data = jsonio.export_data(services.db)
    other = open_database(sqlite_url(tmp_path / "other.sqlite3"))
    jsonio.import_data(other, data)
    copy = Services(other)
    [action] = copy.actions.actions()
    assert action.after_line == 2
    people = {p.family_name: p for p in copy.register.people()}
    assert people["Smith"].action_name == "Councillor P Smith"
    assert copy.register.board_by_short_name("TSCB").say_no_declarations
    [declaration] = copy.declarations.of_meeting(copy.meetings.meetings()[0].id)
    assert declaration.left_room


# -- owners as the board writes them -------------------------------------------------------
@pytest.mark.parametrize(
    "typed",
    ["Cllr Smith", "Councillor Smith", "P Smith", "Councillor P J Smith", "PJ Smith", "Paul Smith"],
)
def test_owner_typed_as_the_board_writes_it_matches_the_register_person(small, typed):
    [owner] = small.services.register.match_owner(typed)
    assert owner.person_id == small.chair.id


def test_ranks_and_short_forms_match(small):
    reg = small.services.register
    alan = reg.create_person("Goodwin", given_names="Alan", organisation_id=small.police.id)
    kulwant = reg.create_person("Mahal", given_names="Kulwant")
    assert [o.person_id for o in reg.match_owner("DCC Alan Goodwin")] == [alan.id]
    assert [o.person_id for o in reg.match_owner("Kul Mahal")] == [kulwant.id]
    owners = reg.resolve_owners("DCC Alan Goodwin/Supt K Mahay")
    assert [o.person_id for o in owners] == [alan.id, small.kul.id]


def test_names_that_could_be_several_people_or_nobody_are_not_guessed(small):
    reg = small.services.register
    reg.create_person("Smith", given_names="Peter", title="Councillor")
    assert len(reg.match_owner("Cllr Smith")) == 2
    assert len(reg.match_owner("P Smith")) == 2
    assert reg.match_owner("Dr Lowe") == []  # a family name needs the person's own title
    assert reg.match_owner("Sam Goodwin") == []
    assert [o.person_id for o in reg.match_owner("Paul Smith")] == [small.chair.id]


def test_exact_name_beats_a_looser_reading(small):
    reg = small.services.register
    reg.create_person("Goodwin", given_names="Sally Anne")
    assert [o.person_id for o in reg.match_owner("Sally Goodwin")] == [small.sally.id]


def test_reading_names():
    assert read_name("Councillor Mrs C A Hart").titles == ("councillor", "mrs")
    assert read_name("Ch Supt A Goodwin").titles == ("ch supt",)
    assert read_name("P C Smith").given == ("p", "c")  # initials, not a constable
    assert read_name("Dr").family == "dr"
    assert not name_fits(read_name("A Smith"), "", "Paul", "Smith")
    assert name_fits(read_name("Maria de Souza"), "", "Maria", "de Souza")
    assert split_person_name("Dr Priya Nair") == ("Dr", "Priya", "Nair")
    assert split_person_name("Councillor Mrs Ann Hart") == ("Councillor Mrs", "Ann", "Hart")
    assert split_person_name("Nair") == ("", "", "Nair")


def test_minutes_print_owners_in_the_board_form(small, tmp_path):
    services = small.services
    services.register.update_person(small.chair.id, {"action_name": "Councillor P Smith"})
    meeting = small.meeting(date(2026, 6, 5))
    minute = services.minutes.add_minute(meeting.id, "Fires", narrative="A query was raised.")
    services.actions.add_action(minute.id, "Raise with the service.", "Cllr Smith/Kul Mahay/RU")
    texts = [t for _, t in _styled(export_minutes(services, meeting.id, tmp_path / "m.docx"))]
    assert "Action: Councillor P Smith/Supt Kul Mahay/RU" in texts
    # The register and the actions list keep the plain names.
    [action] = services.actions.actions()
    assert action.owner_line == "Paul James Smith/Kul Mahay/RU"


def test_name_in_actions_is_checked_and_matched(small):
    reg = small.services.register
    with pytest.raises(ValidationError, match="name in actions"):
        reg.update_person(small.chair.id, {"action_name": "x" * 201})
    assert reg.person(small.chair.id).action_name == ""
    reg.update_person(small.david.id, {"action_name": "Mr D Lowe"})
    assert [o.person_id for o in reg.match_owner("Mr D Lowe")] == [small.david.id]


# -- matters arising, update requests, deferrals ------------------------------------------
def _two_meetings(small):
    services = small.services
    june = small.meeting(date(2026, 6, 5))
    earlier = services.minutes.add_minute(june.id, "Performance", narrative="Noted.")
    done = services.actions.add_action(earlier.id, "Bring the breakdown.", "Sally Goodwin")
    dropped = services.actions.add_action(earlier.id, "Write to the minister.", "David Lowe")
    progress = services.actions.add_action(earlier.id, "Map the hotspots.", "Kul Mahay")
    untouched = services.actions.add_action(earlier.id, "Untouched.", "David Lowe")
    november = small.meeting(date(2026, 11, 27))
    arising = services.agenda.add_item(november.id, "Matters arising", kind="matters_arising")
    minute = services.minutes.add_minute(november.id, arising.title, agenda_item_id=arising.id)
    return services, november, minute, (done, dropped, progress, untouched)


def test_matters_arising_outcomes_print_under_the_matters_arising_minute(small, tmp_path):
    services, november, minute, (done, dropped, progress, _untouched) = _two_meetings(small)
    services.actions.set_state(done.id, "done", at_meeting_id=november.id)
    services.actions.set_state(dropped.id, "dropped", at_meeting_id=november.id)
    services.actions.add_update(
        progress.id, "Hotspots mapped in two districts", meeting_id=november.id
    )
    styled = _styled(export_minutes(services, november.id, tmp_path / "m.docx"))
    at = styled.index(("SCB Minute Title", f"{minute.reference}\tMatters arising"))
    assert styled[at + 1 : at + 4] == [
        ("SCB Minute Text", "Minute 1/26 (Sally Goodwin: Bring the breakdown): completed."),
        (
            "SCB Minute Text",
            "Minute 1/26 (David Lowe: Write to the minister): no longer required; "
            "the action was dropped.",
        ),
        (
            "SCB Minute Text",
            "Minute 1/26 (Supt Kul Mahay: Map the hotspots): still open. "
            "Progress reported: Hotspots mapped in two districts.",
        ),
    ]
    assert not any("Untouched" in text for _, text in styled)


def test_an_action_closed_at_a_later_meeting_was_still_open_at_this_one(small, tmp_path):
    services, november, _minute, (done, *_others) = _two_meetings(small)
    services.actions.add_update(done.id, "Half the data collected", meeting_id=november.id)
    march = small.meeting(date(2027, 3, 10))
    services.actions.set_state(done.id, "done", at_meeting_id=march.id, note="All collected.")
    texts = [t for _, t in _styled(export_minutes(services, november.id, tmp_path / "m.docx"))]
    assert (
        "Minute 1/26 (Sally Goodwin: Bring the breakdown): still open. "
        "Progress reported: Half the data collected."
    ) in texts


def test_outcomes_are_recorded_even_when_matters_arising_has_no_minute(small, tmp_path):
    services, november, minute, (done, _dropped, _progress, _untouched) = _two_meetings(small)
    services.minutes.delete_minute(minute.id)
    services.actions.set_state(done.id, "done", at_meeting_id=november.id)
    styled = _styled(export_minutes(services, november.id, tmp_path / "m.docx"))
    at = styled.index(("Heading 1", "Matters arising"))
    assert styled[at + 1] == (
        "SCB Minute Text",
        "Minute 1/26 (Sally Goodwin: Bring the breakdown): completed.",
    )


def test_an_update_request_written_as_a_phrase_reads_as_a_sentence(small, tmp_path):
    services = small.services
    meeting = small.meeting(date(2026, 6, 5))
    minute = services.minutes.add_minute(meeting.id, "Trends", narrative="Noted.")
    services.forward_plan.add_entry(
        small.board.id,
        "a further report on neighbourhood trends",
        in_months=6,
        from_date=meeting.date,
        source_minute_item_id=minute.id,
    )
    texts = [t for _, t in _styled(export_minutes(services, meeting.id, tmp_path / "m.docx"))]
    assert "A further report on neighbourhood trends was requested for December 2026." in texts


def test_update_requests_and_deferrals_print_under_their_items(small, tmp_path):
    services, november, _minute, _actions = _two_meetings(small)
    alcohol = services.agenda.add_item(november.id, "Alcohol harm")
    hate = services.agenda.add_item(november.id, "Hate crime strategy")
    fires = services.agenda.add_item(november.id, "Secondary fires")
    later = small.meeting(date(2027, 3, 10))
    minute = services.minutes.add_minute(
        november.id, alcohol.title, agenda_item_id=alcohol.id, narrative="A report was received."
    )
    services.forward_plan.add_entry(
        small.board.id,
        "Update: alcohol-tagged data",
        in_months=6,
        from_date=november.date,
        source_minute_item_id=minute.id,
    )
    services.forward_plan.add_entry(
        small.board.id, "Licensing review", due_meeting_id=later.id, source_minute_item_id=minute.id
    )
    deferred = services.minutes.add_minute(november.id, hate.title, agenda_item_id=hate.id)
    services.agenda.update_item(hate.id, {"status": "deferred"})
    services.agenda.update_item(fires.id, {"status": "deferred"})  # nothing minuted
    styled = _styled(export_minutes(services, november.id, tmp_path / "m.docx"))
    at = styled.index(("SCB Minute Title", f"{minute.reference}\tAlcohol harm"))
    assert styled[at + 1 : at + 4] == [
        ("SCB Minute Text", "A report was received."),
        ("SCB Minute Text", "A further update on alcohol-tagged data was requested for May 2027."),
        (
            "SCB Minute Text",
            "A further update was requested for the meeting of 10 March 2027: Licensing review.",
        ),
    ]
    hate_at = styled.index(("SCB Minute Title", f"{deferred.reference}\tHate crime strategy"))
    assert styled[hate_at + 1] == (
        "SCB Minute Text",
        "This item was deferred to the next meeting (10 March 2027).",
    )
    items_at = styled.index(("Heading 1", "Items deferred"))
    assert styled[items_at + 1][1].endswith(
        "(Secondary fires) was deferred to the next meeting (10 March 2027)."
    )


def test_no_declarations_sentence_only_when_the_board_asks(small, tmp_path):
    services = small.services
    meeting = small.meeting(date(2026, 6, 5))
    services.minutes.add_minute(meeting.id, "Anything", narrative="Noted.")
    texts = [t for _, t in _styled(export_minutes(services, meeting.id, tmp_path / "a.docx"))]
    assert "No declarations of interest were made." not in texts
    services.register.update_board(small.board.id, {"say_no_declarations": True})
    texts = [t for _, t in _styled(export_minutes(services, meeting.id, tmp_path / "b.docx"))]
    assert texts[texts.index("Declarations of interest") + 1] == (
        "No declarations of interest were made."
    )


def test_a_declaration_says_who_left_the_room(small, tmp_path):
    services = small.services
    meeting = small.meeting(date(2026, 6, 5))
    item = services.agenda.add_item(meeting.id, "Community safety fund")
    services.minutes.add_minute(meeting.id, item.title, agenda_item_id=item.id)
    declared = services.declarations.add(
        meeting.id, small.david.id, "Trustee of a bidding charity.", agenda_item_id=item.id
    )
    services.declarations.update(declared.id, {"left_room": True})
    texts = [t for _, t in _styled(export_minutes(services, meeting.id, tmp_path / "m.docx"))]
    assert (
        "David Lowe declared an interest in minute 1/26 (Community safety fund): trustee of a "
        "bidding charity, and left the room for that item."
    ) in texts


def test_declarations_refuse_bad_input_and_keep_what_was_stored(small):
    services = small.services
    meeting = small.meeting(date(2026, 6, 5))
    other = small.meeting(date(2026, 9, 5))
    foreign = services.agenda.add_item(other.id, "Elsewhere")
    declared = services.declarations.add(meeting.id, small.david.id, "Trustee")
    with pytest.raises(ValidationError, match="Say what the interest is"):
        services.declarations.update(declared.id, {"nature": "  "})
    with pytest.raises(ValidationError, match="another meeting"):
        services.declarations.add(meeting.id, small.david.id, "X", agenda_item_id=foreign.id)
    with pytest.raises(ValidationError, match="Cannot change"):
        services.declarations.update(declared.id, {"meeting_id": other.id})
    assert services.declarations.of_meeting(meeting.id) == [declared]
    services.declarations.delete(declared.id)
    assert services.declarations.of_meeting(meeting.id) == []


def test_migrations_undo_and_redo_without_losing_records(db_url):
    from alembic import command

    from scbmeet.storage.revisions import alembic_config
    from tests.conftest import SmallBoard

    db = open_database(db_url)
    try:
        small = SmallBoard(Services(db))
        meeting = small.meeting(date(2026, 6, 5))
        minute = small.services.minutes.add_minute(meeting.id, "Kept", narrative="A\n\nB")
        small.services.actions.add_action(minute.id, "Do it.", "David Lowe", after_line=1)
        cfg = alembic_config()
        for target in ("0003", "head"):
            with db.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                (command.downgrade if target == "0003" else command.upgrade)(cfg, target)
        services = Services(db)
        [kept] = services.minutes.minutes(meeting.id)
        assert [a.text for a in kept.actions] == ["Do it."]
        assert kept.actions[0].after_line is None  # the place went with the column
        assert [h.id for h in services.search.search("Kept")] == [kept.id]
    finally:
        db.dispose()


def test_an_action_s_text_is_kept_on_the_page_of_its_action_line(small, tmp_path):
    services = small.services
    meeting = small.meeting(date(2026, 6, 5))
    minute = services.minutes.add_minute(meeting.id, "Child exploitation", narrative=NARRATIVE)
    services.actions.add_action(minute.id, "Report back.", "Sally Goodwin", after_line=1)
    document = Document(export_minutes(services, meeting.id, tmp_path / "m.docx"))
    [text] = [p for p in document.paragraphs if p.text == "Report back."]
    assert text.paragraph_format.keep_with_next is True

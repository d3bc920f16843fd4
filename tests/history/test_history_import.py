"""Importing past minutes and agendas: read back through the services and `scbmeet show` in a
fresh process; numbering runs on; actions come to the next meeting; all or nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from scbmeet.cli import main
from scbmeet.domain.errors import ValidationError
from scbmeet.history import read_document
from scbmeet.history.matching import plan_import
from scbmeet.services import Services
from scbmeet.storage.database import open_database


@pytest.fixture
def board_db(tmp_path: Path) -> tuple[Path, Services, int]:
    path = tmp_path / "board.db"
    services = Services(open_database(f"sqlite:///{path}", create=True))
    reg = services.register
    board = reg.create_board("Northshire Safer Communities Board", "NSCB")
    council = reg.create_organisation("Northshire County Council", short_name="NCC")
    police = reg.create_organisation("Northshire Constabulary", short_name="NC")
    reg.create_organisation("Safer Northshire Research and Information", short_name="SDRI")
    reg.create_person("Goodwin", given_names="Sally", organisation_id=council.id)
    reg.create_person("Mahay", given_names="Kul", title="Supt", organisation_id=police.id)
    reg.create_person(
        "Smith", given_names="Paul James", title="Councillor", organisation_id=council.id
    )
    return path, services, board.id


def cli(path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """``scbmeet`` in a fresh process, as a secretary runs it."""
    return subprocess.run(
        [sys.executable, "-m", "scbmeet", *argv, "--db", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=300,
    )


def counts(services: Services, board_id: int) -> tuple[int, int, int]:
    meetings = services.meetings.meetings(board_id)
    minutes = sum(len(services.minutes.minutes(m.id)) for m in meetings)
    return len(meetings), minutes, len(services.actions.actions(board_id=board_id))


def test_minutes_import_with_numbering_owners_and_outstanding_actions(
    board_db, documents, tmp_path
):
    path, _services, board_id = board_db
    february = documents["february"](tmp_path / "feb.docx")
    june = documents["june"](tmp_path / "june.docx")
    result = cli(path, "import-minutes", str(june), str(february), "--board", "NSCB")
    assert result.returncode == 0, result.stderr
    assert "Imported 2 meeting(s)" in result.stdout
    assert "D Lowe" in result.stdout  # added to the register and listed

    fresh = Services(open_database(f"sqlite:///{path}"))
    meetings = sorted(fresh.meetings.meetings(board_id), key=lambda m: m.date)
    assert [m.date for m in meetings] == [date(2013, 2, 27), date(2013, 6, 5)]
    june_meeting = meetings[1]
    minutes = fresh.minutes.minutes(june_meeting.id)
    assert [m.reference for m in minutes] == ["9/13", "10/13", "11/13"]
    assert minutes[1].title == "Young people at risk of exploitation"
    assert [r.text for r in minutes[1].resolutions] == [
        "to note the presentation.",
        "that a joint report come to the next meeting.",
    ]
    owners = {a.text[:30]: a.owner_line for m in minutes for a in m.actions}
    assert (
        owners["Members asked whether a suppor"] == "David Lowe"
        or "Lowe" in owners["Members asked whether a suppor"]
    )
    performance = minutes[2].actions
    assert "Sally Goodwin" in performance[0].owner_line and "Mahay" in performance[0].owner_line
    assert "Smith" in performance[1].owner_line
    assert performance[2].due_date == date(2013, 9, 30) and "SDRI" in performance[2].owner_line
    assert performance[3].due_date == date(2013, 11, 27)
    # the chair and Sally were matched, not added again
    assert len([p for p in fresh.register.people() if p.family_name == "Smith"]) == 1
    assert len([p for p in fresh.register.people() if p.family_name == "Mahay"]) == 1

    # the next meeting runs on from 11/13 and has the June actions outstanding
    november = fresh.meetings.create_meeting(board_id, date(2013, 11, 27), standard_agenda=False)
    added = fresh.minutes.add_minute(november.id, "Matters arising")
    assert added.reference == "12/13"
    outstanding = fresh.actions.outstanding(as_of_meeting_id=november.id)
    assert len(outstanding) == 1 + 5  # February's one and June's five

    shown = cli(path, "show", "2013-06-05", "--board", "NSCB")
    assert shown.returncode == 0, shown.stderr
    assert "10/13  YOUNG PEOPLE AT RISK OF EXPLOITATION" in shown.stdout
    assert "RESOLVED that a joint report come to the next meeting." in shown.stdout
    assert "Police Headquarters, Ripley" in shown.stdout
    found = cli(path, "search", "screening", "--board", "NSCB")
    assert "10/13" in found.stdout


def test_dry_run_prints_the_preview_and_changes_nothing(board_db, documents, tmp_path):
    path, services, board_id = board_db
    june = documents["june"](tmp_path / "june.docx")
    people_before = len(services.register.people())
    result = cli(path, "import-minutes", str(june), "--board", "NSCB", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "10/13 Young people at risk of exploitation" in result.stdout
    assert "Action: Sally Goodwin/Kul Mahay" in result.stdout
    assert "D Lowe (new)" in result.stdout
    assert "Dry run: nothing was changed." in result.stdout
    assert counts(services, board_id) == (0, 0, 0)
    assert len(services.register.people()) == people_before


def test_a_bad_file_among_good_ones_imports_nothing(board_db, documents, tmp_path):
    path, services, board_id = board_db
    june = documents["june"](tmp_path / "june.docx")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip")
    result = cli(path, "import-minutes", str(june), str(broken), "--board", "NSCB")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0] == "scbmeet: broken.docx: is damaged or not a Word document."
    assert "Traceback" not in result.stderr
    assert counts(services, board_id) == (0, 0, 0)


def test_the_same_meeting_twice_is_refused(board_db, documents, tmp_path):
    path, services, board_id = board_db
    june = documents["june"](tmp_path / "june.docx")
    assert cli(path, "import-minutes", str(june), "--board", "NSCB").returncode == 0
    people = len(services.register.people())
    again = cli(path, "import-minutes", str(june), "--board", "NSCB")
    assert again.returncode == 1
    assert "already has a meeting on 05 June 2013" in again.stderr or "5 June 2013" in again.stderr
    assert counts(services, board_id)[0] == 1
    assert len(services.register.people()) == people


def test_a_number_already_used_stops_the_whole_import(board_db, documents, tmp_path):
    _path, services, board_id = board_db
    meeting = services.meetings.create_meeting(board_id, date(2013, 3, 20), standard_agenda=False)
    for title in ("One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"):
        services.minutes.add_minute(meeting.id, title)
    plan = plan_import(services, board_id, [read_document(documents["june"](tmp_path / "j.docx"))])
    assert any("minute 9/13 is already used" in p for p in plan.problems)
    with pytest.raises(ValidationError):
        services.history.import_plan(plan)
    assert counts(services, board_id)[0] == 1


def test_numbered_minutes_with_heading_styles_tabs_and_in_attendance(board_db, documents, tmp_path):
    _path, services, _board = board_db
    board = services.register.create_board("Eastvale Community Safety Partnership", "ECSP")
    document = read_document(documents["numbered"](tmp_path / "n.docx"))
    assert [(m.number, m.title) for m in document.minutes] == [
        (1, "Welcome and introductions"),
        (2, "Night-time economy"),
    ]
    assert document.minutes[1].paragraphs[1] == "1. Three premises had been visited."
    assert document.minutes[1].resolutions == (
        "that the checks continue",
        "that results come to the next meeting.",
    )
    assert {(n.text, n.organisation) for n in document.present} == {
        ("Councillor R Wheeler", "Eastvale Borough Council"),
        ("F McArdle", "Eastvale Borough Council"),
        ("M Okafor", "Eastvale Housing Trust"),
    }
    assert [n.organisation for n in document.in_attendance] == ["Northshire County Council"]
    plan = plan_import(services, board.id, [document])
    assert plan.ok, plan.problems
    result = services.history.import_plan(plan)
    assert result.minutes == 2
    meeting = services.meetings.meetings(board.id)[0]
    assert [m.reference for m in services.minutes.minutes(meeting.id)] == ["1/14", "2/14"]
    action = services.minutes.minutes(meeting.id)[1].actions[0]
    assert action.text == "that results come to the next meeting."
    assert "Fairbrother" in action.owner_line and "Eastvale Housing Trust" in action.owner_line
    # the apologised inspector and the action owner are one new person, not two
    assert len([p for p in services.register.people() if p.family_name == "Fairbrother"]) == 1
    statuses = {a.person.formal_name: a.status for a in services.meetings.attendance(meeting.id)}
    assert statuses["Insp S Fairbrother"] == "apologies"
    assert statuses["N Frost"] == "in_attendance"
    assert statuses["Dr A Patel"] == statuses["M Okafor"] == "present"


def test_an_agenda_becomes_the_meetings_items(board_db, documents, tmp_path):
    _path, services, board_id = board_db
    document = read_document(documents["agenda"](tmp_path / "agenda.docx"))
    assert document.kind == "agenda"
    assert document.meeting_date == date(2013, 11, 27)
    assert document.next_meeting == date(2014, 3, 5)
    items = document.agenda_items
    assert [i.title for i in items[:3]] == [
        "Minutes of the meeting held on 5 June 2013",
        "Performance report",
        "Mental health triage",
    ]
    assert items[1].has_paper and not items[1].paper_to_follow and items[2].paper_to_follow
    assert items[-1].closed and items[-1].reference == "NSCB-11"
    assert items[-1].presenter == "Sally Goodwin"
    services.history.import_plan(plan_import(services, board_id, [document]))
    meeting = services.meetings.meetings(board_id)[0]
    agenda = services.agenda.agenda(meeting.id)
    assert [i.title for i in agenda][1] == "Performance report"
    assert agenda[-1].is_closed and agenda[-1].closed_reference == "NSCB-11"


def test_a_pdf_made_from_minutes_imports_the_same_minutes(board_db, documents, tmp_path):
    _path, services, board_id = board_db
    pdf = documents["pdf"](documents["june"](tmp_path / "june.docx"), tmp_path)
    document = read_document(pdf)
    assert document.meeting_date == date(2013, 6, 5)
    assert [(m.number, m.year) for m in document.minutes] == [(9, 13), (10, 13), (11, 13)]
    assert document.minutes[1].resolutions == (
        "to note the presentation.",
        "that a joint report come to the next meeting.",
    )
    owners = [a.owners for a in document.minutes[2].actions]
    assert owners[0] == ("Sally Goodwin", "Kul Mahay")
    assert ("Councillor P Smith",) in owners
    result = services.history.import_plan(plan_import(services, board_id, [document]))
    assert result.minutes == 3 and result.actions >= 3


def test_a_document_that_is_not_minutes_gets_one_line(board_db, tmp_path, capsys):
    path, services, board_id = board_db
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear members")
    assert main(["import-minutes", str(letter), "--board", "NSCB", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "letter.txt: is not a .docx or .pdf document." in err
    assert counts(services, board_id) == (0, 0, 0)


def _june_actions(services: Services, board_id: int) -> dict[str, tuple[str, date | None, str]]:
    """June's actions by their opening words: (state, closed on, latest progress)."""
    return {
        a.text[:24]: (a.state, a.closed_on, a.latest_update)
        for a in services.actions.actions(board_id=board_id)
        if a.created_on == date(2013, 6, 5)
    }


EXPECTED_AFTER_NOVEMBER = {
    "Members asked whether a ": (
        "done",
        date(2013, 11, 27),
        "the chairs of both boards had met and agreed to commission a joint service",
    ),
    "The research team would ": ("open", None, "the research team would report in March"),
    "The chair agreed to rais": ("open", None, ""),
    "Share the neighbourhood ": ("done", date(2013, 11, 27), "sent to the districts in October"),
    "Bring the hate crime act": ("dropped", date(2013, 11, 27), ""),
}


def test_later_minutes_in_the_same_import_close_earlier_actions(board_db, documents, tmp_path):
    _path, services, board_id = board_db
    files = [documents["november"](tmp_path / "nov.docx"), documents["june"](tmp_path / "j.docx")]
    plan = plan_import(services, board_id, [read_document(f) for f in files])
    assert plan.ok, plan.problems
    result = services.history.import_plan(plan)
    assert result.closed == 3
    assert _june_actions(services, board_id) == EXPECTED_AFTER_NOVEMBER
    november = max(services.meetings.meetings(board_id), key=lambda m: m.date)
    assert [m.reference for m in services.minutes.minutes(november.id)] == [
        "12/13",
        "13/13",
        "14/13",
    ]
    arising = services.minutes.minutes(november.id)[1]
    assert "Action complete." in arising.narrative  # the sentence stays in the record
    # the action log's rows were outcomes, not new actions of the November meeting
    assert not any(
        a.created_on == date(2013, 11, 27) for a in services.actions.actions(board_id=board_id)
    )
    closed_here = {
        a.text[:24] for a in services.actions.actions(board_id=board_id) if a.closed_at_meeting_id
    }
    assert closed_here == {
        "Members asked whether a ",
        "Share the neighbourhood ",
        "Bring the hate crime act",
    }
    assert all(
        a.closed_at_meeting_id == november.id
        for a in services.actions.actions(board_id=board_id)
        if a.closed_at_meeting_id
    )


def test_later_minutes_close_actions_an_earlier_import_added(board_db, documents, tmp_path):
    path, _services, board_id = board_db
    june = documents["june"](tmp_path / "june.docx")
    november = documents["november"](tmp_path / "november.docx")
    assert cli(path, "import-minutes", str(june), "--board", "NSCB").returncode == 0
    preview = cli(path, "import-minutes", str(november), "--board", "NSCB", "--dry-run")
    assert preview.returncode == 0, preview.stderr
    assert "Earlier action 11/13 SDRI: Share the neighbourhood call figures" in preview.stdout
    assert ": dropped here" in preview.stdout
    result = cli(path, "import-minutes", str(november), "--board", "NSCB")
    assert result.returncode == 0, result.stderr
    assert "3 earlier action(s) closed" in result.stdout
    fresh = Services(open_database(f"sqlite:///{path}"))
    found = _june_actions(fresh, board_id)
    assert found == EXPECTED_AFTER_NOVEMBER
    assert len(fresh.actions.outstanding(board_id=board_id)) == 2
    register = fresh.actions.actions(board_id=board_id)
    done = [a for a in register if a.state == "done"]
    assert {a.minute_reference for a in done} == {"10/13", "11/13"}


def test_names_are_put_right_on_the_command_line(board_db, documents, tmp_path):
    path, services, board_id = board_db
    services.register.create_person("Goodwin", given_names="Alan", title="DCC")
    services.register.create_person("Goodwin", given_names="Anne")
    services.register.create_person("Townshend", given_names="Jo")
    june = documents["june"](tmp_path / "june.docx")
    blocked = cli(path, "import-minutes", str(june), "--board", "NSCB")
    assert blocked.returncode == 1
    assert "'A Goodwin' could be more than one person in the register" in blocked.stderr
    wrong = cli(path, "import-minutes", str(june), "--board", "NSCB", "--owner", "A Goodwin")
    assert wrong.returncode == 1
    assert wrong.stderr.strip() == ("scbmeet: --owner 'A Goodwin': write it as \"AS WRITTEN=WHO\".")
    nobody = cli(path, "import-minutes", str(june), "--board", "NSCB", "--owner", "A Goodwin=Zed")
    assert "'Zed' matches nobody in the register" in nobody.stderr
    argv = [
        "import-minutes",
        str(june),
        "--board",
        "NSCB",
        "--owner",
        "A Goodwin=DCC Alan Goodwin",
        "--name",
        "J Townsend=Jo Townshend",
        "--owner",
        "David Lowe=new team",
    ]
    preview = cli(path, *argv, "--dry-run")
    assert preview.returncode == 0, preview.stderr
    assert "A Goodwin [Northshire Constabulary]" in preview.stdout  # matched: no "(new)"
    assert "J Townsend [Eastvale Borough Council]" in preview.stdout
    assert "Action: David Lowe (new)" in preview.stdout
    assert counts(services, board_id) == (0, 0, 0)
    done = cli(path, *argv)
    assert done.returncode == 0, done.stderr
    assert "Organisations and teams added:" in done.stdout and "David Lowe" in done.stdout
    fresh = Services(open_database(f"sqlite:///{path}"))
    meeting = fresh.meetings.meetings(board_id)[0]
    present = {a.person.display_name for a in fresh.meetings.attendance(meeting.id)}
    assert {"DCC Alan Goodwin", "Jo Townshend"} <= present
    assert not [p for p in fresh.register.people() if p.family_name == "Townsend"]


def test_imported_history_is_searchable_in_the_register_and_numbering_runs_on(
    board_db, documents, tmp_path
):
    _path, services, board_id = board_db
    february = read_document(documents["february"](tmp_path / "feb.docx"))
    services.history.import_plan(plan_import(services, board_id, [february]))
    march = services.meetings.create_meeting(board_id, date(2013, 3, 20), standard_agenda=False)
    assert services.minutes.add_minute(march.id, "Matters arising").reference == "9/13"
    services.meetings.delete_meeting(march.id)  # June's minutes are 9/13 on
    files = [documents["june"](tmp_path / "j.docx"), documents["november"](tmp_path / "n.docx")]
    plan = plan_import(services, board_id, [read_document(f) for f in files])
    assert plan.ok, plan.problems
    services.history.import_plan(plan)

    hits = services.search.search("commission a joint service", board_id=board_id)
    assert [(h.kind, h.minute_reference) for h in hits][:1] == [("minute", "13/13")]
    hits = services.search.search("neighbourhood call figures", board_id=board_id)
    assert ("action", "11/13") in {(h.kind, h.minute_reference) for h in hits}
    assert services.search.search("screening", board_id=board_id)[0].minute_reference == "10/13"

    register = services.action_register.rows(board_id)
    assert len(register) == 1 + 5  # February's and June's
    outstanding = services.action_register.rows(board_id, states=["open", "in_progress"])
    assert sorted(r.minute_reference for r in outstanding) == ["11/13", "11/13", "8/13"]
    done = next(r for r in register if r.text.startswith("Share the neighbourhood"))
    assert (done.state, done.closed_on) == ("done", date(2013, 11, 27))
    events = services.action_register.history(done.id).events
    assert [e.kind for e in events] == ["raised", "progress", "state"]
    assert events[1].text == "sent to the districts in October"
    assert events[2].on == date(2013, 11, 27)

"""Scripting commands: create a meeting, build its agenda, add papers, record attendance from
a sign-in sheet, approve and reopen minutes, record progress and state, add people and
organisations - each with one clear line on bad input and nothing half-done (issue 15)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from scbmeet.services import Services
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url
from tests.cli_run import run


@pytest.fixture
def db(demo) -> str:
    services, _summary = demo
    return str(services.db.path)


def fresh(db: str) -> Services:
    """The database as a new process would read it."""
    return Services(open_database(sqlite_url(Path(db)), daily_backup=False))


def test_meeting_new_with_the_standard_agenda_in_either_order_of_db(capsys, db):
    code, out, err = run(
        capsys,
        "--db",
        db,
        "meeting",
        "new",
        "2027-03-10",
        "--board",
        "MSCB",
        "--time",
        "10:00",
        "--venue",
        "Fire HQ, Marlbury",
    )
    assert (code, err) == (0, "")
    assert out.startswith("Meeting of MSCB on 10 March 2027 created (")
    code, out, _err = run(
        capsys, "meeting", "new", "2027-06-09", "--board", "MSCB", "--empty", "--db", db
    )
    assert code == 0 and "(0 items)" in out
    services = fresh(db)
    march = services.meetings.find_meeting(date(2027, 3, 10), "MSCB")
    assert march.venue == "Fire HQ, Marlbury" and march.start_time.isoformat() == "10:00:00"
    assert any(i.kind == "matters_arising" for i in services.agenda.agenda(march.id))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["meeting", "new", "2026-12-09", "--board", "MSCB"], "MSCB already meets on 9 December"),
        (["meeting", "new", "2027-13-01", "--board", "MSCB"], "is not a date"),
        (["meeting", "new", "2027-03-10", "--board", "NOPE"], "NOPE"),
        (["meeting", "new", "2027-03-10", "--board", "MSCB", "--time", "9.3"], "is not a time"),
        (
            ["meeting", "new", "2027-03-10", "--board", "MSCB", "--template", "Nope"],
            "no agenda template called 'Nope'",
        ),
    ],
)
def test_meeting_new_refuses_bad_input_in_one_line_and_creates_nothing(capsys, db, argv, message):
    before = len(fresh(db).meetings.meetings())
    code, out, err = run(capsys, *argv, "--db", db)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and message in err
    assert len(fresh(db).meetings.meetings()) == before


def test_agenda_and_paper_add_with_a_file(capsys, db, tmp_path):
    paper = tmp_path / "ASB strategy.docx"
    from docx import Document

    document = Document()
    document.add_paragraph("Anti-social behaviour strategy 2027-2030")
    document.save(str(paper))
    code, out, _ = run(
        capsys,
        "agenda",
        "add",
        "2026-12-09",
        "--board",
        "MSCB",
        "Anti-social behaviour strategy",
        "--presenter",
        "Rachel Okafor",
        "--db",
        db,
    )
    assert code == 0 and "added to the agenda of 9 December 2026" in out
    number = out.split()[1]
    code, out, err = run(
        capsys,
        "paper",
        "add",
        "2026-12-09",
        "--board",
        "MSCB",
        "--item",
        number,
        "ASB strategy 2027-2030",
        "--file",
        str(paper),
        "--db",
        db,
    )
    assert (code, err) == (0, ""), err
    services = fresh(db)
    meeting = services.meetings.find_meeting(date(2026, 12, 9), "MSCB")
    item = next(i for i in services.agenda.agenda(meeting.id) if i.number == number)
    assert item.presenters == "Rachel Okafor"
    assert [p.title for p in item.papers] == ["ASB strategy 2027-2030"]
    assert item.papers[0].state == "attached"


def test_a_sub_item_of_a_closed_item_must_be_closed_too(capsys, db):
    code, _out, err = run(
        capsys,
        "agenda",
        "add",
        "2026-12-09",
        "--board",
        "MSCB",
        "Names",
        "--under",
        "10",  # the closed item, after the open session's nine
        "--db",
        db,
    )
    assert code == 1 and "closed session" in err


def test_paper_add_with_a_refused_file_adds_no_paper(capsys, db, tmp_path, monkeypatch):
    monkeypatch.setattr("scbmeet.services.agenda_papers.MAX_FILE_BYTES", 10)
    macro = tmp_path / "paper.docx"
    macro.write_bytes(b"more than ten bytes of paper")
    meeting_papers = lambda: sum(  # noqa: E731
        len(i.papers)
        for i in fresh(db).agenda.agenda(fresh(db).meetings.find_meeting(date(2026, 12, 9)).id)
    )
    before = meeting_papers()
    code, _out, err = run(
        capsys,
        "paper",
        "add",
        "2026-12-09",
        "--board",
        "MSCB",
        "--item",
        "3",
        "Tagging data",
        "--file",
        str(macro),
        "--db",
        db,
    )
    assert code == 1 and err.count("\n") == 1
    assert meeting_papers() == before


def test_attendance_from_a_sign_in_sheet_all_or_nothing(capsys, db, tmp_path):
    sheet = tmp_path / "sign-in.csv"
    sheet.write_text(
        "Status,Name,Substitute for\n"
        "present,Margaret Anne Holloway,\n"
        "Present,Dev Sharma,\n"
        "apologies,Kieran Walsh,\n"
        "present,Joanne Fairley,Kieran Walsh\n",
        encoding="utf-8",
    )
    code, out, err = run(
        capsys, "attendance", "2026-12-09", "--board", "MSCB", str(sheet), "--db", db
    )
    assert (code, err) == (0, ""), err
    assert out == "Attendance recorded for 9 December 2026: 1 apologies, 3 present.\n"
    services = fresh(db)
    rows = services.meetings.attendance(services.meetings.find_meeting(date(2026, 12, 9)).id)
    fairley = next(r for r in rows if "Fairley" in r.person.full_name)
    assert fairley.status == "present" and "Walsh" in fairley.substitute_for_name

    bad = tmp_path / "bad.csv"
    bad.write_text("Name,Status\nTom Ellery,present\nNobody Known,present\nLucy Hart,late\n")
    code, _out, err = run(
        capsys, "attendance", "2026-12-09", "--board", "MSCB", str(bad), "--db", db
    )
    assert code == 1
    assert "line 3: 'Nobody Known' is nobody in the register" in err
    assert "line 4: 'late' is not a status" in err
    again = fresh(db).meetings.attendance(services.meetings.find_meeting(date(2026, 12, 9)).id)
    assert not any(
        "Ellery" in r.person.full_name for r in again
    )  # line 2 was good, but nothing went in


def test_approve_and_reopen_minutes(capsys, db):
    services = fresh(db)
    held = [m for m in services.meetings.meetings() if m.state != "minutes_approved"]
    held = [m for m in held if m.date < date(2026, 11, 21)]
    meeting = held[-1]
    code, out, err = run(
        capsys,
        "meeting",
        "approve",
        meeting.date.isoformat(),
        "--board",
        meeting.board_short_name,
        "--db",
        db,
    )
    assert (code, err) == (0, "")
    assert fresh(db).meetings.meeting(meeting.id).state == "minutes_approved"
    code, _out, err = run(
        capsys,
        "meeting",
        "reopen",
        meeting.date.isoformat(),
        "--board",
        meeting.board_short_name,
        "--db",
        db,
    )
    assert code == 2 and "--reason" in err  # argparse: a required option
    code, out, err = run(
        capsys,
        "meeting",
        "reopen",
        meeting.date.isoformat(),
        "--board",
        meeting.board_short_name,
        "--reason",
        "Typo in minute 12",
        "--db",
        db,
    )
    assert (code, err) == (0, "") and "open for correction" in out
    assert fresh(db).meetings.meeting(meeting.id).state != "minutes_approved"


def test_action_progress_and_state(capsys, db):
    action = next(a for a in fresh(db).actions.outstanding())
    code, out, err = run(
        capsys,
        "action",
        "progress",
        str(action.id),
        "Draft circulated",
        "--on",
        "2026-11-30",
        "--db",
        db,
    )
    assert (code, err) == (0, "") and "(2026-11-30)" in out
    code, out, err = run(capsys, "--db", db, "action", "state", str(action.id), "done")
    assert (code, err) == (0, "") and out == f"Action {action.id} is now done.\n"
    services = fresh(db)
    assert services.actions.action(action.id).state == "done"
    assert "Draft circulated" in [u.text for u in services.actions.updates(action.id)]
    code, _out, err = run(capsys, "action", "state", "999999", "done", "--db", db)
    assert code == 1 and "no action with id 999999" in err


def test_person_and_organisation_add(capsys, db):
    code, out, err = run(
        capsys,
        "organisation",
        "add",
        "Marlshire Youth Justice Service",
        "--short",
        "MYJS",
        "--kind",
        "other",
        "--db",
        db,
    )
    assert (code, err) == (0, "")
    code, out, err = run(
        capsys,
        "person",
        "add",
        "Mensah",
        "--given",
        "Ama",
        "--title",
        "Dr",
        "--organisation",
        "MYJS",
        "--board",
        "MSCB",
        "--role",
        "adviser",
        "--db",
        db,
    )
    assert (code, err) == (0, "") and "Dr Ama Mensah" in out and "adviser of MSCB" in out
    services = fresh(db)
    person = next(p for p in services.register.people() if p.family_name == "Mensah")
    board = services.register.board_by_short_name("MSCB")
    roles = {m.person.id: m.role for m in services.register.memberships(board.id)}
    assert roles[person.id] == "adviser"
    code, _out, err = run(
        capsys, "organisation", "add", "SMRI Analysts", "--kind", "team", "--db", db
    )
    assert code == 1 and "A team is part of an organisation" in err


def test_person_add_with_a_refused_membership_leaves_no_person(capsys, db):
    before = len(fresh(db).register.people())
    code, _out, err = run(
        capsys, "person", "add", "Nobody", "--board", "MSCB", "--from", "2027-02-30", "--db", db
    )
    assert code == 1 and "is not a date" in err
    assert len(fresh(db).register.people()) == before


def test_an_attendance_sheet_is_read_by_the_apps_csv_rule(capsys, db, tmp_path):
    """A sheet saved from Excel as Windows-1252 is read (and said so); UTF-16 gets the hint."""
    sheet = tmp_path / "sign-in.csv"
    sheet.write_bytes("Name,Status\nTom Ellery,present \u2013 late\n".encode("cp1252"))
    code, _out, err = run(
        capsys, "attendance", "2026-12-09", "--board", "MSCB", str(sheet), "--db", db
    )
    assert code == 1 and "is not a status" in err  # decoded, then read: not a decoding error
    sheet.write_bytes("Name,Status\nTom Ellery,present\n".encode("utf-16"))
    code, _out, err = run(
        capsys, "attendance", "2026-12-09", "--board", "MSCB", str(sheet), "--db", db
    )
    assert code == 1 and "UTF-16" in err and err.count("\n") == 1

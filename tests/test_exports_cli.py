"""``scbmeet export ...`` on the command line: files written, bad input on one line."""

from __future__ import annotations

import docx
import pytest
from icalendar import Calendar

from scbmeet.cli import main

DATE = "2026-12-09"


@pytest.fixture
def db_args(demo):
    services, _ = demo
    return ["--db", str(services.db.path)]


@pytest.mark.parametrize(
    ("document", "extra", "first_heading"),
    [
        ("agenda", [], "Agenda"),
        ("agenda", ["--public"], "Agenda"),
        ("pack", [], "Agenda"),
        ("minutes", [], "Present"),
        ("actions", ["--by", "owner"], "Outstanding actions"),
        ("brief", [], "Before the meeting"),
    ],
)
def test_each_document_is_written(db_args, tmp_path, capsys, document, extra, first_heading):
    out = tmp_path / f"{document}.docx"
    when = "2026-09-09" if document == "minutes" else DATE
    assert (
        main(["export", document, when, *db_args, "--board", "MSCB", "--out", str(out), *extra])
        == 0
    )
    assert capsys.readouterr().out.strip() == f"Wrote {out}"
    headings = [p.text for p in docx.Document(out).paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == first_heading


def test_calendar_file(db_args, tmp_path):
    out = tmp_path / "meeting.ics"
    assert (
        main(["export", "ics", DATE, *db_args, "--out", str(out), "--organizer", "sec@example.org"])
        == 0
    )
    calendar = Calendar.from_ical(out.read_bytes())
    assert calendar["METHOD"] == "REQUEST"


def test_per_owner_logs_go_into_a_folder(db_args, tmp_path, capsys):
    folder = tmp_path / "owners"
    assert main(["export", "actions", DATE, *db_args, "--per-owner", "--out-dir", str(folder)]) == 0
    written = sorted(p.name for p in folder.iterdir())
    assert "actions-rachel-okafor.docx" in written and len(written) == 8
    assert capsys.readouterr().out.count("Wrote ") == 8


def test_template_warnings_are_one_line_each_and_the_export_goes_on(db_args, tmp_path, capsys):
    template = tmp_path / "plain.docx"
    docx.Document().save(str(template))
    out = tmp_path / "m.docx"
    args = [
        "export",
        "minutes",
        "2026-09-09",
        *db_args,
        "--out",
        str(out),
        "--template",
        str(template),
    ]
    assert main(args) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err and all(
        line.startswith("scbmeet: warning: The Word template plain.docx has no style")
        for line in err
    )
    assert out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "agenda", "09/12/2026", "--out", "a.docx"], "is not a date"),
        (["export", "agenda", "2026-12-10", "--out", "a.docx"], "There is no meeting"),
        (["export", "agenda", DATE, "--out", "a.txt"], "--out must name a .docx or .pdf file"),
        (
            ["export", "minutes", "2026-09-09", "--out", "m.docx", "--template", "nope.docx"],
            "does not exist",
        ),
        (["export", "actions", DATE, "--per-owner"], "With --per-owner, name a folder"),
        (["export", "actions", DATE, "--out-dir", "x"], "--out-dir goes with --per-owner"),
        (["export", "actions", DATE], "Name the .docx file"),
        (["export", "ics", DATE, "--out", "m.ics", "--organizer", "nobody"], "not a valid email"),
        (["export", "agenda", DATE, "--out", "missing/a.docx"], "does not exist"),
    ],
)
def test_bad_input_is_one_line_on_stderr(db_args, tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    assert main([*args, *db_args]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("scbmeet: ")
    assert message in err
    assert "Traceback" not in err


def test_choosing_and_copying_the_template(tmp_path, capsys):
    copy = tmp_path / "council.docx"
    assert main(["export", "template", "--copy-to", str(copy)]) == 0
    assert copy.exists()
    assert main(["export", "template", "--set", str(copy)]) == 0
    assert capsys.readouterr().out.strip().endswith(f"Word documents use {copy.resolve()}")
    assert main(["export", "template", "--clear"]) == 0
    assert "scbmeet-house-style.docx" in capsys.readouterr().out

"""Importing members from CSV: every row's problems shown first, then all or nothing."""

from __future__ import annotations

import pytest

from scbmeet.domain.errors import ValidationError

GOOD = """title,given_names,family_name,organisation,email,role,start_date
Councillor,Carol Ann,Short,Test County Council,carol.short@tcc.example,member,2013-05-01
Insp,Steve,Fairbrother,TP,,adviser,
"""


def test_a_good_file_previews_clean_and_imports_everyone(small):
    csv = small.services.member_csv
    preview = csv.preview(small.board.id, GOOD)
    assert preview.ok and [r.family_name for r in preview.rows] == ["Short", "Fairbrother"]
    assert csv.import_members(small.board.id, GOOD) == 2
    members = {m.person.family_name: m for m in small.services.register.memberships(small.board.id)}
    assert members["Fairbrother"].role == "adviser"
    assert members["Short"].person.formal_name == "Councillor C A Short"


def test_each_rows_problems_are_named(small):
    text = (
        "given_names,family_name,organisation,email\n"
        "Ann,Brown,Test County Council,not-an-email\n"
        "Bob,Green,Nowhere Council,\n"
        "Sally,Goodwin,Test County Council,sally@tcc.example\n"
        "Dup,Licate,TP,dup@x.example\n"
        "Dup,Licate,TP,dup@x.example\n"
    )
    preview = small.services.member_csv.preview(small.board.id, text)
    problems = {r.line: r.problems for r in preview.rows}
    assert problems[2] == ("bad email 'not-an-email'",)
    assert problems[3] == ("unknown organisation 'Nowhere Council'",)
    assert "already in the register" in problems[4][0]
    assert problems[5] == () and "appears twice in the file" in problems[6][0]
    with pytest.raises(ValidationError, match="Nothing was imported: line 2: bad email"):
        small.services.member_csv.import_members(small.board.id, text)
    assert {p.family_name for p in small.services.register.people()} == {
        "Goodwin",
        "Mahay",
        "Smith",
        "Lowe",
    }


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "The file is empty."),
        ("name,email\nx,y\n", "Unknown column(s): 'name'."),
        ("given_names,organisation\nA,TP\n", "The file has no family name column."),
    ],
)
def test_file_level_problems(small, text, fragment):
    preview = small.services.member_csv.preview(small.board.id, text)
    assert not preview.ok and fragment in preview.file_problems

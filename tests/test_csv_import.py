"""Importing members from CSV: every row's problems shown first, then all or nothing."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.domain.errors import NotFoundError, ValidationError

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
    assert problems[4] == ("already a member of this board",)
    assert problems[5] == () and "appears twice in the file" in problems[6][0]
    with pytest.raises(ValidationError, match="Nothing was imported: line 2: bad email"):
        small.services.member_csv.import_members(small.board.id, text)
    assert {p.family_name for p in small.services.register.people()} == {
        "Goodwin",
        "Mahay",
        "Smith",
        "Lowe",
    }


def test_people_already_in_the_register_become_members_of_another_board(small):
    """A sub-group whose members sit on the county board (issue 19): no "duplicate person"."""
    services = small.services
    other = services.register.create_board("Eastvale Community Safety Partnership", "ECSP")
    text = (
        "given_names,family_name,organisation,email,start_date,end_date\n"
        "Sally,Goodwin,Test County Council,sally@tcc.example,01/04/2025,31 Mar 2027\n"
        "Nina,Patel,TP,nina.patel@tp.example,1 Apr 2025,\n"
    )
    preview = services.member_csv.preview(other.id, text)
    assert preview.ok, [r.problems for r in preview.rows]
    assert preview.rows[0].person_id is not None and preview.rows[0].note.startswith("already")
    assert preview.rows[0].start_date == date(2025, 4, 1)
    assert preview.rows[0].end_date == date(2027, 3, 31)
    people_before = len(services.register.people())
    assert services.member_csv.import_members(other.id, text) == 2
    assert len(services.register.people()) == people_before + 1  # only Nina is new
    members = {m.person.family_name for m in services.register.memberships(other.id)}
    assert members == {"Goodwin", "Patel"}
    county = {m.person.family_name for m in services.register.memberships(small.board.id)}
    assert "Goodwin" in county  # still on the county board too


def test_a_date_that_does_not_exist_is_named(small):
    text = "family_name,organisation,start_date\nBrown,TP,31/02/2026\n"
    row = small.services.member_csv.preview(small.board.id, text).rows[0]
    assert row.problems == ("start date: '31/02/2026' is not a date: February 2026 has 28 days",)


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


def test_a_long_file_pairs_every_person_with_their_own_membership(small):
    roles = ["member", "adviser", "chair", "vice_chair"]
    lines = ["given_names,family_name,organisation,email,role,start_date,end_date"]
    for n in range(400):
        start = f"20{10 + n % 15}-0{1 + n % 9}-01"
        end = f"20{27 + n % 3}-12-31" if n % 4 else ""
        lines.append(
            f"Given{n},Family{n:03d},Test County Council,p{n}@tcc.example,{roles[n % 4]},{start},{end}"
        )
    text = "\n".join(lines) + "\n"
    csv = small.services.member_csv
    assert csv.import_members(small.board.id, text) == 400
    members = {
        m.person.family_name: m
        for m in small.services.register.memberships(small.board.id)
        if m.person.family_name.startswith("Family")
    }
    assert len(members) == 400
    for n in (0, 1, 2, 3, 199, 398, 399):
        member = members[f"Family{n:03d}"]
        assert member.person.given_names == f"Given{n}"
        assert member.person.email == f"p{n}@tcc.example"
        assert member.role == roles[n % 4]
        assert member.start_date.isoformat() == f"20{10 + n % 15}-0{1 + n % 9}-01"
        assert (member.end_date is None) == (n % 4 == 0)


def test_new_and_known_people_mixed_each_get_their_own_membership(small):
    """New people come back from one batched insert: each is paired by who they are, so a
    known person between them, or two new people of one name in two organisations, or
    one without an email, never takes another's membership."""
    services = small.services
    other = services.register.create_board("Eastvale Community Safety Partnership", "ECSP")
    text = (
        "given_names,family_name,organisation,email,role\n"
        "Ann,Lee,Test County Council,,adviser\n"
        "Sally,Goodwin,Test County Council,sally@tcc.example,chair\n"
        "Ann,Lee,TP,,vice_chair\n"
        "Bob,Ng,TP,bob@tp.example,member\n"
    )
    assert services.member_csv.import_members(other.id, text) == 4
    roles = {
        (m.person.family_name, m.person.organisation_name, m.person.email): m.role
        for m in services.register.memberships(other.id)
    }
    assert roles == {
        ("Lee", "Test County Council", ""): "adviser",
        ("Goodwin", "Test County Council", "sally@tcc.example"): "chair",
        ("Lee", "Test Police", ""): "vice_chair",
        ("Ng", "Test Police", "bob@tp.example"): "member",
    }


def test_a_date_typed_twice_is_named_on_each_row(small):
    """Each date is read once per file: a bad one repeated is still named on every row."""
    text = (
        "family_name,organisation,start_date,end_date\n"
        "Brown,TP,31/02/2026,1 Apr 2026\n"
        "Green,TP,31/02/2026,\n"
        "Black,TP,1 Apr 2026,1 Apr 2026\n"
    )
    rows = small.services.member_csv.preview(small.board.id, text).rows
    bad = "start date: '31/02/2026' is not a date: February 2026 has 28 days"
    assert [r.problems for r in rows] == [(bad,), (bad,), ()]
    assert rows[0].end_date == rows[2].start_date == rows[2].end_date == date(2026, 4, 1)


def test_one_bad_row_at_the_end_of_a_long_file_imports_nothing(small):
    services = small.services
    lines = ["given_names,family_name,organisation,email,start_date"]
    lines += [f"G{n},Long{n:04d},TP,long{n}@tp.example,2025-01-01" for n in range(1500)]
    lines.append("Last,Row,TP,long7@tp.example,2025-01-01")  # the same email as row 9
    people_before = {p.id for p in services.register.people()}
    members_before = len(services.register.memberships(small.board.id))
    with pytest.raises(
        ValidationError,
        match=r"^Nothing was imported: line 1502: duplicate person: long7@tp.example appears twice",
    ):
        services.member_csv.import_members(small.board.id, "\n".join(lines) + "\n")
    assert {p.id for p in services.register.people()} == people_before
    assert len(services.register.memberships(small.board.id)) == members_before


def test_people_added_after_an_import_get_ids_of_their_own(small):
    """The import gives its new people ids on SQLite (one past the largest): the register's
    own next person, and a second import, never collide with them."""
    services = small.services
    text = "given_names,family_name,organisation,email\nA,First,TP,a@tp.example\nB,Second,TP,\n"
    assert services.member_csv.import_members(small.board.id, text) == 2
    later = services.register.create_person("Later", organisation_id=small.police.id)
    second = "given_names,family_name,organisation\nC,Third,Test County Council\n"
    assert services.member_csv.import_members(small.board.id, second) == 1
    people = {p.family_name: p.id for p in services.register.people()}
    assert len(set(people.values())) == len(people)
    assert people["Later"] == later.id
    members = {m.person.family_name for m in services.register.memberships(small.board.id)}
    assert {"First", "Second", "Third"} <= members and "Later" not in members


def test_an_unknown_board_is_named(small):
    with pytest.raises(NotFoundError, match=r"There is no board with id 99999\."):
        small.services.member_csv.preview(99999, GOOD)

"""Reading sign-in sheets: columns in any order, statuses in words, every problem at once."""

from __future__ import annotations

import pytest

from scbmeet.domain.dto import OwnerRef
from scbmeet.domain.errors import ValidationError
from scbmeet.text.attendance_sheet import read_attendance_sheet

PEOPLE = {"sally goodwin": 1, "kul mahay": 2, "p smith": 3, "paul smith": 3, "pat smith": 4}


def match(name: str) -> list[OwnerRef]:
    key = " ".join(name.casefold().split())
    if key == "smith":
        return [OwnerRef(person_id=3, name="Paul Smith"), OwnerRef(person_id=4, name="Pat Smith")]
    return [OwnerRef(person_id=PEOPLE[key], name=name)] if key in PEOPLE else []


def test_a_sheet_with_columns_in_any_order_and_substitutes():
    marks = read_attendance_sheet(
        "STATUS,Substitute For,name\nPresent,,Sally Goodwin\nin  attendance,,Kul Mahay\n"
        "present,Sally Goodwin,P Smith\n\n",
        match,
    )
    assert [(m.person_id, m.status, m.substitute_for_id) for m in marks] == [
        (1, "present", None),
        (2, "in_attendance", None),
        (3, "present", 1),
    ]


def test_every_problem_is_named_by_line_and_nothing_is_returned():
    with pytest.raises(ValidationError) as caught:
        read_attendance_sheet(
            "Name,Status\nSmith,present\nNo One,present\nKul Mahay,late\n"
            "Sally Goodwin,present\nSally Goodwin,apologies\n",
            match,
        )
    text = str(caught.value)
    assert text.startswith("Nothing was recorded: ")
    assert "line 2: 'Smith' could be more than one person" in text
    assert "line 3: 'No One' is nobody in the register" in text
    assert "line 4: 'late' is not a status" in text
    assert "line 6: the same person as line 5" in text


@pytest.mark.parametrize(
    ("sheet", "message"),
    [
        ("", "The sheet is empty"),
        ("Who,Status\nSally Goodwin,present\n", "needs Name columns (it has: Who, Status)"),
        ("Name,Status\n\n", "names nobody"),
    ],
)
def test_sheets_that_cannot_be_read(sheet, message):
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_attendance_sheet(sheet, match)

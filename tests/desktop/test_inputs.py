"""Typed dates, times, months and presenter lists."""

from datetime import date, time

import pytest

from scbmeet.domain.dto import PersonInfo
from scbmeet.gui.widgets.inputs import (
    format_time,
    parse_date,
    parse_month,
    parse_time,
    split_presenters,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-12-02", date(2026, 12, 2)),
        ("2/12/2026", date(2026, 12, 2)),
        ("02/12/26", date(2026, 12, 2)),
        ("2.12.2026", date(2026, 12, 2)),
        ("2 Dec 2026", date(2026, 12, 2)),
        ("2nd December 2026", date(2026, 12, 2)),
        ("Wednesday 2 December 2026", date(2026, 12, 2)),
        ("29/02/2028", date(2028, 2, 29)),
    ],
)
def test_dates_are_read_as_people_write_them(typed, expected):
    assert parse_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("31/02/2027", "February 2027 has 28 days"),
        ("31 April 2027", "April 2027 has 30 days"),
        ("1/13/2027", "there is no month 13"),
        ("2 Decembre 2026", "'decembre' is not a month"),
        ("next Tuesday", "is not a date"),
        ("", "Enter a date"),
    ],
)
def test_impossible_dates_are_refused_with_the_reason(typed, reason):
    with pytest.raises(ValueError, match=reason):
        parse_date(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9.30am", time(9, 30)),
        ("09:30", time(9, 30)),
        ("2pm", time(14)),
        ("12pm", time(12)),
        ("", None),
    ],
)
def test_times(typed, expected):
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["25:00", "13pm", "half nine", "9"])
def test_bad_times_are_refused(typed):
    with pytest.raises(ValueError, match="time"):
        parse_time(typed)


def test_times_are_written_as_agendas_write_them():
    assert format_time(time(9, 30)) == "9.30am"
    assert format_time(time(14, 0)) == "2pm"
    assert format_time(None) == ""


def test_months():
    assert parse_month("March 2027") == date(2027, 3, 1)
    assert parse_month("03/2027") == date(2027, 3, 1)
    with pytest.raises(ValueError, match="not a month"):
        parse_month("Marchember 2027")


def test_presenters_split_into_people_and_free_text():
    people = [
        PersonInfo(7, "", "Rachel", "Okafor", "", None, "", "", True),
        PersonInfo(8, "Supt", "Kieran", "Walsh", "", None, "", "", True),
    ]
    assert split_presenters("rachel okafor, Chair, Supt Kieran Walsh", people) == ([7, 8], "Chair")
    assert split_presenters(" , ", people) == ([], "")


def test_name_completion_for_a_list_offers_names_after_garbage_collection(qtbot):
    """The completer's model used to be collected at once, so it offered nothing (issue 19)."""
    import gc

    from PySide6.QtWidgets import QLineEdit

    from scbmeet.gui.widgets.inputs import attach_name_completion

    edit = QLineEdit()
    qtbot.addWidget(edit)
    completer = attach_name_completion(edit, ["Sally Goodwin", "Kul Mahay"], several=True)
    gc.collect()
    completer.setCompletionPrefix("mah")
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "Kul Mahay"
    edit.setText("Sally Goodwin, Ku")
    completer.setCompletionPrefix(completer.splitPath(edit.text())[0])
    assert completer.currentCompletion() == "Sally Goodwin, Kul Mahay"  # the list so far kept

"""Weekends and the bank holidays of each UK nation, from the holidays library."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.domain.calendar_days import bank_holiday, publication_deadline, unusual_meeting_day


@pytest.mark.parametrize(
    ("day", "nation", "name"),
    [
        (date(2026, 12, 25), "england", "Christmas Day"),
        (date(2026, 8, 31), "england", "Late Summer Bank Holiday"),
        (date(2026, 8, 3), "scotland", "Summer Bank Holiday"),
        (date(2026, 3, 17), "northern_ireland", "Saint Patrick's Day"),
        (date(2023, 5, 8), "wales", "Coronation of Charles III"),
    ],
)
def test_bank_holidays_of_each_nation(day, nation, name):
    assert bank_holiday(day, nation) == name


def test_a_bank_holiday_in_one_nation_is_a_working_day_in_another():
    assert bank_holiday(date(2026, 8, 3), "england") is None  # Scotland's August holiday
    assert unusual_meeting_day(date(2026, 8, 3), "england") is None


def test_weekends_and_holidays_are_odd_meeting_days():
    assert unusual_meeting_day(date(2026, 12, 12)) == "a Saturday"
    assert unusual_meeting_day(date(2026, 12, 25)) == "Christmas Day, a bank holiday in England"
    assert unusual_meeting_day(date(2026, 12, 9)) is None


@pytest.mark.parametrize(
    ("meeting", "deadline"),
    [
        # Wed 9 Dec 2026: Tue 8, Mon 7, Fri 4, Thu 3, Wed 2 are the clear days.
        (date(2026, 12, 9), date(2026, 12, 1)),
        # Tue 5 Jan 2027: Christmas, Boxing Day (Mon 28 Dec substitute) and New Year skipped.
        (date(2027, 1, 5), date(2026, 12, 23)),
        # Mon 1 Jun 2026: the Spring bank holiday (25 May) is not a clear day.
        (date(2026, 6, 1), date(2026, 5, 21)),
    ],
)
def test_publication_deadline_leaves_five_clear_working_days(meeting, deadline):
    assert publication_deadline(meeting) == deadline


def test_the_deadline_follows_the_nations_bank_holidays():
    # Fri 8 Jan 2027: New Year's Day is lost everywhere; Scotland also loses Mon 4 January
    # (its 2 January holiday, observed), so it publishes a working day earlier.
    assert publication_deadline(date(2027, 1, 8), nation="england") == date(2026, 12, 30)
    assert publication_deadline(date(2027, 1, 8), nation="scotland") == date(2026, 12, 29)

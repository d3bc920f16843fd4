"""Weekends and the bank holidays of each UK nation, from the holidays library."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.domain.calendar_days import bank_holiday, unusual_meeting_day


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

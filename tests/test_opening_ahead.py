"""What the app does on its database thread before the first page is shown: the bank
holidays are loaded there (the first page works out publication deadlines, and loading the
holidays library on the GUI thread held the window up for about 170 ms)."""

from __future__ import annotations

from datetime import date

from scbmeet.domain import calendar_days
from scbmeet.gui.shell.opening import open_services


def test_opening_the_database_loads_this_year_s_and_next_year_s_bank_holidays(demo):
    path = demo[0].db.path
    calendar_days._bank_holidays.cache_clear()
    services = open_services(str(path))
    try:
        loaded = calendar_days._bank_holidays.cache_info().currsize
        assert loaded == len(calendar_days.NATIONS) * 2  # every nation, this year and next
        this_year = date.today().year
        hits = calendar_days._bank_holidays.cache_info().hits
        assert calendar_days.is_working_day(date(this_year, 12, 25)) is False  # Christmas
        assert calendar_days._bank_holidays.cache_info().hits == hits + 1  # already there
    finally:
        services.db.dispose()

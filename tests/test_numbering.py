"""Minute numbers: N/YY, running on across a board's year, renumbered until approved."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.domain.errors import ValidationError


def test_numbers_run_on_across_the_years_meetings(small):
    feb = small.meeting(date(2013, 2, 27))
    small.minutes(feb.id, *[f"Item {i}" for i in range(1, 9)])
    june = small.meeting(date(2013, 6, 5))
    small.minutes(june.id, "Minutes", "Child sexual exploitation", "Performance overview")
    assert small.refs(june.id) == ["9/13", "10/13", "11/13"]


def test_numbering_restarts_at_the_calendar_year(small):
    nov = small.meeting(date(2013, 11, 27))
    small.minutes(nov.id, "A", "B")
    march = small.meeting(date(2014, 3, 5))
    small.minutes(march.id, "C")
    assert small.refs(nov.id) == ["1/13", "2/13"]
    assert small.refs(march.id) == ["1/14"]


def test_municipal_year_numbering_restarts_in_may(small_board_factory):
    board = small_board_factory(numbering="municipal", start_month=5)
    nov = board.meeting(date(2013, 11, 27))
    board.minutes(nov.id, "A", "B")
    march = board.meeting(date(2014, 3, 5))
    board.minutes(march.id, "C")
    june = board.meeting(date(2014, 6, 4))
    board.minutes(june.id, "D")
    assert board.refs(march.id) == ["3/13"]  # still the 2013/14 municipal year
    assert board.refs(june.id) == ["1/14"]


def test_reordering_renumbers_and_later_meetings_follow(small):
    first = small.meeting(date(2013, 2, 27))
    a, _b, c = small.minutes(first.id, "A", "B", "C")
    later = small.meeting(date(2013, 6, 5))
    small.minutes(later.id, "D")
    small.services.minutes.move_minute(c.id, 0)
    titles = [(m.reference, m.title) for m in small.services.minutes.minutes(first.id)]
    assert titles == [("1/13", "C"), ("2/13", "A"), ("3/13", "B")]
    small.services.minutes.delete_minute(a.id)
    assert small.refs(first.id) == ["1/13", "2/13"]
    assert small.refs(later.id) == ["3/13"]


def test_inserting_at_an_index_renumbers_what_follows(small):
    m = small.meeting(date(2013, 2, 27))
    small.minutes(m.id, "A", "C")
    small.services.minutes.add_minute(m.id, "B", index=1)
    got = [(x.reference, x.title) for x in small.services.minutes.minutes(m.id)]
    assert got == [("1/13", "A"), ("2/13", "B"), ("3/13", "C")]


def test_approved_minutes_keep_their_numbers(small):
    first = small.meeting(date(2013, 2, 27))
    small.minutes(first.id, "A", "B")
    second = small.meeting(date(2013, 6, 5))
    small.services.meetings.approve_minutes(first.id, second.id)
    small.minutes(second.id, "C")
    assert small.refs(first.id) == ["1/13", "2/13"]
    assert small.refs(second.id) == ["3/13"]


def test_an_earlier_meeting_cannot_run_into_approved_later_numbers(small):
    first = small.meeting(date(2013, 2, 27))
    small.minutes(first.id, "A")
    second = small.meeting(date(2013, 6, 5))
    small.minutes(second.id, "B")
    third = small.meeting(date(2013, 9, 5))
    small.services.meetings.approve_minutes(second.id, third.id)
    with pytest.raises(ValidationError, match="approved minutes"):
        small.services.minutes.add_minute(first.id, "Late addition")
    assert small.refs(first.id) == ["1/13"]


def test_a_first_number_can_be_set_when_earlier_minutes_are_elsewhere(small):
    june = small.meeting(date(2013, 6, 5), first_minute_number=9)
    small.minutes(june.id, "Minutes", "CSE")
    assert small.refs(june.id) == ["9/13", "10/13"]


def test_moving_a_meeting_into_another_year_renumbers_both_years(small):
    dec = small.meeting(date(2013, 12, 4))
    small.minutes(dec.id, "A")
    jan = small.meeting(date(2014, 1, 15))
    small.minutes(jan.id, "B")
    moved = small.services.meetings.update_meeting(dec.id, {"date": date(2014, 1, 8)})
    assert moved.ical_sequence == 1
    assert small.refs(dec.id) == ["1/14"]
    assert small.refs(jan.id) == ["2/14"]


def test_numbers_are_unique_per_board(services, small_board_factory):
    one = small_board_factory()
    other = services.register.create_board("Sub-group", "SUB")
    m1 = one.meeting(date(2013, 2, 27))
    one.minutes(m1.id, "A")
    m2 = services.meetings.create_meeting(other.id, date(2013, 2, 27), standard_agenda=False)
    services.minutes.add_minute(m2.id, "X")
    assert one.refs(m1.id) == ["1/13"]
    assert [m.reference for m in services.minutes.minutes(m2.id)] == ["1/13"]


@pytest.mark.parametrize(("numbering", "start_month"), [("calendar", 1), ("municipal", 5)])
def test_a_new_minute_reads_only_its_numbering_years_meetings(
    small_board_factory, numbering, start_month
):
    """Renumbering after a new minute looks at the meetings of that numbering year only, so
    it costs the same on a board with decades of meetings (it read every meeting before)."""
    import sqlalchemy as sa

    from scbmeet.domain.models import Meeting

    board = small_board_factory(numbering=numbering, start_month=start_month)
    for year in range(2005, 2014):
        board.minutes(board.meeting(date(year, 3, 5)).id, "Earlier")
        board.minutes(board.meeting(date(year, 9, 10)).id, "Later")
    last = board.meeting(date(2014, 6, 4))
    loaded: list[date] = []

    def on_load(target, _context):
        loaded.append(target.date)

    sa.event.listen(Meeting, "load", on_load)
    try:
        board.minutes(last.id, "New")
    finally:
        sa.event.remove(Meeting, "load", on_load)
    assert set(loaded) == {date(2014, 6, 4)}  # none of the nine years before
    assert board.refs(last.id) == ["1/14"]


@pytest.mark.parametrize(("numbering", "start_month"), [("calendar", 1), ("municipal", 5)])
def test_a_numbering_years_span_holds_exactly_its_days(small_board_factory, numbering, start_month):
    from datetime import timedelta

    from scbmeet.domain.models import Board
    from scbmeet.services.numbering import numbering_year, year_span

    made = small_board_factory(numbering=numbering, start_month=start_month)
    with made.services.db.reading() as s:
        board = s.get(Board, made.board.id)
        first, after = year_span(board, 2014)
        day = date(2013, 1, 1)
        while day < date(2016, 1, 1):
            assert (first <= day < after) == (numbering_year(board, day) == 2014), day
            day += timedelta(days=1)

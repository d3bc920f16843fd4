"""The attendance report: per member and per organisation over a period, with flags."""

from datetime import date, timedelta

import pytest

from scbmeet.domain.errors import ValidationError

TODAY = date(2026, 11, 21)


@pytest.fixture
def board(services):
    """A board with four recorded meetings and one not yet recorded."""
    reg = services.register
    board = reg.create_board("Test Board", "TB")
    council = reg.create_organisation("Council", kind="council", is_statutory=True)
    police = reg.create_organisation("Police", kind="police", is_statutory=True)
    charity = reg.create_organisation("Charity", kind="voluntary")
    team = reg.create_organisation("Council Research Team", kind="team", parent_id=council.id)
    people = {
        "ann": reg.create_person("Ash", given_names="Ann", organisation_id=council.id),
        "bob": reg.create_person("Bell", given_names="Bob", organisation_id=police.id),
        "cat": reg.create_person("Cole", given_names="Cat", organisation_id=charity.id),
        "dan": reg.create_person("Dunn", given_names="Dan", organisation_id=police.id),
        "eve": reg.create_person("Eyre", given_names="Eve", organisation_id=team.id),
    }
    start = date(2026, 1, 1)
    reg.add_membership(board.id, people["ann"].id, role="chair", start_date=start)
    reg.add_membership(
        board.id, people["bob"].id, start_date=start, end_date=TODAY + timedelta(days=30)
    )
    reg.add_membership(board.id, people["cat"].id, start_date=start)
    # Dan joined after the first two meetings.
    reg.add_membership(board.id, people["dan"].id, start_date=date(2026, 6, 1))
    dates = [date(2026, 2, 4), date(2026, 5, 6), date(2026, 8, 5), date(2026, 11, 4)]
    meetings = [services.meetings.create_meeting(board.id, d, standard_agenda=False) for d in dates]
    services.meetings.create_meeting(board.id, date(2027, 2, 3), standard_agenda=False)
    mark = services.meetings.set_attendance
    for m in meetings:
        mark(m.id, people["ann"].id, "present")
    mark(meetings[0].id, people["bob"].id, "present")
    mark(meetings[1].id, people["bob"].id, "apologies")
    mark(meetings[2].id, people["dan"].id, "present", substitute_for_id=people["bob"].id)
    # Bob: nothing recorded at the last meeting -> absent.
    mark(meetings[0].id, people["cat"].id, "present")
    for m in meetings[1:]:
        mark(m.id, people["cat"].id, "apologies")
    mark(meetings[3].id, people["eve"].id, "in_attendance")
    return board, people, meetings


def by_name(report, family):
    return next(r for r in report.members if family in r.name)


def test_counts_each_member_over_the_period(services, board):
    b, _people, _meetings = board
    report = services.attendance.report(b.id, date(2026, 1, 1), date(2026, 12, 31), today=TODAY)
    assert len(report.meeting_dates) == 4  # the 2027 meeting has no attendance yet
    ann = by_name(report, "Ash")
    assert (ann.expected, ann.attended, ann.apologies, ann.absent) == (4, 4, 0, 0)
    assert ann.rate == 1.0
    bob = by_name(report, "Bell")
    assert (bob.attended, bob.apologies, bob.substituted, bob.absent) == (1, 1, 1, 1)
    assert bob.missed_in_row == 1
    assert bob.rate == 0.5
    dan = by_name(report, "Dunn")
    assert dan.expected == 2  # only the meetings during his term
    assert (dan.attended, dan.absent) == (1, 1)


def test_flags_terms_ending_and_missed_meetings(services, board):
    b, _people, _meetings = board
    report = services.attendance.report(b.id, date(2026, 1, 1), date(2026, 12, 31), today=TODAY)
    cat = by_name(report, "Cole")
    assert cat.missed_in_row == 3 and cat.missed_too_many
    assert cat.flags == ("missed the last 3 meetings",)
    bob = by_name(report, "Bell")
    assert bob.term_ends_soon and not bob.missed_too_many
    assert bob.flags == (f"term ends {(TODAY + timedelta(days=30)).day} December 2026",)
    assert {m.name for m in report.flagged_members} == {"Cat Cole", "Bob Bell"}
    stricter = services.attendance.report(
        b.id, date(2026, 1, 1), date(2026, 12, 31), today=TODAY, term_warning_days=10
    )
    assert not by_name(stricter, "Bell").term_ends_soon


def test_counts_organisations_and_their_teams(services, board):
    b, _people, _meetings = board
    report = services.attendance.report(b.id, date(2026, 1, 1), date(2026, 12, 31), today=TODAY)
    orgs = {o.name: o for o in report.organisations}
    assert [o.name for o in report.organisations] == ["Council", "Police", "Charity"]
    assert orgs["Council"].represented == 4
    assert orgs["Police"].represented == 2  # Bob at the first, Dan (for Bob) at the third
    assert orgs["Police"].missed_in_row == 1
    charity = orgs["Charity"]
    assert (charity.represented, charity.missed_in_row, charity.missed_too_many) == (1, 3, True)
    assert charity.flags == ("not represented at the last 3 meetings",)


def test_a_shorter_period_counts_only_its_meetings(services, board):
    b, _people, _meetings = board
    report = services.attendance.report(b.id, date(2026, 7, 1), date(2026, 12, 31), today=TODAY)
    assert report.meeting_dates == (date(2026, 8, 5), date(2026, 11, 4))
    assert by_name(report, "Cole").missed_in_row == 2
    assert not by_name(report, "Cole").missed_too_many


def test_refuses_a_backwards_period(services, board):
    b, _people, _meetings = board
    with pytest.raises(ValidationError, match="ends before it starts"):
        services.attendance.report(b.id, date(2026, 12, 31), date(2026, 1, 1))


def test_demo_board_has_members_to_flag(demo):
    services, summary = demo
    report = services.attendance.report(
        summary.board_id, date(2026, 1, 1), date(2026, 12, 31), today=date(2026, 11, 21)
    )
    flagged = {m.name for m in report.flagged_members}
    assert "Councillor Alice Brennan" in flagged  # term ends within 90 days
    assert "Tom Ellery" in flagged  # never recorded at any meeting

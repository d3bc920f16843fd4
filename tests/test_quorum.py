"""Quorum at the item being taken: voting members only, late arrivals join, early departures
leave, substitutes count for the member they replace."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from scbmeet.domain.errors import NotFoundError
from scbmeet.domain.models import Membership


@pytest.fixture
def board(small):
    """Three voting members (chair: council; Kul: police; David: council), Sally an officer,
    a quorum of three members from two statutory organisations, and four agenda items."""
    services = small.services
    services.register.update_board(
        small.board.id, {"quorum_members": 3, "quorum_statutory_orgs": 2}
    )
    meeting = small.meeting(date(2026, 6, 5))
    items = [services.agenda.add_item(meeting.id, f"Item {n}") for n in range(1, 5)]
    return small, meeting, items


def _present(small, meeting, person, **kwargs):
    small.services.meetings.set_attendance(meeting.id, person.id, "present", **kwargs)


def test_officers_and_guests_do_not_count(board):
    small, meeting, items = board
    services = small.services
    guest = services.register.create_person("Frost", given_names="Nicole")
    for person in (small.chair, small.kul, small.sally, guest):
        _present(small, meeting, person)
    quorum = services.quorum.at_item(meeting.id, items[0].id)
    assert quorum.counted_person_ids == (small.chair.id, small.kul.id)
    assert not quorum.quorate
    assert quorum.text == "Not quorate: 2 of 3 voting members present."
    _present(small, meeting, small.david)
    quorum = services.quorum.at_item(meeting.id, items[0].id)
    assert quorum.quorate and quorum.members_present == 3
    assert (
        quorum.text == "Quorate: 3 voting members present, 2 statutory organisations represented."
    )


def test_late_arrivals_join_and_early_departures_leave_at_their_item(board):
    small, meeting, items = board
    services = small.services
    _present(small, meeting, small.chair)
    _present(small, meeting, small.kul, left_during_id=items[2].id)
    _present(small, meeting, small.david, arrived_during_id=items[1].id)
    at = [services.quorum.at_item(meeting.id, item.id).quorate for item in items]
    assert at == [False, True, False, False]  # David arrives at 2; Kul leaves during 3
    assert services.quorum.at_item(meeting.id).members_present == 2  # at the opening


def test_items_count_in_the_order_they_were_taken(board):
    small, meeting, items = board
    services = small.services
    _present(small, meeting, small.chair)
    _present(small, meeting, small.kul)
    _present(small, meeting, small.david, arrived_during_id=items[3].id)
    # Item 4 was taken first, then item 1: David, arriving during 4, is there for item 1.
    services.minutes.add_minute(meeting.id, "Four", agenda_item_id=items[3].id)
    services.minutes.add_minute(meeting.id, "One", agenda_item_id=items[0].id)
    assert services.quorum.at_item(meeting.id, items[0].id).quorate
    assert services.quorum.at_item(meeting.id, items[1].id).quorate  # still to be taken


def test_a_substitute_counts_for_the_member_and_their_organisation(board):
    small, meeting, items = board
    services = small.services
    deputy = services.register.create_person(
        "Nair", given_names="Priya", title="Dr", organisation_id=small.council.id
    )
    _present(small, meeting, small.chair)
    _present(small, meeting, small.david)
    services.meetings.set_attendance(meeting.id, small.kul.id, "apologies")
    _present(small, meeting, deputy, substitute_for_id=small.kul.id)
    quorum = services.quorum.at_item(meeting.id, items[0].id)
    assert quorum.quorate and quorum.statutory_organisations == 2  # police, through Kul
    assert small.kul.id in quorum.counted_person_ids
    assert deputy.id not in quorum.counted_person_ids


def test_non_voting_seats_and_advisers_do_not_count(board):
    small, meeting, items = board
    services = small.services
    seat = services.register.add_seat(small.board.id, small.police.id, voting=False)
    adviser = services.register.create_person("Hale", given_names="Ann")
    services.register.add_membership(small.board.id, adviser.id, role="adviser")
    membership = next(
        m for m in services.register.memberships(small.board.id) if m.person.id == small.kul.id
    )
    services.register.update_membership(membership.id, {"seat_id": seat.id})
    for person in (small.chair, small.kul, small.david, adviser):
        _present(small, meeting, person)
    quorum = services.quorum.at_item(meeting.id, items[0].id)
    assert quorum.counted_person_ids == (small.chair.id, small.david.id)


def test_an_unknown_meeting_is_named(small):
    with pytest.raises(NotFoundError, match="no meeting"):
        small.services.quorum.at_item(999)


def test_only_members_whose_term_covers_the_day_count(board):
    """A term that ended the day before, or starts the day after, does not count; one that
    ends or starts on the day does (the query reads the day's terms only)."""
    small, meeting, items = board
    services = small.services
    day = meeting.date
    people = {
        name: services.register.create_person(name, given_names="Pat")
        for name in ("Ended", "Starting", "Lastday", "Firstday")
    }
    terms = {
        "Ended": (date(2020, 1, 1), day - timedelta(days=1)),
        "Starting": (day + timedelta(days=1), None),
        "Lastday": (date(2020, 1, 1), day),
        "Firstday": (day, None),
    }
    for name, (start, end) in terms.items():
        services.register.add_membership(
            small.board.id, people[name].id, start_date=start, end_date=end
        )
        _present(small, meeting, people[name])
    loaded: list[int] = []
    record = lambda membership, _context: loaded.append(membership.person_id)  # noqa: E731
    sa.event.listen(Membership, "load", record)
    try:
        counted = set(services.quorum.at_item(meeting.id, items[0].id).counted_person_ids)
    finally:
        sa.event.remove(Membership, "load", record)
    assert counted == {people["Lastday"].id, people["Firstday"].id}
    # Terms over on the day are not even read: a long history's terms cost nothing here.
    assert not {people["Ended"].id, people["Starting"].id} & set(loaded)


def test_the_quorum_asks_as_many_statements_for_forty_members_as_for_three(board):
    """Asked at every step of the minutes: each member's organisation is not a statement of
    its own (a county board has dozens of members)."""
    small, meeting, items = board
    services = small.services

    def statements() -> int:
        issued: list[str] = []
        record = lambda *args: issued.append(args[2])  # noqa: E731  (the statement)
        sa.event.listen(services.db.engine, "before_cursor_execute", record)
        try:
            services.quorum.at_item(meeting.id, items[0].id)
        finally:
            sa.event.remove(services.db.engine, "before_cursor_execute", record)
        return len(issued)

    for person in (small.chair, small.kul, small.david):
        _present(small, meeting, person)
    with_three = statements()
    for n in range(37):
        person = services.register.create_person(f"Member {n}", given_names="Pat")
        services.register.add_membership(small.board.id, person.id)
        _present(small, meeting, person)
    quorum = services.quorum.at_item(meeting.id, items[0].id)
    assert quorum.members_present == 40
    assert statements() == with_three

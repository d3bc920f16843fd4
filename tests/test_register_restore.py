"""Deleting a person entered by mistake can be undone: they come back with their
memberships and seats; anyone in a meeting's record is never deleted."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.domain.errors import NotFoundError, ValidationError
from scbmeet.services import Services


@pytest.fixture
def board(services: Services):
    return services.register.create_board("Marlshire Community Safety Partnership", "MCSP")


@pytest.fixture
def police(services: Services):
    return services.register.create_organisation("Marlshire Police", kind="police")


def person_with_places(services: Services, board, police):
    """Sally Goodwin: chair of the board and a member of a sub-group, holding one seat and
    deputising in another."""
    reg = services.register
    sally = reg.create_person(
        "Goodwin", given_names="Sally", title="Supt", organisation_id=police.id, email="s@x.org"
    )
    other = reg.create_person("Mahay", given_names="Kul")
    sub = reg.create_board("Serious Violence Group", "SVG", parent_id=board.id)
    held = reg.add_seat(board.id, police.id, label="Police", holder_id=sally.id)
    deputised = reg.add_seat(sub.id, police.id, holder_id=other.id, deputy_id=sally.id)
    reg.add_membership(
        board.id, sally.id, role="chair", seat_id=held.id, start_date=date(2025, 5, 1)
    )
    reg.add_membership(sub.id, sally.id, end_date=date(2026, 3, 31))
    return sally, sub, held, deputised


def places_of(services: Services, person_id: int, boards) -> list[tuple]:
    reg = services.register
    memberships = [
        (m.board_id, m.role, m.seat_id, m.start_date, m.end_date)
        for b in boards
        for m in reg.memberships(b.id)
        if m.person.id == person_id
    ]
    seats = [
        (x.id, x.holder_id == person_id, x.deputy_id == person_id)
        for b in boards
        for x in reg.seats(b.id)
        if person_id in (x.holder_id, x.deputy_id)
    ]
    return memberships + seats


def test_a_deleted_person_comes_back_with_memberships_and_seats(services, board, police):
    reg = services.register
    sally, sub, _held, _deputised = person_with_places(services, board, police)
    before = places_of(services, sally.id, [board, sub])
    assert len(before) == 4

    snap = reg.delete_person(sally.id)
    with pytest.raises(NotFoundError):
        reg.person(sally.id)
    assert places_of(services, sally.id, [board, sub]) == []

    restored = reg.restore_person(snap)
    back = restored.person
    assert (back.title, back.given_names, back.family_name, back.email) == (
        "Supt",
        "Sally",
        "Goodwin",
        "s@x.org",
    )
    assert back.organisation_name == "Marlshire Police"
    assert places_of(services, back.id, [board, sub]) == before
    memberships = {m.id for b in (board, sub) for m in reg.memberships(b.id)}
    assert set(restored.membership_ids.values()) <= memberships
    assert len(restored.membership_ids) == 2


def test_a_seat_taken_meanwhile_stays_with_its_new_holder(services, board, police):
    reg = services.register
    sally, _sub, held, _deputised = person_with_places(services, board, police)
    snap = reg.delete_person(sally.id)
    newcomer = reg.create_person("Hart", given_names="Lucy")
    reg.update_seat(held.id, {"holder_id": newcomer.id})
    back = reg.restore_person(snap).person
    seat = next(x for x in reg.seats(board.id) if x.id == held.id)
    assert seat.holder_id == newcomer.id
    assert [m.board_id for m in reg.memberships(board.id) if m.person.id == back.id] == [board.id]


def test_people_in_meeting_records_are_never_deleted(services, board, police):
    reg = services.register
    meeting = services.meetings.create_meeting(board.id, date(2026, 12, 3))
    present = reg.create_person("Lister", given_names="Fiona")
    covered = reg.create_person("Sharma", given_names="Dev")
    declared = reg.create_person("Ellery", given_names="Tom")
    services.meetings.set_attendance(meeting.id, present.id, "present")
    services.meetings.set_attendance(
        meeting.id,
        reg.create_person("Deputy").id,
        "present",
        substitute_for_id=covered.id,
    )
    services.declarations.add(meeting.id, declared.id, "Trustee of a bidder")
    for person in (present, covered, declared):
        with pytest.raises(ValidationError, match="appears in meeting records"):
            reg.delete_person(person.id)
        assert reg.person(person.id).family_name == person.family_name


def test_an_added_membership_can_be_taken_back(services, board, police):
    reg = services.register
    kul = reg.create_person("Mahay", given_names="Kul")
    membership = reg.add_membership(board.id, kul.id)
    reg.remove_membership(membership.id)
    assert reg.memberships(board.id) == []
    assert reg.person(kul.id).family_name == "Mahay"
    with pytest.raises(NotFoundError):
        reg.remove_membership(membership.id)


def test_a_new_seat_can_be_taken_back_until_a_term_names_it(services, board, police):
    reg = services.register
    seat = reg.add_seat(board.id, police.id, label="Police")
    reg.remove_seat(seat.id)
    assert reg.seats(board.id) == []
    seat = reg.add_seat(board.id, police.id, label="Police")
    kul = reg.create_person("Mahay", given_names="Kul")
    reg.add_membership(board.id, kul.id, seat_id=seat.id)
    with pytest.raises(ValidationError, match="names this seat"):
        reg.remove_seat(seat.id)
    assert [x.id for x in reg.seats(board.id)] == [seat.id]


def test_a_new_organisation_can_be_taken_back_until_something_refers_to_it(services, police):
    reg = services.register
    mistake = reg.create_organisation("Marlshire Polise")
    reg.remove_organisation(mistake.id)
    assert [o.name for o in reg.organisations()] == ["Marlshire Police"]
    reg.create_person("Goodwin", given_names="Sally", organisation_id=police.id)
    with pytest.raises(ValidationError, match="make it inactive instead"):
        reg.remove_organisation(police.id)
    assert [o.name for o in reg.organisations()] == ["Marlshire Police"]

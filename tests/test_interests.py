"""The register of interests: standing interests per member, the items they touch, declarations
kept against the register, and a declared pecuniary interest taking a member out of the quorum."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.domain.errors import ValidationError


@pytest.fixture
def register(small):
    services = small.services
    services.register.update_board(
        small.board.id, {"quorum_members": 3, "quorum_statutory_orgs": 2}
    )
    aid = services.interests.add(
        small.kul.id, "other_registrable", "Women's Aid (trustee)", start_date=date(2025, 1, 1)
    )
    landlord = services.interests.add(
        small.david.id, "disclosable_pecuniary", "Landlord of rented houses in Ashby"
    )
    services.interests.add(
        small.chair.id, "non_registrable", "Riverside Youth Club", end_date=date(2026, 1, 31)
    )
    return small, aid, landlord


def test_interests_are_checked_and_listed(register):
    small, aid, landlord = register
    services = small.services
    assert aid.kind_label == "other registrable interest"
    assert landlord.is_pecuniary
    with pytest.raises(ValidationError, match="not a valid kind of interest"):
        services.interests.add(small.kul.id, "friendly", "Rotary")
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        services.interests.update(aid.id, {"end_date": date(2024, 1, 1)})
    assert [i.matter for i in services.interests.of_person(small.kul.id)] == [
        "Women's Aid (trustee)"
    ]
    assert len(services.interests.register()) == 3


def test_items_touching_registered_interests_by_title_theme_or_paper(register):
    small, aid, landlord = register
    services = small.services
    meeting = small.meeting(date(2026, 6, 5))
    funding = services.agenda.add_item(meeting.id, "Women's Aid refuge funding")
    services.agenda.add_item(meeting.id, "Performance report")
    housing = services.agenda.add_item(meeting.id, "Anti-social behaviour")
    services.agenda.add_paper(housing.id, "Rented houses in Ashby: selective licensing")
    services.agenda.add_item(meeting.id, "Riverside Youth Club grant")  # the interest ended
    touching = services.interests.touching(meeting.id)
    assert [(t.agenda_item_id, [i.id for i in t.interests]) for t in touching] == [
        (funding.id, [aid.id]),
        (housing.id, [landlord.id]),
    ]


def test_a_declared_pecuniary_interest_changes_the_quorum(register):
    small, _aid, landlord = register
    services = small.services
    meeting = small.meeting(date(2026, 6, 5))
    item = services.agenda.add_item(meeting.id, "Selective licensing")
    other = services.agenda.add_item(meeting.id, "Performance report")
    for person in (small.chair, small.kul, small.david):
        services.meetings.set_attendance(meeting.id, person.id, "present")
    assert services.quorum.at_item(meeting.id, item.id).quorate
    declared = services.declarations.add(
        meeting.id,
        small.david.id,
        "Owns rented houses in the licensing area",
        agenda_item_id=item.id,
        interest_id=landlord.id,
        left_room=True,
    )
    assert (declared.interest_id, declared.kind) == (landlord.id, "disclosable_pecuniary")
    quorum = services.quorum.at_item(meeting.id, item.id)
    assert not quorum.quorate and small.david.id not in quorum.counted_person_ids
    assert quorum.text.startswith("Not quorate: 2 of 3 voting members present.")
    assert "1 member with a disclosable pecuniary interest not counted" in quorum.text
    assert services.quorum.at_item(meeting.id, other.id).quorate  # only at that item


def test_a_declaration_names_only_the_members_own_interest(register):
    small, aid, _landlord = register
    services = small.services
    meeting = small.meeting(date(2026, 6, 5))
    with pytest.raises(ValidationError, match="another member's"):
        services.declarations.add(meeting.id, small.david.id, "Trustee", interest_id=aid.id)
    assert services.declarations.of_meeting(meeting.id) == []
    other = services.declarations.add(
        meeting.id, small.kul.id, "A friend runs it", kind="other_registrable"
    )
    assert other.kind == "other_registrable" and other.interest_id is None

"""A restricted case review's agenda item stays in closed session: switching it (or the
item above it) to open, or moving it under an open item, is refused in one line naming the
item, and nothing changes; nor does any other public document reach it."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.domain.errors import ValidationError
from scbmeet.exports.action_log import export_action_log
from scbmeet.exports.decisions import export_decision_notice
from scbmeet.exports.ical import export_ical
from tests.test_plan_public import found_in

TITLE = "Update on DV Homicide Review Ref: DHR-2026-11 inc costs"
REFUSED = (
    f"{TITLE!r} is the update on restricted case review DHR-2026-11: a case review is taken "
    "only in closed session, so its item cannot go into the open session."
)


@pytest.fixture
def on_agenda(demo):
    services, summary = demo
    reviews = services.case_reviews
    made = reviews.add_review(summary.board_id, "DHR-2026-11", "DV Homicide Review",
                              notified_on=date(2026, 6, 1))  # fmt: skip
    item = reviews.put_on_agenda(made.id, summary.upcoming_meeting_id)
    return services, summary, item


def agenda_state(services, meeting_id):
    return [(i.id, i.parent_id, i.session, i.position)
            for i in services.agenda.agenda(meeting_id)]  # fmt: skip


def audit_count(services, meeting_id) -> int:
    return len(services.meetings.audit(meeting_id))


def test_switching_a_case_review_item_to_open_is_refused_and_changes_nothing(on_agenda):
    services, summary, item = on_agenda
    before, logged = (
        agenda_state(services, summary.upcoming_meeting_id),
        audit_count(services, summary.upcoming_meeting_id),
    )
    with pytest.raises(ValidationError) as refused:
        services.agenda.update_item(item.id, {"session": "open", "title": item.title})
    assert str(refused.value) == REFUSED
    assert agenda_state(services, summary.upcoming_meeting_id) == before
    assert audit_count(services, summary.upcoming_meeting_id) == logged
    assert services.agenda.item(item.id).is_closed
    # Other changes to it are fine; so is switching an ordinary closed item to open.
    services.agenda.update_item(item.id, {"duration_minutes": 10})
    other = services.agenda.add_item(
        summary.upcoming_meeting_id, "Contract award", session="closed"
    )
    assert not services.agenda.update_item(other.id, {"session": "open"}).is_closed


def test_its_parent_switched_to_open_or_a_move_under_an_open_item_is_refused(on_agenda):
    services, summary, item = on_agenda
    meeting_id = summary.upcoming_meeting_id
    parent = services.agenda.add_item(meeting_id, "Safeguarding reviews", session="closed")
    services.agenda.move_item(item.id, 0, parent_id=parent.id)
    before = agenda_state(services, meeting_id)
    with pytest.raises(ValidationError) as refused:
        services.agenda.update_item(parent.id, {"session": "open"})
    assert str(refused.value) == REFUSED
    assert agenda_state(services, meeting_id) == before
    services.agenda.move_item(item.id, 0, parent_id=None)  # out again: still closed
    assert services.agenda.item(item.id).is_closed
    open_top = next(
        i for i in services.agenda.agenda(meeting_id) if i.parent_id is None and not i.is_closed
    )
    before = agenda_state(services, meeting_id)
    with pytest.raises(ValidationError) as refused:
        services.agenda.move_item(item.id, 0, parent_id=open_top.id)
    assert str(refused.value) == REFUSED
    assert agenda_state(services, meeting_id) == before


def test_no_public_notice_log_or_invitation_carries_the_case_review(on_agenda, tmp_path):
    services, summary, item = on_agenda
    meeting_id = summary.upcoming_meeting_id
    minutes = services.minutes.draft_from_agenda(meeting_id)
    minute = next(m for m in minutes if m.agenda_item_id == item.id)
    services.minutes.add_resolution(minute.id, "Noted the Kestrel panel's interim findings")
    services.actions.add_action(minute.id, "Send the Kestrel chronology to the author",
                                "Rachel Okafor")  # fmt: skip
    wanted = ["DHR-2026-11", "Kestrel"]
    full = export_decision_notice(services, meeting_id, tmp_path / "full.docx")
    assert found_in(full, wanted)  # the closed version has it: the test can fail
    notice = tmp_path / "d.docx"
    public = {
        "decisions": export_decision_notice(services, meeting_id, notice, public=True),
        "action log": export_action_log(services, meeting_id, tmp_path / "l.docx", public=True),
    }
    for kind, path in public.items():
        assert found_in(path, wanted) == [], kind
    invitation = export_ical(services, meeting_id, tmp_path / "m.ics").read_text()
    assert "DHR-2026-11" not in invitation and "Homicide" not in invitation

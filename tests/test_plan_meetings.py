"""The plan with the meetings, through the services: review items, links, recommendations."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.domain.errors import ValidationError
from scbmeet.services import Services
from tests.test_plans import make_plan


def meetings_of(services: Services, board_id: int):
    return sorted(services.meetings.meetings(board_id), key=lambda m: m.date)


def test_an_agenda_item_reviews_a_plan_and_can_stop_doing_so(demo):
    services, summary = demo
    plan, *_ = make_plan(services, summary.board_id)
    review = services.plan_meetings.add_review_item(summary.upcoming_meeting_id, plan.id)
    assert review.plan_name == "Community Safety Agreement" and not review.closed
    titles = [i.title for i in services.agenda.agenda(summary.upcoming_meeting_id)]
    assert "Community Safety Agreement: progress update" in titles
    found = services.plan_meetings.review_items(summary.upcoming_meeting_id)
    assert [r.agenda_item_id for r in found if r.plan_id == plan.id] == [review.agenda_item_id]
    assert services.plan_meetings.review_of_item(review.agenda_item_id) == review
    services.plan_meetings.set_review(review.agenda_item_id, None)
    left = services.plan_meetings.review_items(summary.upcoming_meeting_id)
    assert [r.plan_id for r in left if r.plan_id == plan.id] == []
    assert len(left) == len(found) - 1  # the demo's own reviews stay


def test_a_plan_of_another_board_cannot_be_reviewed(demo):
    services, summary = demo
    other = services.register.create_board("Northmoor CSP", "NCSP")
    plan = services.plans.add_plan(other.id, "Other plan")
    before = len(services.agenda.agenda(summary.upcoming_meeting_id))
    with pytest.raises(ValidationError, match="not one of this meeting's board"):
        services.plan_meetings.add_review_item(summary.upcoming_meeting_id, plan.id)
    assert len(services.agenda.agenda(summary.upcoming_meeting_id)) == before


def test_progress_on_either_shows_on_both(demo):
    services, summary = demo
    _plan, _asb, _da, a1, _a2 = make_plan(services, summary.board_id)
    action = next(a for a in services.actions.actions(board_id=summary.board_id))
    services.plan_meetings.link_action(a1.id, action.id)
    services.plan_meetings.link_action(a1.id, action.id)  # twice is once
    services.actions.add_update(action.id, "Venue booked for the panel.")
    services.plans.record_progress(a1.id, "at risk", "Panel short of police input.")
    linked = services.plan_meetings.linked_actions(a1.id)
    assert [a.action_id for a in linked] == [action.id]
    assert linked[0].latest_update == "Venue booked for the panel."
    on_action = services.plan_meetings.plan_actions_of(action.id)
    assert [(p.plan_name, p.status_words) for p in on_action] == [
        ("Community Safety Agreement", "At risk")
    ]
    texts = [(e.source, e.text) for e in services.plan_meetings.timeline(a1.id)]
    assert ("action", "Venue booked for the panel.") in texts
    assert ("plan", "Panel short of police input.") in texts
    services.plan_meetings.unlink_action(a1.id, action.id)
    assert services.plan_meetings.plan_actions_of(action.id) == []
    assert [e.source for e in services.plan_meetings.timeline(a1.id)] == ["plan"]


def test_a_deferred_recommendation_comes_back_until_decided(demo):
    services, summary = demo
    plan, asb, *_ = make_plan(services, summary.board_id)
    first, second, third = meetings_of(services, summary.board_id)[:3]
    decisions = services.plan_decisions
    rec = decisions.add_recommendation(
        plan.id, "Partners keep funding the panel", priority_id=asb.id, in_progress="Yes",
        raised_on=first.date,
    )  # fmt: skip
    assert rec.priority == "Anti-social behaviour" and rec.decision_words == "Not yet decided"
    decisions.decide(rec.id, first.id, "deferred", "Wait for the budget.")
    assert [r.id for r in decisions.for_meeting(plan.id, second.id)] == [rec.id]
    decided = decisions.decide(rec.id, second.id, "yes")
    assert decided.words == "Supported"
    assert decisions.for_meeting(plan.id, third.id) == []
    at_second = decisions.decisions_at(second.id)
    assert [r.decision_at(second.id).words for r in at_second] == ["Supported"]
    decisions.decide(rec.id, second.id, "Not supported")  # a second decision replaces it
    assert [d.words for d in decisions.recommendations(plan.id)[0].decisions] == [
        "Deferred",
        "Not supported",
    ]
    decisions.undecide(rec.id, second.id)
    assert decisions.recommendations(plan.id)[0].decision_words == "Deferred"


def test_bad_decisions_are_refused_in_one_line(demo):
    services, summary = demo
    plan, *_ = make_plan(services, summary.board_id)
    first = meetings_of(services, summary.board_id)[0]
    rec = services.plan_decisions.add_recommendation(plan.id, "Support the scheme",
                                                     raised_on=date(2099, 1, 1))  # fmt: skip
    with pytest.raises(ValidationError, match="raised after the meeting"):
        services.plan_decisions.decide(rec.id, first.id, "supported")
    with pytest.raises(ValidationError):
        services.plan_decisions.decide(rec.id, first.id, "maybe")
    with pytest.raises(ValidationError):
        services.plan_decisions.add_recommendation(plan.id, "   ")
    assert services.plan_decisions.recommendations(plan.id)[0].decisions == ()


def test_a_linked_plan_actions_progress_is_in_the_meeting_actions_history(demo):
    services, summary = demo
    _plan, _asb, _da, a1, _a2 = make_plan(services, summary.board_id)
    action = next(a for a in services.actions.actions(board_id=summary.board_id))
    services.plan_meetings.link_action(a1.id, action.id)
    services.plans.record_progress(a1.id, "off track", "No venue.", on_date=date(2026, 11, 1))
    events = services.action_register.history(action.id, today=date(2026, 11, 21)).events
    plan_events = [e.text for e in events if e.kind == "plan"]
    assert plan_events == [
        "Community Safety Agreement: Run a joint problem-solving panel - Off track: No venue."
    ]


def test_the_plan_at_a_glance_counts_by_priority_and_finds_overdue_and_stale_actions(demo):
    services, summary = demo
    upcoming = services.meetings.meeting(summary.upcoming_meeting_id)
    status = services.plan_meetings.status(summary.board_id, upcoming.date)
    assert status is not None and status.last_review == upcoming.date  # the demo reviews it
    for review in services.plan_meetings.review_items(upcoming.id):
        services.plan_meetings.set_review(review.agenda_item_id, None)  # as if it did not
    status = services.plan_meetings.status(summary.board_id, date(2027, 7, 1))
    assert status is not None and status.plan_name == "Partnership Plan 2026-2029"
    third = services.meetings.meeting(summary.meeting_ids[2])
    assert status.last_review == third.date
    sentences = [p.sentence for p in status.priorities]
    assert sentences == [
        "Anti-social behaviour: 1 on track, 1 at risk.",
        "Domestic abuse: 1 off track.",
        "Reducing reoffending: 1 complete.",
    ]
    # Targets passed by July 2027 (June for the panel); the complete one is not overdue.
    assert [a.text[:22] for a in status.overdue] == ["Run a monthly joint pr"]
    assert status.no_update == ()  # everything was updated at the last review
    action = status.overdue[0]
    services.plans.record_progress(
        action.id, "on track", "Still meeting.", on_date=date(2027, 6, 1)
    )
    priority = services.plans.priorities(status.plan_id)[1]
    fresh = services.plans.add_action(priority.id, "Open a second refuge", "Gareth Price")
    status = services.plan_meetings.status(summary.board_id, date(2027, 7, 1))
    assert status.last_review == third.date  # progress off a meeting is not a review
    assert [a.id for a in status.no_update] == [fresh.id]
    other = services.register.create_board("Northmoor CSP", "NCSP")
    assert services.plan_meetings.status(other.id) is None


def test_reviews_links_recommendations_and_decisions_survive_json(demo, tmp_path):
    from scbmeet.jsonio import export_data, import_data
    from tests.test_plans import _fresh_db

    services, summary = demo
    plan = services.plans.current_plan(summary.board_id)
    third = summary.meeting_ids[2]
    item = next(
        i for i in services.agenda.agenda(third) if i.title == "Hate crime strategy refresh"
    )
    services.plan_meetings.set_review(item.id, plan.id)
    training = services.plans.table(plan.id).priorities[1].actions[0]
    action = next(a for a in services.actions.actions(board_id=summary.board_id))
    services.plan_meetings.link_action(training.id, action.id)
    rec = services.plan_decisions.recommendations(plan.id)[0]
    services.plan_decisions.decide(rec.id, third, "deferred", "until the budget is set")
    data = export_data(services.db, board_id=summary.board_id)
    target = Services(_fresh_db(tmp_path))
    import_data(target.db, data)
    board = target.register.board_by_short_name("MSCB")
    copied = target.plans.find_plan(board.id, plan.name)
    meetings = sorted(target.meetings.meetings(board.id), key=lambda m: m.date)
    reviews = target.plan_meetings.review_items(meetings[2].id)
    assert [(r.item_title, r.plan_id) for r in reviews] == [
        ("Hate crime strategy refresh", copied.id)
    ]
    again = target.plans.table(copied.id).priorities[1].actions[0]
    assert [a.text for a in target.plan_meetings.linked_actions(again.id)] == [action.text]
    recs = target.plan_decisions.recommendations(copied.id)
    assert [(r.text, r.decision_words, r.latest.note) for r in recs[:1]] == [
        (rec.text, "Deferred", "until the budget is set")
    ]
    assert "plan_progress" in [h.kind for h in target.search.search("commissioning")]

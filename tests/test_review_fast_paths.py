"""The chair's review and matters arising read plain rows: they must say exactly what the
ORM-object paths they replaced said (on the demo, and on the awkward cases)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import col, or_, select

from scbmeet.domain import dto
from scbmeet.domain.enums import OPEN_ACTION_STATES
from scbmeet.domain.models import Action, ActionOwner, Meeting
from scbmeet.services import Services
from scbmeet.services.chair_review import build_review
from scbmeet.services.convert import action_infos
from scbmeet.services.review_trend import PastMeeting, late_spell, open_per_meeting


def orm_outstanding(
    services: Services,
    *,
    board_id: int | None = None,
    as_of_meeting_id: int | None = None,
    owner_person_id: int | None = None,
) -> list[dto.ActionInfo]:
    """``ActionService.outstanding`` as it was: ORM objects through ``action_infos``."""
    with services.db.reading() as s:
        query = select(Action)
        if as_of_meeting_id is not None:
            meeting = s.get(Meeting, as_of_meeting_id)
            assert meeting is not None
            board_id = meeting.board_id
            query = query.where(
                col(Action.created_on) < meeting.date,
                or_(
                    col(Action.state).in_(OPEN_ACTION_STATES),
                    col(Action.closed_on) >= meeting.date,
                    col(Action.closed_at_meeting_id) == meeting.id,
                ),
            )
        else:
            query = query.where(col(Action.state).in_(OPEN_ACTION_STATES))
        if board_id is not None:
            query = query.where(Action.board_id == board_id)
        if owner_person_id is not None:
            owned = select(ActionOwner.action_id).where(ActionOwner.person_id == owner_person_id)
            query = query.where(col(Action.id).in_(owned))
        rows = s.exec(
            query.order_by(col(Action.created_on), col(Action.position), col(Action.id))
        ).all()
        return action_infos(s, rows)


def test_matters_arising_rows_are_the_same_as_before_at_every_demo_meeting(demo):
    services, summary = demo
    meetings = services.meetings.meetings(summary.board_id)
    assert len(meetings) >= 4
    compared = 0
    for m in meetings:
        plain = services.actions.outstanding(as_of_meeting_id=m.id)
        assert plain == orm_outstanding(services, as_of_meeting_id=m.id)
        compared += len(plain)
    assert compared > 0  # some meeting has matters arising to compare
    board_wide = services.actions.outstanding(board_id=summary.board_id)
    assert board_wide and board_wide == orm_outstanding(services, board_id=summary.board_id)
    owner = board_wide[0].owners[0]
    if owner.person_id is not None:
        mine = services.actions.outstanding(owner_person_id=owner.person_id)
        assert mine == orm_outstanding(services, owner_person_id=owner.person_id)
        assert all(owner in a.owners for a in mine)


@pytest.mark.parametrize("days_after", [0, 60, 400])
def test_review_trend_is_the_same_as_counting_every_action(demo, days_after):
    services, summary = demo
    meetings = services.meetings.meetings(summary.board_id)
    today = min(m.date for m in meetings) + timedelta(days=days_after)
    review = services.action_register.review(summary.board_id, today=today)
    reference = open_per_meeting(
        _lifespans(services, summary.board_id),
        [PastMeeting(m.id, m.date, m.label) for m in meetings],
        today,
    )
    assert list(review.open_per_meeting) == reference
    assert all(p.date < today for p in reference)


def test_review_resolutions_are_the_last_meetings_in_minute_order(demo):
    services, summary = demo
    review = services.action_register.review(summary.board_id)
    assert review.last_meeting is not None
    expected = [
        (minute.id, minute.reference, minute.title, r.text)
        for minute in services.minutes.minutes(review.last_meeting.id)
        for r in minute.resolutions
    ]
    assert expected
    assert [
        (r.minute_id, r.minute_reference, r.minute_title, r.text) for r in review.last_resolutions
    ] == expected


class _Span:
    def __init__(self, a: dto.ActionInfo) -> None:
        self.created_on = a.created_on
        self.closed_on = a.closed_on
        self.due = a.due
        self.is_closed = a.is_closed


def _lifespans(services: Services, board_id: int) -> list[_Span]:
    return [_Span(a) for a in services.actions.actions(board_id=board_id)]


def test_trend_counts_the_awkward_cases_as_the_reference_does(services):
    """Closed the day after it was due (late for no meeting), closed on the day due,
    closed before it was raised (bad data), closed with no date, open and late."""
    reg = services.register
    board = reg.create_board("Edge Board", "EB")
    person = reg.create_person("Edge", given_names="Eve")
    days = [date(2026, 1, 7) + timedelta(days=7 * n) for n in range(8)]
    meetings = [services.meetings.create_meeting(board.id, d).id for d in days]
    minute = services.minutes.add_minute(meetings[0], "Edges")

    def action(due: date, state: str | None = None, on: date | None = None) -> int:
        a = services.actions.add_action(minute.id, f"due {due}", "Eve Edge", due_date=due)
        if state is not None:
            services.actions.set_state(a.id, state, on=on)
        return a.id

    action(days[1], "done", days[1] + timedelta(days=1))  # closed the day after due
    action(days[1], "done", days[1])  # closed on the day it was due
    action(days[2], "dropped", days[0] - timedelta(days=3))  # closed before raised
    action(days[1], "done", days[4])  # late for three weeks
    action(days[2])  # open and late
    action(days[0] - timedelta(days=10))  # due before it was raised
    assert person.id is not None
    today = days[-1] + timedelta(days=1)
    review = services.action_register.review(board.id, today=today)
    infos = services.meetings.meetings(board.id)
    reference = open_per_meeting(
        _lifespans(services, board.id), [PastMeeting(m.id, m.date, m.label) for m in infos], today
    )
    assert list(review.open_per_meeting) == reference
    assert max(p.overdue for p in reference) == 3  # the three late ones at once


def test_a_late_spell_runs_from_the_day_after_due_to_the_day_closed():
    due, raised = date(2026, 3, 1), date(2026, 2, 1)
    assert late_spell(due, raised, date(2026, 3, 9), True) == (date(2026, 3, 2), date(2026, 3, 9))
    assert late_spell(due, raised, date(2026, 3, 2), True) is None
    assert late_spell(due, raised, None, False) == (date(2026, 3, 2), date.max)
    assert late_spell(None, raised, None, False) is None


def _full_review_reference(services: Services, board_id: int, today: date) -> dict[str, object]:
    """The review's tables as they were worked out from every register row."""
    from scbmeet.services.chair_review import age_bands, owner_summaries

    rows = services.action_register.rows(board_id, today=today)
    outstanding = [r for r in rows if not r.is_closed]
    meetings = [m for m in services.meetings.meetings(board_id) if m.date < today]
    last = max(meetings, key=lambda m: m.date) if meetings else None
    closed = [
        r
        for r in rows
        if last is not None and r.is_closed and r.closed_on and r.closed_on >= last.date
    ]
    return {
        "outstanding": len(outstanding),
        "carried": sum(1 for r in outstanding if r.is_carried_flagged),
        "owners": owner_summaries(outstanding),
        "ages": [b.count for b in age_bands(outstanding)],
        "overdue": [
            r.id
            for r in sorted((r for r in outstanding if r.is_overdue), key=lambda r: r.due or today)
        ],
        "closed": [
            r.id
            for r in sorted(closed, key=lambda r: (r.closed_on or date.min, r.id), reverse=True)
        ],
    }


@pytest.mark.parametrize("days_after", [0, 100, 400, 900])
def test_the_counted_review_says_what_every_row_said(demo, days_after):
    """Totals, owners, age bands, carried, overdue and closed lists counted by the database
    are those the full register rows give, listed in full and when cut to the top two."""
    services, summary = demo
    meetings = services.meetings.meetings(summary.board_id)
    today = min(m.date for m in meetings) + timedelta(days=days_after)
    expected = _full_review_reference(services, summary.board_id, today)
    review = build_review(services.action_register._ctx, summary.board_id, today, listed=None)
    assert review.outstanding_count == expected["outstanding"]
    assert review.carried_count == expected["carried"]
    assert list(review.by_owner) == expected["owners"]
    assert review.owner_count == len(expected["owners"])  # type: ignore[arg-type]
    assert [b.count for b in review.by_age] == expected["ages"]
    assert [r.id for r in review.overdue] == expected["overdue"]
    assert review.overdue_count == len(expected["overdue"])  # type: ignore[arg-type]
    assert [r.id for r in review.closed_since_last] == expected["closed"]
    top = build_review(services.action_register._ctx, summary.board_id, today, listed=2)
    assert list(top.by_owner) == expected["owners"][:2]  # type: ignore[index]
    assert [r.id for r in top.overdue] == expected["overdue"][:2]  # type: ignore[index]
    assert top.owner_count == review.owner_count and top.closed_count == review.closed_count


def test_the_counted_review_counts_shared_unowned_and_carried_actions(services):
    """Two owners of one action (each counts it once, however often named), an action with
    no owner, an organisation owner, and one carried across three meetings."""
    reg = services.register
    board = reg.create_board("Count Board", "CB")
    org = reg.create_organisation("Count Council", short_name="CC")
    person = reg.create_person("Able", given_names="Ann")
    days = [date(2026, 1, 7) + timedelta(days=28 * n) for n in range(5)]
    meetings = [services.meetings.create_meeting(board.id, d).id for d in days]
    minute = services.minutes.add_minute(meetings[0], "Counting")
    ann = dto.OwnerRef(person_id=person.id, name="Ann Able")
    council = dto.OwnerRef(organisation_id=org.id, name="CC")
    services.actions.add_action(minute.id, "shared", [ann, council], due_date=days[1])
    services.actions.add_action(minute.id, "nobody's", [], owner_to_confirm="A new officer")
    services.actions.add_action(minute.id, "Ann's", [ann], due_date=days[4])
    today = days[-1] + timedelta(days=1)
    expected = _full_review_reference(services, board.id, today)
    review = build_review(services.action_register._ctx, board.id, today, listed=None)
    assert list(review.by_owner) == expected["owners"]
    assert {o.name: o.outstanding for o in review.by_owner} == {
        "Ann Able": 2,
        "CC": 1,
        "(no owner)": 1,
    }
    assert review.carried_count == expected["carried"] == 3
    assert review.overdue_count == 2

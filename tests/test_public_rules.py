"""The access-to-information rules in the services: the board setting, exempt business refused
at issue time without a paragraph, publication records, papers' due dates across bank
holidays, supplementary items and papers, minutes signed and the decision notice's due date."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from scbmeet.domain.access_rules import (
    agenda_exclusion_motion,
    exclusion_resolution,
    item_exemption,
    parse_paragraphs,
)
from scbmeet.domain.calendar_days import working_days_after, working_days_before
from scbmeet.domain.errors import ValidationError


@pytest.fixture
def statutory(small):
    small.services.register.update_board(small.board.id, {"access_rules": "england"})
    return small


def test_the_board_setting_is_checked_and_kept(small):
    reg = small.services.register
    assert reg.board(small.board.id).access_rules == ""  # existing boards: not bound
    board = reg.update_board(small.board.id, {"access_rules": "wales", "papers_due_days": 4})
    assert (board.access_rules, board.papers_due_days) == ("wales", 4)
    with pytest.raises(ValidationError, match="not an access-to-information setting"):
        reg.update_board(small.board.id, {"access_rules": "scotland"})
    with pytest.raises(ValidationError, match="from 0 to 60"):
        reg.update_board(small.board.id, {"decision_notice_days": -1})
    assert reg.board(small.board.id).access_rules == "wales"  # nothing half-changed


def test_statutory_wording_differs_between_england_and_wales():
    england = exclusion_resolution((7, 1), "england")
    assert "Section 100A(4) of the Local Government Act 1972" in england
    assert "paragraphs 1 and 7 of Part 1 of Schedule 12A" in england
    assert "public interest in maintaining the exemption" in england
    wales = exclusion_resolution((1, 7), "wales")
    assert "paragraphs 12 and 18 of Part 4 of Schedule 12A" in wales
    off = exclusion_resolution((1, 7), "")
    assert "Schedule 12A" not in off and "Section 100A" not in off
    assert "Section 100A(4)" in agenda_exclusion_motion((7,), "england")
    assert item_exemption((7,), "", "england").startswith(
        "Not for publication by virtue of paragraph 7 of Part 1"
    )
    assert (
        item_exemption((), "Commercially sensitive", "") == "Confidential: Commercially sensitive."
    )
    assert parse_paragraphs("7, 1 7") == (1, 7)
    with pytest.raises(ValueError, match="paragraph 8"):
        parse_paragraphs("8")


def test_a_closed_item_without_a_paragraph_is_refused_at_issue_time(statutory):
    services = statutory.services
    meeting = statutory.meeting(date(2027, 3, 10))
    services.agenda.add_item(meeting.id, "Performance report")
    review = services.agenda.add_item(meeting.id, "Domestic homicide review", session="closed")
    with pytest.raises(ValidationError) as refused:
        services.publication.issue_agenda(meeting.id)
    assert "“Domestic homicide review” is taken in closed session" in str(refused.value)
    assert "Schedule 12A" in str(refused.value)
    record = services.publication.record(meeting.id)
    assert record.published_at is None  # nothing stored
    assert services.meetings.meeting(meeting.id).state == "planned"
    services.agenda.update_item(review.id, {"exempt_paragraphs": "1,2,7"})
    assert services.agenda.item(review.id).exempt_paragraphs == (1, 2, 7)
    issued = services.publication.issue_agenda(
        meeting.id, at=datetime(2027, 3, 1, 9, 30, tzinfo=UTC)
    )
    assert issued.published_at == datetime(2027, 3, 1, 9, 30, tzinfo=UTC)
    assert issued.published_by == services.db.user
    assert not issued.published_late  # the deadline is Tuesday 2 March
    assert services.meetings.meeting(meeting.id).state == "agenda_issued"
    with pytest.raises(ValidationError, match="already published"):
        services.publication.issue_agenda(meeting.id)


def test_a_board_not_bound_by_the_act_issues_with_a_reason_in_words(small):
    services = small.services
    meeting = small.meeting(date(2027, 3, 10))
    services.agenda.add_item(
        meeting.id, "Contract renewal", session="closed", closed_reason="Commercially sensitive"
    )
    assert services.publication.issue_problems(meeting.id) == []
    assert services.publication.issue_agenda(meeting.id).published_at is not None


def test_a_wrong_paragraph_is_refused(statutory):
    services = statutory.services
    meeting = statutory.meeting(date(2027, 3, 10))
    item = services.agenda.add_item(meeting.id, "Review", session="closed")
    with pytest.raises(ValidationError, match="paragraph 9 is not one of Schedule 12A"):
        services.agenda.update_item(item.id, {"exempt_paragraphs": "9"})
    assert services.agenda.item(item.id).exempt_paragraphs == ()


def test_papers_are_due_working_days_before_publication_across_easter(statutory):
    services = statutory.services
    # Wednesday 7 April 2027: Good Friday 26 March and Easter Monday 29 March are not
    # working days, so publication is by Tuesday 30 March and papers (3 working days
    # before: 25, 24, 23 March) by Tuesday 23 March.
    meeting = statutory.meeting(date(2027, 4, 7))
    item = services.agenda.add_item(meeting.id, "Performance report")
    record = services.publication.record(meeting.id)
    assert record.deadline == date(2027, 3, 30)
    assert record.papers_due == date(2027, 3, 23)
    paper = services.agenda.add_paper(item.id, "Quarter 4 performance")
    assert paper.due_date == date(2027, 3, 23)
    chosen = services.agenda.add_paper(item.id, "Appendix", due_date=date(2027, 3, 29))
    assert chosen.due_date == date(2027, 3, 29)


def test_papers_due_across_christmas_and_a_monday_after_a_bank_holiday():
    # Christmas 2026: 25 December (Friday) and 28 December (Boxing Day's substitute).
    assert working_days_before(date(2026, 12, 29), 1) == date(2026, 12, 24)
    assert working_days_after(date(2026, 12, 23), 2) == date(2026, 12, 29)
    # A meeting on Monday 1 June 2026, after the Spring bank holiday of 25 May.
    assert working_days_before(date(2026, 5, 26), 1) == date(2026, 5, 22)


def test_a_late_paper_is_supplementary_and_needs_a_reason(statutory):
    services = statutory.services
    meeting = statutory.meeting(date(2027, 3, 10))
    item = services.agenda.add_item(meeting.id, "Performance report")
    services.publication.issue_agenda(meeting.id, at=datetime(2027, 3, 2, 16, 0, tzinfo=UTC))
    with pytest.raises(ValidationError, match="supplementary; give the reason it is urgent"):
        services.agenda.add_paper(item.id, "Late figures")
    assert services.agenda.item(item.id).papers == ()
    paper = services.agenda.add_paper(
        item.id, "Late figures", urgency_reason="The quarter's figures came on 4 March."
    )
    assert paper.urgency_reason.startswith("The quarter's figures")
    with pytest.raises(ValidationError, match="an item added now is supplementary"):
        services.agenda.add_item(meeting.id, "Storm response")
    late = services.agenda.add_item(
        meeting.id, "Storm response", urgency_reason="The storm of 5 March."
    )
    assert late.supplementary


def test_minutes_are_signed_once_approved(statutory):
    services = statutory.services
    first = statutory.meeting(date(2027, 3, 10))
    second = statutory.meeting(date(2027, 6, 9))
    with pytest.raises(ValidationError, match="not approved yet"):
        services.publication.sign_minutes(first.id)
    services.meetings.approve_minutes(first.id, second.id)
    signed = services.publication.sign_minutes(first.id)
    assert signed.minutes_signed_by == "Councillor Paul James Smith (Chair)"
    assert signed.minutes_signed_on == date(2027, 6, 9)
    assert signed.signature_line == (
        "Signed as a correct record by Councillor Paul James Smith (Chair) on 9 June 2027"
    )


def test_the_decision_notice_is_due_and_reminded(statutory):
    services = statutory.services
    meeting = statutory.meeting(date(2026, 12, 23))
    record = services.publication.record(meeting.id)
    assert record.deadline == date(2026, 12, 15)
    assert record.decision_notice_due == date(2026, 12, 29)  # over Christmas
    notes = services.publication.reminders(statutory.board.id, date(2026, 12, 14))
    assert notes == [
        "The agenda for the meeting of 23 December 2026 must be published by 15 December 2026."
    ]
    notes = services.publication.reminders(statutory.board.id, date(2026, 12, 30))
    assert notes == [
        "The decision notice for the meeting of 23 December 2026 was due by 29 December 2026: "
        "it is overdue."
    ]
    services.publication.record_decision_notice(meeting.id, on=date(2026, 12, 24))
    assert services.publication.reminders(statutory.board.id, date(2026, 12, 30)) == []


def test_the_agenda_reminder_counts_working_days_across_a_weekend(statutory):
    services = statutory.services
    statutory.meeting(date(2026, 12, 23))  # its agenda is due out by Tuesday 15 December
    due = "The agenda for the meeting of 23 December 2026 must be published by 15 December 2026."
    # Thursday 10th: Friday, Monday and Tuesday are the three working days left.
    assert services.publication.reminders(statutory.board.id, date(2026, 12, 10)) == [due]
    assert services.publication.reminders(statutory.board.id, date(2026, 12, 9)) == []


def test_the_chair_s_review_carries_the_reminders(statutory):
    services = statutory.services
    statutory.meeting(date(2026, 12, 23))
    review = services.action_register.review(statutory.board.id, today=date(2026, 12, 16))
    assert review.reminders == (
        "The agenda for the meeting of 23 December 2026 was due out by 15 December 2026: "
        "it is late.",
    )

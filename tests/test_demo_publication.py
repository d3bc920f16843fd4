"""The demo's upcoming meeting keeps its own publication rules: every paper it expects is due
before the agenda must go out, and the reminders say so in that order."""

from __future__ import annotations

from datetime import date


def test_the_demos_papers_are_due_before_its_agenda_must_be_published(demo):
    services, summary = demo
    record = services.publication.record(summary.upcoming_meeting_id)
    assert (record.meeting_date, record.deadline) == (date(2026, 12, 9), date(2026, 12, 1))
    papers = [p for i in services.agenda.agenda(summary.upcoming_meeting_id) for p in i.papers]
    assert len(papers) == 4  # the closed item's among them
    assert {p.due_date for p in papers} == {record.papers_due} == {date(2026, 11, 26)}
    assert all(p.due_date is not None and p.due_date < record.deadline for p in papers)


def test_the_demos_publication_note_reads_in_order(demo):
    services, summary = demo
    note, warn = services.publication.deadline_note(summary.upcoming_meeting_id, date(2026, 11, 21))
    assert note == (
        "Agenda out by Tue 1 December 2026 (5 clear working days); "
        "papers due by Thu 26 November 2026"
    )
    assert not warn  # ten days ahead
    missing = services.agenda.missing_papers(summary.upcoming_meeting_id)
    assert all(p.due_date == date(2026, 11, 26) for p in missing)

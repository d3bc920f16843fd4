"""Chasing the authors of missing papers: one draft per author naming the meeting, each
paper's item and due date, as .eml files to send (issue 19)."""

from __future__ import annotations

from datetime import date
from email import message_from_bytes, policy

from scbmeet.services.chasing import eml_bytes, eml_filename, write_eml_files

TODAY = date(2026, 11, 21)


def test_one_reminder_per_author_of_a_missing_paper(demo):
    services, summary = demo
    reminders = services.paper_chasing.paper_reminders(
        summary.upcoming_meeting_id, today=TODAY, sender_name="Board secretary"
    )
    by_author = {r.owner_name: r for r in reminders}
    assert set(by_author) == {"Rachel Okafor", "Helen Carver"}
    rachel = by_author["Rachel Okafor"]
    assert rachel.subject == "Paper for the MSCB meeting on 9 December 2026"
    assert rachel.body.startswith("Dear Rachel,\n\nI am preparing the agenda pack for the meeting")
    assert (
        "Item 6, Strategic assessment priorities: \u201cThreat and risk priorities" in rachel.body
    )
    assert "Due 26 November 2026." in rachel.body  # before the agenda goes out on 1 December
    assert rachel.body.rstrip().endswith("Board secretary")
    assert "The agenda shows it as to follow." in by_author["Helen Carver"].body
    assert [p.title for p in rachel.papers] and not rachel.actions


def test_a_late_paper_says_how_late(demo):
    services, summary = demo
    reminders = services.paper_chasing.paper_reminders(
        summary.upcoming_meeting_id, today=date(2026, 12, 5)
    )
    rachel = next(r for r in reminders if r.owner_name == "Rachel Okafor")
    assert "Due 26 November 2026 - 9 days ago." in rachel.body


def test_drafts_are_named_for_papers_and_open_as_unsent_mail(demo, tmp_path):
    services, summary = demo
    reminders = services.paper_chasing.paper_reminders(summary.upcoming_meeting_id, today=TODAY)
    assert {eml_filename(r) for r in reminders} == {
        "Papers - Rachel Okafor.eml",
        "Papers - Helen Carver.eml",
    }
    written = write_eml_files(reminders, tmp_path)
    message = message_from_bytes(written[0].read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1"
    assert message["Subject"].startswith("Paper for the MSCB meeting")
    assert eml_bytes(reminders[0]) == written[0].read_bytes()


def test_no_reminders_when_every_paper_is_in(demo):
    services, summary = demo
    held = summary.meeting_ids[0]
    assert services.paper_chasing.paper_reminders(held, today=TODAY) == []

"""The chair's brief: presenter, timing, decision sought, actions and requests answered."""

from __future__ import annotations

import re
from datetime import date

import docx
import pytest

from scbmeet.exports.chair_brief import DECLARATIONS_REMINDER, export_chair_brief

TODAY = date(2026, 11, 21)


def _sections(doc) -> dict[str, list[str]]:
    """Item heading -> the paragraphs under it."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for p in doc.paragraphs:
        if p.style.name in ("Heading 1", "Heading 2"):
            current = sections.setdefault(p.text, [])
        elif current is not None:
            current.append(p.text)
    return sections


def _item(sections: dict[str, list[str]], title: str) -> list[str]:
    """The section of the item called ``title``, whatever number the agenda gives it."""
    (key,) = [k for k in sections if re.fullmatch(rf"\d+\. {re.escape(title)}", k)]
    return sections[key]


@pytest.fixture
def brief(demo, tmp_path):
    services, summary = demo
    path = export_chair_brief(
        services, summary.upcoming_meeting_id, tmp_path / "b.docx", today=TODAY
    )
    return docx.Document(path)


def test_brief_walks_the_agenda_with_a_closed_session_at_the_end(brief):
    headings = [
        (p.style.name, p.text) for p in brief.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings[:3] == [
        ("Heading 1", "Before the meeting"),
        ("Heading 1", "Open session"),
        ("Heading 2", "Apologies"),
    ]
    assert headings[-2:] == [
        ("Heading 1", "Closed session"),
        ("Heading 2", "10. Domestic homicide review - action plan progress"),
    ]
    assert ("Heading 2", "1. Declarations of interest") in headings  # called for straight away
    assert headings.index(("Heading 2", "1. Declarations of interest")) == 3
    assert "Not for publication" in brief.sections[-1].header.paragraphs[-1].text


def test_each_item_has_presenter_timing_and_decision_sought(brief):
    sections = _sections(brief)
    performance = _item(sections, "Performance report")
    assert "Presenter: Nadia Rahman" in performance
    assert "Suggested timing: 10.05am to 10.35am (30 minutes)" in performance
    assert "5.1 Quarter 2 performance against the Community Safety Agreement" in performance
    assert "Paper: Community Safety Agreement - quarter 2 performance (attached)" in performance
    assert (
        "Decision sought: That the Board notes performance for quarter 2 and agrees the areas "
        "for closer scrutiny."
    ) in performance
    assert "Suggested timing: 9.30am to 9.32am (2 minutes)" in sections["Apologies"]
    declarations = _item(sections, "Declarations of interest")
    assert "Suggested timing: 9.32am to 9.35am (3 minutes)" in declarations
    minutes = _item(sections, "Minutes of the meeting held on 9 September 2026")
    assert (
        "Decision sought: That the minutes of the meeting held on 9 September 2026 be confirmed "
        "as a correct record and signed by the Chair."
    ) in minutes
    closed = _item(sections, "Domestic homicide review - action plan progress")
    assert "Reference: DHR-2025-03" in closed


def test_items_name_the_actions_and_forward_plan_requests_they_answer(brief):
    sections = _sections(brief)
    alcohol = _item(sections, "Alcohol-tagged data - progress report from police and health")
    assert (
        "Alcohol-tagged data - progress report from police and health, asked for at minute "
        "6/26, due December 2026."
    ) in alcohol
    assert any(line.startswith("6/26 Agree a common way of tagging") for line in alcohol)
    matters = [line for line in _item(sections, "Matters arising") if "/26 " in line]
    assert [line.split()[0] for line in matters] == [
        "2/26",
        "3/26",
        "6/26",
        "7/26",
        "11/26",
    ]  # 14/26 arose in closed session: the brief lists it in its closed session
    assert any(line.startswith("14/26 ") for line in sections["Closed session"])


def test_brief_reminds_the_chair_to_call_for_declarations(demo, tmp_path):
    services, summary = demo
    items = {i.title: i for i in services.agenda.agenda(summary.upcoming_meeting_id)}
    adeyemi = next(p for p in services.register.people() if p.family_name == "Adeyemi")
    services.declarations.add(
        summary.upcoming_meeting_id,
        adeyemi.id,
        "Her charity bids for the fund.",
        agenda_item_id=items["Strategic assessment priorities"].id,
    )
    doc = docx.Document(
        export_chair_brief(services, summary.upcoming_meeting_id, tmp_path / "b.docx", today=TODAY)
    )
    reminders = [p.text for p in doc.paragraphs if p.style.name == "SCB Reminder"]
    assert reminders[0] == DECLARATIONS_REMINDER
    assert (
        "Call for declarations of interest. Already declared: Ruth Adeyemi: Her charity bids "
        "for the fund."
    ) in _item(_sections(doc), "Strategic assessment priorities")


def test_overdue_actions_and_item_timings_follow_the_records(demo, tmp_path):
    services, summary = demo
    items = {i.title: i for i in services.agenda.agenda(summary.upcoming_meeting_id)}
    services.agenda.update_item(items["Matters arising"].id, {"duration_minutes": 25})
    outstanding = services.actions.outstanding(as_of_meeting_id=summary.upcoming_meeting_id)
    two = next(a for a in outstanding if a.minute_reference == "2/26")
    services.actions.update_action(two.id, {"due_date": date(2026, 10, 1)})
    doc = docx.Document(
        export_chair_brief(services, summary.upcoming_meeting_id, tmp_path / "b.docx", today=TODAY)
    )
    matters = _item(_sections(doc), "Matters arising")
    assert "Suggested timing: 9.40am to 10.05am (25 minutes)" in matters
    assert any(line.startswith("2/26 ") and line.endswith("OVERDUE") for line in matters)
    # (the closed item has its paper, so it is given a paper's time)
    assert "Planned timing: 9.30am to 12.12pm." in _sections(doc)["Before the meeting"]

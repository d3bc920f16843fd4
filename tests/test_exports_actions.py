"""The action log: outstanding actions as of a meeting, overdue ones said in words, by owner."""

from __future__ import annotations

from datetime import date

import docx
import pytest
from docx.enum.section import WD_ORIENT

from scbmeet.domain.errors import ValidationError
from scbmeet.exports.action_log import build_action_log, export_action_log, export_owner_logs

TODAY = date(2026, 11, 21)


def _rows(table):
    return [[c.text for c in row.cells] for row in table.rows]


@pytest.fixture
def dated(demo):
    """The demo with due dates: 2/26 is overdue on 21 November 2026, 6/26 is not."""
    services, summary = demo
    outstanding = services.actions.outstanding(as_of_meeting_id=summary.upcoming_meeting_id)
    by_ref = {a.minute_reference: a for a in outstanding}
    services.actions.update_action(by_ref["2/26"].id, {"due_date": date(2026, 10, 1)})
    services.actions.update_action(by_ref["6/26"].id, {"due_date": date(2027, 1, 31)})
    services.actions.update_action(
        by_ref["7/26"].id, {"due_meeting_id": summary.upcoming_meeting_id, "due_date": None}
    )
    services.actions.update_action(by_ref["11/26"].id, {"due_date": None})
    return services, summary


def test_log_lists_outstanding_actions_in_minute_order_with_overdue_in_words(dated, tmp_path):
    services, summary = dated
    path = export_action_log(
        services, summary.upcoming_meeting_id, tmp_path / "a.docx", today=TODAY
    )
    doc = docx.Document(path)
    rows = _rows(doc.tables[0])
    assert rows[0] == ["Minute", "Action", "Owner(s)", "Due", "Status", "Latest progress"]
    assert [r[0] for r in rows[1:]] == ["2/26", "3/26", "6/26", "7/26", "11/26", "14/26"]
    by_ref = {r[0]: r for r in rows[1:]}
    assert by_ref["2/26"][2:5] == ["Rachel Okafor", "1 October 2026", "Open\nOVERDUE"]
    assert by_ref["6/26"][2:5] == ["Tom Ellery\nJoanne Fairley", "31 January 2027", "In progress"]
    assert by_ref["6/26"][5] == "Agreed in principle; IT change scheduled."
    assert by_ref["7/26"][3] == "meeting of 9 December 2026"
    assert by_ref["3/26"][3:6] == [
        "Not set",
        "In progress",
        "First draft circulated to CSP managers.",
    ]
    texts = [p.text for p in doc.paragraphs]
    assert (
        "6 actions were outstanding from earlier meetings; 1 is overdue "
        "(due before 21 November 2026)."
    ) in texts
    overdue = doc.tables[0].rows[1].cells[4].paragraphs[1].runs[0]
    assert overdue.text == "OVERDUE" and overdue.bold
    assert doc.sections[-1].orientation == WD_ORIENT.LANDSCAPE


def test_log_grouped_by_owner_repeats_shared_actions_under_each_owner(dated, tmp_path):
    services, summary = dated
    doc = docx.Document(
        export_action_log(
            services, summary.upcoming_meeting_id, tmp_path / "a.docx", by="owner", today=TODAY
        )
    )
    owners = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert owners == [
        "Claire Bassett (1)",
        "Gareth Price (1)",
        "Joanne Fairley (1)",
        "Lucy Hart (1)",
        "Rachel Okafor (2)",
        "Sian Morgan (1)",
        "SMRI (1)",
        "Tom Ellery (1)",
    ]
    okafor = _rows(doc.tables[4])
    assert [r[0] for r in okafor[1:]] == ["2/26", "14/26"]
    assert all("Rachel Okafor" in r[2].splitlines() for r in okafor[1:])


def test_log_by_due_date_puts_undated_actions_last(dated, tmp_path):
    services, summary = dated
    doc = docx.Document(
        export_action_log(
            services, summary.upcoming_meeting_id, tmp_path / "a.docx", by="due", today=TODAY
        )
    )
    refs = [r[0] for r in _rows(doc.tables[0])[1:]]
    assert refs[:3] == ["2/26", "7/26", "6/26"]
    assert set(refs[3:]) == {"3/26", "11/26", "14/26"}


def test_one_document_per_owner(dated, tmp_path):
    services, summary = dated
    paths = export_owner_logs(
        services, summary.upcoming_meeting_id, tmp_path / "owners", today=TODAY
    )
    assert sorted(p.name for p in paths) == [
        "actions-claire-bassett.docx",
        "actions-gareth-price.docx",
        "actions-joanne-fairley.docx",
        "actions-lucy-hart.docx",
        "actions-rachel-okafor.docx",
        "actions-sian-morgan.docx",
        "actions-smri.docx",
        "actions-tom-ellery.docx",
    ]
    okafor = docx.Document(tmp_path / "owners" / "actions-rachel-okafor.docx")
    assert okafor.core_properties.title.startswith("Actions for Rachel Okafor")
    assert "Actions for Rachel Okafor" in [p.text for p in okafor.paragraphs]
    assert [r[0] for r in _rows(okafor.tables[0])[1:]] == ["2/26", "14/26"]


def test_log_as_of_a_past_meeting_shows_what_was_dealt_with_there(demo, tmp_path):
    services, summary = demo
    doc = docx.Document(
        export_action_log(services, summary.meeting_ids[2], tmp_path / "a.docx", today=TODAY)
    )
    by_ref = {r[0]: r for r in _rows(doc.tables[0])[1:]}
    assert by_ref["1/26"][4] == "Done (9 September 2026)"
    assert "14/26" not in by_ref  # raised at that meeting, not before it


def test_an_empty_log_says_so(services, tmp_path):
    board = services.register.create_board("Quiet Board", "QB")
    meeting = services.meetings.create_meeting(board.id, date(2026, 4, 1))
    doc = docx.Document(export_action_log(services, meeting.id, tmp_path / "a.docx"))
    assert not doc.tables
    assert "There were no outstanding actions when the meeting of 1 April 2026 began." in [
        p.text for p in doc.paragraphs
    ]


def test_unknown_grouping_is_refused(demo):
    services, summary = demo
    with pytest.raises(ValidationError, match="Group the action log by"):
        build_action_log(services, summary.upcoming_meeting_id, by="colour")

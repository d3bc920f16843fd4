"""Exempt business in the Word documents, read back in a fresh document object: the agenda's
closed session in the statutory wording, the minutes' resolution to exclude the public before
the first closed item, the public minutes keeping the closed items' numbers without their
content, an urgent item's reason, and the signature line once the minutes are signed."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document

from scbmeet.exports.agenda import export_agenda
from scbmeet.exports.minutes import export_minutes

SECRET = "Nightingale Road address"


@pytest.fixture
def meeting(small):
    services = small.services
    services.register.update_board(small.board.id, {"access_rules": "england"})
    m = small.meeting(date(2027, 3, 10))
    report = services.agenda.add_item(m.id, "Performance report")
    review = services.agenda.add_item(
        m.id, "Domestic homicide review", session="closed", exempt_paragraphs="1,2"
    )
    case = services.agenda.add_item(
        m.id, "Police operation update", session="closed", exempt_paragraphs=(7,)
    )
    services.publication.issue_agenda(m.id)
    urgent = services.agenda.add_item(
        m.id, "Flood response", urgency_reason="The floods of 8 March could not wait"
    )
    services.meetings.set_state(m.id, "held")
    for item in (report, urgent, review, case):
        services.minutes.add_minute(m.id, item.title, agenda_item_id=item.id, narrative=SECRET)
    return small, m


def _texts(path):
    return [p.text for p in Document(path).paragraphs]


def test_the_agenda_states_the_closed_session_in_the_standard_wording(meeting, tmp_path):
    small, m = meeting
    doc = Document(export_agenda(small.services, m.id, tmp_path / "a.docx"))
    texts = [p.text for p in doc.paragraphs]
    motion = texts[texts.index("Closed session") + 1]
    assert motion.startswith("The Chair will move that under Section 100A(4) of the Local")
    assert "paragraphs 1, 2 and 7 of Part 1 of Schedule 12A" in motion
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Domestic homicide review\nExempt: Schedule 12A paragraphs 1, 2" in cells
    assert "Police operation update\nExempt: Schedule 12A paragraph 7" in cells


def test_wales_numbers_the_paragraphs_in_part_4(meeting, tmp_path):
    small, m = meeting
    small.services.register.update_board(small.board.id, {"access_rules": "wales"})
    texts = _texts(export_agenda(small.services, m.id, tmp_path / "a.docx"))
    assert any("paragraphs 12, 13 and 18 of Part 4 of Schedule 12A" in t for t in texts)


def test_the_minutes_record_the_exclusion_before_the_first_closed_item(meeting, tmp_path):
    small, m = meeting
    texts = _texts(export_minutes(small.services, m.id, tmp_path / "m.docx"))
    exclusion = texts.index("Exclusion of the public")
    assert texts[exclusion + 1].startswith(
        "RESOLVED that under Section 100A(4) of the Local Government Act 1972 the public be "
        "excluded"
    )
    assert "paragraphs 1, 2 and 7 of Part 1 of Schedule 12A" in texts[exclusion + 1]
    assert texts[exclusion + 2].startswith("3/27\tDomestic homicide review")
    assert texts.count("Exclusion of the public") == 1
    assert any(
        t.startswith(
            "The Chair agreed to consider this item as a matter of urgency under Section 100B(4)(b)"
        )
        and "floods of 8 March" in t
        for t in texts
    )
    assert any("by virtue of paragraph 7 of Part 1" in t for t in texts)


def test_the_public_minutes_keep_the_resolution_and_the_numbers_only(meeting, tmp_path):
    small, m = meeting
    path = export_minutes(small.services, m.id, tmp_path / "p.docx", public=True)
    texts = _texts(path)
    assert "Exclusion of the public" in texts
    assert "3/27\tExempt item" in texts and "4/27\tExempt item" in texts
    everything = " ".join(texts)
    assert "Domestic homicide" not in everything and "Police operation" not in everything
    assert everything.count(SECRET) == 2  # the open minutes' narratives only


def test_signed_minutes_print_who_signed_on_the_signature_line(meeting, tmp_path):
    small, m = meeting
    services = small.services
    later = small.meeting(date(2027, 6, 9))
    unsigned = _texts(export_minutes(services, m.id, tmp_path / "u.docx"))
    assert unsigned[-1].startswith("Chair ......")
    services.meetings.approve_minutes(m.id, later.id)
    services.publication.sign_minutes(m.id)
    signed = _texts(export_minutes(services, m.id, tmp_path / "s.docx"))
    assert signed[-1] == "Signed: Councillor Paul James Smith (Chair)\tDate: 9 June 2027"


def test_the_chair_s_brief_shows_registered_interests_and_the_exclusion(demo, tmp_path):
    from scbmeet.exports.chair_brief import export_chair_brief

    services, summary = demo
    texts = _texts(export_chair_brief(services, summary.upcoming_meeting_id, tmp_path / "b.docx"))
    iom = next(
        i
        for i in services.agenda.agenda(summary.upcoming_meeting_id)
        if i.title == "Integrated offender management update"
    )
    item = texts.index(f"{iom.number}. Integrated offender management update")
    item += len(iom.bullets)  # the item's bullet points come first, under its heading
    assert iom.bullets and texts[item + 1] == (
        "Registered interest: Councillor Dev Sharma - Marlshire Offender Management Housing Ltd "
        "(director) (disclosable pecuniary interest: takes no part and does not count towards "
        "the quorum or a vote)."
    )
    assert any(
        t.startswith("Before these items, ask the Board to resolve that under Section 100A(4)")
        for t in texts
    )

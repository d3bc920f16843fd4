"""Awkward text comes out intact: quotes, ampersands, angle brackets, emoji, Urdu, Punjabi."""

from __future__ import annotations

from datetime import date

import docx
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from scbmeet.exports.action_log import export_action_log
from scbmeet.exports.agenda import export_agenda
from scbmeet.exports.minutes import export_minutes
from scbmeet.exports.ooxml import clean_text, direction_runs

URDU = "محفوظ کمیونٹیز بورڈ"
SHAHMUKHI = "پنجابی برادری"
GURMUKHI = "ਸੁਰੱਖਿਅਤ ਭਾਈਚਾਰੇ"
TRICKY = (
    f'"Night-time" economy & <b>licensing</b> – it\'s ‘safe’ 🚓🌙 {URDU} / {SHAHMUKHI} / {GURMUKHI}'
)


def _all_text(doc) -> list[str]:
    texts = [p.text for p in doc.paragraphs]
    texts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return texts


def _setup(services, board_id: int, upcoming_id: int) -> int:
    """Tricky text in an agenda item, a member's name, a minute, a decision and an action."""
    services.agenda.add_item(upcoming_id, TRICKY, presenter_text=f"{URDU} & Co")
    person = services.register.create_person("قریشی", given_names="Amina", title="Cllr")
    services.register.add_membership(board_id, person.id)
    meeting = services.meetings.create_meeting(board_id, date(2026, 10, 14), standard_agenda=False)
    services.meetings.set_attendance(meeting.id, person.id, "present")
    minute = services.minutes.add_minute(
        meeting.id,
        TRICKY,
        narrative=f"First line {URDU}\nsecond line\x0b\n\nNew paragraph {GURMUKHI}",
    )
    services.minutes.add_resolution(minute.id, f"that {TRICKY} be noted")
    services.actions.add_action(
        minute.id, f"Translate into {SHAHMUKHI} & Urdu <now>", "Rachel Okafor"
    )
    return meeting.id


def test_tricky_text_survives_agenda_minutes_and_action_log(demo, tmp_path):
    services, summary = demo
    meeting_id = _setup(services, summary.board_id, summary.upcoming_meeting_id)
    agenda = _all_text(
        docx.Document(export_agenda(services, summary.upcoming_meeting_id, tmp_path / "a.docx"))
    )
    assert TRICKY in agenda
    assert f"{URDU} & Co" in agenda
    minutes = docx.Document(export_minutes(services, meeting_id, tmp_path / "m.docx"))
    texts = _all_text(minutes)
    assert any(t.endswith(f"/26\t{TRICKY}") for t in texts)  # the minute title
    assert f"RESOLVED that {TRICKY} be noted" in texts
    assert f"First line {URDU}\nsecond line" in texts  # the vertical tab is dropped
    assert f"New paragraph {GURMUKHI}" in texts
    assert "Cllr A قریشی" in texts
    log = _all_text(
        docx.Document(export_action_log(services, summary.upcoming_meeting_id, tmp_path / "l.docx"))
    )
    assert f"Translate into {SHAHMUKHI} & Urdu <now>" in log


def test_right_to_left_words_are_marked_as_such(demo, tmp_path):
    services, summary = demo
    meeting_id = _setup(services, summary.board_id, summary.upcoming_meeting_id)
    body = docx.Document(export_minutes(services, meeting_id, tmp_path / "m.docx")).element.body
    rtl_texts = set()
    ltr_texts = set()
    for run in body.iter(qn("w:r")):
        text = "".join(t.text or "" for t in run.iter(qn("w:t")))
        rpr = run.find(qn("w:rPr"))
        is_rtl = rpr is not None and rpr.find(qn("w:rtl")) is not None
        (rtl_texts if is_rtl else ltr_texts).add(text)
    assert URDU in rtl_texts and SHAHMUKHI in rtl_texts
    assert not any(GURMUKHI in t for t in rtl_texts)  # Gurmukhi is written left to right
    assert not any(URDU in t for t in ltr_texts)


def test_direction_runs_split_only_around_right_to_left_words():
    assert direction_runs("plain") == [("plain", False)]
    assert direction_runs(f"Board ({URDU}) 2026") == [
        ("Board (", False),
        (URDU, True),
        (") 2026", False),
    ]


@settings(deadline=None)  # about 100 ms an example on a loaded machine: time is not the point
@given(st.text())
def test_clean_text_always_gives_xml_safe_text(text):
    cleaned = clean_text(text)
    doc = docx.Document()
    doc.add_paragraph(cleaned)  # python-docx refuses anything XML cannot carry
    assert "\r" not in cleaned
    assert all(ch in "\t\n" or ord(ch) >= 32 for ch in cleaned)

"""Accessible documents: real headings in order, header rows marked, title and language set."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import docx
import pytest
from docx.oxml.ns import qn

from scbmeet.exports.action_log import export_action_log
from scbmeet.exports.agenda import export_agenda
from scbmeet.exports.chair_brief import export_chair_brief
from scbmeet.exports.minutes import export_minutes
from scbmeet.exports.pack import export_pack

TODAY = date(2026, 11, 21)
DOCUMENTS = {
    "agenda": lambda s, m, out: export_agenda(s, m.upcoming_meeting_id, out),
    "pack": lambda s, m, out: export_pack(s, m.upcoming_meeting_id, out),
    "minutes": lambda s, m, out: export_minutes(s, m.meeting_ids[2], out),
    "actions": lambda s, m, out: export_action_log(s, m.upcoming_meeting_id, out, by="owner"),
    "brief": lambda s, m, out: export_chair_brief(s, m.upcoming_meeting_id, out, today=TODAY),
}


def _outline_level(style) -> int | None:
    while style is not None:
        levels = style.element.xpath("./w:pPr/w:outlineLvl/@w:val")
        if levels:
            return int(levels[0])
        style = style.base_style
    return None


WITH_TABLES = {"agenda", "pack", "actions"}


@pytest.fixture(params=sorted(DOCUMENTS))
def document(request, demo, tmp_path):
    services, summary = demo
    doc = docx.Document(DOCUMENTS[request.param](services, summary, tmp_path / "d.docx"))
    assert bool(doc.tables) == (request.param in WITH_TABLES)
    return doc


def test_headings_are_real_heading_styles_and_never_skip_a_level(document):
    levels = [_outline_level(p.style) for p in document.paragraphs]
    levels = [level for level in levels if level is not None]
    assert levels and levels[0] == 0
    for before, after in pairwise(levels):
        assert after <= before + 1


def test_every_table_marks_its_headers_a_header_row_repeated_or_a_label_column(document):
    """A table of columns repeats its header row on each page; a cover sheet's table of
    labels and values marks its first column as row headers, and has no header row."""
    for table in document.tables:
        look = table._tbl.tblPr.find(qn("w:tblLook"))
        first = table.rows[0]._tr
        if look.get(qn("w:firstColumn")) == "1":
            assert look.get(qn("w:firstRow")) == "0"
            assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in table.rows)
            assert all(r.cells[0].paragraphs[0].runs[0].bold for r in table.rows)
            continue
        assert look.get(qn("w:firstRow")) == "1"
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
        rest = [r._tr.trPr for r in table.rows[1:]]  # a paper's rows may have no properties
        assert all(pr is None or pr.find(qn("w:tblHeader")) is None for pr in rest)


def test_a_cover_sheet_has_its_labels_as_row_headers(demo, tmp_path):
    services, summary = demo
    doc = docx.Document(export_pack(services, summary.upcoming_meeting_id, tmp_path / "p.docx"))
    cover = doc.tables[2]
    assert [r.cells[0].text for r in cover.rows] == [
        "Title",
        "Report written by",
        "Attached",
        "Action/Recommendations",
    ]
    assert cover._tbl.tblPr.find(qn("w:tblLook")).get(qn("w:firstColumn")) == "1"


def test_title_language_and_author_are_in_the_properties(document):
    props = document.core_properties
    assert props.title and "Marlshire Safer Communities Board" in props.title
    assert props.language == "en-GB"
    assert props.author == "Marlshire Safer Communities Board"


def test_colour_is_never_the_only_signal(document):
    for run in document.element.body.iter(qn("w:r")):
        rpr = run.find(qn("w:rPr"))
        if rpr is not None and rpr.find(qn("w:color")) is not None:
            text = "".join(t.text or "" for t in run.iter(qn("w:t")))
            assert text.isupper() and text.isalpha(), text  # a word such as OVERDUE

"""The agenda pack: agenda, cover sheets, Word papers appended, other files named."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn

from scbmeet.exports.pack import PaperWarning, export_pack, load_paper


def _items(services, meeting_id):
    return {i.title: i for i in services.agenda.agenda(meeting_id)}


def _cover(services, meeting_id, item_title, paper_title):
    """A cover sheet's heading: the paper under the number its item has on the agenda."""
    return f"Item {_items(services, meeting_id)[item_title].number}: {paper_title}"


def _covers(services, meeting_id):
    """The demo's papers' cover headings, in agenda order: three open, the closed one."""
    return [
        _cover(services, meeting_id, "Performance report", CSA),
        _cover(services, meeting_id, "Strategic assessment priorities", PRIORITIES),
        _cover(services, meeting_id, "Integrated offender management update", IOM),
        _cover(services, meeting_id, "Domestic homicide review - action plan progress", DHR),
    ]


CSA = "Community Safety Agreement - quarter 2 performance"
PRIORITIES = "Threat and risk priorities for next year"
IOM = "Integrated offender management - annual review"
DHR = "Domestic homicide review DHR-2025-03 - action plan update"


def _texts(doc):
    return [p.text for p in doc.paragraphs]


def test_pack_starts_with_the_agenda_then_a_cover_sheet_per_paper(demo, tmp_path):
    services, summary = demo
    doc = docx.Document(export_pack(services, summary.upcoming_meeting_id, tmp_path / "p.docx"))
    texts = _texts(doc)
    assert texts[0] == "Marlshire Safer Communities Board"
    assert [r.cells[0].text for r in doc.tables[0].rows][:2] == ["No.", "1."]
    covers = [
        p.text for p in doc.paragraphs if p.style.name == "Heading 1" and p.text.startswith("Item ")
    ]
    assert covers == _covers(services, summary.upcoming_meeting_id)
    assert [c.split(":")[0] for c in covers] == ["Item 5", "Item 6", "Item 7", "Item 10"]
    cover = [[c.text for c in row.cells] for row in doc.tables[2].rows]
    assert cover == [
        ["Title", "Community Safety Agreement - quarter 2 performance"],
        [
            "Report written by",
            "Nadia Rahman \u2013 Community Safety Analyst, Marlshire County Council",
        ],
        ["Attached", "None"],
        [
            "Action/Recommendations",
            "That the Board notes performance for quarter 2 and agrees the areas for closer scrutiny.",
        ],
    ]
    second = [[c.text for c in row.cells] for row in doc.tables[3].rows]
    assert second[2] == ["Attached", "Appendix A - priority matrix"]


def test_word_papers_follow_their_cover_with_their_own_formatting(demo, tmp_path):
    services, summary = demo
    for review in services.plan_meetings.review_items(summary.upcoming_meeting_id):
        services.plan_meetings.set_review(review.agenda_item_id, None)  # no plan appendix
    doc = docx.Document(export_pack(services, summary.upcoming_meeting_id, tmp_path / "p.docx"))
    texts = _texts(doc)
    csa, priorities, *_ = _covers(services, summary.upcoming_meeting_id)
    cover_at = texts.index(csa)
    paper_at = texts.index("Overall anti-social behaviour continued to fall across the county.")
    assert cover_at < paper_at < texts.index(priorities)
    heading = next(p for p in doc.paragraphs if p.text == "Purpose of the report")
    # The paper's heading keeps its own look (a preserved copy of its style) and stays a heading.
    assert heading.style.name.lower().startswith("heading 2")
    levels = heading.style.element.xpath("./w:pPr/w:outlineLvl/@w:val")
    assert levels == ["1"]
    page_breaks = [b for b in doc.element.body.iter(qn("w:br")) if b.get(qn("w:type")) == "page"]
    # the pack ends with the closed paper, whose last section is the body's
    section_ends = [*doc.element.body.xpath("./w:p/w:pPr/w:sectPr"), doc.element.body.sectPr]
    pack_ends = [s for s in section_ends if s.find(qn("w:type")) is None]
    follow_on = [s for s in section_ends if s.xpath("./w:type/@w:val") == ["continuous"]]
    # Each of the two Word papers (A4, like the pack) follows on from its cover in a section
    # of its own, between the pack's section before it and the next cover's new page.
    assert len(follow_on) == len(pack_ends) == 2
    # Four cover sheets, each on a new page: a page break, or the end of the paper before;
    # besides, the closed paper breaks a page before its appendix table and ends the pack.
    assert len(page_breaks) + len(follow_on) == 4 + 1 + 1


def test_papers_still_to_come_and_other_files_are_named(demo, tmp_path):
    services, summary = demo
    items = _items(services, summary.upcoming_meeting_id)
    priorities = items["Strategic assessment priorities"].papers[0]
    services.agenda.attach_file(priorities.id, "priority matrix.pdf", b"%PDF-1.4 " + b"x" * 3000)
    doc = docx.Document(export_pack(services, summary.upcoming_meeting_id, tmp_path / "p.docx"))
    texts = _texts(doc)
    assert "Enclosed separately: priority matrix.pdf (PDF document, 3 KB)." in texts
    assert "This paper will follow (due 26 November 2026)." in texts


def test_a_damaged_word_paper_is_named_not_fatal(demo, tmp_path):
    services, summary = demo
    paper = _items(services, summary.upcoming_meeting_id)["Strategic assessment priorities"].papers[
        0
    ]
    services.agenda.attach_file(paper.id, "priorities.docx", b"not really a docx")
    with pytest.warns(PaperWarning, match="priorities.docx could not be read"):
        path = export_pack(services, summary.upcoming_meeting_id, tmp_path / "p.docx")
    assert any(
        t.startswith("Enclosed separately: priorities.docx") for t in _texts(docx.Document(path))
    )


def test_comment_markers_are_dropped_from_appended_papers():
    paper = docx.Document()
    paragraph = paragraph_with_comment = paper.add_paragraph("Reviewed text")
    paper.add_comment(paragraph_with_comment.runs, text="internal remark", author="Officer")
    buffer = io.BytesIO()
    paper.save(buffer)
    from scbmeet.domain.dto import PaperFileInfo

    info = PaperFileInfo(1, 1, "paper", "x.docx", "", 0, "")
    loaded = load_paper(buffer.getvalue(), info)
    assert loaded is not None
    body = loaded.element.body
    assert not list(body.iter(qn("w:commentReference")))
    assert not list(body.iter(qn("w:commentRangeStart")))
    assert paragraph.text == "Reviewed text"


def test_public_pack_carries_only_open_papers(demo, tmp_path):
    services, summary = demo
    closed = next(i for i in services.agenda.agenda(summary.upcoming_meeting_id) if i.is_closed)
    services.agenda.add_paper(closed.id, "Review action plan", recommendation="Agree it.")
    full = docx.Document(export_pack(services, summary.upcoming_meeting_id, tmp_path / "f.docx"))
    public = docx.Document(
        export_pack(services, summary.upcoming_meeting_id, tmp_path / "p.docx", public=True)
    )
    review = f"Item {closed.number}: Review action plan"
    assert review in _texts(full)
    assert review not in _texts(public)
    assert _covers(services, summary.upcoming_meeting_id)[0] in _texts(public)

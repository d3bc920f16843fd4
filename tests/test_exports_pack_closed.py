"""A closed-session paper in the Word pack says "Not for publication" on every page.

The paper is a real one (tests/real_papers.py ``closed_report``): first-page, odd and even
headers of its own, a landscape section, a linked last section, a tracked change. Its own
headers stay, with the closed marking above them in every header its pages show; the pack
is read back in a fresh process and laid out by LibreOffice, page by page.
"""

from __future__ import annotations

import io
import shutil

import docx
import pytest
from docx.oxml.ns import qn

from scbmeet.exports.exempt_session import closed_paper_marking
from scbmeet.exports.pack import PaperWarning, export_pack
from scbmeet.exports.records import MeetingRecord

from .fresh_process import json_from_a_fresh_process
from .real_papers import (
    CLOSED_HEADERS,
    closed_report,
    headed_report,
    landscape_plan,
    letter_report,
    rendered_pages,
)

MARKING = ("Not for publication: closed-session item 10", "Exempt: Schedule 12A paragraphs 1, 2")

# Every section's headers as Word would show them (a linked one shows the one it links to),
# read by a process that has never imported scbmeet.
READ_HEADERS = """
import json, sys
import docx
doc = docx.Document(sys.argv[1])
even = bool(doc.settings.odd_and_even_pages_header_footer)
out = []
for section in doc.sections:
    kinds = {"default": section.header}
    if section.different_first_page_header_footer:
        kinds["first"] = section.first_page_header
    if even:
        kinds["even"] = section.even_page_header
    out.append({k: [p.text for p in h.paragraphs] for k, h in kinds.items()})
print(json.dumps({"even": even, "sections": out}))
"""


@pytest.fixture
def closed_pack(demo):
    """The demo's next meeting with the closed report on its closed item (10) and the
    Letter report (its own "OFFICIAL" header) on an open one."""
    services, summary = demo
    meeting_id = summary.upcoming_meeting_id
    items = {i.title: i for i in services.agenda.agenda(meeting_id)}
    closed = next(i for i in items.values() if i.is_closed and i.parent_id is None)
    assert closed.number == "10"
    _without_the_demos_paper(services, closed)
    paper = services.agenda.add_paper(closed.id, "Review findings")
    services.agenda.attach_file(paper.id, "review.docx", closed_report())
    open_paper = services.agenda.add_paper(items["Frequency of meetings next year"].id, "Options")
    services.agenda.attach_file(open_paper.id, "letter.docx", letter_report())
    return services, meeting_id, closed


def _without_the_demos_paper(services, closed) -> None:
    """The demo's own closed paper gives way: the real paper is the closed item's only one."""
    for paper in closed.papers:
        services.agenda.delete_paper(paper.id)


def _export(services, meeting_id, path):
    with pytest.warns(PaperWarning, match=r"review\.docx\) has tracked changes"):
        return export_pack(services, meeting_id, path)


def test_every_header_of_a_closed_paper_starts_with_the_marking(closed_pack, tmp_path):
    services, meeting_id, _closed = closed_pack
    read = json_from_a_fresh_process(
        READ_HEADERS, _export(services, meeting_id, tmp_path / "pack.docx")
    )
    assert read["even"]  # the paper's even-page headers are in force
    sections = read["sections"]
    own = set(CLOSED_HEADERS.values())
    paper = [s for s in sections if any(own & set(lines) for lines in s.values())]
    assert len(paper) == 3  # the first, landscape and last sections of the paper
    assert "first" in paper[0]  # its first page has a header of its own
    for section in paper:
        for kind, lines in section.items():
            assert tuple(lines[:2]) == MARKING, (kind, lines)
            assert own & set(lines[2:]), (kind, lines)  # the paper's own words stay
    assert paper[0]["first"][2] == CLOSED_HEADERS["first"]
    assert paper[1]["default"][2] == CLOSED_HEADERS["landscape"]
    marked = [s for s in sections if any(MARKING[0] in lines for lines in s.values())]
    assert marked == paper  # nothing else in the pack (the open Letter paper) says so
    letter = [s for s in sections if "OFFICIAL" in s["default"]]
    assert letter and all(MARKING[0] not in s["default"] for s in letter)


def test_a_closed_paper_without_headers_gets_the_marking_alone(demo, tmp_path):
    """On odd and even pages alike, when an open paper turns even-page headers on."""
    services, summary = demo
    items = services.agenda.agenda(summary.upcoming_meeting_id)
    closed = next(i for i in items if i.is_closed and i.parent_id is None)
    _without_the_demos_paper(services, closed)
    paper = services.agenda.add_paper(closed.id, "Plan")
    services.agenda.attach_file(paper.id, "plan.docx", landscape_plan())  # a footer only
    opened = next(i for i in items if not i.is_closed and i.number == "5")
    headed = services.agenda.add_paper(opened.id, "Headed")
    services.agenda.attach_file(headed.id, "headed.docx", headed_report())
    path = export_pack(services, summary.upcoming_meeting_id, tmp_path / "pack.docx")
    read = json_from_a_fresh_process(READ_HEADERS, path)
    assert read["even"]
    doc = docx.Document(path)
    (landscape,) = [n for n, s in enumerate(doc.sections) if s.page_width > s.page_height][:1]
    section = read["sections"][landscape]
    assert section["default"] == list(MARKING)  # no empty line under it
    assert section["even"] == list(MARKING)


def test_the_cover_sheet_of_a_closed_paper_says_so(closed_pack, tmp_path):
    services, meeting_id, _closed = closed_pack
    doc = docx.Document(_export(services, meeting_id, tmp_path / "pack.docx"))
    texts = [p.text for p in doc.paragraphs]
    heading = texts.index("Item 10: Review findings")
    assert texts[heading + 1] == ". ".join(MARKING) + "."
    assert not any(t.startswith("Not for publication: closed-session") for t in texts[:heading])


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_shows_the_marking_on_every_page_of_the_closed_paper(closed_pack, tmp_path):
    services, meeting_id, _closed = closed_pack
    pages = rendered_pages(_export(services, meeting_id, tmp_path / "pack.docx"), tmp_path)
    texts = [" ".join(t.upper().split()) for _w, _h, t in pages]
    start = next(n for n, t in enumerate(texts) if "CLOSED PAPER PAGE 1." in t)
    end = next(n for n, t in enumerate(texts) if "CLOSED PAPER LAST SECTION." in t)
    paper = range(start, end + 1)
    assert len(paper) == 5  # three A4 pages, the landscape one, the last section's
    assert [pages[n][0] > pages[n][1] for n in paper] == [False, False, False, True, False]
    marking = " ".join(MARKING).upper()
    for n in paper:
        assert marking in texts[n], (n, texts[n][:200])
        assert "OFFICIAL - SENSITIVE" in texts[n]  # and the paper's own header
        assert (
            f"PAGE {n + 1} OF {len(pages)}" in texts[n]
        )  # the pack's number (no footer of its own)
    assert CLOSED_HEADERS["first"].upper() in texts[start]
    assert CLOSED_HEADERS["landscape"].upper() in texts[start + 3]
    cover = texts[start - 1]
    assert "REPORT WRITTEN BY" in cover and "NOT FOR PUBLICATION: INCLUDES CLOSED" in cover
    others = [t for n, t in enumerate(texts) if n not in paper and "REPORT WRITTEN BY" in t]
    assert others and all(marking not in t for t in others)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_demos_own_pack_shows_its_closed_paper_marked(demo, tmp_path):
    """The demo's closed item (10) has its paper, OFFICIAL - SENSITIVE atop and foot of its
    two pages: the pack marks both pages, and numbers them under the paper's own footer."""
    services, summary = demo
    path = export_pack(services, summary.upcoming_meeting_id, tmp_path / "pack.docx")
    pages = rendered_pages(path, tmp_path)
    texts = [" ".join(t.upper().split()) for _w, _h, t in pages]
    cover = next(n for n, t in enumerate(texts) if "ITEM 10: DOMESTIC HOMICIDE REVIEW" in t)
    table = next(n for n, t in enumerate(texts) if "APPENDIX A - ACTIONS NOT YET COMPLETE" in t)
    assert table == cover + 1  # the paper's second page, in its own header and footer
    marking = " ".join(MARKING).upper()
    assert ". ".join(MARKING).upper() in texts[cover]  # its cover says so
    assert marking in texts[table] and "OFFICIAL - SENSITIVE" in texts[table]
    assert "OFFICIAL - SENSITIVE - NOT TO BE COPIED OR SHARED" in texts[table]
    assert f"PAGE {table + 1} OF {len(pages)}" in texts[table]
    read = json_from_a_fresh_process(READ_HEADERS, path)
    own = [s for s in read["sections"] if "OFFICIAL - SENSITIVE" in s["default"]]
    assert own and all(tuple(s["default"][:2]) == MARKING for s in own)


def test_the_marking_names_the_item_and_why_it_is_exempt(demo):
    services, summary = demo
    meeting_id = summary.upcoming_meeting_id
    closed = next(
        i for i in services.agenda.agenda(meeting_id) if i.is_closed and i.parent_id is None
    )
    sub = services.agenda.add_item(meeting_id, "Costs", parent_id=closed.id)
    opened = next(i for i in services.agenda.agenda(meeting_id) if not i.is_closed and i.number)
    record = MeetingRecord(services, meeting_id)
    assert closed_paper_marking(record, closed) == MARKING
    sub_item = record.full_item(sub.id)
    assert sub_item is not None
    assert closed_paper_marking(record, sub_item) == (
        f"Not for publication: closed-session item {sub_item.number}",
        MARKING[1],  # why its closed item is exempt
    )
    assert closed_paper_marking(record, opened) == ()
    assert closed_paper_marking(MeetingRecord(services, meeting_id, public=True), closed) == ()


def test_a_board_not_bound_by_the_act_gives_its_reason_in_words(demo):
    services, summary = demo
    meeting_id = summary.upcoming_meeting_id
    services.register.update_board(summary.board_id, {"access_rules": "off"})
    closed = next(
        i for i in services.agenda.agenda(meeting_id) if i.is_closed and i.parent_id is None
    )
    services.agenda.update_item(closed.id, {"closed_reason": "Details of a live review."})
    record = MeetingRecord(services, meeting_id)
    item = record.full_item(closed.id)
    assert item is not None
    assert closed_paper_marking(record, item) == (
        "Not for publication: closed-session item 10",
        "Confidential: Details of a live review",  # one full stop, when joined on the cover
    )


def test_a_closed_paper_whose_header_part_is_missing_is_marked_all_the_same(demo, tmp_path):
    services, summary = demo
    paper_doc = docx.Document()
    paper_doc.sections[0].header.paragraphs[0].text = "LOST HEADER"
    paper_doc.add_paragraph("A paper from a damaged file.")
    (ref,) = paper_doc.sections[0]._sectPr.xpath("./w:headerReference")
    paper_doc.part.rels.pop(ref.get(qn("r:id")))  # the reference stays, its part is gone
    buffer = io.BytesIO()
    paper_doc.save(buffer)
    items = services.agenda.agenda(summary.upcoming_meeting_id)
    closed = next(i for i in items if i.is_closed and i.parent_id is None)
    paper = services.agenda.add_paper(closed.id, "Damaged")
    services.agenda.attach_file(paper.id, "damaged.docx", buffer.getvalue())
    path = export_pack(services, summary.upcoming_meeting_id, tmp_path / "pack.docx")
    sections = json_from_a_fresh_process(READ_HEADERS, path)["sections"]
    texts = [p.text for p in docx.Document(path).paragraphs]
    at = next(n for n, s in enumerate(sections) if s["default"] == list(MARKING))
    assert "A paper from a damaged file." in texts
    assert at > 0 and all("LOST HEADER" not in " ".join(s["default"]) for s in sections)

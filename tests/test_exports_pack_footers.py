"""Every page of the Word pack shows the pack's page number, right-aligned at its margin.

The paper is a real one (tests/real_papers.py ``footed_report``): first-page, odd and even
footers of its own with Word's PAGE field, numbered i, ii, iii from 1, a landscape section
with a footer of its own and a linked last section, and a tracked change. Its footer words
stay, with the pack's footer line under them in every footer its pages show; the pack's
landscape plan appendix and the landscape section carry "Page N of M" at their own right
margin. The pack is read back in a fresh process (every section's footers) and laid out
by LibreOffice, page by page; the plan export and the action log, landscape documents of
their own, are read back too.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn

from scbmeet.exports.action_log import export_action_log
from scbmeet.exports.pack import PaperWarning, export_pack
from scbmeet.exports.plan import export_plan
from scbmeet.exports.writer import WordWriter

from .fresh_process import json_from_a_fresh_process
from .real_papers import FOOTERS, footed_report, rendered_pages

PACK_LINE = "Marlshire Safer Communities Board: agenda pack, 9 December 2026\tPage "

# Every section's footers as Word shows them (a linked one shows the one it links to), each
# paragraph's text with its right tab stop, and the section's width between its margins
# (twips): read by a process that has never imported scbmeet.
READ_FOOTERS = """
import json, sys
import docx
from docx.oxml.ns import qn
doc = docx.Document(sys.argv[1])
even = bool(doc.settings.odd_and_even_pages_header_footer)
out = []
for section in doc.sections:
    kinds = {"default": section.footer}
    if section.different_first_page_header_footer:
        kinds["first"] = section.first_page_footer
    if even:
        kinds["even"] = section.even_page_footer
    width = (section.page_width - section.left_margin - section.right_margin) // 635
    footers = {}
    for kind, footer in kinds.items():
        lines = []
        for p in footer.paragraphs:
            tabs = p._p.xpath("./w:pPr/w:tabs/w:tab[@w:val='right']/@w:pos")
            lines.append([p.text, [int(t) for t in tabs]])
        footers[kind] = lines
    landscape = section.page_width > section.page_height
    out.append({"width": width, "landscape": landscape, "footers": footers})
print(json.dumps(out))
"""


@pytest.fixture
def footed_pack(demo, tmp_path):
    """The demo's next meeting (its plan appendix landscape) with the footed report on an
    open item, exported as a Word pack."""
    services, summary = demo
    meeting_id = summary.upcoming_meeting_id
    items = {i.title: i for i in services.agenda.agenda(meeting_id)}
    paper = services.agenda.add_paper(items["Frequency of meetings next year"].id, "Options")
    services.agenda.attach_file(paper.id, "footed.docx", footed_report())
    with pytest.warns(PaperWarning, match=r"footed\.docx\) has tracked changes"):
        return export_pack(services, meeting_id, tmp_path / "pack.docx")


def _page_number_lines(lines: list) -> list:
    return [line for line in lines if line[0].startswith(PACK_LINE)]


def test_every_footer_of_every_section_carries_the_pack_page_number(footed_pack):
    sections = json_from_a_fresh_process(READ_FOOTERS, footed_pack)
    for n, section in enumerate(sections):
        for kind, lines in section["footers"].items():
            numbered = _page_number_lines(lines)
            assert len(numbered) == 1, (n, kind, lines)
            assert lines[-1] == numbered[0], (n, kind, lines)  # under the paper's own words
    own = [
        s
        for s in sections
        if any(w[0].startswith("Marlshire Police") for f in s["footers"].values() for w in f)
    ]
    assert len(own) == 3  # the paper's first, landscape and last sections
    first, wide, last = own
    assert first["footers"]["first"][0][0].startswith(FOOTERS["first"])
    assert first["footers"]["default"][0][0].startswith(FOOTERS["odd"])
    assert first["footers"]["even"][0][0].startswith(FOOTERS["even"])
    assert wide["landscape"] and wide["footers"]["default"][0][0] == FOOTERS["landscape"]
    assert last["footers"]["default"][0][0] == FOOTERS["landscape"]  # linked to it


def test_each_page_number_sits_at_its_own_sections_right_margin(footed_pack):
    sections = json_from_a_fresh_process(READ_FOOTERS, footed_pack)
    landscape = [s for s in sections if s["landscape"]]
    assert len(landscape) >= 2  # the paper's landscape section and the plan appendix
    assert len({s["width"] for s in sections}) >= 3  # A4 portrait, the paper's, the appendix's
    for n, section in enumerate(sections):
        for kind, lines in section["footers"].items():
            (line,) = _page_number_lines(lines)
            assert line[1] == [section["width"]], (n, kind, section["width"], line)


def test_a_papers_own_page_numbering_gives_way_to_the_packs(footed_pack):
    body = docx.Document(footed_pack).element.body
    assert not list(body.iter(qn("w:pgNumType")))  # no restart at 1, no roman numerals


def _page_number_boxes(pdf, page: int) -> tuple[float, float]:
    """(the page's width, where the right end of its "Page N of M" is), from pdftotext."""
    xml = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    width = float(re.search(r'<page width="([\d.]+)"', xml).group(1))
    words = re.findall(r'xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', xml)
    texts = [w for _x, w in words]
    at = max(i for i, w in enumerate(texts) if w == "Page" and texts[i + 2 : i + 3] == ["of"])
    return width, float(words[at + 3][0])


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_shows_the_pack_page_number_on_every_page(footed_pack, tmp_path):
    pages = rendered_pages(footed_pack, tmp_path)
    texts = [" ".join(t.split()) for _w, _h, t in pages]
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(pages)}" in text, (number, text)
    paper = [n for n, t in enumerate(texts) if "Footed paper" in t]
    assert len(paper) == 5  # three portrait pages, the landscape one, the last section's
    for n in paper:
        assert any(words in texts[n] for words in FOOTERS.values()), texts[n]
        assert "Page i" not in texts[n] and "Page ii" not in texts[n]
    wide = next(n for n in paper if "landscape page" in texts[n])
    assert pages[wide][0] > pages[wide][1]
    assert FOOTERS["landscape"] in texts[wide]
    appendix = [
        n for n, t in enumerate(texts) if "PROGRESS" in t.upper() and pages[n][0] > pages[n][1]
    ]
    assert appendix  # the plan appendix, landscape
    for n in (*paper, wide, *appendix, 0):
        width, right = _page_number_boxes(tmp_path / "pack.pdf", n + 1)
        assert right > 0.8 * width, (n + 1, width, right)  # at the right margin, not mid-page


@pytest.mark.parametrize("document", ["plan", "action log"])
def test_landscape_documents_number_their_pages_at_the_right_margin(demo, tmp_path, document):
    services, summary = demo
    meeting_id = summary.meeting_ids[2]
    if document == "plan":
        plan = services.plans.current_plan(summary.board_id)
        path = export_plan(services, plan.id, tmp_path / "plan.docx", meeting_id=meeting_id)
    else:
        path = export_action_log(services, meeting_id, tmp_path / "log.docx")
    sections = json_from_a_fresh_process(READ_FOOTERS, path)
    assert all(s["landscape"] for s in sections)
    for section in sections:
        for lines in section["footers"].values():
            tabs = [line[1] for line in lines if "\tPage " in line[0]]
            assert tabs == [[section["width"]]]


def test_sections_of_one_width_share_one_footer_and_another_width_gets_its_copy(tmp_path):
    """Portrait, landscape, portrait again: two footers, each tab at its sections' margin."""
    writer = WordWriter()
    writer.furniture("Board: minutes")
    writer.paragraph("Portrait.")
    for orientation in (WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT):
        section = writer.document.add_section(WD_SECTION.NEW_PAGE)
        if section.orientation != orientation:
            section.orientation = orientation
            section.page_width, section.page_height = section.page_height, section.page_width
        writer.paragraph(f"{orientation.name.title()}.")
    path = writer.save(tmp_path / "three.docx")
    sections = json_from_a_fresh_process(READ_FOOTERS, path)
    assert [s["landscape"] for s in sections] == [False, True, False]
    for section in sections:
        (line,) = [line for line in section["footers"]["default"] if "\tPage " in line[0]]
        assert line[1] == [section["width"]]
    names = {name for name in zipfile.ZipFile(path).namelist() if name.startswith("word/footer")}
    assert len(names) == 2  # the third section went back to the first one's footer
    footers = "".join(zipfile.ZipFile(path).read(name).decode() for name in names)
    assert "scbmeet-page-footer" not in footers  # the marks go

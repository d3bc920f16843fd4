"""Real-world Word papers in the pack: their own sections and headers, review marks, zip bombs.

The papers (tests/real_papers.py): a three-section US Letter report with an "OFFICIAL"
header, one section in two columns; a landscape-only action plan with a six-column table;
a report still carrying tracked changes, a comment, an embedded OLE object and a link.
"""

from __future__ import annotations

import re
import shutil
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from scbmeet.domain.errors import ValidationError
from scbmeet.exports.pack import PaperWarning, export_pack
from scbmeet.services import agenda_papers
from scbmeet.storage.office_files import check_archive, review_marks

from .real_papers import (
    CHART_SECRET,
    DELETED_NAMES,
    OUTSIDE_URL,
    chart_report,
    headed_report,
    landscape_plan,
    letter_report,
    many_parts_bomb,
    ratio_bomb,
    rendered_pages,
    reviewed_report,
    title_page_report,
)

A4 = ("11906", "16838")
LETTER = ("12240", "15840")
A4_LANDSCAPE = ("16838", "11906")


@pytest.fixture
def papers(demo):
    """The demo's next meeting with the three real-world papers attached."""
    services, summary = demo
    items = {i.title: i for i in services.agenda.agenda(summary.upcoming_meeting_id)}

    def attach(item_title: str, paper_title: str, filename: str, data: bytes) -> None:
        paper = services.agenda.add_paper(items[item_title].id, paper_title)
        services.agenda.attach_file(paper.id, filename, data)

    attach("Strategic assessment priorities", "Reviewed report", "reviewed.docx", reviewed_report())
    attach(
        "Integrated offender management update", "IOM action plan", "plan.docx", landscape_plan()
    )
    attach("Frequency of meetings next year", "Meeting options", "letter.docx", letter_report())
    return services, summary.upcoming_meeting_id


def _export(services, meeting_id, path, **kwargs):
    with pytest.warns(PaperWarning, match="reviewed.docx"):
        return export_pack(services, meeting_id, path, **kwargs)


def _sections(doc):
    """(page size, header text, first text of the section) for each section, in order."""
    out = []
    for section in doc.sections:
        sect = section._sectPr
        size = sect.find(qn("w:pgSz"))
        header = "" if section.header.is_linked_to_previous else section.header.paragraphs
        header_text = " ".join(p.text for p in header) if header else ""
        out.append(((size.get(qn("w:w")), size.get(qn("w:h"))), header_text.strip()))
    return out


def _all_parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_each_paper_keeps_its_own_sections_and_headers(papers, tmp_path):
    services, meeting_id = papers
    doc = docx.Document(_export(services, meeting_id, tmp_path / "pack.docx"))
    sections = _sections(doc)
    sizes = [size for size, _ in sections]
    # The agenda and first covers stay A4; the Letter paper has its three sections; the
    # landscape plan stays landscape; the cover sheets after each paper are A4 again.
    assert sizes[0] == A4
    assert sizes.count(LETTER) == 3
    assert A4_LANDSCAPE in sizes
    landscape_at = sizes.index(A4_LANDSCAPE)
    letter_at = sizes.index(LETTER)
    assert sizes[landscape_at + 1] == A4
    assert sizes[letter_at - 1] == A4
    assert sections[letter_at][1] == "OFFICIAL"  # the paper's own header
    assert all(header != "OFFICIAL" for size, header in sections if size == A4)
    columns = [s._sectPr.xpath("./w:cols/@w:num") for s in doc.sections]
    assert ["2"] in columns
    # The landscape plan's six-column table keeps its own width inside the landscape page.
    plan = next(t for t in doc.tables if len(t.columns) == 6)
    assert plan.cell(0, 5).text == "Progress (RAG)"


def test_a_papers_headings_sit_one_level_below_its_item(papers, tmp_path):
    services, meeting_id = papers
    doc = docx.Document(_export(services, meeting_id, tmp_path / "pack.docx"))
    levels = {
        p.text: p._p.xpath("./w:pPr/w:outlineLvl/@w:val")
        for p in doc.paragraphs
        if p.text in ("Letter report", "Background", "Action plan")
    }
    assert levels == {"Letter report": ["1"], "Background": ["2"], "Action plan": ["1"]}
    cover = next(p for p in doc.paragraphs if p.text.startswith("Item 8: Meeting options"))
    assert cover.style.name == "Heading 1"


def test_tracked_changes_are_warned_and_can_be_accepted(papers, tmp_path):
    services, meeting_id = papers
    with pytest.warns(PaperWarning, match=r"reviewed\.docx\) has tracked changes \(2\)"):
        full = export_pack(services, meeting_id, tmp_path / "full.docx")
    assert DELETED_NAMES.encode() in _all_parts(full)["word/document.xml"]
    accepted = _export(services, meeting_id, tmp_path / "accepted.docx", accept_changes=True)
    body = _all_parts(accepted)["word/document.xml"]
    assert DELETED_NAMES.encode() not in body
    assert b"Inserted text." in body
    assert not re.search(rb"<w:(ins|del)\b", body)
    # Accepting changes only the text: the full pack keeps the object and the link.
    assert b"<w:object" in body
    assert any(name.startswith("word/embeddings/") for name in _all_parts(accepted))


def test_the_public_pack_carries_accepted_text_only_and_nothing_reaching_out(papers, tmp_path):
    services, meeting_id = papers
    with pytest.warns(PaperWarning, match="left out"):
        public = export_pack(services, meeting_id, tmp_path / "public.docx", public=True)
    parts = _all_parts(public)
    everything = b"".join(parts.values())
    assert DELETED_NAMES.encode() not in everything
    assert b"secret spreadsheet bytes" not in everything
    assert OUTSIDE_URL.encode() not in everything
    assert not any(name.startswith("word/embeddings/") for name in parts)
    assert b'TargetMode="External"' not in everything
    assert b"Check with legal first" not in everything
    text = " ".join(p.text for p in docx.Document(public).paragraphs)
    assert "the dashboard" in text  # the link's words stay, as plain text
    assert "An embedded object is not included in the public pack" in text
    assert not review_marks(public.read_bytes())


def test_the_tracker_scan_finds_what_the_paper_carries():
    marks = review_marks(reviewed_report())
    assert (marks.tracked_changes, marks.comments, marks.embedded_objects) == (2, 1, 1)
    assert marks.external_links == 1
    assert marks.describe().startswith("tracked changes (2), comments (1)")
    assert not review_marks(letter_report())


def test_zip_bombs_are_refused_on_attach_with_one_line_naming_the_file(demo):
    services, summary = demo
    item = next(i for i in services.agenda.agenda(summary.upcoming_meeting_id) if i.papers)
    paper = item.papers[0]
    before = services.agenda.paper(paper.id).files
    with pytest.raises(ValidationError, match=r"^bomb\.docx is not safe to open: .*zip bomb"):
        services.agenda.attach_file(paper.id, "bomb.docx", ratio_bomb())
    with pytest.raises(ValidationError, match=r"^parts\.docx is not safe to open: it holds 5000"):
        services.agenda.attach_file(paper.id, "parts.docx", many_parts_bomb())
    assert services.agenda.paper(paper.id).files == before


def test_a_zip_bomb_stored_before_the_check_is_left_out_of_the_pack(demo, tmp_path, monkeypatch):
    services, summary = demo
    item = next(i for i in services.agenda.agenda(summary.upcoming_meeting_id) if i.papers)
    monkeypatch.setattr(agenda_papers, "check_archive", lambda *_: None)  # an older database
    services.agenda.attach_file(item.papers[0].id, "bomb.docx", ratio_bomb())
    with pytest.warns(PaperWarning) as caught:
        path = export_pack(services, summary.upcoming_meeting_id, tmp_path / "p.docx")
    (line,) = [str(w.message) for w in caught if "bomb.docx" in str(w.message)]
    assert line.startswith(f"Item {item.number} paper ")
    assert "is left out of the pack: bomb.docx is not safe to open" in line
    assert "\n" not in line
    texts = [p.text for p in docx.Document(path).paragraphs]
    assert any(t.startswith("Enclosed separately: bomb.docx") for t in texts)


def test_the_size_limit_applies_to_what_the_zip_would_expand_to(monkeypatch):
    from scbmeet.storage import office_files

    monkeypatch.setattr(office_files, "MAX_EXPANDED_BYTES", 1_000_000)
    with pytest.raises(ValidationError, match=r"would expand to 2\.0 MB"):
        check_archive("big.docx", ratio_bomb(2))
    check_archive("letter.docx", letter_report())  # a real paper passes


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_lays_out_each_paper_on_its_own_pages(papers, tmp_path):
    services, meeting_id = papers
    for review in services.plan_meetings.review_items(meeting_id):
        services.plan_meetings.set_review(review.agenda_item_id, None)  # no landscape appendix
    pack = _export(services, meeting_id, tmp_path / "pack.docx")
    pages = rendered_pages(pack, tmp_path)
    assert pages[0][:2] == (595, 842)  # the agenda: A4 portrait
    letter = [t for w, h, t in pages if (w, h) == (612, 792)]
    assert len(letter) >= 3 and all("OFFICIAL" in t for t in letter)
    landscape = [t for w, h, t in pages if w > h]
    assert len(landscape) == 1 and "Progress (RAG)" in landscape[0]
    assert "OFFICIAL - SENSITIVE" in landscape[0]
    covers = [(w, h, t) for w, h, t in pages if "Report written by" in t]
    assert len(covers) >= 5 and all((w, h) == (595, 842) for w, h, _ in covers)
    assert not any("OFFICIAL" in t for _, _, t in covers)


def test_the_command_warns_in_one_line_and_accepts_on_request(papers, tmp_path, capsys):
    from scbmeet.cli import main

    services, _meeting_id = papers
    base = ["export", "pack", "2026-12-09", "--db", str(services.db.path), "--board", "MSCB"]
    assert main([*base, "--out", str(tmp_path / "full.docx")]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    (line,) = [e for e in err if "reviewed.docx" in e]
    assert line.startswith("scbmeet: warning: Item 6 paper 'Reviewed report' (reviewed.docx)")
    assert "export with changes accepted" in line
    assert main([*base, "--out", str(tmp_path / "accepted.docx"), "--accept-changes"]) == 0
    assert "its tracked changes are accepted in the pack" in capsys.readouterr().err
    assert DELETED_NAMES.encode() not in _all_parts(tmp_path / "accepted.docx")["word/document.xml"]
    assert DELETED_NAMES.encode() in _all_parts(tmp_path / "full.docx")["word/document.xml"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_papers_first_page_and_even_page_headers_are_kept(papers, tmp_path):
    services, meeting_id = papers
    items = {i.title: i for i in services.agenda.agenda(meeting_id)}
    paper = services.agenda.add_paper(items["Strategic assessment priorities"].id, "Headed")
    services.agenda.attach_file(paper.id, "headed.docx", headed_report())
    pack = _export(services, meeting_id, tmp_path / "pack.docx")
    settings = _all_parts(pack)["word/settings.xml"]
    assert b"<w:evenAndOddHeaders" in settings
    assert b"scbmeet" not in _all_parts(pack)["word/document.xml"]  # no marks left behind
    pages = [text for _w, _h, text in rendered_pages(pack, tmp_path)]
    first = next(n for n, t in enumerate(pages) if "Headed report page 1." in t)
    assert "Report written by" not in pages[first]  # a page of its own, for its first header
    assert "FIRST PAGE MARKING" in pages[first] and "FIRST PAGE FOOTER" in pages[first]
    for n in range(first + 1, first + 4):  # the paper's pages 2 to 4 (pack pages n + 1)
        assert f"Headed report page {n - first + 1}." in pages[n]
        side = "EVEN" if (n + 1) % 2 == 0 else "ODD"
        assert f"{side} PAGE MARKING" in pages[n], (n, side)
    # The agenda and cover sheets keep the pack's own furniture on even pages too.
    own = [pages[0], *(t for t in pages if "Report written by" in t)]
    assert len(own) >= 5 and any(pages.index(t) % 2 == 1 for t in own)
    assert all("agenda pack" in t and "PAGE MARKING" not in t for t in own)


def test_the_public_pack_keeps_a_chart_but_not_its_workbook(papers, tmp_path):
    services, meeting_id = papers
    items = {i.title: i for i in services.agenda.agenda(meeting_id)}
    paper = services.agenda.add_paper(items["Strategic assessment priorities"].id, "Charted")
    services.agenda.attach_file(paper.id, "chart.docx", chart_report())
    full = _all_parts(_export(services, meeting_id, tmp_path / "full.docx"))
    assert CHART_SECRET in b"".join(full.values())  # the full pack is the paper as sent
    with pytest.warns(PaperWarning, match=r"chart\.docx\) has embedded objects"):
        public = _all_parts(export_pack(services, meeting_id, tmp_path / "p.docx", public=True))
    assert CHART_SECRET not in b"".join(public.values())
    assert not any("embeddings/" in name for name in public)
    (chart,) = [
        data for name, data in public.items() if re.fullmatch(r"word/charts/chart\d+\.xml", name)
    ]
    assert b"externalData" not in chart  # no reference left to the workbook
    assert b"<c:v>30</c:v>" in chart  # the values it is drawn from stay
    rels = b"".join(data for name, data in public.items() if name.startswith("word/charts/_rels"))
    assert b"embeddings" not in rels


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_title_page_without_its_own_header_shows_the_packs_not_another_papers(papers, tmp_path):
    services, meeting_id = papers
    items = {i.title: i for i in services.agenda.agenda(meeting_id)}
    headed = services.agenda.add_paper(items["Strategic assessment priorities"].id, "Headed")
    services.agenda.attach_file(headed.id, "headed.docx", headed_report())
    later = services.agenda.add_paper(items["Frequency of meetings next year"].id, "Titled")
    services.agenda.attach_file(later.id, "titled.docx", title_page_report())
    pack = _export(services, meeting_id, tmp_path / "pack.docx")
    assert b"scbmeet" not in _all_parts(pack)["word/document.xml"]  # no marks left behind
    # As Word reads it: a first-page header it does not define would be the one in force
    # before it, the headed paper's.
    (titled,) = [
        s for s in docx.Document(pack).sections if "TITLE PAGE" in s.header.paragraphs[0].text
    ]
    for story in (titled.first_page_header, titled.first_page_footer):
        assert not story.is_linked_to_previous
        assert "FIRST PAGE" not in " ".join(p.text for p in story.paragraphs)
    assert "agenda pack" in titled.first_page_footer.paragraphs[-1].text
    pages = [" ".join(t.split()) for _w, _h, t in rendered_pages(pack, tmp_path)]
    title = next(n for n, t in enumerate(pages) if "Title page of the report." in t)
    # Not the headed paper's first-page header and footer (the last ones defined before it),
    # but the pack's own footer with its page number, as on the cover sheets.
    assert "FIRST PAGE" not in pages[title]
    assert f"agenda pack, 9 December 2026 Page {title + 1} of {len(pages)}" in pages[title]
    assert "TITLE PAGE REPORT HEADER" in pages[title + 1]  # its own header on its page 2
    first = next(n for n, t in enumerate(pages) if "Headed report page 1." in t)
    assert "FIRST PAGE MARKING" in pages[first]  # the headed paper keeps its own

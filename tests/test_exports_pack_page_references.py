"""The Word pack's agenda says on which page each item's papers start, as the PDF pack does.

"(page N)" after the item's title, N a PAGEREF field to a bookmark on the item's first
paper's cover heading, so Word and LibreOffice give the page however they paginate. The
papers are real ones (tests/real_papers.py): US Letter in three sections (one in two
columns), a landscape action plan, a report with first-page and even-page headers, a
police report with footers of its own, and a closed-session report. The pack is read back
by a fresh process and laid out by LibreOffice; the public pack names no closed paper.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile

import pytest

from scbmeet.exports.pack import PaperWarning, export_pack

from .fresh_process import json_from_a_fresh_process
from .real_papers import (
    closed_report,
    footed_report,
    headed_report,
    landscape_plan,
    letter_report,
    rendered_pages,
)

# The agenda's PAGEREF fields (row number, bookmark, shown result, the text around it), the
# bookmarks (name -> id, text of the paragraph they mark) and w:updateFields, read by a
# process that has never imported scbmeet.
READ_REFERENCES = """
import json, sys
import docx
from docx.oxml.ns import qn
doc = docx.Document(sys.argv[1])
body = doc.element.body
def text(el):
    return "".join(t.text or "" for t in el.iter(qn("w:t")))
fields = []
for tbl in body.iter(qn("w:tbl")):
    for tr in tbl.iter(qn("w:tr")):
        cells = tr.findall(qn("w:tc"))
        if len(cells) < 2:
            continue
        for p in cells[1].iter(qn("w:p")):
            runs = list(p.iter(qn("w:r")))
            for n, r in enumerate(runs):
                code = "".join(i.text for i in r.iter(qn("w:instrText")))
                if "PAGEREF" in code:
                    shown = text(runs[n + 2])  # begin, code, separate, result, end
                    fields.append([text(cells[0]).strip(), code.split()[1], shown, text(p)])
bookmarks = {}
for mark in body.iter(qn("w:bookmarkStart")):
    bookmarks[mark.get(qn("w:name"))] = [mark.get(qn("w:id")), text(mark.getparent())]
update = doc.settings.element.find(qn("w:updateFields"))
print(json.dumps({
    "fields": fields,
    "bookmarks": bookmarks,
    "update_fields": update is not None and update.get(qn("w:val")) == "true",
    "text": "\\n".join(text(p) for p in body.iter(qn("w:p"))),
}))
"""

CLOSED_PAPER = "Review findings"
FIRST_PAPERS = {  # item number -> the title of its first paper (the one the agenda cites)
    "5.": "Community Safety Agreement - quarter 2 performance",
    "6.": "Threat and risk priorities for next year",
    "7.": "Integrated offender management - annual review",
    "8.": "Options",
    "9.": "Police report",
}


def with_saved_pages(data: bytes, pages: int) -> bytes:
    """The Word file as if Word had saved it laid out on ``pages`` pages (docProps/app.xml)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/app.xml":
                content = re.sub(
                    rb"<Pages>\d+</Pages>", f"<Pages>{pages}</Pages>".encode(), content
                )
            target.writestr(info, content)
    return out.getvalue()


@pytest.fixture
def real_pack(demo):
    """The demo's next meeting with real papers on four open items (item 7: a second paper
    of two files) and the closed report on its closed item (10), the demo's own paper gone."""
    services, summary = demo
    meeting_id = summary.upcoming_meeting_id
    items = {i.title: i for i in services.agenda.agenda(meeting_id)}

    def attach(item_title: str, paper_title: str, *files: tuple[str, bytes]) -> None:
        paper = services.agenda.add_paper(items[item_title].id, paper_title)
        for name, data in files:
            services.agenda.attach_file(paper.id, name, data)

    attach("Frequency of meetings next year", "Options", ("letter.docx", letter_report()))
    attach(
        "Integrated offender management update",
        "IOM action plan",
        ("plan.docx", landscape_plan()),
        ("headed.docx", headed_report()),
    )
    attach("Any other business", "Police report", ("footed.docx", footed_report()))
    closed = next(i for i in items.values() if i.is_closed and i.parent_id is None)
    for paper in closed.papers:
        services.agenda.delete_paper(paper.id)
    attach(closed.title, CLOSED_PAPER, ("review.docx", closed_report()))
    return services, meeting_id


def _export(services, meeting_id, path, *, public: bool = False):
    with pytest.warns(PaperWarning, match="has tracked changes"):
        return export_pack(services, meeting_id, path, public=public)


def test_each_item_cites_its_first_papers_bookmarked_cover(real_pack, tmp_path):
    read = json_from_a_fresh_process(READ_REFERENCES, _export(*real_pack, tmp_path / "pack.docx"))
    fields = {number: (name, shown, text) for number, name, shown, text in read["fields"]}
    assert set(fields) == {*FIRST_PAPERS, "10."}  # one each, the closed item's too
    bookmarks = read["bookmarks"]
    for number, (name, shown, text) in fields.items():
        title = FIRST_PAPERS.get(number, CLOSED_PAPER)
        assert bookmarks[name][1] == f"Item {number.rstrip('.')}: {title}", (number, name)
        assert shown.isdigit() and text.endswith(f"\u00a0(page\u00a0{shown})"), (number, text)
    assert "Item 7: IOM action plan" in [text for _id, text in bookmarks.values()]  # every paper
    ids = [mark_id for mark_id, _text in bookmarks.values()]
    assert len(ids) == len(set(ids))  # no clash with the bookmarks the papers bring
    assert read["update_fields"]  # Word brings the numbers up to date on opening


def test_the_shown_number_adds_up_the_pages_the_papers_were_saved_with(demo, tmp_path):
    """Before any update: agenda 1 page; item 5 (cover, its paper following on: 1 page) on
    page 2; item 6 on 3; item 7 on 4, whose 9-page letter report puts item 8's cover on 14."""
    services, summary = demo
    meeting_id = summary.upcoming_meeting_id
    items = {i.title: i for i in services.agenda.agenda(meeting_id)}
    paper = items["Integrated offender management update"].papers[0]
    services.agenda.attach_file(paper.id, "letter.docx", with_saved_pages(letter_report(), 9))
    extra = services.agenda.add_paper(items["Frequency of meetings next year"].id, "Options")
    services.agenda.attach_file(extra.id, "plan.docx", landscape_plan())
    read = json_from_a_fresh_process(
        READ_REFERENCES, export_pack(services, meeting_id, tmp_path / "pack.docx", public=True)
    )
    shown = {number: int(shown) for number, _name, shown, _text in read["fields"]}
    assert shown == {"5.": 2, "6.": 3, "7.": 4, "8.": 14}


def test_the_public_pack_cites_and_marks_no_closed_paper(real_pack, tmp_path):
    services, meeting_id = real_pack
    closed_id = next(
        p.id
        for i in services.agenda.agenda(meeting_id)
        for p in i.papers
        if p.title == CLOSED_PAPER
    )
    read = json_from_a_fresh_process(
        READ_REFERENCES, _export(services, meeting_id, tmp_path / "public.docx", public=True)
    )
    assert {number for number, *_ in read["fields"]} == set(FIRST_PAPERS)
    assert f"_PackPaper{closed_id}" not in read["bookmarks"]
    assert all(CLOSED_PAPER not in text for _id, text in read["bookmarks"].values())
    assert CLOSED_PAPER not in read["text"] and "Domestic homicide" not in read["text"]


def _agenda_references(texts: list[str]) -> dict[str, int]:
    """Item number -> N of its "(page N)", from the agenda's pages (before the first cover)."""
    agenda = []
    for text in texts:
        if re.search(r"^ITEM \d+: ", text, re.MULTILINE):
            break
        agenda.append(text)
    references: dict[str, int] = {}
    number = ""
    for line in "\n".join(agenda).splitlines():
        row = re.match(r"\s*(\d+(?:\.\d+)?\.)\s", line)
        number = row.group(1) if row else number
        for found in re.findall(r"\(page (\d+)\)", line):
            references[number] = int(found)
    return references


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("public", [False, True], ids=["full", "public"])
def test_libreoffice_puts_each_cited_paper_on_the_page_the_agenda_gives(
    real_pack, tmp_path, public
):
    path = _export(*real_pack, tmp_path / "pack.docx", public=public)
    texts = [text for _w, _h, text in rendered_pages(path, tmp_path)]
    references = _agenda_references(texts)
    expected = FIRST_PAPERS if public else {**FIRST_PAPERS, "10.": CLOSED_PAPER}
    assert set(references) == set(expected)
    for number, title in expected.items():
        page = " ".join(texts[references[number] - 1].upper().split())
        heading = f"ITEM {number.rstrip('.')}: {title.upper()}"
        assert heading in page, (number, references[number], page[:300])
    first_pages = sorted(references.values())
    assert first_pages == sorted(set(first_pages)) and first_pages[0] > 1
    assert len(texts) > first_pages[-1]  # the last cited paper has pages after its cover

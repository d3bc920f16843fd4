"""An item's bullet points in the Word agenda, the agenda pack and the PDF pack, full and
public, as a fresh process and LibreOffice read them (issue 13: item 4's "Performance Report *"
and "Follow up on previous actions" under one number)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from scbmeet.exports.agenda import export_agenda
from scbmeet.exports.pack import export_pack
from scbmeet.exports.pdf_pack import build_pdf_pack

POINTS = ("Performance Report *", "Follow up on previous actions")
SECRET = ("Costs of the review so far",)
READ_ROWS = """
import json, sys
from docx import Document
doc = Document(sys.argv[1])
print(json.dumps([[c.text for c in row.cells] for t in doc.tables for row in t.rows]))
"""


def rows_read_afresh(path) -> list[list[str]]:
    """The document's table rows as a new Python process reads them."""
    done = subprocess.run(
        [sys.executable, "-c", READ_ROWS, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


@pytest.fixture
def bulleted(demo):
    services, summary = demo
    meeting = summary.upcoming_meeting_id
    ag = services.agenda
    open_item = ag.add_item(meeting, "Performance and actions", bullets=POINTS, notes="Proposed")
    closed = next(i for i in ag.agenda(meeting) if i.is_closed)
    ag.update_item(closed.id, {}, bullets=SECRET)
    return services, meeting, ag.item(open_item.id)


def expected_cell(item) -> str:
    return "\n".join([item.title, *(f"\u2022\t{p}" for p in POINTS), "Proposed"])


def test_the_agenda_prints_bullets_under_the_item_in_full_and_public(bulleted, tmp_path):
    services, meeting, item = bulleted
    full = rows_read_afresh(export_agenda(services, meeting, tmp_path / "a.docx"))
    public = rows_read_afresh(export_agenda(services, meeting, tmp_path / "p.docx", public=True))
    for rows in (full, public):
        assert [f"{item.number}.", expected_cell(item), ""] in rows
    assert any(f"\u2022\t{SECRET[0]}" in cell for row in full for cell in row)
    assert not any(SECRET[0] in cell for row in public for cell in row)


def test_the_pack_prints_them_in_its_agenda(bulleted, tmp_path):
    services, meeting, item = bulleted
    full = rows_read_afresh(export_pack(services, meeting, tmp_path / "pack.docx"))
    public = rows_read_afresh(export_pack(services, meeting, tmp_path / "pp.docx", public=True))
    assert [f"{item.number}.", expected_cell(item), ""] in full
    assert [f"{item.number}.", expected_cell(item), ""] in public
    assert not any(SECRET[0] in cell for row in public for cell in row)


@pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice (soffice) is not on PATH: the PDF pack is not made",
)
def test_the_public_pdf_pack_prints_the_bullets_of_open_items_only(bulleted, tmp_path):
    services, meeting, _item = bulleted
    pdf = build_pdf_pack(services, meeting, tmp_path / "pack.pdf", public=True)
    first = " ".join(PdfReader(pdf).pages[0].extract_text().split())  # tabs read as spaces
    assert all(f"\u2022 {p}" in first for p in POINTS), first
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert SECRET[0] not in text


def test_a_bullet_hangs_so_a_long_point_wraps_under_its_text(bulleted, tmp_path):
    from docx import Document

    services, meeting, item = bulleted
    sub = services.agenda.add_item(meeting, "Sub-item", parent_id=item.id, bullets=["Sub point"])
    doc = Document(export_agenda(services, meeting, tmp_path / "a.docx"))
    cells = {c.paragraphs[0].text: c for row in doc.tables[0].rows for c in row.cells}
    point = cells[item.title].paragraphs[1]
    sub_point = cells[sub.title].paragraphs[1]
    assert point.text == f"\u2022\t{POINTS[0]}"
    fmt = point.paragraph_format
    assert fmt.first_line_indent is not None and fmt.first_line_indent == -fmt.left_indent
    assert [t.position for t in fmt.tab_stops] == [fmt.left_indent]
    assert sub_point.paragraph_format.left_indent > fmt.left_indent  # under the sub-item's indent


def test_the_chairs_brief_prints_an_items_bullets_under_it(bulleted, tmp_path):
    """Read back by a fresh process: the points follow the item's heading, in order and
    hanging; the closed item's points stay in the closed session."""
    from scbmeet.exports.chair_brief import export_chair_brief

    services, meeting, item = bulleted
    path = export_chair_brief(services, meeting, tmp_path / "brief.docx")
    script = (
        "import docx, json, sys\n"
        "d = docx.Document(sys.argv[1])\n"
        "print(json.dumps([[p.text, p.style.name, bool(p.paragraph_format.first_line_indent)]"
        " for p in d.paragraphs]))"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path)],
                          capture_output=True, text=True, check=True)  # fmt: skip
    paragraphs = json.loads(done.stdout)
    texts = [text for text, _style, _hangs in paragraphs]
    heading = next(
        n for n, (t, s, _h) in enumerate(paragraphs) if s == "Heading 2" and t.endswith(item.title)
    )
    under = paragraphs[heading + 1 : heading + 1 + len(POINTS)]
    assert [text for text, _s, _h in under] == [f"\u2022\t{p}" for p in POINTS]
    assert all(hangs for _t, _s, hangs in under)
    closed_at = next(n for n, t in enumerate(texts) if t.upper().startswith("CLOSED SESSION"))
    for point in SECRET:
        assert texts.index(f"\u2022\t{point}") > closed_at

"""Word papers as officers really send them, built for the pack tests.

A report set on US Letter in several sections (one in two columns) with an "OFFICIAL"
header; an A4 report with first-page and even-page headers; a landscape-only action plan with a six-column table; a report still carrying
tracked changes (a deletion with names in it), a comment, an embedded OLE object and an
outside hyperlink; and zip bombs.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Inches, Mm

DELETED_NAMES = "names of victims Jane Roe and John Doe"
OUTSIDE_URL = "https://tracker.example.net/pixel"
OLE_NAMESPACES = (
    'xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def letter_report() -> bytes:
    """Three sections on US Letter with half-inch margins; the second in two columns."""
    doc = docx.Document()
    first = doc.sections[0]
    first.page_width, first.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(first, side, Inches(0.5))
    first.header.paragraphs[0].text = "OFFICIAL"
    doc.add_heading("Letter report", 1)
    doc.add_paragraph("The first section of the Letter report.")
    doc.add_heading("Background", 2)
    doc.add_paragraph("Background in the first section.")
    second = doc.add_section(WD_SECTION.NEW_PAGE)
    cols = parse_xml(f'<w:cols {nsdecls("w")} w:num="2" w:space="720"/>')
    second._sectPr.append(cols)
    doc.add_paragraph("Two-column text of the Letter report. " * 30)
    doc.add_section(WD_SECTION.NEW_PAGE)
    doc.add_paragraph("The last section of the Letter report.")
    return _bytes(doc)


def headed_report(pages: int = 4) -> bytes:
    """An A4 report with a first-page header and footer and its own even-page ones."""
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.different_first_page_header_footer = True
    doc.settings.odd_and_even_pages_header_footer = True
    section.first_page_header.paragraphs[0].text = "FIRST PAGE MARKING"
    section.first_page_footer.paragraphs[0].text = "FIRST PAGE FOOTER"
    section.header.paragraphs[0].text = "ODD PAGE MARKING"
    section.even_page_header.paragraphs[0].text = "EVEN PAGE MARKING"
    section.even_page_footer.paragraphs[0].text = "EVEN PAGE FOOTER"
    doc.add_heading("Headed report", 1)
    for n in range(1, pages + 1):
        doc.add_paragraph(f"Headed report page {n}.")
        if n < pages:
            doc.add_page_break()
    return _bytes(doc)


def landscape_plan() -> bytes:
    """One landscape A4 section holding a six-column action plan."""
    doc = docx.Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.footer.paragraphs[0].text = "OFFICIAL - SENSITIVE"
    doc.add_heading("Action plan", 1)
    headings = ("Ref", "Action", "Lead", "Partners", "Due", "Progress (RAG)")
    table = doc.add_table(rows=4, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        cell.text = text
    for n, row in enumerate(table.rows[1:], start=1):
        for c, cell in enumerate(row.cells):
            cell.text = f"Plan cell {n}.{c} with a fair amount of text in it"
    doc.add_paragraph("End of the action plan.")
    return _bytes(doc)


def reviewed_report() -> bytes:
    """A report still under review: tracked insert and deletion, a comment, an OLE object, a link."""
    doc = docx.Document()
    doc.sections[0].page_width, doc.sections[0].page_height = Mm(210), Mm(297)
    doc.add_heading("Reviewed report", 1)
    body = doc.add_paragraph("Kept text. ")
    w = nsdecls("w")
    body._p.append(
        parse_xml(
            f'<w:ins {w} w:id="1" w:author="Officer" w:date="2026-11-01T00:00:00Z">'
            "<w:r><w:t>Inserted text.</w:t></w:r></w:ins>"
        )
    )
    body._p.append(
        parse_xml(
            f'<w:del {w} w:id="2" w:author="Officer" w:date="2026-11-01T00:00:00Z">'
            f"<w:r><w:delText>{DELETED_NAMES}</w:delText></w:r></w:del>"
        )
    )
    commented = doc.add_paragraph("Commented text.")
    doc.add_comment(commented.runs, text="Check with legal first", author="Officer")
    link_id = doc.part.relate_to(OUTSIDE_URL, RT.HYPERLINK, is_external=True)
    doc.add_paragraph()._p.append(
        parse_xml(
            f'<w:hyperlink {w} {nsdecls("r")} r:id="{link_id}">'
            "<w:r><w:t>the dashboard</w:t></w:r></w:hyperlink>"
        )
    )
    ole = Part(
        PackURI("/word/embeddings/oleObject1.bin"),
        "application/vnd.openxmlformats-officedocument.oleObject",
        b"secret spreadsheet bytes",
        doc.part.package,
    )
    ole_id = doc.part.relate_to(ole, RT.OLE_OBJECT)
    doc.add_paragraph()._p.append(
        parse_xml(
            f"<w:r {w}><w:object {nsdecls('r')} {OLE_NAMESPACES}>"
            '<v:shape id="s1" style="width:50pt;height:30pt"/>'
            f'<o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="s1" r:id="{ole_id}"/>'
            "</w:object></w:r>"
        )
    )
    return _bytes(doc)


def ratio_bomb(megabytes: int = 20) -> bytes:
    """A small .docx whose document part expands a thousand times (written in chunks)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as part:
            chunk = b" " * 1_048_576
            for _ in range(megabytes):
                part.write(chunk)
    return buffer.getvalue()


def many_parts_bomb(parts: int = 5000) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as z:
        for n in range(parts):
            z.writestr(f"word/p{n}.xml", "")
    return buffer.getvalue()

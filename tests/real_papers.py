"""Word papers as officers really send them, built for the pack tests.

A report set on US Letter in several sections (one in two columns) with an "OFFICIAL"
header; an A4 report with first-page and even-page headers; a landscape-only action plan with a six-column table; a report still carrying
tracked changes (a deletion with names in it), a comment, an embedded OLE object and an
outside hyperlink; a report with a chart whose workbook is embedded; a closed-session report
with all of those headers, a landscape section and a tracked change; a report with
footers of its own on every kind of page, numbered in roman from 1; and zip bombs.
Also :func:`rendered_pages`, a Word file's pages as LibreOffice lays them out.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.section import Section
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


def _three_pages_with_a_tracked_insertion(doc: DocxDocument, heading: str, name: str) -> None:
    """A heading, then pages 1-3 each saying which page of ``name`` it is; page 1 has a
    tracked insertion (as a paper still being revised does)."""
    doc.add_heading(heading, 1)
    tracked = doc.add_paragraph(f"{name} page 1. ")
    tracked._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="1" w:author="Officer" w:date="2026-11-01T00:00:00Z">'
            "<w:r><w:t>A tracked insertion.</w:t></w:r></w:ins>"
        )
    )
    for n in (2, 3):
        doc.add_page_break()
        doc.add_paragraph(f"{name} page {n}.")


def _landscape_section(doc: DocxDocument) -> Section:
    """A new A4 landscape section (no first-page header of its own)."""
    wide = doc.add_section(WD_SECTION.NEW_PAGE)
    wide.orientation = WD_ORIENT.LANDSCAPE
    wide.page_width, wide.page_height = Mm(297), Mm(210)
    wide.different_first_page_header_footer = False
    return wide


def _last_portrait_section(doc: DocxDocument, name: str) -> None:
    """Text on the landscape page, then a last A4 portrait section linked to it."""
    doc.add_paragraph(f"{name} landscape page.")
    last = doc.add_section(WD_SECTION.NEW_PAGE)
    last.orientation = WD_ORIENT.PORTRAIT
    last.page_width, last.page_height = Mm(210), Mm(297)
    doc.add_paragraph(f"{name} last section.")


CLOSED_HEADERS = {
    "first": "OFFICIAL - SENSITIVE (first page)",
    "odd": "OFFICIAL - SENSITIVE (odd pages)",
    "even": "OFFICIAL - SENSITIVE (even pages)",
    "landscape": "OFFICIAL - SENSITIVE (landscape)",
}


def closed_report() -> bytes:
    """A domestic homicide review report as a real Word paper: a first section of three A4
    pages with first-page, odd and even headers (and a tracked insertion), a landscape
    section with a header of its own, and a last portrait section whose header is linked
    to the landscape one. Each page's text says which page it is."""
    doc = docx.Document()
    doc.settings.odd_and_even_pages_header_footer = True
    first = doc.sections[0]
    first.page_width, first.page_height = Mm(210), Mm(297)
    first.different_first_page_header_footer = True
    first.first_page_header.paragraphs[0].text = CLOSED_HEADERS["first"]
    first.header.paragraphs[0].text = CLOSED_HEADERS["odd"]
    first.even_page_header.paragraphs[0].text = CLOSED_HEADERS["even"]
    _three_pages_with_a_tracked_insertion(doc, "Review findings", "Closed paper")
    wide = _landscape_section(doc)
    wide.header.is_linked_to_previous = False
    wide.header.paragraphs[0].text = CLOSED_HEADERS["landscape"]
    _last_portrait_section(doc, "Closed paper")
    return _bytes(doc)


FOOTERS = {
    "first": "Marlshire Police - first page footer",
    "odd": "Marlshire Police - odd page footer",
    "even": "Marlshire Police - even page footer",
    "landscape": "Marlshire Police - landscape footer",
}


def _page_field(paragraph) -> None:
    """The paper's own page number: "Page {PAGE}" as Word writes it (a complex field)."""
    w = nsdecls("w")
    paragraph.add_run(" Page ")
    for xml in (
        f'<w:r {w}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {w}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {w}><w:t>i</w:t></w:r>",
        f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))


def footed_report() -> bytes:
    """A police report with footers of its own on every kind of page: a first section of
    three A4 pages numbered i, ii, iii from 1 (first-page, odd and even headers and
    footers, the footers with Word's PAGE field, and a tracked insertion), a landscape
    section with a footer of its own, and a last portrait section linked to it. Each
    page's text says which page of the paper it is."""
    doc = docx.Document()
    doc.settings.odd_and_even_pages_header_footer = True
    first = doc.sections[0]
    first.page_width, first.page_height = Mm(210), Mm(297)
    first.different_first_page_header_footer = True
    first._sectPr.append(parse_xml(f'<w:pgNumType {nsdecls("w")} w:fmt="lowerRoman" w:start="1"/>'))
    first.first_page_header.paragraphs[0].text = "OFFICIAL (first page)"
    first.header.paragraphs[0].text = "OFFICIAL (odd pages)"
    first.even_page_header.paragraphs[0].text = "OFFICIAL (even pages)"
    for story, words in (
        (first.first_page_footer, FOOTERS["first"]),
        (first.footer, FOOTERS["odd"]),
        (first.even_page_footer, FOOTERS["even"]),
    ):
        story.paragraphs[0].text = words
        _page_field(story.paragraphs[0])
    _three_pages_with_a_tracked_insertion(doc, "Footed report", "Footed paper")
    wide = _landscape_section(doc)
    wide.left_margin = wide.right_margin = Mm(15)
    wide.footer.is_linked_to_previous = False
    wide.footer.paragraphs[0].text = FOOTERS["landscape"]
    _last_portrait_section(doc, "Footed paper")
    return _bytes(doc)


def title_page_report() -> bytes:
    """A two-page report whose first page is a title page (first-page header and footer
    turned on, neither defined: Word shows none) with its own header on the other pages."""
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.different_first_page_header_footer = True
    section.header.paragraphs[0].text = "TITLE PAGE REPORT HEADER"
    doc.add_paragraph("Title page of the report.")
    doc.add_page_break()
    doc.add_paragraph("Second page of the report.")
    return _bytes(doc)


def rendered_pages(document: Path, folder: Path) -> list[tuple[int, int, str]]:
    """(width, height, text) of each page LibreOffice lays the Word file out on."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{folder / 'lo'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(document),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    pdf = folder / f"{document.stem}.pdf"
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True
    ).stdout
    sizes = re.findall(r"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)", info)
    pages = []
    for number, width, height in sizes:
        text = subprocess.run(
            ["pdftotext", "-f", number, "-l", number, "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
        ).stdout
        pages.append((round(float(width)), round(float(height)), text))
    return pages


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


CHART_SECRET = b"closed workbook: Kestrel case numbers"
CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _chart_xml(workbook_rel: str) -> bytes:
    points = "".join(f'<c:pt idx="{n}"><c:v>{v}</c:v></c:pt>' for n, v in enumerate((12, 30, 21)))
    names = "".join(
        f'<c:pt idx="{n}"><c:v>{q}</c:v></c:pt>' for n, q in enumerate(("Q1", "Q2", "Q3"))
    )
    return (
        f'<c:chartSpace xmlns:c="{CHART_NS}" {nsdecls("a", "r")}><c:chart><c:plotArea>'
        '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser>'
        '<c:idx val="0"/><c:order val="0"/>'
        f'<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$4</c:f><c:strCache><c:ptCount val="3"/>{names}'
        "</c:strCache></c:strRef></c:cat>"
        f'<c:val><c:numRef><c:f>Sheet1!$B$2:$B$4</c:f><c:numCache><c:ptCount val="3"/>{points}'
        "</c:numCache></c:numRef></c:val></c:ser>"
        '<c:axId val="1"/><c:axId val="2"/></c:barChart>'
        '<c:catAx><c:axId val="1"/><c:scaling/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx>'
        '<c:valAx><c:axId val="2"/><c:scaling/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx>'
        f'</c:plotArea></c:chart><c:externalData r:id="{workbook_rel}">'
        '<c:autoUpdate val="0"/></c:externalData></c:chartSpace>'
    ).encode()


def chart_report() -> bytes:
    """A report with a bar chart whose data sits in an embedded workbook (as Word makes it)."""
    doc = docx.Document()
    doc.add_heading("Chart report", 1)
    doc.add_paragraph("Incidents by quarter:")
    package = doc.part.package
    workbook = Part(
        PackURI("/word/embeddings/Microsoft_Excel_Worksheet.xlsx"),
        XLSX_CT,
        CHART_SECRET,
        package,
    )
    chart = Part(PackURI("/word/charts/chart1.xml"), CHART_CT, b"", package)
    workbook_rel = chart.relate_to(workbook, RT.PACKAGE)
    chart._blob = _chart_xml(workbook_rel)
    chart_rel = doc.part.relate_to(chart, RT.CHART)
    emu = (5486400, 3200400)
    doc.add_paragraph()._p.append(
        parse_xml(
            f"<w:r {nsdecls('w', 'wp', 'a', 'r')}><w:drawing><wp:inline>"
            f'<wp:extent cx="{emu[0]}" cy="{emu[1]}"/><wp:docPr id="1" name="Chart 1"'
            ' descr="Incidents by quarter"/><a:graphic><a:graphicData'
            f' uri="{CHART_NS}"><c:chart xmlns:c="{CHART_NS}" r:id="{chart_rel}"/>'
            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
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

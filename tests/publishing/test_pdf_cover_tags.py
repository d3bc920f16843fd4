"""The PDF pack's cover sheets, as a screen reader meets them: each label ("Title",
"Report written by", ...) is a row header (TH, scope Row), each value a data cell, while
the agenda's table keeps its header row; read back by a fresh process walking the tags."""

from __future__ import annotations

import json
import subprocess
import sys

from scbmeet.cli import main
from scbmeet.exports.pack import export_pack

DATE = "2026-12-09"

# Every table of the PDF as rows of (cell role, scope, role of the cell's first paragraph).
READ_TABLES = r"""
import json, sys
from pypdf import PdfReader

def kids(element):
    found = element.get_object().get("/K")
    if found is None:
        return []
    found = found.get_object()
    return [k.get_object() for k in (found if isinstance(found, list) else [found])
            if isinstance(k.get_object(), dict) and "/S" in k.get_object()]

def scope(cell):
    attributes = cell.get("/A")
    attributes = [] if attributes is None else attributes.get_object()
    for a in attributes if isinstance(attributes, list) else [attributes]:
        if a.get_object().get("/O") == "/Table":
            return str(a.get_object().get("/Scope"))
    return None

def tables(element):
    for kid in kids(element):
        if kid["/S"] == "/Table":
            yield [[(str(c["/S"]), scope(c), [str(p["/S"]) for p in kids(c)][:1])
                    for c in kids(row)] for row in kids(kid)]
        else:
            yield from tables(kid)

reader = PdfReader(sys.argv[1])
print(json.dumps(list(tables(reader.trailer["/Root"]["/StructTreeRoot"]))))
"""


def read_tables(path) -> list[list[list[list]]]:
    done = subprocess.run([sys.executable, "-c", READ_TABLES, str(path)],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(done.stdout)


def _is_cover(table) -> bool:
    return all(len(row) == 2 for row in table) and len(table) == 4


def test_the_cover_sheets_labels_are_row_headers_in_the_pdf_pack(demo, tmp_path):
    services, summary = demo
    out = tmp_path / "pack.pdf"
    assert main(["export", "pack", DATE, "--db", str(services.db.path), "--out", str(out)]) == 0
    tables = read_tables(out)
    papers = sum(len(i.papers) for i in services.agenda.agenda(summary.upcoming_meeting_id))
    covers = [t for t in tables if _is_cover(t)]
    assert len(covers) == papers > 1
    for cover in covers:
        for label, value in cover:
            assert label == ["/TH", "/Row", ["/SCB Table Heading"]]
            assert value == ["/TD", None, ["/SCB Table Text"]]
    # The agenda's table keeps its header row of column headers and no row headers.
    agenda = tables[0]
    assert not _is_cover(agenda)
    assert {(role, scope) for role, scope, _ in agenda[0]} == {("/TH", "/Column")}
    assert all(cell[:2] == ["/TD", None] for row in agenda[1:] for cell in row)


# Every cover-sheet table of a Word file: its look, header rows and the labels' style.
READ_WORD_COVERS = r"""
import json, sys
import docx
from docx.oxml.ns import qn

covers = []
for table in docx.Document(sys.argv[1]).tables:
    if table.cell(0, 0).text != "Title":
        continue
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    covers.append({
        "look": [look.get(qn("w:firstColumn")), look.get(qn("w:firstRow"))],
        "header_rows": sum(r._tr.trPr is not None and r._tr.trPr.find(qn("w:tblHeader")) is not None
                           for r in table.rows),
        "labels": [r.cells[0].text for r in table.rows],
        "styles": [r.cells[0].paragraphs[0].style.name for r in table.rows],
    })
print(json.dumps(covers))
"""


def test_the_word_cover_sheet_marks_its_label_column_not_a_header_row(demo, tmp_path):
    """Word's own marking, read by a fresh process: the table's first column holds its
    headers, and no row is a header row."""
    services, summary = demo
    path = export_pack(services, summary.upcoming_meeting_id, tmp_path / "pack.docx")
    done = subprocess.run([sys.executable, "-c", READ_WORD_COVERS, str(path)],
                          capture_output=True, text=True, check=True)  # fmt: skip
    covers = json.loads(done.stdout)
    assert len(covers) > 1
    labels = ["Title", "Report written by", "Attached", "Action/Recommendations"]
    for cover in covers:
        assert cover == {
            "look": ["1", "0"],
            "header_rows": 0,
            "labels": labels,
            "styles": ["SCB Table Heading"] * 4,
        }

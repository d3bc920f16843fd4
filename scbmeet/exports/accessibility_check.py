"""What the public-sector accessibility regulations would flag in a document before it is published.

A warning list, not a refusal: images without alternative text and data tables without a
header row in Word files, PDF papers with no text layer (a scan a screen reader cannot
read). :func:`pack_problems` checks every paper of a meeting's pack (the public one leaves
out closed business, as the pack does); :func:`docx_problems` and :func:`pdf_problems`
check one file. Each problem is one line naming the file and what is wrong.
"""

from __future__ import annotations

import io
import logging
import warnings
import zipfile
from dataclasses import dataclass

from lxml import etree
from pypdf import PdfReader

from scbmeet.domain import dto
from scbmeet.exports.records import MeetingRecord
from scbmeet.services import Services

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
NS = {"w": W, "wp": WP}
# Word marks a purely decorative picture with this extension on its docPr.
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
TEXT_PAGES_LOOKED_AT = 20
WORD_SUFFIXES = (".docx", ".docm")


class AccessibilityWarning(UserWarning):
    """Something in a document that its readers with a screen reader would miss."""


@dataclass(frozen=True)
class Problem:
    where: str  # "Item 5, Threat and risk priorities (matrix.docx)"
    what: str  # "2 images have no alternative text (Picture 1, Picture 3)"

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def docx_problems(data: bytes, where: str) -> list[Problem]:
    """Images without alternative text and tables without a header row in a Word file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            body = etree.fromstring(package.read("word/document.xml"))
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, OSError):
        return []  # an unreadable paper is reported by the pack itself
    problems = []
    unlabelled = [
        pr.get("name") or "a picture"
        for pr in body.iterfind(".//wp:docPr", NS)
        if not (pr.get("descr") or "").strip() and not _is_decorative(pr)
    ]
    if unlabelled:
        names = ", ".join(unlabelled[:5]) + (", …" if len(unlabelled) > 5 else "")
        images = _plural(len(unlabelled), "image has", "images have")
        problems.append(Problem(where, f"{images} no alternative text ({names})"))
    headless = [table for table in body.iterfind(".//w:tbl", NS) if _lacks_header_row(table)]
    if headless:
        tables = _plural(len(headless), "table has", "tables have")
        problems.append(Problem(where, f"{tables} no header row (mark it: Repeat as header row)"))
    return problems


def _is_decorative(doc_pr: etree._Element) -> bool:
    return any(el.get("val") in ("1", "true") for el in doc_pr.iter(DECORATIVE))


def _lacks_header_row(table: etree._Element) -> bool:
    """A data table (two rows and two columns at least) whose first row is not a header."""
    rows = table.findall("w:tr", NS)
    if len(rows) < 2 or max(len(r.findall("w:tc", NS)) for r in rows) < 2:
        return False  # a single cell or a single row lays text out; it holds no data
    header = rows[0].find("w:trPr/w:tblHeader", NS)
    return header is None or header.get(f"{{{W}}}val", "true") in ("0", "false", "off")


def pdf_problems(data: bytes, where: str) -> list[Problem]:
    """A PDF with no text on any page (looking at the first pages) is a scan."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            logging.getLogger("pypdf").setLevel(logging.ERROR)
            reader = PdfReader(io.BytesIO(data), strict=False)
            pages = reader.pages[:TEXT_PAGES_LOOKED_AT]
            if any((page.extract_text() or "").strip() for page in pages):
                return []
    except Exception:  # a damaged or encrypted PDF is reported by the pack itself
        return []
    return [Problem(where, "no text layer (a scanned image): a screen reader cannot read it")]


def file_problems(info: dto.PaperFileInfo, data: bytes, where: str) -> list[Problem]:
    name = info.filename.lower()
    if name.endswith(WORD_SUFFIXES):
        return docx_problems(data, where)
    if name.endswith(".pdf") or info.media_type == "application/pdf":
        return pdf_problems(data, where)
    return []


def paper_place(item: dto.AgendaItemInfo, paper: dto.PaperInfo, info: dto.PaperFileInfo) -> str:
    number = f"Item {item.number}, " if item.number else ""
    return f"{number}{paper.title} ({info.filename})"


def pack_problems(services: Services, meeting_id: int, *, public: bool = False) -> list[Problem]:
    """Every paper file in the (public) pack of a meeting, checked in agenda order."""
    record = MeetingRecord(services, meeting_id, public=public)
    problems: list[Problem] = []
    for item, paper in record.papers:
        for info in paper.files:
            _, data = services.agenda.file_content(info.id)
            problems += file_problems(info, data, paper_place(item, paper, info))
    return problems


def warn_problems(problems: list[Problem]) -> None:
    """Report each problem as an :class:`AccessibilityWarning` (the CLI prints them)."""
    for problem in problems:
        warnings.warn(str(problem), AccessibilityWarning, stacklevel=2)

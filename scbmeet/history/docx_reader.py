"""Reading a Word document's paragraphs and tables, in document order, as blocks."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from scbmeet.domain.errors import ImportFormatError
from scbmeet.history.blocks import Block, tidy

MAX_BLOCKS = 200_000
# Uncompressed size of the document part; a larger one is a zip bomb, not minutes.
MAX_DOCUMENT_XML = 200 * 1024 * 1024


def _check_package(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            if "EncryptedPackage" in names:
                raise ImportFormatError(f"{path.name}: is encrypted; save it without a password.")
            if "word/document.xml" not in names:
                raise ImportFormatError(f"{path.name}: is not a Word document.")
            if package.getinfo("word/document.xml").file_size > MAX_DOCUMENT_XML:
                raise ImportFormatError(f"{path.name}: is too large to be minutes.")
    except zipfile.BadZipFile:
        if path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise ImportFormatError(
                f"{path.name}: is encrypted or an old .doc file; save it as .docx without a password."
            ) from None
        raise ImportFormatError(f"{path.name}: is damaged or not a Word document.") from None


def _paragraph_is_strong(paragraph: Any) -> bool:
    # The style's id, not its name: looking the style up is most of the reading time.
    style = (paragraph._p.style or "").lower()
    if style.startswith(("heading", "title")):
        return True
    # The runs read straight from the XML: python-docx's run properties cost an XPath query
    # each, and this is asked of every paragraph of every document.
    runs = [r for r in paragraph._p.iterchildren(_RUN) if _run_text(r).strip()]
    return bool(runs) and all(_run_is_marked(r) for r in runs)


_RUN, _TEXT, _TAB, _PROPERTIES = qn("w:r"), qn("w:t"), qn("w:tab"), qn("w:rPr")
_BOLD, _UNDERLINE, _VAL = qn("w:b"), qn("w:u"), qn("w:val")


def _run_text(run: Any) -> str:
    return "".join(
        (child.text or "") if child.tag == _TEXT else "\t" for child in run.iter(_TEXT, _TAB)
    )


def _run_is_marked(run: Any) -> bool:
    """Bold or underlined, as Word reads the run's own properties (as python-docx's
    ``run.bold or run.underline``: ``<w:b/>`` is on unless its val is off, ``<w:u>`` unless
    its val is "none")."""
    properties = run.find(_PROPERTIES)
    if properties is None:
        return False
    bold = properties.find(_BOLD)
    if bold is not None and bold.get(_VAL, "true").lower() not in ("0", "false", "off"):
        return True
    underline = properties.find(_UNDERLINE)
    return underline is not None and underline.get(_VAL, "single").lower() != "none"


def _cell_text(cell: Any) -> str:
    return "\n".join(t for t in (tidy(p.text) for p in cell.paragraphs) if t)


def _row_cells(row: Any) -> tuple[str, ...]:
    cells: list[str] = []
    seen: set[int] = set()
    for cell in row.cells:  # a merged cell appears once per grid column it spans
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        cells.append(_cell_text(cell))
    return tuple(cells)


def read_docx_blocks(path: Path) -> list[Block]:
    _check_package(path)
    try:
        document = docx.Document(str(path))
        blocks: list[Block] = []
        for element in document.element.body.iterchildren():
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "p":
                paragraph = Paragraph(element, document)
                text = tidy(paragraph.text)
                if text:
                    blocks.append(Block(text, _paragraph_is_strong(paragraph)))
            elif tag == "tbl":
                for row in Table(element, document).rows:
                    cells = _row_cells(row)
                    if any(cells):
                        blocks.append(
                            Block("\t".join(c.replace("\n", " ") for c in cells), False, cells)
                        )
            if len(blocks) > MAX_BLOCKS:
                raise ImportFormatError(f"{path.name}: is too large to be minutes.")
    except ImportFormatError:
        raise
    except Exception:  # python-docx raises many kinds on a broken part
        raise ImportFormatError(f"{path.name}: is damaged or not a Word document.") from None
    return blocks

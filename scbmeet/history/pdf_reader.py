"""Reading a PDF's text layer as blocks: lines grouped into paragraphs by the gaps between
them, bold kept where the font says so."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from scbmeet.domain.errors import ImportFormatError
from scbmeet.history.blocks import Block, tidy

MAX_PAGES = 2000


@dataclass
class _Line:
    y: float
    size: float
    parts: list[tuple[float, str, bool]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return tidy("".join(text for _, text, _ in sorted(self.parts, key=lambda p: p[0])))

    @property
    def bold(self) -> bool:
        return all(bold for _, text, bold in self.parts if text.strip())


def _page_lines(page: Any) -> list[_Line]:
    lines: list[_Line] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if not text.strip("\n"):
            return
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        scale = abs(tm[3] * cm[3]) or 1.0
        name = str((font or {}).get("/BaseFont", "")) if hasattr(font, "get") else ""
        bold = "bold" in name.lower()
        for line in lines[-3:]:
            if abs(line.y - y) < 2:
                line.parts.append((x, text.replace("\n", " "), bold))
                return
        lines.append(_Line(y, size * scale, [(x, text.replace("\n", " "), bold)]))

    page.extract_text(visitor_text=visit)
    return [line for line in lines if line.text]


def _paragraphs(lines: list[_Line]) -> list[Block]:
    """Lines one line-height apart belong together; a bigger gap, a bold line or a line
    ending a sentence well short of the margin starts a new paragraph."""
    blocks: list[Block] = []
    current: list[_Line] = []

    def flush() -> None:
        if current:
            text = " ".join(line.text for line in current)
            blocks.append(Block(tidy(text), all(line.bold for line in current)))
            current.clear()

    for line in lines:
        if current:
            previous = current[-1]
            gap = previous.y - line.y
            height = max(previous.size, line.size, 1.0)
            if gap > height * 1.6 or gap < 0 or line.bold != previous.bold:
                flush()
        current.append(line)
    flush()
    return blocks


def read_pdf_blocks(path: Path) -> list[Block]:
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise ImportFormatError(f"{path.name}: is encrypted; save it without a password.")
        if len(reader.pages) > MAX_PAGES:
            raise ImportFormatError(f"{path.name}: has too many pages to be minutes.")
        blocks: list[Block] = []
        for page in reader.pages:
            blocks.extend(_paragraphs(_page_lines(page)))
    except ImportFormatError:
        raise
    except (PdfReadError, Exception):  # pypdf raises many kinds on a damaged file
        raise ImportFormatError(f"{path.name}: is damaged or not a PDF.") from None
    if not blocks:
        raise ImportFormatError(
            f"{path.name}: has no text layer (a scanned PDF?); it cannot be read."
        )
    return blocks

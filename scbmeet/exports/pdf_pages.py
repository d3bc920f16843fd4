"""Page furniture stamped on a merged PDF with pypdf: "Page N of M" and a marking line.

The papers merged into a PDF pack number their own pages (or not at all), so the pack
stamps one running number, centred in the bottom margin, on every page; a full pack with
closed business also carries "Not for publication" along its top edge (a closed paper's
pages say which closed item they belong to, and why it is exempt). The stamps are
marked as pagination artifacts, so a screen reader does not read them out as text.
"""

from __future__ import annotations

from collections.abc import Mapping

from pypdf import PageObject, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
)

FONT_NAME = "/ScbmeetStamp"
FONT_SIZE = 8.5
BOTTOM_OFFSET = 16.0  # points above the page's bottom edge: below a paper's own footer
TOP_OFFSET = 20.0
GREY = 0.3
# Helvetica widths (per 1000 units of the font size) for the characters a page number uses.
HELVETICA_WIDTHS = {" ": 278, "P": 667, "a": 556, "g": 556, "e": 556, "o": 556, "f": 278}
DIGIT_WIDTH = 556


def text_width(text: str, size: float) -> float:
    """Width of ``text`` set in Helvetica (good enough to centre a page number)."""
    units = sum(DIGIT_WIDTH if c.isdigit() else HELVETICA_WIDTHS.get(c, 556) for c in text)
    return units * size / 1000


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _text_op(text: str, x: float, y: float, subtype: str) -> bytes:
    return (
        b"/Artifact <</Type /Pagination /Subtype /" + subtype.encode() + b">> BDC "
        b"BT " + FONT_NAME.encode() + f" {FONT_SIZE} Tf {GREY} g 1 0 0 1 {x:.2f} {y:.2f} Tm ".encode()
        + _pdf_string(text) + b" Tj ET EMC\n"
    )  # fmt: skip


def _stream(writer: PdfWriter, data: bytes) -> IndirectObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream)


def _add_font(page: PageObject, font: IndirectObject) -> None:
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else DictionaryObject()
    page[NameObject("/Resources")] = resources
    fonts = resources.get("/Font")
    fonts = fonts.get_object() if fonts is not None else DictionaryObject()
    resources[NameObject("/Font")] = fonts
    fonts[NameObject(FONT_NAME)] = font


def _existing_contents(page: PageObject) -> list[IndirectObject]:
    contents = page.get("/Contents")
    if contents is None:
        return []
    if isinstance(contents, IndirectObject) and not isinstance(contents.get_object(), ArrayObject):
        return [contents]
    return list(contents.get_object())


def fitted(text: str, width: float) -> str:
    """``text`` cut at a word (with "…") where it would run past ``width`` points."""
    words = text.split(" ")
    while len(words) > 1 and text_width(" ".join(words), FONT_SIZE) > width:
        words = words[:-1]
        words[-1] = words[-1].rstrip(".,:;") + "\u2026"
    return " ".join(words)


def stamp_pages(
    writer: PdfWriter, marking: str = "", page_markings: Mapping[int, str] | None = None
) -> None:
    """Stamp "Page N of M" (and ``marking``, if any) on every page of ``writer``; a page in
    ``page_markings`` (0-based) carries that marking instead."""
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )
    save_state = _stream(writer, b"q\n")
    total = len(writer.pages)
    for number, page in enumerate(writer.pages, start=1):
        if page.rotation:
            page.transfer_rotation_to_content()  # so "bottom" is the bottom as read
        box = page.cropbox
        left, bottom, width = float(box.left), float(box.bottom), float(box.width)
        label = f"Page {number} of {total}"
        ops = b"Q q " + _text_op(
            label,
            left + (width - text_width(label, FONT_SIZE)) / 2,
            bottom + BOTTOM_OFFSET,
            "Footer",
        )
        page_marking = (page_markings or {}).get(number - 1, marking)
        if page_marking:
            top = float(box.top)
            shown = fitted(page_marking, width - 72)
            ops += _text_op(shown, left + 36, top - TOP_OFFSET, "Header")
        _add_font(page, font)
        page[NameObject("/Contents")] = ArrayObject(
            [save_state, *_existing_contents(page), _stream(writer, ops + b"Q\n")]
        )

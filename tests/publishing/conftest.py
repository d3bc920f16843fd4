"""Fixtures and small files for the PDF publishing tests: text PDFs, a scan, Word papers with planted faults."""

from __future__ import annotations

import io
import struct
import zlib

import docx
from docx.shared import Cm
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject


def _font(writer: PdfWriter):
    return writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )


def _stream(writer: PdfWriter, data: bytes, **entries):
    stream = DecodedStreamObject()
    stream.set_data(data)
    for key, value in entries.items():
        stream[NameObject(f"/{key}")] = value
    return writer._add_object(stream)


def _bytes(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def text_pdf(*pages: str) -> bytes:
    """A PDF with one line of real text on each page."""
    writer = PdfWriter()
    font = _font(writer)
    for text in pages:
        page = writer.add_blank_page(595, 842)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        page[NameObject("/Contents")] = _stream(
            writer, f"BT /F1 16 Tf 72 760 Td ({text}) Tj ET".encode()
        )
    return _bytes(writer)


def scanned_pdf() -> bytes:
    """A one-page PDF holding only a picture: a scan, with no text layer."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    image = _stream(
        writer,
        bytes(range(64)),
        Type=NameObject("/XObject"),
        Subtype=NameObject("/Image"),
        Width=NumberObject(8),
        Height=NumberObject(8),
        ColorSpace=NameObject("/DeviceGray"),
        BitsPerComponent=NumberObject(8),
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): image})}
    )
    page[NameObject("/Contents")] = _stream(writer, b"q 400 0 0 400 100 300 cm /Im0 Do Q")
    return _bytes(writer)


def png() -> bytes:
    """A 4x4 grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * 4 for _ in range(4))
    header = struct.pack(">IIBBBBB", 4, 4, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def word_paper(
    heading: str, text: str, *, image_alt: str | None = None, table_header: bool | None = None
) -> bytes:
    """A Word paper; with a picture (described by ``image_alt``, '' for none) or a table."""
    paper = docx.Document()
    paper.add_heading(heading, 1)
    paper.add_paragraph(text)
    if image_alt is not None:
        paper.add_picture(io.BytesIO(png()), width=Cm(2))
        doc_pr = paper.inline_shapes[0]._inline.docPr
        doc_pr.set("descr", image_alt)
    if table_header is not None:
        table = paper.add_table(rows=3, cols=3)
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                cell.text = "Measure" if r == 0 else f"{r * c}"
        if table_header:
            from docx.oxml import OxmlElement

            tr_pr = table.rows[0]._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:tblHeader"))
    buffer = io.BytesIO()
    paper.save(buffer)
    return buffer.getvalue()


def outline_titles(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, 1-based page) of every bookmark, in order."""
    found: list[tuple[int, str, int]] = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, str(item.title), reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]

"""Word documents as PDF, converted by LibreOffice running headless.

:func:`find_soffice` looks for LibreOffice where it is usually installed (``SCBMEET_SOFFICE``
first, then PATH, then the usual install folders) and, when it is absent, raises one line
naming the package to install. :func:`convert_to_pdf` converts several files in one
LibreOffice run, in a profile of its own (so two conversions at once, or a LibreOffice the
user has open, never clash), as tagged PDF with bookmarks from the headings.
:func:`export_as_pdf` writes any of scbmeet's Word documents as a PDF with its title
(from the document's core properties) and language set.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO, overload
from xml.etree import ElementTree

from pypdf import PdfReader, PdfWriter
from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

from scbmeet.domain.errors import ScbmeetError
from scbmeet.exports.pdf_office import (
    INSTALL_FOLDERS,
    PROGRAM_NAMES,
    ConversionTimedOut,
    OfficeServer,
    locate_soffice,
    office_for,
    run_converting,
)
from scbmeet.exports.template import LANGUAGE
from scbmeet.storage.atomic import write_atomically

MISSING_MESSAGE = (
    "Writing PDF needs LibreOffice, which was not found: install it (the 'libreoffice-writer' "
    "package on Debian or Ubuntu, or from libreoffice.org) or set SCBMEET_SOFFICE to its "
    "soffice program."
)
# writer_pdf_Export options: tagged PDF for screen readers, headings as bookmarks, the
# title (not the file name) in the viewer's title bar, no comments printed in the margin.
PDF_FILTER = (
    "pdf:writer_pdf_Export:{"
    '"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"},'
    '"DisplayPDFDocumentTitle":{"type":"boolean","value":"true"},'
    '"ExportNotes":{"type":"boolean","value":"false"}'
    "}"
)
CONVERT_TIMEOUT_S = 600
CORE_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
}


class LibreOfficeMissing(ScbmeetError):
    """LibreOffice is not installed (or not where ``SCBMEET_SOFFICE`` says)."""


class ConversionError(ScbmeetError):
    """LibreOffice ran but did not produce the PDF."""


def find_soffice() -> Path:
    """The LibreOffice program to convert with; :class:`LibreOfficeMissing` if there is none."""
    found = locate_soffice(PROGRAM_NAMES, INSTALL_FOLDERS)  # this module's: tests set them
    if found is None:
        raise LibreOfficeMissing(MISSING_MESSAGE)
    return found


@overload
def convert_to_pdf(
    sources: Sequence[Path],
    outdir: Path,
    *,
    office: OfficeServer | None = None,
    on_done: Callable[[int], None] | None = None,
) -> list[Path]: ...
@overload
def convert_to_pdf(
    sources: Sequence[Path],
    outdir: Path,
    *,
    required: int,
    office: OfficeServer | None = None,
    on_done: Callable[[int], None] | None = None,
) -> list[Path | None]: ...
def convert_to_pdf(
    sources: Sequence[Path],
    outdir: Path,
    *,
    required: int | None = None,
    office: OfficeServer | None = None,
    on_done: Callable[[int], None] | None = None,
) -> list[Path] | list[Path | None]:
    """Convert ``sources`` (Word files) to PDF in ``outdir`` in one LibreOffice run.

    Returns the PDFs in the order of ``sources``; each source needs a distinct stem. A file
    LibreOffice could not convert raises :class:`ConversionError` - or, past the first
    ``required`` sources, comes back as None (a paper the pack will name instead).
    ``on_done(n)`` is called as soon as LibreOffice has finished with ``sources[n]`` (in
    order), so the caller can work on the first PDFs while the others convert; a file the
    run did not store is tried once more in a second run, and ``on_done`` called again. Given an
    ``office`` (an :class:`~scbmeet.exports.pdf_office.OfficeServer` started ahead), the
    run is handed to it and skips LibreOffice's start-up.
    """
    soffice = find_soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    done = on_done or _ignore
    server = office if office is not None and office.take_over() is not None else None
    said = _run_once(soffice, sources, outdir, done, server)
    missing = [n for n, source in enumerate(sources) if not _converted(outdir, source)]
    first_needed = len(sources) if required is None else required
    if missing and (missing[0] < first_needed or len(missing) == len(sources)):
        # LibreOffice now and then ends a run having stored nothing (a hand-over to a
        # LibreOffice that went, a start-up that failed): once more, in a fresh profile.
        again = [sources[n] for n in missing]
        said += _run_once(soffice, again, outdir, lambda k: done(missing[k]), None)
    made: list[Path | None] = []
    for n, source in enumerate(sources):
        pdf = outdir / f"{source.stem}.pdf"
        if _converted(outdir, source):
            made.append(pdf)
        elif n >= first_needed:
            made.append(None)
        else:
            detail = f": {said[-1]}" if said else ""
            raise ConversionError(f"LibreOffice could not convert {source.name} to PDF{detail}")
    return made


def _converted(outdir: Path, source: Path) -> bool:
    pdf = outdir / f"{source.stem}.pdf"
    return pdf.is_file() and pdf.stat().st_size > 0


def _run_once(
    soffice: Path,
    sources: Sequence[Path],
    outdir: Path,
    on_done: Callable[[int], None],
    server: OfficeServer | None,
) -> list[str]:
    """One LibreOffice run converting ``sources`` into ``outdir`` (handed to ``server``
    when given, else in a profile of its own); returns what it said."""
    with tempfile.TemporaryDirectory(prefix="scbmeet-lo-") as own_profile:
        profile = server.profile if server is not None else Path(own_profile)
        command = [
            str(soffice),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(outdir),
            *map(str, sources),
        ]
        try:
            return run_converting(
                command, sources, on_done, timeout_s=CONVERT_TIMEOUT_S, server=server
            )
        except ConversionTimedOut:
            raise ConversionError(
                f"LibreOffice took more than {CONVERT_TIMEOUT_S // 60} minutes to convert "
                f"{len(sources)} file(s) to PDF and was stopped."
            ) from None
        except OSError as exc:
            raise LibreOfficeMissing(f"{MISSING_MESSAGE} ({soffice}: {exc.strerror})") from None


def _ignore(_n: int) -> None:
    return None


def docx_title(path: Path) -> str:
    """The title in a Word file's core properties ('' if it has none)."""
    try:
        with zipfile.ZipFile(path) as package:
            root = ElementTree.fromstring(package.read("docProps/core.xml"))
    except (KeyError, OSError, zipfile.BadZipFile, ElementTree.ParseError):
        return ""
    return (root.findtext("dc:title", default="", namespaces=CORE_NS) or "").strip()


def set_document_facts(writer: PdfWriter, title: str, language: str = LANGUAGE) -> None:
    """Title and language for screen readers and the viewer's title bar."""
    root = writer._root_object
    root[NameObject("/Lang")] = TextStringObject(language)
    preferences = root.get("/ViewerPreferences")
    preferences = preferences.get_object() if preferences is not None else DictionaryObject()
    preferences[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    root[NameObject("/ViewerPreferences")] = preferences
    if title:
        writer.add_metadata({"/Title": title})


def save_pdf(writer: PdfWriter, out: Path) -> Path:
    """Write ``writer`` to ``out`` atomically; returns the path."""

    def write(stream: BinaryIO) -> None:
        writer.write(stream)

    return write_atomically(out, write)


def docx_to_pdf(docx_path: Path, out: Path) -> Path:
    """Convert one Word file to the PDF ``out``, with its title and language set."""
    (written,) = docx_files_to_pdf([docx_path], [out])
    return written


def docx_files_to_pdf(docx_paths: Sequence[Path], outs: Sequence[Path]) -> list[Path]:
    """Convert Word files (in one LibreOffice run) to the PDFs ``outs``, each with its
    title and language set and written atomically, after their accessibility warnings."""
    from scbmeet.exports.accessibility_check import docx_problems, warn_problems

    for docx_path, out in zip(docx_paths, outs, strict=True):
        warn_problems(docx_problems(docx_path.read_bytes(), out.name))
    with (
        office_for(find_soffice()) as office,
        tempfile.TemporaryDirectory(prefix="scbmeet-pdf-") as work,
    ):
        converted = convert_to_pdf(docx_paths, Path(work), office=office)
        written = []
        for docx_path, pdf, out in zip(docx_paths, converted, outs, strict=True):
            writer = PdfWriter(clone_from=PdfReader(pdf))
            set_document_facts(writer, docx_title(docx_path))
            written.append(save_pdf(writer, out))
        return written


def export_as_pdf(write_docx: Callable[[Path], Path], out: Path) -> Path:
    """Write a Word document with ``write_docx(path)``, then as the PDF ``out``.

    ``find_soffice`` runs first, so a missing LibreOffice is reported before any work; the
    document's accessibility problems are reported as warnings before it is converted.
    """
    find_soffice()
    with tempfile.TemporaryDirectory(prefix="scbmeet-pdf-") as work:
        stem = out.stem or "document"
        docx_path = write_docx(Path(work) / f"{stem}.docx")
        return docx_to_pdf(docx_path, out)


__all__ = [
    "ConversionError",
    "LibreOfficeMissing",
    "convert_to_pdf",
    "docx_files_to_pdf",
    "docx_to_pdf",
    "export_as_pdf",
    "find_soffice",
]

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

import glob
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO, overload
from xml.etree import ElementTree

from pypdf import PdfReader, PdfWriter
from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

from scbmeet.domain.errors import ScbmeetError
from scbmeet.exports.template import LANGUAGE
from scbmeet.storage.atomic import write_atomically

SOFFICE_VARIABLE = "SCBMEET_SOFFICE"
PROGRAM_NAMES = ("soffice", "libreoffice")
# Where LibreOffice installs itself when it is not on PATH (globs, newest version last).
INSTALL_FOLDERS = (
    "/usr/lib/libreoffice/program/soffice",
    "/usr/lib64/libreoffice/program/soffice",
    "/usr/local/lib/libreoffice/program/soffice",
    "/opt/libreoffice*/program/soffice",
    "/snap/bin/libreoffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "C:/Program Files/LibreOffice/program/soffice.exe",
    "C:/Program Files (x86)/LibreOffice/program/soffice.exe",
)
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
SERVER_CLOSE_S = 10  # for a LibreOffice that has converted its one hand-over to close
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
    chosen = os.environ.get(SOFFICE_VARIABLE)
    if chosen is not None:  # the user's choice is the only one tried
        path = Path(chosen).expanduser()
        if chosen and path.is_file() and os.access(path, os.X_OK):
            return path
        raise LibreOfficeMissing(MISSING_MESSAGE)
    for name in PROGRAM_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    for pattern in INSTALL_FOLDERS:
        for candidate in sorted(glob.glob(pattern), reverse=True):
            if os.access(candidate, os.X_OK):
                return Path(candidate)
    raise LibreOfficeMissing(MISSING_MESSAGE)


@overload
def convert_to_pdf(
    sources: Sequence[Path],
    outdir: Path,
    *,
    profile: Path | None = None,
    on_done: Callable[[int], None] | None = None,
) -> list[Path]: ...
@overload
def convert_to_pdf(
    sources: Sequence[Path],
    outdir: Path,
    *,
    required: int,
    profile: Path | None = None,
    on_done: Callable[[int], None] | None = None,
) -> list[Path | None]: ...
def convert_to_pdf(
    sources: Sequence[Path],
    outdir: Path,
    *,
    required: int | None = None,
    profile: Path | None = None,
    on_done: Callable[[int], None] | None = None,
) -> list[Path] | list[Path | None]:
    """Convert ``sources`` (Word files) to PDF in ``outdir`` in one LibreOffice run.

    Returns the PDFs in the order of ``sources``; each source needs a distinct stem. A file
    LibreOffice could not convert raises :class:`ConversionError` - or, past the first
    ``required`` sources, comes back as None (a paper the pack will name instead).
    ``on_done(n)`` is called as soon as LibreOffice has finished with ``sources[n]`` (in
    order), so the caller can work on the first PDFs while the others convert. In the
    ``profile`` of an :class:`OfficeServer` the run is handed to that waiting LibreOffice.
    """
    soffice = find_soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="scbmeet-lo-") as own_profile:
        command = [
            str(soffice),
            f"-env:UserInstallation={Path(profile or own_profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(outdir),
            *map(str, sources),
        ]
        said = _run_converting(command, sources, on_done or _ignore)
    made: list[Path | None] = []
    for n, source in enumerate(sources):
        pdf = outdir / f"{source.stem}.pdf"
        if pdf.is_file() and pdf.stat().st_size > 0:
            made.append(pdf)
        elif required is not None and n >= required:
            made.append(None)
        else:
            detail = f": {said[-1]}" if said else ""
            raise ConversionError(f"LibreOffice could not convert {source.name} to PDF{detail}")
    return made


def _ignore(_n: int) -> None:
    return None


def _run_converting(
    command: list[str], sources: Sequence[Path], on_done: Callable[[int], None]
) -> list[str]:
    """Run LibreOffice, telling ``on_done`` of each source it has finished; returns what it
    said. LibreOffice prints "convert SOURCE -> ..." as it starts storing each file, and
    converts them in order, so that line means every earlier source is done."""
    position = {s.name: n for n, s in enumerate(sources)}  # by name: LibreOffice may resolve links
    finished = 0
    said: list[str] = []
    try:
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            errors="replace",
            start_new_session=True,  # its own process group, so a stuck one is stopped whole
        )
    except OSError as exc:
        raise LibreOfficeMissing(f"{MISSING_MESSAGE} ({command[0]}: {exc.strerror})") from None
    timed_out = threading.Event()

    def stop() -> None:
        timed_out.set()
        _stop_group(process, wait=False)

    timer = threading.Timer(CONVERT_TIMEOUT_S, stop)
    timer.start()
    with process:
        try:
            assert process.stdout is not None
            for line in process.stdout:
                said.append(line.strip())
                if line.startswith("convert ") and " -> " in line:
                    source = line[len("convert ") :].split(" -> ", 1)[0]
                    now = position.get(Path(source).name, -1)
                    for n in range(finished, now):
                        on_done(n)
                    finished = max(finished, now)
            process.wait()
        finally:
            timer.cancel()
            if process.poll() is None:  # on_done raised: stop LibreOffice before going on
                _stop_group(process)
    if timed_out.is_set():
        raise ConversionError(
            f"LibreOffice took more than {CONVERT_TIMEOUT_S // 60} minutes to convert "
            f"{len(sources)} file(s) to PDF and was stopped."
        )
    for n in range(finished, len(sources)):
        on_done(n)
    return [s for s in said if s]


class OfficeServer:
    """A LibreOffice started ahead, waiting in a profile of its own (``profile``), so a
    later small conversion in that profile is handed to it and skips the start-up (about a
    second). It takes one hand-over, then closes itself; leaving the ``with`` block stops
    it if it is still waiting. When it is not there, the conversion simply starts its own.
    """

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="scbmeet-lo-server-")
        self.profile = Path(self._folder.name)
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> OfficeServer:
        try:
            self._process = subprocess.Popen(
                [
                    str(find_soffice()),
                    f"-env:UserInstallation={self.profile.as_uri()}",
                    "--headless",
                    "--norestore",
                    "--nologo",
                    "--nodefault",
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # its own process group, so it is stopped whole
            )
        except OSError:
            self._process = None  # conversions will start their own LibreOffice
        return self

    def convert(self, sources: Sequence[Path], outdir: Path) -> list[Path]:
        """:func:`convert_to_pdf`, handed to the waiting LibreOffice (or run as usual)."""
        self._handed_over = True
        return convert_to_pdf(sources, outdir, profile=self.profile)

    def __exit__(self, *_exc: object) -> None:
        process = self._process
        if process is not None:
            try:
                process.wait(timeout=SERVER_CLOSE_S if self._handed_over else 0)
            except subprocess.TimeoutExpired:
                _stop_group(process)
        self._folder.cleanup()

    _handed_over = False


def _stop_group(process: subprocess.Popen[Any], *, wait: bool = True) -> None:
    """Stop a LibreOffice this module started (soffice and the soffice.bin it runs)."""
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows has no process groups
            process.kill()
    except OSError:
        pass
    if wait:
        process.wait()


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
    with tempfile.TemporaryDirectory(prefix="scbmeet-pdf-") as work:
        converted = convert_to_pdf(docx_paths, Path(work))
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
    "OfficeServer",
    "convert_to_pdf",
    "docx_files_to_pdf",
    "docx_to_pdf",
    "export_as_pdf",
    "find_soffice",
]

"""The papers of a PDF pack: which files go in, and where each lands.

:func:`plan_paper` writes a paper's files out for conversion, naming on its cover (with a
:class:`~scbmeet.exports.pack.PaperWarning`) any file that cannot go in: a damaged or
password-protected PDF, a "Word" file that is not one, a kind LibreOffice does not
convert. :func:`layout` gives every cover sheet and file its page in the pack.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import docx
from pypdf import PdfReader

from scbmeet.domain import dto
from scbmeet.exports import paper_content
from scbmeet.exports.pack import (
    PaperWarning,
    enclosure_note,
    paper_label,
    review_warning,
    waiting_note,
)
from scbmeet.services import Services
from scbmeet.storage.office_files import review_marks

CONVERTIBLE = (".docx", ".docm", ".doc", ".odt", ".rtf")


@dataclass
class Part:
    """One file of a paper as it goes into the pack."""

    info: dto.PaperFileInfo
    source: Path  # the file itself (PDF) or the Word file to convert
    reader: PdfReader | None = None  # the PDF, once converted
    pages: int = 0  # its page count
    start: int = 0  # 0-based page in the pack


@dataclass
class PaperEntry:
    item: dto.AgendaItemInfo
    paper: dto.PaperInfo
    parts: list[Part] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # printed under the cover sheet
    cover_pages: tuple[int, int] = (0, 1)  # page range in the covers PDF
    start: int = 0  # 0-based page of the cover in the pack

    @property
    def heading(self) -> str:
        number = f"Item {self.item.number}: " if self.item.number else ""
        return f"{number}{self.paper.title}"


def read_pdf(data: bytes | Path) -> PdfReader:
    """A pypdf reader that does not fill the log with a paper's small defects."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = PdfReader(io.BytesIO(data) if isinstance(data, bytes) else data, strict=False)
        if reader.is_encrypted:
            raise ValueError("it is password-protected")
        if not reader.pages:
            raise ValueError("it has no pages")
    return reader


def plan_paper(
    services: Services, entry: PaperEntry, folder: Path, index: int, *, public: bool = False
) -> list[tuple[dto.PaperFileInfo, bytes]]:
    """Write the paper's files to ``folder``; what cannot go in is named on its cover.
    Returns every file of the paper as it is stored (for the accessibility check).

    A Word paper is written as the pack prints it: tracked changes accepted (LibreOffice
    would print a struck-out deletion, "names of victims" and all) and comments left out;
    in a public pack also without embedded objects or links to outside the file.
    """
    if not entry.paper.files:
        entry.notes.append(waiting_note(entry.paper))
    stored = [(info, services.agenda.file_content(info.id)[1]) for info in entry.paper.files]
    for n, (info, data) in enumerate(stored):
        suffix = Path(info.filename).suffix.lower()
        is_pdf = suffix == ".pdf" or info.media_type == "application/pdf"
        if is_pdf:
            try:
                read_pdf(data)
            except Exception as exc:
                name_instead(entry, info, f"could not be read as a PDF ({exc})")
                continue
        elif suffix not in CONVERTIBLE:
            entry.notes.append(enclosure_note(info))
            continue
        elif not looks_like_a_document(suffix, data):
            name_instead(entry, info, "could not be read as a Word document")
            continue
        else:
            say_what_is_accepted(entry, info, data, public=public)
        source = folder / f"paper-{index:03d}-{n:02d}{'.pdf' if is_pdf else suffix}"
        source.write_bytes(data if is_pdf else fit_for_the_pack(data, public=public))
        entry.parts.append(Part(info, source))
    return stored


def say_what_is_accepted(
    entry: PaperEntry, info: dto.PaperFileInfo, data: bytes, *, public: bool
) -> None:
    """Tracked changes and comments never go out silently: one warning line per paper
    saying what it carries and what the PDF pack does with it (accepts, leaves out)."""
    marks = review_marks(data)
    if marks:
        label = paper_label(entry.item, entry.paper, info)
        message = review_warning(label, marks, accepted=True, public=public)
        warnings.warn(message, PaperWarning, stacklevel=3)


def fit_for_the_pack(data: bytes, *, public: bool) -> bytes:
    """The Word paper with its tracked changes accepted and comments dropped (and, for the
    public pack, no embedded objects or outside links); as it was if python-docx cannot
    read it (a .doc or .rtf, which LibreOffice converts as it is)."""
    if not needs_making_fit(data, public=public):
        return data  # most papers: nothing to accept or drop, so not read and written again
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # not a .docx: LibreOffice reads the other formats itself
        return data
    paper_content.accept_tracked_changes(document)
    paper_content.drop_comments(document)
    if public:
        paper_content.remove_embedded_objects(document)
        paper_content.remove_external_targets(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# Anything fit_for_the_pack might change, found in the raw XML of a .docx's parts (any
# namespace prefix); a false alarm only costs the slower path.
REVIEW_MARKS = re.compile(
    rb"<(?:\w+:)?(?:ins|del|moveFrom|moveTo|cellIns|cellDel|cellMerge|\w+Change|comment\w*"
    rb"|customXml\w+Range\w+)[\s/>]"
)
PUBLIC_MARKS = re.compile(rb"<(?:\w+:)?object[\s/>]|External|HYPERLINK|INCLUDE|LINK")


def needs_making_fit(data: bytes, *, public: bool) -> bool:
    """Whether a Word paper holds tracked changes or comments (or, for a public pack,
    embedded objects or anything reaching outside the file) - or cannot be told."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            for name in package.namelist():
                if public and "embeddings/" in name:
                    return True
                if not name.endswith((".xml", ".rels")):
                    continue
                text = package.read(name)
                if REVIEW_MARKS.search(text) or (public and PUBLIC_MARKS.search(text)):
                    return True
    except (zipfile.BadZipFile, OSError, RuntimeError):
        return True  # not a zip (.doc, .rtf): python-docx decides
    return False


def name_instead(entry: PaperEntry, info: dto.PaperFileInfo, problem: str) -> None:
    """A file that cannot go into the pack is named on its cover, with a warning."""
    message = f"{info.filename} {problem}; the pack names it instead."
    warnings.warn(message, PaperWarning, stacklevel=3)
    entry.notes.append(enclosure_note(info))


def looks_like_a_document(suffix: str, data: bytes) -> bool:
    """Whether a file's bytes are what its name says (LibreOffice would print any bytes as
    text, so a damaged "paper.docx" must not reach it)."""
    if suffix in (".docx", ".docm", ".odt"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                names = set(package.namelist())
        except zipfile.BadZipFile:
            return False
        return "word/document.xml" in names or "content.xml" in names
    if suffix == ".doc":
        return data.startswith(b"\xd0\xcf\x11\xe0")  # an OLE compound file
    return data.lstrip()[:5] == b"{\\rtf"


def layout(entries: Sequence[PaperEntry], agenda_pages: int) -> None:
    """Give every cover and part its 0-based start page, after an agenda of ``agenda_pages``."""
    page = agenda_pages
    for entry in entries:
        entry.start = page
        page += entry.cover_pages[1] - entry.cover_pages[0]
        for part in entry.parts:
            part.start = page
            page += part.pages

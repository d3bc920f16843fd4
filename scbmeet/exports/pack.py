"""The agenda pack: the agenda, then every paper behind its cover sheet.

Each paper gets the cover sheet boards already use (Title, Report written by, Attached,
Action/Recommendations). A Word paper follows its cover with its own formatting
(appended with docxcompose); a PDF or any other file is named as enclosed separately; a
paper not yet received is marked as to follow.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docxcompose.composer import Composer

from scbmeet.domain import dto
from scbmeet.domain.dto import long_date
from scbmeet.domain.enums import PaperState
from scbmeet.exports.agenda import render_agenda, set_agenda_properties
from scbmeet.exports.formats import file_size
from scbmeet.exports.records import MeetingRecord
from scbmeet.exports.template import why_not_word
from scbmeet.exports.writer import Cell, Span, WordWriter, bold
from scbmeet.services import Services

WORD_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
COVER_WIDTHS = (4.6, 12.4)
KIND_NAMES = {
    "application/pdf": "PDF document",
    "application/msword": "Word 97-2003 document",
    "application/vnd.ms-excel": "Excel workbook",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel workbook",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint presentation",
}
# Comment markers point into a comments part that docxcompose does not carry across.
COMMENT_TAGS = ("commentRangeStart", "commentRangeEnd", "commentReference")


class PaperWarning(UserWarning):
    """A paper's file could not be put into the pack; the pack names it instead."""


def is_word_file(info: dto.PaperFileInfo) -> bool:
    return info.media_type == WORD_TYPE or info.filename.lower().endswith(".docx")


def author_line(services: Services, paper: dto.PaperInfo) -> str:
    """``Sally Goodwin - Head of Community Safety, Derbyshire County Council``."""
    if paper.author_id is None or not paper.author_name:
        return paper.author_name
    person = services.register.person(paper.author_id)
    if paper.author_name != person.full_name:
        return paper.author_name  # typed by hand on the paper
    detail = ", ".join(p for p in (person.job_title, person.organisation_name) if p)
    return f"{person.full_name} \u2013 {detail}" if detail else person.full_name


def attached_line(paper: dto.PaperInfo) -> str:
    if paper.attached_text:
        return paper.attached_text
    appendices = [f.filename for f in paper.files if f.role == "appendix"]
    return "; ".join(appendices) if appendices else "None"


def render_cover(
    writer: WordWriter, record: MeetingRecord, item: dto.AgendaItemInfo, paper: dto.PaperInfo
) -> None:
    writer.paragraph(record.board.name, "SCB Subtitle")
    number = f"Item {item.number}: " if item.number else ""
    writer.heading(f"{number}{paper.title}", 1)
    rows: list[list[Cell]] = [
        [bold("Report written by"), author_line(record.services, paper)],
        [bold("Attached"), attached_line(paper)],
        [bold("Action/Recommendations"), paper.recommendation or "For information."],
    ]
    writer.table(("Title", paper.title), rows, COVER_WIDTHS)


def enclosure_note(info: dto.PaperFileInfo) -> str:
    kind = KIND_NAMES.get(info.media_type, "file")
    return f"Enclosed separately: {info.filename} ({kind}, {file_size(info.size)})."


def waiting_note(paper: dto.PaperInfo) -> str:
    if paper.state == PaperState.TABLED:
        return "This paper will be tabled at the meeting."
    due = f" (due {long_date(paper.due_date)})" if paper.due_date else ""
    return f"This paper will follow{due}."


def load_paper(data: bytes, info: dto.PaperFileInfo) -> Document | None:
    """The paper as a python-docx document, or None (with a warning) if it cannot be read."""
    try:
        paper = docx.Document(io.BytesIO(data))
    except Exception as exc:  # a damaged or mislabelled file must not stop the pack
        message = f"{info.filename} could not be read as a Word document ({why_not_word(exc)}); the pack names it instead."
        warnings.warn(message, PaperWarning, stacklevel=2)
        return None
    for tag in COMMENT_TAGS:
        for marker in list(paper.element.body.iter(qn(f"w:{tag}"))):
            marker.getparent().remove(marker)
    return paper


class PackBuilder:
    """Appends papers to the pack, creating the docxcompose composer on first use."""

    def __init__(self, writer: WordWriter, services: Services) -> None:
        self.writer, self.services = writer, services
        self._composer: Composer | None = None

    def note(self, text: str) -> None:
        """An italic line under the cover sheet, clear of its table."""
        self.writer.space(self.writer.paragraph(Span(text, italic=True)), before=8)

    def add_paper_files(self, paper: dto.PaperInfo) -> None:
        if not paper.files:
            self.note(waiting_note(paper))
            return
        for info in paper.files:
            self.add_file(info)

    def add_file(self, info: dto.PaperFileInfo) -> None:
        if not is_word_file(info):
            self.note(enclosure_note(info))
            return
        _, data = self.services.agenda.file_content(info.id)
        document = load_paper(data, info)
        if document is None:
            self.note(enclosure_note(info))
            return
        # The report follows straight on from its cover sheet, as board packs set it.
        self.writer.space(self.writer.paragraph(""), after=6)
        if self._composer is None:
            # preserve_styles: the paper keeps its own look where its styles differ from ours.
            self._composer = Composer(self.writer.document, preserve_styles=True)
        self._composer.append(document)


def build_pack(
    services: Services, meeting_id: int, *, public: bool = False, template: Path | str | None = None
) -> WordWriter:
    record = MeetingRecord(services, meeting_id, public=public)
    writer = WordWriter(template)
    writer.furniture(f"{record.board.name}: agenda pack, {long_date(record.meeting.date)}")
    render_agenda(writer, record)
    builder = PackBuilder(writer, services)
    for item, paper in record.papers:
        writer.page_break()
        render_cover(writer, record, item, paper)
        builder.add_paper_files(paper)
    set_agenda_properties(writer, record, "Agenda pack")
    return writer


def export_pack(
    services: Services,
    meeting_id: int,
    out: Path,
    *,
    public: bool = False,
    template: Path | str | None = None,
) -> Path:
    """Write the agenda pack of a meeting to ``out`` (atomically); returns the path."""
    return build_pack(services, meeting_id, public=public, template=template).save(out)

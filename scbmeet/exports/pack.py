"""The agenda pack: the agenda, then every paper behind its cover sheet.

Each paper gets the cover sheet boards already use (Title, Report written by, Attached,
Action/Recommendations). A Word paper follows its cover with its own formatting
(appended with docxcompose); a PDF or any other file is named as enclosed separately; a
paper not yet received is marked as to follow. A closed-session paper says so under its
cover's heading and atop every page of its own, whatever headers it brings; every page
of a paper shows the pack's page number under the paper's own footer. The agenda says on
which page each item's papers start, "(page N)" as in the PDF pack, N a Word field
(:mod:`scbmeet.exports.pack_pages`).
"""

from __future__ import annotations

import copy
import io
import warnings
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P

from scbmeet.domain import dto
from scbmeet.domain.dto import long_date
from scbmeet.domain.enums import PaperState
from scbmeet.domain.errors import ScbmeetError
from scbmeet.exports import ooxml, paper_content, paper_headers
from scbmeet.exports.agenda import holds_closed_business, render_agenda, set_agenda_properties
from scbmeet.exports.compose import Composer, SectionKeepingComposer
from scbmeet.exports.exempt_session import closed_paper_marking
from scbmeet.exports.formats import closed_markings, file_size
from scbmeet.exports.pack_pages import PageReferences, pages_in_pack
from scbmeet.exports.plan import append_plan_appendix
from scbmeet.exports.records import MeetingRecord
from scbmeet.exports.template import why_not_word
from scbmeet.exports.writer import Cell, Span, WordWriter, add_text, bold
from scbmeet.services import Services
from scbmeet.storage.office_files import ReviewMarks, check_archive, review_marks

WORD_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
COVER_WIDTHS = (6.0, 11.0)  # "Recommendations" whole in a council's bold 12pt Verdana
KIND_NAMES = {
    "application/pdf": "PDF document",
    "application/msword": "Word 97-2003 document",
    "application/vnd.ms-excel": "Excel workbook",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel workbook",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint presentation",
}


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
) -> CT_P:
    """The paper's cover sheet; returns its heading (the Word pack bookmarks it)."""
    writer.paragraph(record.board.name, "SCB Subtitle")
    number = f"Item {item.number}: " if item.number else ""
    heading = writer.heading(f"{number}{paper.title}", 1)
    marking = closed_paper_marking(record, item)
    if marking:  # the cover says so too, under its heading, as the agenda's closed rows do
        writer.space(writer.paragraph(Span(". ".join(marking) + ".", italic=True)), after=8)
    rows: list[list[Cell]] = [
        [bold("Title"), paper.title],
        [bold("Report written by"), author_line(record.services, paper)],
        [bold("Attached"), attached_line(paper)],
        [bold("Action/Recommendations"), paper.recommendation or "For information."],
    ]
    writer.label_table(rows, COVER_WIDTHS)  # the labels are row headers, as a form reads
    return heading


def enclosure_note(info: dto.PaperFileInfo) -> str:
    kind = KIND_NAMES.get(info.media_type, "file")
    return f"Enclosed separately: {info.filename} ({kind}, {file_size(info.size)})."


def waiting_note(paper: dto.PaperInfo) -> str:
    if paper.state == PaperState.TABLED:
        return "This paper will be tabled at the meeting."
    due = f" (due {long_date(paper.due_date)})" if paper.due_date else ""
    return f"This paper will follow{due}."


def paper_label(item: dto.AgendaItemInfo, paper: dto.PaperInfo, info: dto.PaperFileInfo) -> str:
    """``Item 5 paper 'Threat and risk priorities' (priorities.docx)``: names it in a warning."""
    number = f"Item {item.number} paper" if item.number else "Paper"
    return f"{number} {paper.title!r} ({info.filename})"


def load_paper(data: bytes, info: dto.PaperFileInfo, label: str = "") -> Document | None:
    """The paper as a python-docx document, or None (with a warning) if it cannot be read."""
    label = label or info.filename
    try:
        check_archive(info.filename, data)
    except ScbmeetError as exc:
        warnings.warn(f"{label} is left out of the pack: {exc}", PaperWarning, stacklevel=2)
        return None
    try:
        paper = docx.Document(io.BytesIO(data))
    except Exception as exc:  # a damaged or mislabelled file must not stop the pack
        message = f"{info.filename} could not be read as a Word document ({why_not_word(exc)}); the pack names it instead."
        warnings.warn(message, PaperWarning, stacklevel=2)
        return None
    paper_content.drop_comments(paper)
    return paper


def review_warning(label: str, marks: ReviewMarks, *, accepted: bool, public: bool) -> str:
    """One line saying what the paper carries and what the pack did with it."""
    fates = []
    if marks.tracked_changes:
        fates.append(
            "its tracked changes are accepted in the pack"
            if accepted or public
            else "its tracked changes show in the pack (export with changes accepted, --accept-changes, "
            "to send the accepted text)"
        )
    if marks.comments:
        fates.append("its comments are left out")
    if marks.embedded_objects or marks.external_links:
        fates.append(
            "embedded objects and outside links are left out"
            if public
            else "embedded objects and outside links stay in this full pack (the public pack "
            "leaves them out)"
        )
    return f"{label} has {marks.describe()}: {'; '.join(fates)}."


class PackBuilder:
    """Appends papers to the pack, each in its own sections, after the pack's own pages.

    The pack's page set-up, headers and footers close the pack's part before each paper
    (a section ending in a copy of the pack's section properties); the paper's sections
    follow with their own size, orientation, margins, columns, headers and footers; the
    next cover sheet starts a new section in the pack's set-up again.
    """

    def __init__(
        self,
        writer: WordWriter,
        services: Services,
        *,
        public: bool,
        accept_changes: bool,
        references: PageReferences | None = None,
    ) -> None:
        self.writer, self.services = writer, services
        self.references = references  # told each Word paper's length, for its estimate
        self.public, self.accept_changes = public, accept_changes or public
        self._composer: Composer | None = None
        self._ended_by_paper = False  # the last thing written is a paper's section break
        self._even_pages = False  # a paper has its own even-page headers
        self._marking: tuple[str, ...] = ()  # the closed-paper marking of the paper being added

    def note(self, text: str) -> None:
        """An italic line under the cover sheet, clear of its table."""
        self.writer.space(self.writer.paragraph(Span(text, italic=True)), before=8)

    def new_cover_page(self) -> None:
        """A cover sheet starts a page: after a paper, its section break has done that."""
        if not self._ended_by_paper:
            self.writer.page_break()
        self._ended_by_paper = False

    def add_paper_files(
        self, item: dto.AgendaItemInfo, paper: dto.PaperInfo, *, marking: Sequence[str] = ()
    ) -> None:
        """The paper's files after its cover; ``marking`` (a closed paper's) atop its pages."""
        self._marking = tuple(marking)
        if not paper.files:
            self.note(waiting_note(paper))
            return
        for info in paper.files:
            self.add_file(item, paper, info)

    def add_file(
        self, item: dto.AgendaItemInfo, paper: dto.PaperInfo, info: dto.PaperFileInfo
    ) -> None:
        if not is_word_file(info):
            self.note(enclosure_note(info))
            return
        _, data = self.services.agenda.file_content(info.id)
        label = paper_label(item, paper, info)
        document = load_paper(data, info, label)
        if document is None:
            self.note(enclosure_note(info))
            return
        marks = review_marks(data)
        if marks:
            warning = review_warning(label, marks, accepted=self.accept_changes, public=self.public)
            warnings.warn(warning, PaperWarning, stacklevel=2)
        self._make_fit(document)
        if self.references is not None:
            self.references.paper_pages(pages_in_pack(document, data))
        self._append(document)

    def _make_fit(self, document: Document) -> None:
        if self.accept_changes:
            paper_content.accept_tracked_changes(document)
        if self.public:
            paper_content.remove_embedded_objects(document)
            paper_content.remove_external_targets(document)
        paper_content.shift_outline(document)
        self._even_pages |= paper_headers.mark_even_pages(document)
        if self._marking:
            paper_headers.mark_closed_pages(document, self._marking_paragraphs)
        paper_headers.number_paper_pages(document, self.writer.page_number_paragraph)
        paper_headers.mark_paper_start(document)
        paper_content.own_sections(document, self.writer.document.element.body.sectPr)

    def _marking_paragraphs(self) -> list[CT_P]:
        """The closed-paper marking, a paragraph a line, in the pack's marking style (the
        header part joins the pack, so it is the pack's style that it names)."""
        style = self.writer.styles.paragraph("SCB Marking")
        paragraphs = []
        for line in self._marking:
            p = ooxml.element("w:p")
            if style is not None and style.style_id != "Normal":
                p.style = style.style_id
            add_text(p, line)
            paragraphs.append(p)
        return paragraphs

    def _append(self, document: Document) -> None:
        if self._composer is None:
            # preserve_styles: the paper keeps its own look where its styles differ from ours.
            self._composer = SectionKeepingComposer(self.writer.document, preserve_styles=True)
        self._end_pack_section()
        self._composer.append_with_sections(document)
        self._ended_by_paper = True

    def _end_pack_section(self) -> None:
        """End the pack's pages so far with the pack's own page set-up, headers and footers."""
        body = self.writer.document.element.body
        pack_sect = copy.deepcopy(body.sectPr)
        for kind in pack_sect.findall(qn("w:type")):
            pack_sect.remove(kind)
        last = body.sectPr.getprevious()
        if (
            last is None
            or last.tag != qn("w:p")
            or last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
        ):
            last = body.add_p()
        ooxml.put(last.get_or_add_pPr(), pack_sect, ooxml.PPR_ORDER)

    def finish(self) -> None:
        """The last section, even-page headers wherever a paper has its own, and the pack's
        header and footer on a paper's title page that has none of its own."""
        self._end_with_last_paper()
        paper_headers.keep_even_pages(self.writer.document, used=self._even_pages)
        paper_headers.first_pages_from_pack(self.writer.document)

    def _end_with_last_paper(self) -> None:
        """A pack that ends with a paper ends with the paper's last section (no blank page)."""
        if not self._ended_by_paper:
            return
        body = self.writer.document.element.body
        last = body.sectPr.getprevious()
        paper_sect = last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") if last is not None else None
        if paper_sect is None:
            return
        body.replace(body.sectPr, paper_sect)
        if not last.xpath("./w:r|./w:hyperlink|./w:fldSimple"):
            body.remove(last)


def build_pack(
    services: Services,
    meeting_id: int,
    *,
    public: bool = False,
    template: Path | str | None = None,
    accept_changes: bool = False,
) -> WordWriter:
    record = MeetingRecord(services, meeting_id, public=public)
    writer = WordWriter(template)
    writer.furniture(
        f"{record.board.name}: agenda pack, {long_date(record.meeting.date)}",
        closed_markings(holds_closed_business(record)),
    )
    writer.own_headers_and_footers()  # so a paper's own header cannot run on into the pack
    render_agenda(writer, record)
    references = PageReferences(writer)
    builder = PackBuilder(
        writer, services, public=public, accept_changes=accept_changes, references=references
    )
    for item, paper in record.papers:
        builder.new_cover_page()
        references.paper_start(item, paper, render_cover(writer, record, item, paper))
        builder.add_paper_files(item, paper, marking=closed_paper_marking(record, item))
    builder.finish()
    references.finish()
    append_plan_appendix(writer, services, meeting_id, public=public)
    set_agenda_properties(writer, record, "Agenda pack")
    return writer


def export_pack(
    services: Services,
    meeting_id: int,
    out: Path,
    *,
    public: bool = False,
    template: Path | str | None = None,
    accept_changes: bool = False,
) -> Path:
    """Write the agenda pack of a meeting to ``out`` (atomically); returns the path.

    ``accept_changes`` accepts the papers' tracked changes in the pack (the public pack
    always does).
    """
    writer = build_pack(
        services, meeting_id, public=public, template=template, accept_changes=accept_changes
    )
    return writer.save(out)

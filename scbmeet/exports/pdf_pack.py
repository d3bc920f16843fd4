"""The agenda pack as ONE PDF, the way councils publish it.

The agenda, then each paper's cover sheet (the Word pack's, :func:`scbmeet.exports.pack.render_cover`)
followed by its files in order: Word papers converted by LibreOffice with their own page
set-up, PDF papers and appendices merged in place, anything else named on the cover as
enclosed separately. Every item and paper has a bookmark (a paper's own headings sit
under it), the agenda says on which page each item's papers start, and every page is
numbered. The public pack is built from the public record, so closed business is never in it.

Everything is converted in one LibreOffice run (agenda, all cover sheets in one document,
every Word paper), the papers merged as they come out of it; the agenda is converted once
more when the page numbers are known. Both runs are handed to one LibreOffice started ahead
(:class:`~scbmeet.exports.pdf_office.OfficeServer`), so neither waits for a start-up.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from pypdf import PdfReader

from scbmeet.domain import dto
from scbmeet.domain.dto import long_date
from scbmeet.exports.accessibility_check import file_problems, paper_place, warn_problems
from scbmeet.exports.agenda import (
    PAGE_REFERENCE,
    agenda_title_paragraphs,
    item_number,
    render_agenda,
    set_agenda_properties,
)
from scbmeet.exports.exempt_session import closed_paper_marking
from scbmeet.exports.pack import (
    PackBuilder,
    render_cover,
)
from scbmeet.exports.pdf import (
    ConversionError,
    convert_to_pdf,
    find_soffice,
    save_pdf,
    set_document_facts,
)
from scbmeet.exports.pdf_merge import PackMerger
from scbmeet.exports.pdf_office import OfficeServer, office_for
from scbmeet.exports.pdf_pages import stamp_pages
from scbmeet.exports.pdf_papers import (
    PaperEntry,
    Part,
    layout,
    name_instead,
    plan_paper,
    read_pdf,
)
from scbmeet.exports.pdf_tags import mark_row_headers
from scbmeet.exports.plan_pdf import append_plan_pdf
from scbmeet.exports.records import MeetingRecord
from scbmeet.exports.writer import WordWriter
from scbmeet.services import Services

Progress = Callable[[int, str], None]
NOT_FOR_PUBLICATION = "Not for publication: includes closed-session items"
PLACEHOLDER_PAGE = 999  # as wide as any real page number, so the agenda's length holds
AGENDA_PASSES = 3


def write_covers(
    record: MeetingRecord, entries: Sequence[PaperEntry], template: Path | str | None, out: Path
) -> Path:
    """Every cover sheet in one Word file, each starting a page."""
    writer = WordWriter(template)
    builder = PackBuilder(writer, record.services, public=record.public, accept_changes=False)
    for n, entry in enumerate(entries):
        if n:
            writer.page_break()
        render_cover(writer, record, entry.item, entry.paper)
        for note in entry.notes:
            builder.note(note)
    writer.properties(title="Cover sheets", author=record.board.name)
    return writer.save(out)


def write_agenda(
    record: MeetingRecord, template: Path | str | None, pages: dict[str, int], out: Path
) -> Path:
    """The agenda with "(page N)" after each item whose papers start on page N."""
    writer = WordWriter(template)
    render_agenda(writer, record)
    add_page_references(writer, pages)
    set_agenda_properties(writer, record, "Agenda pack")
    return writer.save(out)


def add_page_references(writer: WordWriter, pages: dict[str, int]) -> None:
    """Append "(page N)" to the title of each numbered item in ``pages`` in the agenda tables."""
    for number, paragraph in agenda_title_paragraphs(writer):
        if number in pages:
            paragraph.add_run(PAGE_REFERENCE.format(pages[number]))


def page_references(entries: Sequence[PaperEntry], agenda_pages: int) -> dict[str, int]:
    """Item number as the agenda prints it -> 1-based page where its first paper starts."""
    layout(entries, agenda_pages)
    pages: dict[str, int] = {}
    for entry in entries:
        pages.setdefault(item_number(entry.item), entry.start + 1)
    return pages


def find_cover_pages(covers: PdfReader, entries: Sequence[PaperEntry]) -> None:
    """Which pages of the covers PDF belong to each paper, from LibreOffice's bookmarks."""
    starts: list[int] = []
    wanted = iter(" ".join(e.heading.split()) for e in entries)
    target = next(wanted, None)
    for item in _flat_outline(covers.outline):
        page = covers.get_destination_page_number(item)
        if target is not None and page is not None and " ".join(str(item.title).split()) == target:
            starts.append(page)
            target = next(wanted, None)
    if len(starts) != len(entries):  # no bookmarks to go by: one page per cover
        if len(covers.pages) != len(entries):
            raise ConversionError("The cover sheets could not be told apart in the PDF.")
        starts = list(range(len(entries)))
    ends = [*starts[1:], len(covers.pages)]
    for entry, start, end in zip(entries, starts, ends, strict=True):
        entry.cover_pages = (start, end)


def _flat_outline(outline: list) -> list:
    flat = []
    for item in outline:
        if isinstance(item, list):
            flat += _flat_outline(item)
        else:
            flat.append(item)
    return flat


def _is_pdf(part: Part) -> bool:
    return part.source.suffix.lower() == ".pdf"


class FirstPass:
    """The one LibreOffice run: the agenda (placeholder page numbers), all the cover sheets
    and every Word paper, in pack order. As the PDFs come out, each paper whose cover and
    files are all in is merged, tags and all, so the merging is done while LibreOffice works.
    """

    def __init__(
        self,
        record: MeetingRecord,
        entries: list[PaperEntry],
        template: Path | str | None,
        work: Path,
    ) -> None:
        self.record, self.entries, self.template, self.work = record, entries, template, work
        self.merger = PackMerger()
        self.agenda: PdfReader | None = None
        self._while_converting: Callable[[], None] | None = None
        self.covers: PdfReader | None = None
        self.words = [p for e in entries for p in e.parts if not _is_pdf(p)]
        for part in (p for e in entries for p in e.parts if _is_pdf(p)):
            part.reader = read_pdf(part.source)
            part.pages = len(part.reader.pages)

    def run(
        self, office: OfficeServer, while_converting: Callable[[], None] | None = None
    ) -> PdfReader:
        """Convert (handed to ``office``) and merge the papers; returns the agenda (with
        placeholder numbers). ``while_converting()`` is called once LibreOffice has done
        the agenda, in the time it takes over the rest."""
        self._while_converting = while_converting
        placeholder = {item_number(e.item): PLACEHOLDER_PAGE for e in self.entries}
        own = [write_agenda(self.record, self.template, placeholder, self.work / "agenda-0.docx")]
        if self.entries:
            own.append(write_covers(self.record, self.entries, self.template, self.work / "c.docx"))
        sources = [*own, *(p.source for p in self.words)]
        outdir = self.work / "pdf"
        converted = convert_to_pdf(
            sources,
            outdir,
            required=len(own),
            office=office,
            on_done=lambda n: self._converted(n, outdir / f"{sources[n].stem}.pdf"),
        )
        made = converted[len(own) :]
        failed = [part for part, pdf in zip(self.words, made, strict=True) if pdf is None]
        if failed:
            self._name_instead(failed)
        assert self.agenda is not None, "convert_to_pdf raises when the agenda fails"
        return self.agenda

    def _converted(self, n: int, pdf: Path) -> None:
        """LibreOffice is done with source ``n``: read it, and merge what is complete."""
        if self._while_converting is not None:
            waiting, self._while_converting = self._while_converting, None
            waiting()
        if not pdf.is_file() or pdf.stat().st_size == 0:
            return  # convert_to_pdf reports it when the run ends
        reader = read_pdf(pdf)
        if n == 0:
            self.agenda = reader
            return
        if n == 1:
            mark_row_headers(reader)  # the covers' label column, for screen readers
            self.covers = reader
            find_cover_pages(reader, self.entries)
        else:
            part = self.words[n - 2]
            part.reader, part.pages = reader, len(reader.pages)
        self.merger.add_ready(self.covers, self.entries)

    def _name_instead(self, failed: list[Part]) -> None:
        """Papers LibreOffice could not convert are named on their covers instead: the
        covers are converted again and everything merged afresh (a rare, slower path)."""
        for entry in self.entries:
            for part in [p for p in entry.parts if any(p is f for f in failed)]:
                entry.parts.remove(part)
                name_instead(entry, part.info, "could not be converted to PDF by LibreOffice")
        covers = write_covers(self.record, self.entries, self.template, self.work / "c-named.docx")
        (redone,) = convert_to_pdf([covers], self.work / "pdf")
        self.covers = read_pdf(redone)
        mark_row_headers(self.covers)
        find_cover_pages(self.covers, self.entries)
        self.merger = PackMerger()
        self.merger.add_ready(self.covers, self.entries)


def numbered_agenda(
    record: MeetingRecord,
    entries: list[PaperEntry],
    template: Path | str | None,
    work: Path,
    first: PdfReader,
    office: OfficeServer,
) -> PdfReader:
    """The agenda converted again with the real page numbers (until its length holds), by
    the LibreOffice that did the first run (so without a second start-up)."""
    agenda = first
    for attempt in range(1, AGENDA_PASSES + 1):
        pages = page_references(entries, len(agenda.pages))
        docx_path = write_agenda(record, template, pages, work / f"agenda-{attempt}.docx")
        (pdf,) = convert_to_pdf([docx_path], work / "pdf", office=office)
        numbered = read_pdf(pdf)
        if len(numbered.pages) == len(agenda.pages):
            return numbered
        agenda = numbered
    return agenda


def closed_paper_pages(record: MeetingRecord, entries: Sequence[PaperEntry]) -> dict[int, str]:
    """0-based pack page -> the closed-paper marking, for each page of a closed item's
    cover sheet and files (as laid out when the agenda was merged)."""
    pages: dict[int, str] = {}
    for entry in entries:
        marking = ". ".join(closed_paper_marking(record, entry.item))
        if not marking:
            continue
        cover = entry.cover_pages[1] - entry.cover_pages[0]
        end = entry.start + cover + sum(part.pages for part in entry.parts)
        pages.update(dict.fromkeys(range(entry.start, end), marking))
    return pages


def check_papers(stored: Sequence[tuple[PaperEntry, dto.PaperFileInfo, bytes]]) -> None:
    """Warn of each accessibility problem of the papers' files (as stored), in pack order."""
    problems = [
        problem
        for entry, info, data in stored
        for problem in file_problems(info, data, paper_place(entry.item, entry.paper, info))
    ]
    warn_problems(problems)


def build_pdf_pack(
    services: Services,
    meeting_id: int,
    out: Path,
    *,
    public: bool = False,
    template: Path | str | None = None,
    progress: Progress | None = None,
    check_accessibility: bool = False,
) -> Path:
    """Write the meeting's agenda pack as one PDF to ``out`` (atomically); returns the path.

    With ``check_accessibility`` its papers' accessibility problems are issued as
    :class:`~scbmeet.exports.accessibility_check.AccessibilityWarning` (checked while
    LibreOffice converts, so the check costs no time of its own).
    """
    report = progress or (lambda _percent, _message: None)
    soffice = find_soffice()
    record = MeetingRecord(services, meeting_id, public=public)
    # One LibreOffice, started ahead (by the command line, or here: it starts up while the
    # papers are gathered), takes both conversions.
    with (
        office_for(soffice) as office,
        tempfile.TemporaryDirectory(prefix="scbmeet-pdf-pack-") as folder,
    ):
        office.start()
        work = Path(folder)
        report(5, "Gathering the papers…")
        entries = [PaperEntry(item, paper) for item, paper in record.papers]
        stored = [
            (entry, info, data)
            for index, entry in enumerate(entries)
            for info, data in plan_paper(services, entry, work, index, public=public)
        ]
        first = FirstPass(record, entries, template, work)
        report(15, f"Converting the agenda, cover sheets and {len(first.words)} Word papers…")
        agenda = first.run(office, (lambda: check_papers(stored)) if check_accessibility else None)
        report(80, "Numbering the agenda's page references…")
        if entries:
            agenda = numbered_agenda(record, entries, template, work, agenda, office)
        report(90, "Adding the agenda and the bookmarks…")
        writer = first.merger.add_agenda(agenda, entries, record.agenda)
        append_plan_pdf(first.merger, services, meeting_id, public=public, template=template)
        first.merger.finish()
        closed = not public and bool(record.top_items(closed=True))
        stamp_pages(
            writer, NOT_FOR_PUBLICATION if closed else "", closed_paper_pages(record, entries)
        )
        public_part = " (public version)" if public else ""
        title = f"Agenda pack{public_part}: {record.board.name}, {long_date(record.meeting.date)}"
        set_document_facts(writer, title)
        writer.add_metadata({"/Author": record.board.name})
        writer.page_mode = "/UseOutlines"
        report(95, "Saving…")
        return save_pdf(writer, out)

"""The agenda pack as ONE PDF, the way councils publish it.

The agenda, then each paper's cover sheet (the Word pack's, :func:`scbmeet.exports.pack.render_cover`)
followed by its files in order: Word papers converted by LibreOffice with their own page
set-up, PDF papers and appendices merged in place, anything else named on the cover as
enclosed separately. Every item and paper has a bookmark (a paper's own headings sit
under it), the agenda says on which page each item's papers start, and every page is
numbered. The public pack is built from the public record, so closed business is never in it.

Everything is converted in one LibreOffice run (agenda, all cover sheets in one document,
every Word paper); the agenda is converted once more when the page numbers are known.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import IndirectObject

from scbmeet.domain.dto import long_date
from scbmeet.exports.agenda import item_number, render_agenda, set_agenda_properties
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
from scbmeet.exports.pdf_pages import stamp_pages
from scbmeet.exports.pdf_papers import PaperEntry, layout, name_instead, plan_paper, read_pdf
from scbmeet.exports.pdf_tags import TagMerger
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
    for table in writer.document.tables:
        for row in table.rows[1:]:
            cells = row.cells
            number = cells[0].text.strip() if len(cells) > 1 else ""
            if number in pages:
                paragraph = cells[1].paragraphs[0]
                paragraph.add_run(f" (page {pages[number]})")


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


def _convert_all(
    record: MeetingRecord,
    entries: list[PaperEntry],
    template: Path | str | None,
    work: Path,
) -> tuple[Path, Path | None]:
    """First pass: agenda (placeholder page numbers), covers and Word papers in one run."""
    placeholder = {item_number(e.item): PLACEHOLDER_PAGE for e in entries}
    agenda = write_agenda(record, template, placeholder, work / "agenda-0.docx")
    sources = [agenda]
    covers = write_covers(record, entries, template, work / "covers.docx") if entries else None
    if covers is not None:
        sources.append(covers)
    words = [p for e in entries for p in e.parts if p.source.suffix.lower() != ".pdf"]
    converted = convert_to_pdf(
        [*sources, *(p.source for p in words)], work / "pdf", required=len(sources)
    )
    pdfs = dict(zip((p.source for p in words), converted[len(sources) :], strict=True))
    failed = False
    for entry in entries:
        for part in list(entry.parts):
            pdf = pdfs.get(part.source, part.source)
            if pdf is None:
                entry.parts.remove(part)
                name_instead(entry, part.info, "could not be converted to PDF by LibreOffice")
                failed = True
                continue
            part.reader = read_pdf(pdf)
            part.pages = len(part.reader.pages)
    if failed:  # the covers must now name what is missing
        covers = write_covers(record, entries, template, work / "covers-named.docx")
        (redone,) = convert_to_pdf([covers], work / "pdf")
        return _required(converted[0]), redone
    agenda = _required(converted[0])
    return agenda, _required(converted[1]) if covers is not None else None


def _required(path: Path | None) -> Path:
    assert path is not None, "convert_to_pdf raises when a required file fails"
    return path


def _numbered_agenda(
    record: MeetingRecord,
    entries: list[PaperEntry],
    template: Path | str | None,
    work: Path,
    first: PdfReader,
    while_converting: Callable[[], None],
) -> PdfReader:
    """The agenda converted again with the real page numbers (until its length holds).

    ``while_converting`` runs meanwhile: LibreOffice works in its own process, so the
    papers can be merged in the time the agenda takes.
    """
    agenda = first
    for attempt in range(1, AGENDA_PASSES + 1):
        pages = page_references(entries, len(agenda.pages))
        docx_path = write_agenda(record, template, pages, work / f"agenda-{attempt}.docx")
        with ThreadPoolExecutor(1) as pool:
            converting = pool.submit(convert_to_pdf, [docx_path], work / "pdf")
            while_converting()
            (pdf,) = converting.result()
        while_converting = _nothing
        numbered = read_pdf(pdf)
        if len(numbered.pages) == len(agenda.pages):
            return numbered
        agenda = numbered
    return agenda


def _nothing() -> None:
    return None


class PackMerger:
    """Puts the pack together in one PDF: the cover sheets and papers first (while the
    agenda is being numbered), then the agenda in front of them and every bookmark."""

    def __init__(self) -> None:
        self.writer = PdfWriter()
        self.tags = TagMerger(self.writer)

    def append(self, reader: PdfReader, pages: tuple[int, int] | None = None) -> None:
        first, end = pages or (0, len(reader.pages))
        at = len(self.writer.pages)
        self.writer.append(reader, pages=(first, end), import_outline=False)
        self.tags.appended(reader, first, end, at)

    def add_body(self, covers: PdfReader | None, entries: Sequence[PaperEntry]) -> None:
        for entry in entries:
            assert covers is not None
            self.append(covers, entry.cover_pages)
            for part in entry.parts:
                assert part.reader is not None
                self.append(part.reader)
        self.tags.clone_pending()

    def add_agenda(self, agenda: PdfReader, entries: Sequence[PaperEntry]) -> PdfWriter:
        """The agenda in front, then a bookmark for it and each item, paper and file."""
        self.writer.merge(0, agenda, import_outline=False)
        self.tags.appended(agenda, 0, len(agenda.pages), 0, front=True)
        layout(entries, len(agenda.pages))
        writer = self.writer
        writer.add_outline_item(title="Agenda", page_number=0)
        items: dict[int, IndirectObject] = {}
        for entry in entries:
            item = entry.item
            if item.id not in items:
                number = f"{item_number(item)} " if item.number else ""
                items[item.id] = writer.add_outline_item(
                    title=f"{number}{item.title}", page_number=entry.start
                )
            paper_mark = writer.add_outline_item(
                title=entry.paper.title, page_number=entry.start, parent=items[item.id]
            )
            for part in entry.parts:
                assert part.reader is not None
                role = "Appendix: " if part.info.role == "appendix" else ""
                file_mark = writer.add_outline_item(
                    title=f"{role}{part.info.filename}", page_number=part.start, parent=paper_mark
                )
                _copy_headings(writer, part.reader, part.reader.outline, part.start, file_mark)
        self.tags.finish()
        return writer


def _copy_headings(
    writer: PdfWriter, reader: PdfReader, outline: list, offset: int, parent: IndirectObject
) -> None:
    """A paper's own bookmarks (its headings), one level below the paper's."""
    last = parent
    for entry in outline:
        if isinstance(entry, list):
            _copy_headings(writer, reader, entry, offset, last)
            continue
        page = reader.get_destination_page_number(entry)
        if page is None or page < 0:
            continue
        last = writer.add_outline_item(
            title=str(entry.title), page_number=offset + page, parent=parent, is_open=False
        )


def build_pdf_pack(
    services: Services,
    meeting_id: int,
    out: Path,
    *,
    public: bool = False,
    template: Path | str | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the meeting's agenda pack as one PDF to ``out`` (atomically); returns the path."""
    report = progress or (lambda _percent, _message: None)
    find_soffice()
    record = MeetingRecord(services, meeting_id, public=public)
    with tempfile.TemporaryDirectory(prefix="scbmeet-pdf-pack-") as folder:
        work = Path(folder)
        report(5, "Gathering the papers…")
        entries = [PaperEntry(item, paper) for item, paper in record.papers]
        for index, entry in enumerate(entries):
            plan_paper(services, entry, work, index, public=public)
        words = sum(1 for e in entries for p in e.parts if p.source.suffix.lower() != ".pdf")
        report(15, f"Converting the agenda, cover sheets and {words} Word papers to PDF…")
        first_agenda, covers_pdf = _convert_all(record, entries, template, work)
        covers = read_pdf(covers_pdf) if covers_pdf else None
        if covers is not None:
            find_cover_pages(covers, entries)
        report(70, "Numbering the agenda's page references and merging the papers…")
        merger = PackMerger()
        agenda = read_pdf(first_agenda)
        if entries:
            agenda = _numbered_agenda(
                record,
                entries,
                template,
                work,
                agenda,
                while_converting=lambda: merger.add_body(covers, entries),
            )
        report(90, "Adding the agenda and the bookmarks…")
        writer = merger.add_agenda(agenda, entries)
        append_plan_pdf(writer, services, meeting_id, public=public, template=template)
        closed = not public and bool(record.top_items(closed=True))
        stamp_pages(writer, NOT_FOR_PUBLICATION if closed else "")
        public_part = " (public version)" if public else ""
        title = f"Agenda pack{public_part}: {record.board.name}, {long_date(record.meeting.date)}"
        set_document_facts(writer, title)
        writer.add_metadata({"/Author": record.board.name})
        writer.page_mode = "/UseOutlines"
        report(95, "Saving…")
        return save_pdf(writer, out)

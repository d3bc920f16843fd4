"""Putting the PDF pack together: pages, tags and bookmarks.

:class:`PackMerger` takes each paper's cover sheet and files as soon as they are converted
(so the merging overlaps LibreOffice's work), then the agenda in front of them, and writes
the bookmarks: the agenda, each item (a sub-item's under its item; one with no paper at the
agenda page that lists it), each paper under its item, each file under its paper, and a
paper's own headings one level below its file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pypdf import PdfReader, PdfWriter
from pypdf.generic import IndirectObject

from scbmeet.domain import dto
from scbmeet.exports.agenda import item_number
from scbmeet.exports.pdf_papers import PaperEntry, layout
from scbmeet.exports.pdf_tags import TagMerger


class PackMerger:
    """The pack in one PDF: the papers (each cover sheet, then its files) as they become
    ready, then the agenda in front of them and every bookmark."""

    def __init__(self) -> None:
        self.writer = PdfWriter()
        self.tags = TagMerger(self.writer)
        self.merged = 0  # entries merged so far

    def append(self, reader: PdfReader, pages: tuple[int, int] | None = None) -> None:
        first, end = pages or (0, len(reader.pages))
        at = len(self.writer.pages)
        self.writer.append(reader, pages=(first, end), import_outline=False)
        self.tags.appended(reader, first, end, at)

    def add_ready(self, covers: PdfReader | None, entries: Sequence[PaperEntry]) -> None:
        """Merge, in order, every further entry whose cover and files are all converted."""
        while self.merged < len(entries):
            entry = entries[self.merged]
            if covers is None or any(part.reader is None for part in entry.parts):
                return
            self.append(covers, entry.cover_pages)
            for part in entry.parts:
                assert part.reader is not None
                self.append(part.reader)
            self.tags.clone_pending()
            self.merged += 1

    def add_agenda(
        self,
        agenda: PdfReader,
        entries: Sequence[PaperEntry],
        items: Sequence[dto.AgendaItemInfo],
    ) -> PdfWriter:
        """The agenda in front, then a bookmark for it and each item, paper and file (then
        :meth:`finish`)."""
        self.writer.merge(0, agenda, import_outline=False)
        self.tags.appended(agenda, 0, len(agenda.pages), 0, front=True)
        layout(entries, len(agenda.pages))
        writer = self.writer
        writer.add_outline_item(title="Agenda", page_number=0)
        marks = ItemMarks(writer, items)
        papered = {entry.item.id for entry in entries}
        listed_on = agenda_pages(agenda)
        unpapered = iter(item for item in items if item.id not in papered)
        pending = next(unpapered, None)
        for entry in entries:
            # An item with no paper is bookmarked at its agenda page, in agenda order.
            while pending is not None and _before(items, pending, entry.item):
                marks.listed(pending, listed_on(pending.title))
                pending = next(unpapered, None)
            paper_mark = writer.add_outline_item(
                title=entry.paper.title, page_number=entry.start, parent=marks.of(entry)
            )
            for part in entry.parts:
                assert part.reader is not None
                role = "Appendix: " if part.info.role == "appendix" else ""
                file_mark = writer.add_outline_item(
                    title=f"{role}{part.info.filename}", page_number=part.start, parent=paper_mark
                )
                _copy_headings(writer, part.reader, part.reader.outline, part.start, file_mark)
        while pending is not None:
            marks.listed(pending, listed_on(pending.title))
            pending = next(unpapered, None)
        return writer

    def finish(self) -> PdfWriter:
        """Join the tags of every part (the plan appendix's too, appended after the agenda)."""
        self.tags.finish()
        return self.writer


def _before(
    items: Sequence[dto.AgendaItemInfo], one: dto.AgendaItemInfo, other: dto.AgendaItemInfo
) -> bool:
    """Whether ``one`` comes before ``other`` on the agenda."""
    order = {item.id: n for n, item in enumerate(items)}
    return order.get(one.id, 0) < order.get(other.id, 0)


def agenda_pages(agenda: PdfReader) -> Callable[[str], int]:
    """The agenda page (0-based) on which a title is first printed (the first if none)."""
    texts = [" ".join((page.extract_text() or "").split()) for page in agenda.pages]

    def page_of(title: str) -> int:
        words = " ".join(title.split())
        return next((n for n, text in enumerate(texts) if words in text), 0)

    return page_of


class ItemMarks:
    """The bookmark of each item, made when its first paper is bookmarked; a sub-item's
    sits under its item's (made for it, at the same page, when the item has no paper)."""

    def __init__(self, writer: PdfWriter, items: Sequence[dto.AgendaItemInfo]) -> None:
        self.writer = writer
        self.items = {item.id: item for item in items}
        self.marks: dict[int, IndirectObject] = {}

    def of(self, entry: PaperEntry) -> IndirectObject:
        return self._mark(entry.item, entry.start)

    def listed(self, item: dto.AgendaItemInfo, page: int) -> None:
        """The bookmark of an item with no paper: the agenda page that lists it."""
        self._mark(item, page)

    def _mark(self, item: dto.AgendaItemInfo, page: int) -> IndirectObject:
        if item.id not in self.marks:
            parent = self.items.get(item.parent_id) if item.parent_id is not None else None
            number = f"{item_number(item)} " if item.number else ""
            self.marks[item.id] = self.writer.add_outline_item(
                title=f"{number}{item.title}",
                page_number=page,
                parent=self._mark(parent, page) if parent is not None else None,
            )
        return self.marks[item.id]


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

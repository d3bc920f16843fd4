"""The Word pack's agenda says on which page of the pack each item's papers start.

The PDF pack prints "(page N)" after each item's title (its first paper's cover sheet
starts on page N); the Word pack gives the same words in the same place, but lets Word
find N: each paper's cover heading carries a bookmark, and the agenda's N is a PAGEREF
field to the bookmark of the item's first paper, so the number follows Word's (or
LibreOffice's) own pagination, whatever fonts, printer or edits it meets.

A field also carries the result last shown, for readers that never update fields (a
phone's viewer, Word told not to). The Word route cannot lay pages out, so that result
is the page the paper would start on if the agenda took one page, each cover sheet one
and each Word paper the pages its file says it has (Word records them on saving): an
estimate, right for short agendas and one-page covers (a paper that follows on from its
cover shares the cover's page). The pack asks Word to update its
fields on opening (``w:updateFields``); LibreOffice works page references out as it lays
the document out, so it always shows the true page.

The public pack is built from the public record: closed papers have no cover in it, so
no bookmark and no reference; a bookmark is named by the paper's id, never its title.
"""

from __future__ import annotations

import io
import re
import zipfile

from docx.document import Document
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.text.paragraph import Paragraph

from scbmeet.domain import dto
from scbmeet.exports import ooxml
from scbmeet.exports.agenda import PAGE_REFERENCE, agenda_title_paragraphs, item_number
from scbmeet.exports.writer import WordWriter, add_text

BOOKMARK_PREFIX = "_PackPaper"  # "_": a hidden bookmark, as Word names its own (_Toc, _Ref)
AGENDA_PAGES = 1  # the estimate's agenda length (see module)
# What follows w:updateFields in w:settings (ECMA-376 part 1, 17.15.1.78), by local name.
AFTER_UPDATE_FIELDS = frozenset(
    [
        "hdrShapeDefaults",
        "footnotePr",
        "endnotePr",
        "compat",
        "docVars",
        "rsids",
        "mathPr",
        "attachedSchema",
        "themeFontLang",
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        "schemaLibrary",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
    ]
)
_PAGES = re.compile(rb"<(?:\w+:)?Pages>\s*(\d+)\s*</(?:\w+:)?Pages>")


def bookmark_name(paper: dto.PaperInfo) -> str:
    return f"{BOOKMARK_PREFIX}{paper.id}"


def pages_in_pack(paper: Document, data: bytes) -> int:
    """The pages a Word paper (as made fit for the pack, its file ``data``) adds to the
    pack: the pages it was saved with, one fewer when it follows on from its cover."""
    first = paper.element.body.find(f".//{qn('w:sectPr')}")
    kind = first.find(qn("w:type")) if first is not None else None
    follows_on = kind is not None and kind.get(qn("w:val")) == "continuous"
    return saved_pages(data) - (1 if follows_on else 0)


def saved_pages(data: bytes) -> int:
    """The pages a Word file had when last saved (docProps/app.xml), or 1 if it says not."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            app = archive.read("docProps/app.xml")[:100_000]
    except (KeyError, zipfile.BadZipFile, OSError):
        return 1
    found = _PAGES.search(app)
    return max(int(found.group(1)), 1) if found else 1


class PageReferences:
    """Collects each paper's cover heading and estimated length while the pack is written,
    then bookmarks the headings and puts the references in the agenda (:meth:`finish`).

    Made right after the agenda is written, so that only the agenda's own tables are read.
    """

    def __init__(self, writer: WordWriter) -> None:
        self.writer = writer
        # An unnumbered item's row cannot be told from another's: it gets no reference.
        self._titles: dict[str, Paragraph] = {
            number: p for number, p in agenda_title_paragraphs(writer) if number
        }
        self._papers: list[tuple[dto.AgendaItemInfo, dto.PaperInfo, CT_P]] = []
        self._pages: list[int] = []  # each paper's estimated pages, its cover's included

    def paper_start(self, item: dto.AgendaItemInfo, paper: dto.PaperInfo, heading: CT_P) -> None:
        """The paper's cover sheet, headed by ``heading``, starts a page here."""
        self._papers.append((item, paper, heading))
        self._pages.append(1)

    def paper_pages(self, pages: int) -> None:
        """The paper being added has ``pages`` more pages (a Word file appended)."""
        self._pages[-1] += pages

    def finish(self) -> None:
        """Bookmark every paper's heading (ids above any the papers brought); reference
        each item's first paper in the agenda; ask Word to update fields on opening."""
        document = self.writer.document
        next_id = _free_bookmark_id(document)
        start = AGENDA_PAGES + 1
        cited: set[str] = set()
        for (item, paper, heading), pages in zip(self._papers, self._pages, strict=True):
            name = bookmark_name(paper)
            add_bookmark(heading, name, next_id)
            next_id += 1
            number = item_number(item)
            if number in self._titles and number not in cited:
                cited.add(number)
                add_page_reference(self._titles[number], name, start)
            start += pages
        if cited:
            update_fields_on_open(document)


def _free_bookmark_id(document: Document) -> int:
    ids = [
        int(value)
        for value in document.element.body.xpath(".//w:bookmarkStart/@w:id")
        if str(value).lstrip("-").isdigit()
    ]
    return max(ids, default=0) + 1


def add_bookmark(p: CT_P, name: str, bookmark_id: int) -> None:
    """A bookmark around the whole of paragraph ``p``'s content."""
    start = ooxml.element("w:bookmarkStart", id=str(bookmark_id), name=name)
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        p.insert(0, start)
    else:
        ppr.addnext(start)
    p.append(ooxml.element("w:bookmarkEnd", id=str(bookmark_id)))


def add_page_reference(title: Paragraph, bookmark: str, estimate: int) -> None:
    """ "(page N)" after the title, N a PAGEREF field to ``bookmark`` showing ``estimate``
    until it is updated; held to the title as the PDF pack holds it."""
    before, after = PAGE_REFERENCE.split("{}")
    p = title._p
    add_text(p, before)
    for run in ooxml.field_runs(f"PAGEREF {bookmark} \\h", str(estimate)):
        p.append(run)
    add_text(p, after)


def update_fields_on_open(document: Document) -> None:
    """``w:updateFields`` in the settings: Word updates the fields when it opens the pack."""
    settings = document.settings.element
    flag = ooxml.element("w:updateFields", val="true")
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    for child in settings:
        if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] in AFTER_UPDATE_FIELDS:
            child.addprevious(flag)
            return
    settings.append(flag)

"""Headers of the papers in a Word pack: even-page ones, and a closed paper's marking.

Word shows a section's even-page header only when the whole document says so (the
``evenAndOddHeaders`` setting), and a paper brings its sections but not its settings.
So a paper that uses even-page headers marks its sections (:func:`mark_even_pages`), and
:func:`keep_even_pages` turns the setting on for the pack and gives every other section
(the agenda, the cover sheets, papers with one header for all pages) even-page headers and
footers that are its own default ones, so nothing else changes.

A paper's first section may turn on a first-page header and footer without defining them
(a title page): Word would then show whatever first-page header and footer came before it
in the pack, another paper's. :func:`mark_paper_start` and :func:`first_pages_from_pack`
give such a first page the pack's own header and footer instead (its page number too).

A closed-session paper brings its own headers ("OFFICIAL - SENSITIVE"), which would take
the place of the pack's "Not for publication" on its pages; :func:`mark_closed_pages` puts
the marking atop every header the paper's pages show, above the paper's own words.

A paper's own footers likewise take the place of the pack's page number, which a reader
needs on every page to find "page N" (the PDF pack's agenda cites them; a chair says
"page 14"): :func:`number_paper_pages` puts the pack's footer line under the paper's own
footer words, in every footer its pages show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from docx.document import Document
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.section import Section, _BaseHeaderFooter
from lxml import etree

from scbmeet.exports import ooxml
from scbmeet.exports.paper_content import shows_first_page

EVEN_MARK = "scbmeet-even-pages"  # on a paper's sectPr on its way into the pack; removed
PAPER_MARK = "scbmeet-paper"  # "start" on a paper's first sectPr, "1" on its others; removed
KINDS = (qn("w:headerReference"), qn("w:footerReference"))


@dataclass(frozen=True)
class _StoryKind:
    """Headers or footers: their reference element and a section's attribute names."""

    reference: str
    default: str
    first_page: str
    even_page: str


HEADERS = _StoryKind(KINDS[0], "header", "first_page_header", "even_page_header")
FOOTERS = _StoryKind(KINDS[1], "footer", "first_page_footer", "even_page_footer")
TYPE, R_ID = qn("w:type"), qn("r:id")


def mark_even_pages(paper: Document) -> bool:
    """Mark the sections of a paper that uses even-page headers; drop the even-page
    headers Word would not show (the setting off). Returns whether it uses them."""
    uses = bool(paper.settings.odd_and_even_pages_header_footer)
    for sect in paper.element.body.iter(qn("w:sectPr")):
        if uses:
            sect.set(EVEN_MARK, "1")
            continue
        for ref in [r for r in sect if r.tag in KINDS and r.get(TYPE) == "even"]:
            sect.remove(ref)
    return uses


def keep_even_pages(pack: Document, *, used: bool) -> None:
    """Turn even-page headers on for the pack when a paper ``used`` them (see module)."""
    body = pack.element.body
    sections = [*body.iter(qn("w:sectPr"))]  # in document order, the body's last
    if used:
        pack.settings.odd_and_even_pages_header_footer = True
        in_force: dict[tuple[str, str], str] = {}  # (kind, type) -> r:id Word would use
        for sect in sections:
            for ref in (r for r in sect if r.tag in KINDS):
                in_force[(ref.tag, ref.get(TYPE, "default"))] = ref.get(R_ID, "")
            if sect.get(EVEN_MARK) is None:
                _even_as_default(sect, in_force)
    for sect in sections:
        sect.attrib.pop(EVEN_MARK, None)


def _even_as_default(sect: etree._Element, in_force: dict[tuple[str, str], str]) -> None:
    for kind in KINDS:
        for ref in [r for r in sect if r.tag == kind and r.get(TYPE) == "even"]:
            sect.remove(ref)
        default = in_force.get((kind, "default"))
        if not default:
            continue
        _add_reference(sect, kind, "even", default)
        in_force[(kind, "even")] = default


def _add_reference(sect: etree._Element, kind: str, page_type: str, r_id: str) -> None:
    """A header (or footer) reference of ``page_type`` ("even", "first") to ``r_id``."""
    name = "w:headerReference" if kind == KINDS[0] else "w:footerReference"
    reference = ooxml.element(name, type=page_type)
    reference.set(R_ID, r_id)
    sect.insert(_after_references(sect), reference)


def _after_references(sect: etree._Element) -> int:
    """Header and footer references come first in a sectPr: the index after them."""
    return sum(1 for child in sect if child.tag in KINDS)


def mark_paper_start(paper: Document) -> None:
    """Mark the paper's sections (its first as its start) for :func:`first_pages_from_pack`."""
    for n, sect in enumerate(paper.element.body.iter(qn("w:sectPr"))):
        sect.set(PAPER_MARK, "1" if n else "start")


def first_pages_from_pack(pack: Document) -> None:
    """A paper whose first section shows a first-page header or footer it does not define
    gets the pack's own (the last pack section's default) there; the marks go."""
    pack_default: dict[str, str] = {}  # kind -> r:id of the pack's own default
    for sect in pack.element.body.iter(qn("w:sectPr")):
        mark = sect.attrib.pop(PAPER_MARK, None)
        if mark is None:
            for ref in (r for r in sect if r.tag in KINDS and r.get(TYPE, "default") == "default"):
                pack_default[ref.tag] = ref.get(R_ID, "")
            continue
        if mark != "start" or not shows_first_page(sect):
            continue
        for kind in KINDS:
            if pack_default.get(kind) and not any(
                r.tag == kind and r.get(TYPE) == "first" for r in sect
            ):
                _add_reference(sect, kind, "first", pack_default[kind])


def mark_closed_pages(paper: Document, marking: Callable[[], list[CT_P]]) -> int:
    """Put the ``marking()`` paragraphs first in every header the paper's pages show (default,
    first-page, even-page, in every section); returns how many headers were marked.

    A section whose header is linked to the previous one shows that one (marked once); the
    paper's first section gets headers of its own where it has none, so none of its pages
    falls back on the cover sheet's header or shows no header at all.
    """
    shown = _stories_shown(paper, HEADERS)
    for element in shown:
        for n_line, line in enumerate(marking()):
            element.insert(n_line, line)
    return len(shown)


def number_paper_pages(paper: Document, page_number: Callable[[], CT_P]) -> int:
    """Put a ``page_number()`` paragraph (the pack's footer line) last in every footer the
    paper's pages show (default, first-page, even-page, in every section), under the
    paper's own words; returns how many footers were numbered.

    Every page must show the pack's page number, and a paper's own footer would otherwise
    take its place. A section whose footer is linked to the previous one shows that one
    (numbered once); the paper's first section gets footers of its own where it has none.
    """
    shown = _stories_shown(paper, FOOTERS)
    for element in shown:
        element.append(page_number())
    return len(shown)


def _stories_shown(paper: Document, kind: _StoryKind) -> list[etree._Element]:
    """The header or footer definitions (``kind``) the paper's pages show, once each.

    References to parts the file lost go first (the pack drops them anyway). Where the
    paper's first section has none of its own, python-docx adds an empty one: it is
    emptied of its blank line, so that only what the pack puts in shows.
    """
    uses_even = bool(paper.settings.odd_and_even_pages_header_footer)
    for ref in list(paper.element.body.iter(kind.reference)):
        if ref.get(R_ID) not in paper.part.rels:
            ref.getparent().remove(ref)
    seen: set[str] = set()
    shown: list[etree._Element] = []
    for n, section in enumerate(paper.sections):
        for story in _shown_in(section, uses_even, kind):
            added = n == 0 and story.is_linked_to_previous  # before .part, which adds it
            part = story.part  # the definition in force: this section's or an earlier one's
            if str(part.partname) in seen:
                continue
            seen.add(str(part.partname))
            if added:
                for child in list(part.element):
                    part.element.remove(child)
            shown.append(part.element)
    return shown


def _shown_in(section: Section, uses_even: bool, kind: _StoryKind) -> list[_BaseHeaderFooter]:
    """The headers or footers a section's pages show: its default, first-page, even ones."""
    stories: list[_BaseHeaderFooter] = [getattr(section, kind.default)]
    if section.different_first_page_header_footer:
        stories.append(getattr(section, kind.first_page))
    if uses_even:
        stories.append(getattr(section, kind.even_page))
    return stories

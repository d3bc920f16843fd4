"""Page-number footers whose tab stop follows each section's own page width and margins.

The footer line ("Agenda pack, 7 December 2026<tab>Page 3 of 40") carries its page
number to the right margin with a right tab stop at the text width. One footer part may
be shown by sections of different widths: the pack's portrait pages and its landscape plan
appendix share the pack's footer, and a paper's portrait footer runs on into its
landscape section. One tab stop cannot serve both (a landscape page's number sat mid-page).

So the page-number paragraphs are marked as they are written (:func:`mark`), and before
the document is saved :func:`fit_footer_tabs` walks its sections in order: each section's
footers (its own or the ones it inherits) have their marked paragraphs' right tab at that
section's right margin, a copy of the footer taking the place of one that a section of
another width already uses. The marks go.
"""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.parts.hdrftr import FooterPart
from lxml import etree

from scbmeet.exports import ooxml

MARK = "scbmeet-page-footer"  # on a page-number paragraph until the document is saved
FOOTER_REF, TYPE, R_ID = qn("w:footerReference"), qn("w:type"), qn("r:id")
REFERENCES = (qn("w:headerReference"), FOOTER_REF)
WORD_DEFAULTS = {"w": 12240, "left": 1440, "right": 1440, "gutter": 0}  # Letter, 1in margins
MIN_TEXT_WIDTH_TWIPS = 2000


def mark(p: etree._Element) -> None:
    """Mark a page-number paragraph, so its right tab stop follows the section it is shown in."""
    p.set(MARK, "1")


def text_width(sect: etree._Element) -> int:
    """The width between a section's margins (and gutter), in twips."""

    def twips(tag: str, name: str) -> int:
        element = sect.find(qn(tag))
        value = element.get(qn(f"w:{name}")) if element is not None else None
        try:
            return int(value) if value is not None else WORD_DEFAULTS[name]
        except ValueError:  # "1440.0" or worse in a damaged file: Word's default
            return WORD_DEFAULTS[name]

    width = twips("w:pgSz", "w")
    width -= twips("w:pgMar", "left") + twips("w:pgMar", "right") + twips("w:pgMar", "gutter")
    return max(width, MIN_TEXT_WIDTH_TWIPS)


def fit_footer_tabs(document: Document) -> None:
    """Give every section footers whose page-number tab sits at its own right margin."""
    rels = document.part.rels
    in_force: dict[str, str] = {}  # page type ("default", "first", "even") -> r:id shown
    fitted: dict[str, int] = {}  # r:id -> the text width its tab is set for
    at_width: dict[tuple[str, int], str] = {}  # (original r:id, width) -> r:id shown there
    original: dict[str, str] = {}  # r:id of a copy (or an original) -> its original's
    for sect in document.element.body.iter(qn("w:sectPr")):
        width = text_width(sect)
        for ref in sect.findall(FOOTER_REF):
            in_force[ref.get(TYPE, "default")] = ref.get(R_ID, "")
        for page_type, r_id in list(in_force.items()):
            if r_id not in rels or not _marked(rels[r_id].target_part.element):
                continue
            base = original.setdefault(r_id, r_id)
            if (base, width) not in at_width:
                own = fitted.setdefault(base, width) == width
                at_width[(base, width)] = (
                    base if own else _copy_footer(document, rels[base].target_part)
                )
            shown = at_width[(base, width)]
            original[shown], fitted[shown] = base, width
            if shown != r_id:
                in_force[page_type] = shown
                _refer(sect, page_type, shown)
    for r_id, width in fitted.items():
        _set_right_tabs(rels[r_id].target_part.element, width)
    for part in document.part.package.iter_parts():
        if isinstance(part, FooterPart):
            for p in part.element.iter(qn("w:p")):
                p.attrib.pop(MARK, None)


def _marked(root: etree._Element) -> bool:
    return any(p.get(MARK) is not None for p in root.iter(qn("w:p")))


def _set_right_tabs(root: etree._Element, width: int) -> None:
    for p in root.iter(qn("w:p")):
        if p.get(MARK) is None:
            continue
        for tab in p.iterfind(f"{qn('w:pPr')}/{qn('w:tabs')}/{qn('w:tab')}"):
            if tab.get(qn("w:val")) == "right":
                tab.set(qn("w:pos"), str(width))


def _copy_footer(document: Document, source: Part) -> str:
    """A copy of a footer part (its pictures shared); returns its relationship id."""
    package = document.part.package
    partname = package.next_partname("/word/footer%d.xml")
    story = FooterPart.load(partname, source.content_type, source.blob, package)
    for rel in source.rels.values():
        target = rel.target_ref if rel.is_external else rel.target_part
        story.rels.add_relationship(rel.reltype, target, rel.rId, rel.is_external)
    return str(document.part.relate_to(story, RT.FOOTER))


def _refer(sect: etree._Element, page_type: str, r_id: str) -> None:
    """Point the section's footer of ``page_type`` at ``r_id`` (adding the reference)."""
    for ref in sect.findall(FOOTER_REF):
        if ref.get(TYPE, "default") == page_type:
            ref.set(R_ID, r_id)
            return
    reference = ooxml.element("w:footerReference", type=page_type)
    reference.set(R_ID, r_id)
    sect.insert(sum(1 for child in sect if child.tag in REFERENCES), reference)

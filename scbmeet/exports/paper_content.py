"""What a Word paper brings into the pack, made fit to go in.

An officer's report arrives as it was last edited: with tracked changes (a deleted run
may still hold what was struck out, "names of victims"), review comments, embedded OLE
objects (a whole spreadsheet behind a picture), hyperlinks and pictures that point
outside the file, and its own sections, headers and headings. Each function here works
in place on the paper's python-docx :class:`Document`, on every XML part of it
(body, headers, footers, footnotes), before the pack composes it.
"""

from __future__ import annotations

from collections.abc import Iterator

from docx.document import Document
from docx.opc.part import Part, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from scbmeet.exports import ooxml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
V = "urn:schemas-microsoft-com:vml"

# Wrappers whose content is removed text (accepting removes them with their content).
REMOVED = ("del", "moveFrom")
# Wrappers whose content is inserted text (accepting keeps the content, drops the wrapper).
INSERTED = ("ins", "moveTo")
# Records of the formatting before a change, and range markers: accepting drops them.
CHANGE_RECORDS = tuple(
    [
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "trPrChange",
        "tcPrChange",
        "tblPrExChange",
        "tblGridChange",
        "numberingChange",
        "cellIns",
        "cellDel",
        "cellMerge",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "customXmlInsRangeStart",
        "customXmlInsRangeEnd",
        "customXmlDelRangeStart",
        "customXmlDelRangeEnd",
        "customXmlMoveFromRangeStart",
        "customXmlMoveFromRangeEnd",
        "customXmlMoveToRangeStart",
        "customXmlMoveToRangeEnd",
    ]
)
# Markers (a property of a paragraph mark or row, not a wrapper of content).
MARKER_PARENTS = (qn("w:rPr"), qn("w:trPr"), qn("w:pPr"))
COMMENT_TAGS = ("commentRangeStart", "commentRangeEnd", "commentReference")
OMITTED_OBJECT = "[An embedded object is not included in the public pack.]"
MAX_OUTLINE_LEVEL = 8  # 9 means body text
PICTURE_TAGS = (
    "{http://schemas.openxmlformats.org/drawingml/2006/main}blip",
    f"{{{V}}}imagedata",
)
CHART_DATA = "{http://schemas.openxmlformats.org/drawingml/2006/chart}externalData"
FIELDS_REACHING_OUT = ("HYPERLINK", "INCLUDEPICTURE", "INCLUDETEXT", "LINK")


# -- every XML part of the paper ------------------------------------------------------------
def xml_roots(document: Document) -> Iterator[etree._Element]:
    """The root element of each WordprocessingML part (edited in place; blobs written back)."""
    for part in document.part.package.iter_parts():
        if isinstance(part, XmlPart):
            yield part.element
        elif _is_word_xml(part):
            root = parse_xml(part.blob)
            yield root
            part._blob = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )


def _is_word_xml(part: Part) -> bool:
    return part.partname.startswith("/word/") and part.content_type.endswith("+xml")


# -- tracked changes and comments -----------------------------------------------------------
def accept_tracked_changes(document: Document) -> int:
    """Accept every tracked change, as Word's *Accept All Changes* does; returns how many."""
    return sum(_accept_in(root) for root in xml_roots(document))


def _accept_in(root: etree._Element) -> int:
    changes = 0
    for name in REMOVED:
        for wrapper in list(root.iter(qn(f"w:{name}"))):
            parent = wrapper.getparent()
            if parent is None:
                continue
            changes += 1
            if parent.tag == qn("w:trPr") and name == "del":
                _remove(_ancestor(parent, qn("w:tr")))  # a deleted table row
            elif parent.tag in MARKER_PARENTS:
                parent.remove(wrapper)  # a deleted paragraph mark: keep the paragraph
            else:
                parent.remove(wrapper)
    for name in INSERTED:
        for wrapper in list(root.iter(qn(f"w:{name}"))):
            changes += 1
            parent = wrapper.getparent()
            if parent is None:
                continue
            if parent.tag in MARKER_PARENTS:
                parent.remove(wrapper)
            else:
                _unwrap(wrapper)
    for name in CHANGE_RECORDS:
        for record in list(root.iter(qn(f"w:{name}"))):
            changes += name.endswith("Change")
            _remove(record)
    return changes


def drop_comments(document: Document) -> None:
    """Comment marks point into a comments part the pack does not carry: they go."""
    for root in xml_roots(document):
        for tag in COMMENT_TAGS:
            for marker in list(root.iter(qn(f"w:{tag}"))):
                parent = marker.getparent()
                if tag == "commentReference" and parent is not None and _is_empty_run(parent):
                    _remove(parent)
                else:
                    _remove(marker)


def _is_empty_run(element: etree._Element) -> bool:
    return element.tag == qn("w:r") and not [c for c in element if c.tag != qn("w:rPr")]


# -- what reaches outside the file ----------------------------------------------------------
def remove_embedded_objects(document: Document) -> int:
    """Replace each embedded (OLE) object with a note saying it was left out; returns how many."""
    removed = 0
    for root in xml_roots(document):
        for obj in list(root.iter(qn("w:object"))):
            run = obj.getparent()
            removed += 1
            if run is None:
                continue
            note = ooxml.element("w:t")
            note.text = OMITTED_OBJECT
            run.replace(obj, note)
    for part in list(document.part.package.iter_parts()):
        embedded = {
            rel_id
            for rel_id, rel in part.rels.items()
            if not rel.is_external and "/embeddings/" in str(rel.target_part.partname)
        }
        if not embedded:
            continue
        for rel_id in embedded:
            part.rels.pop(rel_id)
        # A chart's workbook (its data, which may hold more than the chart shows) goes;
        # the chart keeps the values it was drawn from, cached in its own part.
        removed += _drop_in_part(part, embedded)
    return removed


def _drop_in_part(part: Part, rel_ids: set[str]) -> int:
    """Drop what in ``part`` refers to ``rel_ids``; returns 1 for a chart's workbook."""
    if isinstance(part, XmlPart):
        drop_references(part.element, rel_ids)
        return 0
    if not part.content_type.endswith("+xml"):
        return 0
    root = parse_xml(part.blob)
    workbooks = [e for e in root.iter(CHART_DATA) if e.get(f"{{{R}}}id") in rel_ids]
    for element in workbooks:
        _remove(element)
    drop_references(root, rel_ids)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return 1 if workbooks else 0


def remove_external_targets(document: Document) -> int:
    """Hyperlinks become plain text; links to outside pictures, templates, fields go."""
    removed = 0
    for part in list(document.part.package.iter_parts()):
        external = {rid for rid, rel in part.rels.items() if rel.is_external}
        if external and isinstance(part, XmlPart):
            drop_references(part.element, external)
        for rel_id in external:
            part.rels.pop(rel_id)
            removed += 1
    for root in xml_roots(document):
        removed += drop_reaching_fields(root)
    return removed


def drop_references(root: etree._Element, rel_ids: set[str]) -> None:
    """Whatever refers to the relationships ``rel_ids`` goes: a hyperlink becomes its text,
    a picture fetched from outside goes altogether, any other reference loses its id."""
    for element in list(root.iter()):
        for attribute, value in list(element.attrib.items()):
            if not attribute.startswith(f"{{{R}}}") or value not in rel_ids:
                continue
            if element.tag == qn("w:hyperlink"):
                _unwrap(element)
            elif element.tag in PICTURE_TAGS:
                _remove(_picture_of(element))
            else:
                del element.attrib[attribute]
            break


def _picture_of(element: etree._Element) -> etree._Element | None:
    """The drawing or VML picture holding ``element`` (or the element itself)."""
    found = element
    while found is not None and found.tag not in (qn("w:drawing"), qn("w:pict")):
        found = found.getparent()
    return found if found is not None else element


def drop_reaching_fields(root: etree._Element) -> int:
    """Simple fields (``HYPERLINK "http://..."``) keep their shown text and lose the code."""
    removed = 0
    for field in list(root.iter(qn("w:fldSimple"))):
        if _reaches_out(field.get(qn("w:instr"), "")):
            _unwrap(field)
            removed += 1
    for code in list(root.iter(qn("w:instrText"))):
        if _reaches_out(code.text or ""):
            code.text = ' QUOTE "" '  # a harmless field code; the shown result stays
            removed += 1
    return removed


def _reaches_out(instruction: str) -> bool:
    words = instruction.split()
    return bool(words) and words[0].upper() in FIELDS_REACHING_OUT


# -- headings and sections ------------------------------------------------------------------
def shift_outline(document: Document, by: int = 1) -> None:
    """Put each heading of the paper ``by`` levels lower in the navigation pane and PDF outline.

    The paper's heading styles keep their look; each heading paragraph gets its own outline
    level, one below the level its style gives it.
    """
    levels = _style_outline_levels(document)
    for p in document.element.body.iter(qn("w:p")):
        ppr = p.pPr
        direct = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if direct is not None:
            level = int(direct.get(qn("w:val"), "9"))
        else:
            style = ppr.find(qn("w:pStyle")) if ppr is not None else None
            level = levels.get(style.get(qn("w:val")) if style is not None else "", 9)
        if level >= 9:
            continue
        new = ooxml.element("w:outlineLvl", val=str(min(level + by, MAX_OUTLINE_LEVEL)))
        ooxml.put(p.get_or_add_pPr(), new, ooxml.PPR_ORDER)


def _style_outline_levels(document: Document) -> dict[str, int]:
    """Each paragraph style's outline level, following ``basedOn``; the default style's too."""
    styles = document.styles.element
    own: dict[str, int] = {}
    based: dict[str, str] = {}
    default = ""
    for style in styles.iter(qn("w:style")):
        sid = style.get(qn("w:styleId"), "")
        if style.get(qn("w:default")) == "1" and style.get(qn("w:type")) == "paragraph":
            default = sid
        level = style.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if level is not None:
            own[sid] = int(level.get(qn("w:val"), "9"))
        parent = style.find(qn("w:basedOn"))
        if parent is not None:
            based[sid] = parent.get(qn("w:val"), "")

    def level_of(sid: str, depth: int = 0) -> int:
        if sid in own or depth > 20:
            return own.get(sid, 9)
        return level_of(based[sid], depth + 1) if sid in based else 9

    levels = {sid: level_of(sid) for sid in {*own, *based}}
    levels[""] = levels.get(default, 9)
    return levels


def own_sections(document: Document, pack_section: etree._Element) -> None:
    """Make each of the paper's sections explicit, so that it keeps its page set-up in the pack.

    The last section's properties move from the body into a final paragraph (so they end
    the paper's part of the pack, not the pack). The first section follows on from its
    cover sheet when its pages are the pack's size (and it has no first-page header), and
    starts a new page when not. A
    restarted or roman page number gives way to the pack's running 1, 2, 3, the numbers
    the pack's footer on the paper's pages shows.
    """
    body = document.element.body
    body_sect = body.find(qn("w:sectPr"))
    if body_sect is not None:
        carrier = ooxml.element("w:p")
        body_sect.addprevious(carrier)
        ooxml.put(carrier.get_or_add_pPr(), body_sect, ooxml.PPR_ORDER)
    sections = list(body.iter(qn("w:sectPr")))
    for sect in sections:
        for numbering in sect.findall(qn("w:pgNumType")):
            sect.remove(numbering)  # the pack's running 1, 2, 3 (not restarted, nor i, ii)
    if not sections:
        return
    first = sections[0]
    for kind in first.findall(qn("w:type")):
        first.remove(kind)  # the default: a new page
    if page_size(first) == page_size(pack_section) and not shows_first_page(first):
        ooxml.section_continuous(first)


def shows_first_page(sect: etree._Element) -> bool:
    """A section with a first-page header must start a page of its own to show it."""
    title_page = sect.find(qn("w:titlePg"))
    return title_page is not None and title_page.get(qn("w:val"), "1") not in ("0", "false")


def page_size(sect: etree._Element) -> tuple[str, str]:
    """A section's page width and height in twips (Word's defaults where unset)."""
    size = sect.find(qn("w:pgSz"))
    if size is None:
        return ("12240", "15840")
    return (size.get(qn("w:w"), "12240"), size.get(qn("w:h"), "15840"))


# -- small tree edits -----------------------------------------------------------------------
def _unwrap(element: etree._Element) -> None:
    """Put ``element``'s children where it is, and drop it."""
    parent = element.getparent()
    if parent is None:
        return
    for child in list(element):
        element.addprevious(child)
    parent.remove(element)


def _remove(element: etree._Element | None) -> None:
    if element is not None and element.getparent() is not None:
        element.getparent().remove(element)


def _ancestor(element: etree._Element, tag: str) -> etree._Element | None:
    while element is not None and element.tag != tag:
        element = element.getparent()
    return element

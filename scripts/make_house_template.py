"""Build ``resources/templates/scbmeet-house-style.docx``, the reference Word template.

Every scbmeet document starts from this file: it defines the named styles the exports
use (``SCB Title``, ``SCB Minute Title``, ``SCB Resolution``, ``SCB Action``, ``SCB Table``
and the rest, plus the built-in Heading 1-3), A4 pages and UK English. A council can
copy it (``scbmeet export template --copy-to FILE``), change fonts, colours, logo and
header in Word, and point scbmeet at the copy.

Run from the repository root::

    .venv/bin/python scripts/make_house_template.py
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor, Twips
from docx.styles.style import BaseStyle, ParagraphStyle

from scbmeet.exports.ooxml import PPR_ORDER, RPR_ORDER, element, put

OUT = (
    Path(__file__).resolve().parent.parent / "resources" / "templates" / "scbmeet-house-style.docx"
)
FONT = "Arial"
TEXT_WIDTH = Cm(17)  # A4 less two 2 cm margins
MINUTE_INDENT = Cm(1.75)  # where minute text starts, right of the "10/13" numbers

# Styles from python-docx's default template that documents may meet; the ~100 coloured
# table styles are dropped so the template loads and saves quickly.
KEEP_TABLE_STYLES = {"Normal Table", "Table Grid"}


def set_fonts(rpr_owner: BaseStyle, name: str = FONT) -> None:
    """Name the font for every script (Latin, East Asian, complex) and drop theme fonts."""
    rpr = rpr_owner.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), name)


def set_complex_script(style: BaseStyle, *, size: float | None, bold: bool | None) -> None:
    """Mirror size and weight for right-to-left (complex script) text, which Word sizes apart."""
    rpr = style.element.get_or_add_rPr()
    if size is not None:
        put(rpr, element("w:szCs", val=str(int(size * 2))), RPR_ORDER)
    if bold:
        put(rpr, element("w:bCs"), RPR_ORDER)


def drop_colour(style: BaseStyle) -> None:
    rpr = style.element.rPr
    if rpr is not None:
        for colour in rpr.findall(qn("w:color")):
            rpr.remove(colour)


def set_outline_level(style: ParagraphStyle, level: int) -> None:
    put(style.element.get_or_add_pPr(), element("w:outlineLvl", val=str(level)), PPR_ORDER)


def paragraph_style(
    doc: DocumentObject,
    name: str,
    *,
    based_on: str = "Normal",
    size: float | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    caps: bool | None = None,
    underline: bool | None = None,
    colour: str | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    before: float | None = None,
    after: float | None = None,
    left: Cm | None = None,
    hanging: Cm | None = None,
    keep_next: bool | None = None,
    next_style: str | None = None,
) -> ParagraphStyle:
    """Add (or reshape) a paragraph style; sizes and spacing are in points."""
    styles = doc.styles
    style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    if name != "Normal":
        style.base_style = styles[based_on]
    style.quick_style = True
    font = style.font
    if size is not None:
        font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    font.all_caps = caps
    font.underline = underline
    if colour is not None:
        font.color.rgb = RGBColor.from_string(colour)
    set_complex_script(style, size=size, bold=bold)
    fmt = style.paragraph_format
    if align is not None:
        fmt.alignment = align
    if before is not None:
        fmt.space_before = Pt(before)
    if after is not None:
        fmt.space_after = Pt(after)
    if left is not None:
        fmt.left_indent = left
    if hanging is not None:
        fmt.first_line_indent = -hanging
    if keep_next is not None:
        fmt.keep_with_next = keep_next
    if next_style is not None:
        style.next_paragraph_style = styles[next_style]
    return style


def table_style(doc: DocumentObject) -> None:
    """``SCB Table``: thin black rules, padded cells, a grey, bold header row."""
    style = doc.styles.add_style("SCB Table", WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    style.quick_style = True
    rule = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    style.element.append(
        parse_xml(f'<w:pPr {nsdecls("w")}><w:spacing w:before="40" w:after="40"/></w:pPr>')
    )
    style.element.append(
        parse_xml(
            f"<w:tblPr {nsdecls('w')}>"
            '<w:tblInd w:w="0" w:type="dxa"/>'
            f"<w:tblBorders><w:top {rule}/><w:left {rule}/><w:bottom {rule}/>"
            f"<w:right {rule}/><w:insideH {rule}/><w:insideV {rule}/></w:tblBorders>"
            '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
            '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
            "</w:tblPr>"
        )
    )
    style.element.append(
        parse_xml(
            f'<w:tblStylePr {nsdecls("w")} w:type="firstRow">'
            "<w:rPr><w:b/><w:bCs/></w:rPr>"
            "<w:tblPr/>"
            '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/></w:tcPr>'
            "</w:tblStylePr>"
        )
    )


def defaults(doc: DocumentObject) -> None:
    """Arial 11 pt, UK English (Urdu for right-to-left text), single spacing."""
    styles_el = doc.styles.element
    doc_defaults = styles_el.find(qn("w:docDefaults"))
    rpr = doc_defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    for tag, attrs in (
        ("rFonts", f'w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"'),
        ("sz", 'w:val="22"'),
        ("szCs", 'w:val="22"'),
        ("lang", 'w:val="en-GB" w:eastAsia="en-GB" w:bidi="ur-PK"'),
    ):
        rpr.append(parse_xml(f"<w:{tag} {nsdecls('w')} {attrs}/>"))
    ppr = doc_defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    ppr.append(
        parse_xml(f'<w:spacing {nsdecls("w")} w:after="120" w:line="264" w:lineRule="auto"/>')
    )
    settings = doc.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-GB")
        lang.attrib.pop(qn("w:eastAsia"), None)


def prune_styles(doc: DocumentObject) -> None:
    for style in list(doc.styles):
        if style.type == WD_STYLE_TYPE.TABLE and style.name not in KEEP_TABLE_STYLES:
            style.element.getparent().remove(style.element)


def built_in_styles(doc: DocumentObject) -> None:
    normal = paragraph_style(doc, "Normal", size=11)
    set_fonts(normal)
    sizes = {1: 13.0, 2: 12.0, 3: 11.0}
    for level, size in sizes.items():
        heading = paragraph_style(
            doc,
            f"Heading {level}",
            size=size,
            bold=True,
            caps=True if level == 1 else None,
            before=12 if level == 1 else 10,
            after=6 if level < 3 else 4,
            keep_next=True,
            next_style="Normal",
        )
        drop_colour(heading)
        set_fonts(heading)
        set_outline_level(heading, level - 1)
    title = paragraph_style(doc, "Title", size=16, bold=True, after=6)
    drop_colour(title)
    set_fonts(title)
    title_ppr = title.element.pPr
    if title_ppr is not None:
        for border in title_ppr.findall(qn("w:pBdr")):
            title_ppr.remove(border)
    for name in ("Header", "Footer"):
        style = paragraph_style(doc, name, size=9, after=0)
        tabs = style.element.pPr.find(qn("w:tabs")) if style.element.pPr is not None else None
        if tabs is not None:
            tabs.getparent().remove(tabs)
        style.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH // 2, WD_TAB_ALIGNMENT.CENTER)
        style.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)


def scb_styles(doc: DocumentObject) -> None:
    """The house styles the exports name; see scbmeet/exports/template.py for fallbacks."""
    centre = WD_ALIGN_PARAGRAPH.CENTER
    paragraph_style(
        doc, "SCB Title", based_on="Heading 1", size=16, caps=True, align=centre, before=0, after=4
    )
    paragraph_style(doc, "SCB Subtitle", size=12, bold=True, align=centre, after=12)
    paragraph_style(doc, "SCB Opening", size=11, after=12)
    paragraph_style(
        doc,
        "SCB Minute Title",
        based_on="Heading 1",
        size=11,
        caps=True,
        before=14,
        after=6,
        left=MINUTE_INDENT,
        hanging=MINUTE_INDENT,
        next_style="Normal",
    ).paragraph_format.tab_stops.add_tab_stop(MINUTE_INDENT)
    paragraph_style(doc, "SCB Minute Text", left=MINUTE_INDENT, after=8)
    paragraph_style(doc, "SCB Resolution", based_on="SCB Minute Text", before=4, after=8)
    paragraph_style(
        doc,
        "SCB Action",
        based_on="SCB Minute Text",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        before=0,
        after=10,
    )
    # No keep-with-next here: LibreOffice then fails to lay the PRESENT list out in columns.
    paragraph_style(doc, "SCB Organisation", underline=True, before=6, after=0)
    paragraph_style(doc, "SCB Member", after=0)
    paragraph_style(doc, "SCB Note", size=9, italic=True, before=6)
    paragraph_style(
        doc, "SCB Draft", size=13, bold=True, caps=True, colour="C00000", align=centre, after=8
    )
    paragraph_style(
        doc,
        "SCB Marking",
        based_on="Header",
        size=10,
        bold=True,
        caps=True,
        colour="C00000",
        align=centre,
    )
    paragraph_style(doc, "SCB Table Text", size=10, before=0, after=0)
    paragraph_style(doc, "SCB Table Heading", based_on="SCB Table Text", bold=True)
    paragraph_style(doc, "SCB Table Subitem", based_on="SCB Table Text", left=Cm(0.5))
    paragraph_style(
        doc, "SCB Signature", before=36, after=0
    ).paragraph_format.tab_stops.add_tab_stop(Cm(10))
    paragraph_style(
        doc, "SCB Label", based_on="SCB Minute Text", left=Cm(0), after=2, keep_next=True
    )
    reminder = paragraph_style(doc, "SCB Reminder", size=10, before=6, after=6)
    ppr = reminder.element.get_or_add_pPr()
    box = element("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        box.append(element(f"w:{side}", val="single", sz="6", space="4", color="000000"))
    put(ppr, box, PPR_ORDER)
    put(ppr, element("w:shd", val="clear", color="auto", fill="F2F2F2"), PPR_ORDER)
    table_style(doc)


def page_setup(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)  # A4, as Word sets it
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    section.header_distance = section.footer_distance = Cm(1)


def drop_legacy_parts(doc: DocumentObject) -> None:
    """Word 2010's 400 KB ``stylesWithEffects`` copy is not needed by any reader we support."""
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel_id)


def clear_body(doc: DocumentObject) -> None:
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def properties(doc: DocumentObject) -> None:
    props = doc.core_properties
    props.title = "scbmeet house style"
    props.author = props.last_modified_by = "scbmeet"
    props.comments = "Reference template for scbmeet documents; copy it to make your own."
    props.language = "en-GB"
    props.subject = props.keywords = props.category = ""
    props.revision = 1


def build() -> DocumentObject:
    doc = Document()
    clear_body(doc)
    drop_legacy_parts(doc)
    prune_styles(doc)
    defaults(doc)
    built_in_styles(doc)
    scb_styles(doc)
    page_setup(doc)
    properties(doc)
    return doc


def reproducible(data: bytes) -> bytes:
    """The same .docx with fixed zip timestamps, so rebuilding an unchanged template is no change."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            fixed = zipfile.ZipInfo(item.filename, date_time=(2020, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(item.filename))
    return out.getvalue()


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    build().save(buffer)
    OUT.write_bytes(reproducible(buffer.getvalue()))
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

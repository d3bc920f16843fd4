"""Low-level WordprocessingML helpers that python-docx does not offer.

Word is strict about the order of child elements (a ``w:bCs`` after a ``w:u`` makes it
call the file damaged), so everything added here goes through :func:`put`, which inserts
in schema order. Text goes through :func:`clean_text` (XML 1.0 cannot carry most control
characters) and :func:`direction_runs` (right-to-left scripts get runs marked ``w:rtl``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Child order of w:pPr, w:rPr, w:tcPr, w:trPr, w:tblPr and w:sectPr (ECMA-376 part 1, 17.3-17.6).
PPR_ORDER = _names(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
)
RPR_ORDER = _names(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)
TRPR_ORDER = _names(
    "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader "
    "tblCellSpacing jc hidden ins del trPrChange"
)
TBLPR_ORDER = _names(
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
    "tblDescription tblPrChange"
)
TCPR_ORDER = _names(
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
    "tcFitText vAlign hideMark"
)
SECTPR_ORDER = _names(
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
    "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
    "docGrid printerSettings sectPrChange"
)

# Characters XML 1.0 cannot carry at all (tab, newline and carriage return it can).
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")

# Hebrew, Arabic (Urdu, Shahmukhi Punjabi, Persian), Syriac, Thaana, N'Ko and their
# presentation forms: scripts written right to left.
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
_RTL_SEGMENT = re.compile(f"[{_RTL}]+(?:[\\s\\d.,:;!?'\"()\\-]+[{_RTL}]+)*")
_HAS_RTL = re.compile(f"[{_RTL}]")


def element(tag: str, **attrs: str) -> BaseOxmlElement:
    """``element("w:shd", val="clear", fill="D9D9D9")``: attributes in the w: namespace."""
    return OxmlElement(tag, attrs={qn(f"w:{k}"): v for k, v in attrs.items()})


def put(parent: BaseOxmlElement, child: BaseOxmlElement, order: Sequence[str]) -> BaseOxmlElement:
    """Insert ``child`` (replacing one of the same tag) where the schema wants it."""
    local = child.tag.rsplit("}", 1)[-1]
    for old in parent.findall(child.tag):
        parent.remove(old)
    later = order[order.index(local) + 1 :]
    successors = {qn(f"w:{name}") for name in later}
    for existing in parent:
        if existing.tag in successors:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


def clean_text(text: str) -> str:
    """Text as XML can hold it: control characters dropped, line ends made ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL_XML.sub("", text)


def direction_runs(text: str) -> list[tuple[str, bool]]:
    """Split ``text`` into ``(piece, is_rtl)`` so right-to-left words get their own runs."""
    if not _HAS_RTL.search(text):
        return [(text, False)]
    pieces: list[tuple[str, bool]] = []
    at = 0
    for match in _RTL_SEGMENT.finditer(text):
        if match.start() > at:
            pieces.append((text[at : match.start()], False))
        pieces.append((match.group(), True))
        at = match.end()
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


def mark_rtl(run_element: BaseOxmlElement, *, bold: bool) -> None:
    """Give a run of right-to-left text its direction, language and (if bold) weight."""
    rpr = run_element.get_or_add_rPr()
    if bold:
        put(rpr, element("w:bCs"), RPR_ORDER)
    put(rpr, element("w:rtl"), RPR_ORDER)
    put(rpr, element("w:lang", bidi="ur-PK"), RPR_ORDER)


def field_runs(instruction: str, placeholder: str) -> list[BaseOxmlElement]:
    """The runs of a simple field (``PAGE``, ``NUMPAGES``); Word and LibreOffice fill it in."""
    begin = OxmlElement("w:r")
    begin.append(element("w:fldChar", fldCharType="begin"))
    instr = OxmlElement("w:r")
    code = OxmlElement("w:instrText", attrs={qn("xml:space"): "preserve"})
    code.text = f" {instruction} "
    instr.append(code)
    separate = OxmlElement("w:r")
    separate.append(element("w:fldChar", fldCharType="separate"))
    result = OxmlElement("w:r")
    shown = OxmlElement("w:t")
    shown.text = placeholder
    result.append(shown)
    end = OxmlElement("w:r")
    end.append(element("w:fldChar", fldCharType="end"))
    return [begin, instr, separate, result, end]


def repeat_header_row(tr: BaseOxmlElement) -> None:
    """Mark a table row as the header row, repeated at the top of every page."""
    trpr = tr.get_or_add_trPr()
    put(trpr, element("w:cantSplit"), TRPR_ORDER)
    put(trpr, element("w:tblHeader"), TRPR_ORDER)


def keep_row_together(tr: BaseOxmlElement) -> None:
    put(tr.get_or_add_trPr(), element("w:cantSplit"), TRPR_ORDER)


def table_look(tbl: BaseOxmlElement, *, first_row: bool, first_column: bool) -> None:
    """Which parts of the table style apply (the header row, not banding)."""
    # The bitmask repeats the flags for older readers: 0x20 first row, 0x80 first column,
    # 0x200 and 0x400 no banding.
    mask = 0x600 | (0x20 if first_row else 0) | (0x80 if first_column else 0)
    look = element(
        "w:tblLook",
        val=f"{mask:04X}",
        firstRow="1" if first_row else "0",
        lastRow="0",
        firstColumn="1" if first_column else "0",
        lastColumn="0",
        noHBand="1",
        noVBand="1",
    )
    put(tbl.tblPr, look, TBLPR_ORDER)


def fixed_layout(tbl: BaseOxmlElement, width_twips: int) -> None:
    put(tbl.tblPr, element("w:tblW", w=str(width_twips), type="dxa"), TBLPR_ORDER)
    put(tbl.tblPr, element("w:tblLayout", type="fixed"), TBLPR_ORDER)


def plain_borders(tbl: BaseOxmlElement) -> None:
    """Thin black rules, for tables whose template has no usable table style."""
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(element(f"w:{side}", val="single", sz="4", space="0", color="000000"))
    put(tbl.tblPr, borders, TBLPR_ORDER)


def cell_shading(tc: BaseOxmlElement, fill: str) -> None:
    tcpr = tc.get_or_add_tcPr()
    put(tcpr, element("w:shd", val="clear", color="auto", fill=fill), TCPR_ORDER)


def section_columns(sect_pr: BaseOxmlElement, count: int, space_twips: int = 567) -> None:
    put(sect_pr, element("w:cols", num=str(count), space=str(space_twips)), SECTPR_ORDER)


def section_continuous(sect_pr: BaseOxmlElement) -> None:
    put(sect_pr, element("w:type", val="continuous"), SECTPR_ORDER)

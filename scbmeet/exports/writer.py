"""A thin layer over python-docx that writes scbmeet's documents the accessible way.

Headings use heading styles, tables mark (and repeat) their header row, the title and
language go into the document properties, and text is cleaned and split by direction
before it reaches the XML. Paragraphs and runs are made directly on the XML elements:
the document is written once, top to bottom, so the python-docx proxies would only cost time.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, TypeAlias

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER, WD_UNDERLINE
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.section import Section, _BaseHeaderFooter
from docx.shared import Emu, Pt, RGBColor
from docx.table import Table

from scbmeet.exports import footer_tabs, ooxml
from scbmeet.exports.properties import CoreProperties, board_properties_only, set_core_properties
from scbmeet.exports.template import LANGUAGE, start_document
from scbmeet.storage.atomic import write_atomically

EMU_PER_TWIP = 635
# Letter widths (in ems) of a wide bold sans (Verdana, DejaVu Sans Bold): generous, so that
# a word fits in whatever font the reader's machine puts in its place.
CAPITAL_EM, SMALL_EM, OTHER_EM = 0.86, 0.68, 0.5
# A footer line's width: ems per character (a wide font's average) and the tab's least gap.
FOOTER_EM, FOOTER_GAP_EM, MIN_FOOTER_HALF_POINTS = 0.58, 2.0, 14
MAX_WIDENED_SHARE = 0.3
CELL_MARGINS_TWIPS = 2 * 115 + 30  # Word's default cell margins and a little slack
MIN_TEXT_WIDTH_TWIPS = 4000  # a sanity floor for templates with absurd margins


@dataclass(frozen=True)
class Span:
    """A piece of text with its character formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    caps: bool = False
    colour: str = ""  # hex RGB; never the only sign of anything


@dataclass(frozen=True)
class Bullet(Span):
    """An unnumbered point in a table cell: a paragraph of its own, "•" hanging in the
    margin so a long point wraps under its text, not under the mark."""


BULLET_HANG_TWIPS = 227  # 0.4 cm: room for the mark, then the text
Content: TypeAlias = str | Span | Sequence[str | Span]


@dataclass(frozen=True)
class Lines:
    """Several paragraphs in one table cell (a state and OVERDUE; several owners)."""

    items: tuple[Content, ...]


@dataclass(frozen=True)
class Styled:
    """A cell paragraph (or lines) in a style of its own (a sub-item, indented under its item)."""

    content: Content | Lines
    style: str


Cell: TypeAlias = Content | Lines | Styled


def bold(text: str) -> Span:
    return Span(text, bold=True)


def _spans(content: Content) -> Sequence[str | Span]:
    if isinstance(content, str | Span):
        return (content,)
    return content


class WordWriter:
    """One document being written: its styles, body, page furniture and properties."""

    def __init__(self, template: Path | str | None = None) -> None:
        self.document, self.styles = start_document(template)
        self.text_width_twips = self._measure_text_width()
        self.footer_text = ""  # the page-number footer's words, once furniture() has set it

    def _measure_text_width(self) -> int:
        """The width between the margins, in twips (tables are made exactly this wide)."""
        section = self.document.sections[-1]
        width = (
            (section.page_width or Emu(0))
            - (section.left_margin or 0)
            - (section.right_margin or 0)
        )
        return max(int(width) // EMU_PER_TWIP, MIN_TEXT_WIDTH_TWIPS)

    # -- paragraphs -------------------------------------------------------------------------
    def paragraph(self, content: Content = "", style: str = "Normal") -> CT_P:
        """Add a paragraph of ``content`` in ``style`` (or its fallback) at the end of the body."""
        return self._fill(self.document.element.body.add_p(), content, style)

    def heading(self, content: Content, level: int = 1) -> CT_P:
        return self.paragraph(content, f"Heading {level}")

    def bullet_point(self, text: str, style: str = "Normal") -> CT_P:
        """``• text`` as a paragraph of its own, hanging as the agenda's bullet points do."""
        p = self.paragraph(bullet(text), style)
        hang(p, BULLET_HANG_TWIPS, after=self._left_indent_twips(style))
        return p

    def text_blocks(self, text: str, style: str) -> list[CT_P]:
        """Narrative as typed: a blank line starts a paragraph, a single newline breaks a line."""
        blocks = [b.strip("\n") for b in ooxml.clean_text(text).split("\n\n")]
        return [self.paragraph(block, style) for block in blocks if block.strip()]

    def page_break(self) -> None:
        p = self.document.element.body.add_p()
        p.add_r().append(ooxml.element("w:br", type="page"))

    def _fill(self, p: CT_P, content: Content, style: str) -> CT_P:
        style_obj = self.styles.paragraph(style)
        if style_obj is not None and style_obj.style_id != "Normal":
            p.style = style_obj.style_id
        for span in _spans(content):
            add_text(p, span)
        return p

    # -- tables -----------------------------------------------------------------------------
    def table(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        widths: Sequence[float],
        *,
        style: str = "SCB Table",
        text_style: str = "SCB Table Text",
    ) -> Table:
        """A table whose first row holds ``headings``, marked as a header repeated on every page.

        ``widths`` are fractions of the text width.
        """
        header: list[Cell] = [bold(h) for h in headings]
        return self._table([header, *rows], widths, style, text_style, labels_in="row")

    def label_table(
        self,
        rows: Sequence[Sequence[Cell]],
        widths: Sequence[float],
        *,
        style: str = "SCB Table",
        text_style: str = "SCB Table Text",
    ) -> Table:
        """A table of label and value pairs (a cover sheet): the first column holds the
        labels, marked as the table's row headers, and no row is a header row."""
        return self._table(rows, widths, style, text_style, labels_in="column")

    def _table(
        self,
        rows: Sequence[Sequence[Cell]],
        widths: Sequence[float],
        style: str,
        text_style: str,
        *,
        labels_in: str,
    ) -> Table:
        table = self.document.add_table(rows=len(rows), cols=len(widths))
        tbl = table._tbl
        table_style = self.styles.table(style)
        if table_style is not None:
            tbl.tblPr.style = table_style.style_id
        else:
            ooxml.plain_borders(tbl)
        by_row = labels_in == "row"
        ooxml.table_look(tbl, first_row=by_row, first_column=not by_row)
        twips = self._column_twips(widths, rows)
        ooxml.fixed_layout(tbl, sum(twips))
        for grid_col, width in zip(tbl.tblGrid.gridCol_lst, twips, strict=True):
            grid_col.w = Emu(width * EMU_PER_TWIP)
        heading_style = "SCB Table Heading"
        for row_index, (tr, values) in enumerate(zip(tbl.tr_lst, rows, strict=True)):
            if by_row and row_index == 0:
                ooxml.repeat_header_row(tr)
            else:
                ooxml.keep_row_together(tr)
            for column, (tc, value, width) in enumerate(zip(tr.tc_lst, values, twips, strict=True)):
                tc.width = Emu(width * EMU_PER_TWIP)
                is_label = (row_index == 0) if by_row else (column == 0)
                self._fill_cell(tc, value, heading_style if is_label else text_style)
        return table

    def _fill_cell(self, tc: object, value: Cell, style: str) -> None:
        first = tc.p_lst[0]  # type: ignore[attr-defined]
        if isinstance(value, Styled):
            style = value.style
            value = value.content
        items = value.items if isinstance(value, Lines) else (value,)
        self._fill(first, items[0] if items else "", style)
        for item in items[1:]:
            p = self._fill(tc.add_p(), item, style)  # type: ignore[attr-defined]
            if isinstance(item, Bullet):
                hang(p, BULLET_HANG_TWIPS, after=self._left_indent_twips(style))

    def _left_indent_twips(self, style: str) -> int:
        """The left indent ``style`` gives (a sub-item's), so its bullets indent from there."""
        style_obj = self.styles.paragraph(style)
        formats = getattr(style_obj, "paragraph_format", None)  # a paragraph style has them
        indent = formats.left_indent if formats is not None else None
        return int(indent) // EMU_PER_TWIP if indent else 0

    def _column_twips(
        self, widths: Sequence[float], rows: Sequence[Sequence[Cell]] = ()
    ) -> list[int]:
        """Each column's share of the text width, widened where a word would not fit.

        A council template's wider font (Verdana, 12pt) broke "Minute" and "OVERDUE" across
        lines in a column sized for scbmeet's own; a column is made at least as wide as its
        longest word in the table text's size, and the others give way in proportion.
        """
        total = sum(widths)
        shares = [int(self.text_width_twips * w / total) for w in widths]
        if not rows:
            return shares
        cap = int(self.text_width_twips * MAX_WIDENED_SHARE)  # a pasted URL must not take over
        needed = [min(self._word_twips(rows, column), cap) for column in range(len(widths))]
        return fit_columns(shares, needed, self.text_width_twips)

    def _word_twips(self, rows: Sequence[Sequence[Cell]], column: int) -> int:
        widest = max((widest_word(row[column]) for row in rows if column < len(row)), default=0.0)
        return int(widest * self._table_font_twips()) + CELL_MARGINS_TWIPS

    def _table_font_twips(self) -> int:
        """The table text's font size in twips (its style's, inherited, or the default)."""
        return self.styles.font_size_twips("SCB Table Text")

    # -- sections ---------------------------------------------------------------------------
    def columns(self, count: int) -> _Columns:
        """``with writer.columns(2): ...``: what is written inside flows in ``count`` columns."""
        return _Columns(self, count)

    @staticmethod
    def space(p: CT_P, *, before: float | None = None, after: float | None = None) -> None:
        """Override the space (in points) above or below one paragraph."""
        spacing = p.get_or_add_pPr().get_or_add_spacing()
        if before is not None:
            spacing.before = Pt(before)
        if after is not None:
            spacing.after = Pt(after)

    @staticmethod
    def column_break_before(p: CT_P) -> None:
        """Start a new column at paragraph ``p`` (an explicit break lays out the same everywhere)."""
        r = ooxml.element("w:r")
        r.append(ooxml.element("w:br", type="column"))
        first_run = p.find(qn("w:r"))
        if first_run is not None:
            first_run.addprevious(r)
        else:
            p.append(r)

    def _end_section_here(self, columns: int) -> None:
        """End the current section with the last paragraph; the next one continues on the page."""
        body = self.document.element.body
        body_sect = body.sectPr
        sect = copy.deepcopy(body_sect)
        ooxml.section_columns(sect, columns)
        ooxml.section_continuous(sect)
        last = body_sect.getprevious()
        if not isinstance(last, CT_P) or (last.pPr is not None and last.pPr.sectPr is not None):
            last = body.add_p()
        ooxml.put(last.get_or_add_pPr(), sect, ooxml.PPR_ORDER)
        ooxml.section_continuous(body_sect)

    # -- page furniture ---------------------------------------------------------------------
    def landscape(self) -> None:
        """Turn the page (for wide tables); call before writing the body."""
        section = self.document.sections[-1]
        if section.orientation != WD_ORIENT.LANDSCAPE:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
        self.text_width_twips = self._measure_text_width()

    def furniture(self, footer_text: str, markings: Sequence[str] = ()) -> None:
        """Footer with ``footer_text`` and "Page X of Y"; ``markings`` (DRAFT...) atop every page.

        Call before writing the body: column sections copy the page set-up as it is then.
        """
        self.footer_text = footer_text
        section = self.document.sections[-1]
        for header in self._stories(section, "header"):
            for marking in markings:
                self._fill(header._element.add_p(), marking, "SCB Marking")
        for footer in self._stories(section, "footer"):
            if "PAGE" in "".join(footer._element.xpath(".//w:instrText/text()")):
                continue  # the council's own footer numbers its pages already
            self._page_number_footer(footer._element.add_p(), footer_text)

    def own_headers_and_footers(self) -> None:
        """Give the page set-up headers and footers of its own (empty ones where it has none).

        A section without them shows the previous section's: in a pack, that would be the
        header of the paper before ("OFFICIAL - SENSITIVE") running on into the cover sheets.
        """
        section = self.document.sections[-1]
        for kind in ("header", "footer"):
            for story in self._stories(section, kind):
                story.is_linked_to_previous = False

    def _stories(self, section: Section, kind: str) -> list[_BaseHeaderFooter]:
        """The section's headers (or footers) in use: default, first-page, even-page."""
        stories = [getattr(section, kind)]
        if section.different_first_page_header_footer:
            stories.append(getattr(section, f"first_page_{kind}"))
        if self.document.settings.odd_and_even_pages_header_footer:
            stories.append(getattr(section, f"even_page_{kind}"))
        return stories

    def page_number_paragraph(self) -> CT_P:
        """A new footer line as furniture() wrote it (for a paper's own footer in a pack)."""
        p = ooxml.element("w:p")
        self._page_number_footer(p, self.footer_text)
        return p

    def _page_number_footer(self, p: CT_P, footer_text: str) -> None:
        footer_tabs.mark(p)  # its right tab follows each section's width (footer_tabs)
        self._fill(p, footer_text, "Footer")
        tabs = ooxml.element("w:tabs")
        # Clear the style's own tab stops (Word's Footer has a centre one) so the single tab
        # carries the page number to the right margin, portrait or landscape.
        for position in self._style_tab_positions("Footer"):
            tabs.append(ooxml.element("w:tab", val="clear", pos=str(position)))
        tabs.append(ooxml.element("w:tab", val="right", pos=str(self.text_width_twips)))
        ooxml.put(p.get_or_add_pPr(), tabs, ooxml.PPR_ORDER)
        p.add_r().text = "\tPage "
        for run in ooxml.field_runs("PAGE", "1"):
            p.append(run)
        p.add_r().text = " of "
        for run in ooxml.field_runs("NUMPAGES", "1"):
            p.append(run)
        self._fit_on_one_line(p, f"{footer_text}\tPage 99 of 99")

    def _fit_on_one_line(self, p: CT_P, text: str) -> None:
        """Set a footer smaller where its style's size would wrap it (a council's 12pt
        Verdana took "of 3" onto a second line), never below 7pt."""
        size = self.styles.font_size_twips("Footer")
        needed = (len(text) * FOOTER_EM + FOOTER_GAP_EM) * size
        if needed <= self.text_width_twips:
            return
        half_points = max(MIN_FOOTER_HALF_POINTS, int(self.text_width_twips * size / needed) // 10)
        for run in p.iter(qn("w:r")):
            rpr = run.find(qn("w:rPr"))
            if rpr is None:
                rpr = ooxml.element("w:rPr")
                run.insert(0, rpr)
            ooxml.put(rpr, ooxml.element("w:sz", val=str(half_points)), ooxml.RPR_ORDER)

    def _style_tab_positions(self, name: str) -> set[int]:
        """Tab stops a paragraph of style ``name`` inherits, in twips."""
        positions: set[int] = set()
        style = self.styles.paragraph(name)
        while style is not None:
            positions |= {int(pos) for pos in style.element.xpath("./w:pPr/w:tabs/w:tab/@w:pos")}
            style = style.base_style  # type: ignore[attr-defined]
        return positions

    def properties(
        self,
        *,
        title: str,
        author: str,
        subject: str = "",
        keywords: str = "",
        status: str = "",
        category: str = "",
    ) -> None:
        """Set every core property, so nothing of the template's (or anyone's) survives."""
        props = CoreProperties(
            title=title,
            author=author,
            subject=subject,
            keywords=keywords,
            category=category,
            status=status,
            language=LANGUAGE,
            when=datetime.now(UTC).replace(microsecond=0, tzinfo=None),
        )
        set_core_properties(self.document, props)
        board_properties_only(self.document)

    # -- output -----------------------------------------------------------------------------
    def save(self, path: Path) -> Path:
        """Write the document to ``path`` atomically; returns the path."""
        return write_atomically(path, self.write_to)

    def write_to(self, stream: BinaryIO) -> None:
        footer_tabs.fit_footer_tabs(self.document)
        self.document.save(stream)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.write_to(buffer)
        return buffer.getvalue()


def widest_word(cell: Cell) -> float:
    """The width in ems of the widest word in a cell (the narrowest the column may be)."""
    if isinstance(cell, Styled):
        cell = cell.content
    items = cell.items if isinstance(cell, Lines) else (cell,)
    widest = 0.0
    for item in items:
        for span in _spans(item):
            text = span if isinstance(span, str) else span.text
            widest = max([widest, *(word_ems(word) for word in text.split())])
    return widest


def word_ems(word: str) -> float:
    """A word's width in ems, estimated letter by letter."""
    return sum(CAPITAL_EM if c.isupper() else SMALL_EM if c.isalnum() else OTHER_EM for c in word)


def fit_columns(shares: list[int], needed: list[int], total: int) -> list[int]:
    """Widen the columns whose words need it; take the width from the others in proportion."""
    if sum(needed) >= total:
        return shares  # nothing fits in any case: keep the designed proportions
    widened = [max(share, need) for share, need in zip(shares, needed, strict=True)]
    extra = sum(widened) - total
    if extra <= 0:
        return widened
    spare = [w - need for w, need in zip(widened, needed, strict=True)]
    room = sum(spare)
    fitted = [w - extra * s // room for w, s in zip(widened, spare, strict=True)]
    widest = fitted.index(max(fitted))
    fitted[widest] -= sum(fitted) - total  # what rounding left over
    return fitted


class _Columns:
    """The context manager behind :meth:`WordWriter.columns`."""

    def __init__(self, writer: WordWriter, count: int) -> None:
        self.writer, self.count = writer, count

    def __enter__(self) -> None:
        self.writer._end_section_here(1)

    def __exit__(self, *exc: object) -> None:
        self.writer._end_section_here(self.count)


def bullet(text: str) -> Bullet:
    """``• text`` as a hanging bullet point (the tab lines a wrapped line up with the text)."""
    return Bullet(f"\u2022\t{text}")


def hang(p: CT_P, twips: int, *, after: int = 0) -> None:
    """Indent paragraph ``p`` by ``twips`` more than its style's ``after`` twips, its first
    line hanging back, and a tab stop there (Word and LibreOffice stop the bullet's tab at it)."""
    p_pr = p.get_or_add_pPr()
    indent = p_pr.get_or_add_ind()
    indent.left = Emu((after + twips) * EMU_PER_TWIP)
    indent.hanging = Emu(twips * EMU_PER_TWIP)
    p_pr.get_or_add_tabs().insert_tab_in_order(
        Emu((after + twips) * EMU_PER_TWIP), WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.SPACES
    )


def add_text(p: CT_P, span: str | Span) -> None:
    """Append ``span`` to paragraph ``p``: cleaned, with right-to-left pieces in their own runs."""
    if isinstance(span, str):
        span = Span(span)
    text = ooxml.clean_text(span.text)
    if not text:
        return
    for piece, rtl in ooxml.direction_runs(text):
        r = p.add_r()
        if span.bold or span.italic or span.underline or span.caps or span.colour:
            rpr = r.get_or_add_rPr()
            if span.bold:
                rpr.get_or_add_b()
            if span.italic:
                rpr.get_or_add_i()
            if span.caps:
                rpr.get_or_add_caps()
            if span.colour:
                rpr.get_or_add_color().val = RGBColor.from_string(span.colour)
            if span.underline:
                rpr.get_or_add_u().val = WD_UNDERLINE.SINGLE
        if rtl:
            ooxml.mark_rtl(r, bold=span.bold)
        r.text = piece

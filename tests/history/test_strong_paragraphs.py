"""The history reader's test for a title paragraph (bold or underlined throughout, or a
heading style) reads run properties straight from the XML; it must agree with python-docx's
own ``run.bold or run.underline`` on every form Word writes."""

from __future__ import annotations

import docx
import pytest
from docx.enum.text import WD_UNDERLINE

from scbmeet.history.docx_reader import _paragraph_is_strong


def python_docx_says(paragraph) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.bold or r.underline for r in runs)


def paragraphs():
    document = docx.Document()
    plain = document.add_paragraph("Narrative of the minute.")
    bold = document.add_paragraph()
    bold.add_run("10/13 ").bold = True
    bold.add_run("ANTI-SOCIAL BEHAVIOUR").bold = True
    not_bold = document.add_paragraph()
    not_bold.add_run("Bold switched off").bold = False
    underlined = document.add_paragraph()
    underlined.add_run("Hate crime").underline = True
    no_underline = document.add_paragraph()
    no_underline.add_run("Underline none").underline = WD_UNDERLINE.NONE
    double = document.add_paragraph()
    double.add_run("Double underline").underline = WD_UNDERLINE.DOUBLE
    mixed = document.add_paragraph()
    mixed.add_run("Partly ").bold = True
    mixed.add_run("bold")
    spaced = document.add_paragraph()
    spaced.add_run("Title").bold = True
    spaced.add_run("   ")  # a blank run does not count
    empty = document.add_paragraph("")
    heading = document.add_heading("Minutes", level=1)
    return [plain, bold, not_bold, underlined, no_underline, double, mixed, spaced, empty, heading]


@pytest.mark.parametrize("index", range(10))
def test_the_reader_agrees_with_python_docx(index):
    paragraph = paragraphs()[index]
    expected = python_docx_says(paragraph) or paragraph.style.name.startswith("Heading")
    assert _paragraph_is_strong(paragraph) is expected


def test_the_forms_cover_both_answers():
    answers = {_paragraph_is_strong(p) for p in paragraphs()}
    assert answers == {True, False}

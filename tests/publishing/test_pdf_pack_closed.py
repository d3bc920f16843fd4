"""A closed-session paper in the PDF pack: every page of its cover sheet and files (its own
headers and its landscape page too) names the closed item it belongs to and why it is
exempt; the rest of the full pack says it includes closed-session items."""

from __future__ import annotations

import warnings

from pypdf import PdfReader

from scbmeet.exports.pdf_pack import NOT_FOR_PUBLICATION, build_pdf_pack
from scbmeet.exports.pdf_pages import fitted, text_width

from ..real_papers import closed_report
from .conftest import page_texts, text_pdf

MARKING = "Not for publication: closed-session item 10. Exempt: Schedule 12A paragraphs 1, 2"


def test_every_page_of_a_closed_paper_carries_its_marking(demo, tmp_path):
    services, summary = demo
    meeting_id = summary.upcoming_meeting_id
    closed = next(
        i for i in services.agenda.agenda(meeting_id) if i.is_closed and i.parent_id is None
    )
    for demos in closed.papers:  # the real paper is the closed item's only one
        services.agenda.delete_paper(demos.id)
    paper = services.agenda.add_paper(closed.id, "Review findings")
    services.agenda.attach_file(paper.id, "review.docx", closed_report())
    services.agenda.attach_file(paper.id, "costs.pdf", text_pdf("COSTS APPENDIX"), role="appendix")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its tracked change is accepted, and said so
        reader = PdfReader(build_pdf_pack(services, meeting_id, tmp_path / "pack.pdf"))
    texts = page_texts(reader)
    cover = next(n for n, t in enumerate(texts) if "ITEM 10: REVIEW FINDINGS" in t.upper())
    appendix = next(n for n, t in enumerate(texts) if "COSTS APPENDIX" in t)
    paper_pages = range(cover, appendix + 1)
    assert len(paper_pages) == 7  # the cover, five pages of the report, the PDF appendix
    widths = [float(reader.pages[n].mediabox.width) for n in paper_pages]
    assert max(widths) > 800  # the landscape page is among them
    for n in paper_pages:
        assert MARKING in texts[n], (n, texts[n][:120])
    others = [t for n, t in enumerate(texts) if n not in paper_pages]
    assert others and all(NOT_FOR_PUBLICATION in t and MARKING not in t for t in others)


def test_a_long_marking_is_cut_at_a_word_to_fit_the_page():
    long = "Not for publication: closed-session item 10. Confidential: " + "word " * 60
    shown = fitted(long.strip(), 500)
    assert text_width(shown, 8.5) <= 500
    assert shown.startswith("Not for publication: closed-session item 10.")
    assert shown.endswith("word\u2026")
    assert fitted(MARKING, 500) == MARKING

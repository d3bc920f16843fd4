"""The PDF pack: PDF papers merged in place, closed business kept out of the public pack,
the accessibility check's warnings, and a clear line when LibreOffice is not installed."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from scbmeet.cli import main
from scbmeet.exports import pdf
from scbmeet.exports.accessibility_check import pack_problems

from .conftest import outline_titles, page_texts, scanned_pdf, text_pdf, word_paper

DATE = "2026-12-09"
SECRET_WORDS = ["Nightjar", "NJ-77", "Kestrel", "Wrenfield", "Domestic homicide", "DHR-2025-03"]


def _papers(services, meeting_id):
    return {p.title: p for i in services.agenda.agenda(meeting_id) for p in i.papers}


@pytest.fixture
def db_args(demo):
    services, _ = demo
    return ["--db", str(services.db.path)]


@pytest.fixture
def with_pdf_papers(demo):
    """Item 6's paper: a Word report then a two-page PDF appendix; item 7's: a PDF paper."""
    services, summary = demo
    papers = _papers(services, summary.upcoming_meeting_id)
    priorities = papers["Threat and risk priorities for next year"].id
    services.agenda.attach_file(
        priorities, "priorities.docx", word_paper("Priorities", "Violence against women first.")
    )
    services.agenda.attach_file(
        priorities,
        "priority matrix.pdf",
        text_pdf("MATRIX PAGE ONE", "MATRIX PAGE TWO"),
        role="appendix",
    )
    offenders = papers["Integrated offender management - annual review"].id
    services.agenda.attach_file(offenders, "iom review.pdf", text_pdf("IOM REVIEW TEXT"))
    return services, summary


def _pack(db_args, tmp_path, *extra) -> PdfReader:
    out = tmp_path / "pack.pdf"
    assert main(["export", "pack", DATE, *db_args, "--out", str(out), *extra]) == 0
    return PdfReader(out)


def _page_with(texts, words) -> int:
    """1-based page whose text holds ``words``."""
    return next(n for n, text in enumerate(texts, start=1) if words in text)


def test_pdf_papers_are_merged_in_place_and_bookmarked(with_pdf_papers, db_args, tmp_path):
    reader = _pack(db_args, tmp_path)
    texts = page_texts(reader)
    cover = _page_with(texts, "Threat and risk priorities for next year")
    report = _page_with(texts, "Violence against women first.")
    matrix = _page_with(texts, "MATRIX PAGE ONE")
    assert cover < report < matrix  # the cover, its Word report, then the appendix
    assert "MATRIX PAGE TWO" in texts[matrix]  # the appendix's next page follows on
    iom = _page_with(texts, "IOM REVIEW TEXT")
    assert "INTEGRATED OFFENDER MANAGEMENT - ANNUAL REVIEW" in texts[iom - 2].upper()
    assert all("Enclosed separately" not in t for t in texts)
    outline = outline_titles(reader)
    assert (2, "Appendix: priority matrix.pdf", matrix) in outline
    assert (2, "iom review.pdf", iom) in outline
    assert f"Page {matrix + 1} of {len(texts)}" in texts[matrix]  # stamped on merged pages too
    agenda = " ".join(texts[0].split())
    assert f"(page {cover})" in agenda and f"(page {iom - 1})" in agenda


def _closed_business(services, meeting_id):
    item = services.agenda.add_item(
        meeting_id,
        "Operation Nightjar safeguarding review",
        session="closed",
        closed_reference="NJ-77",
        presenter_text="Wrenfield Lead",
    )
    paper = services.agenda.add_paper(
        item.id, "Nightjar review report", recommendation="That the Kestrel plan be agreed."
    )
    services.agenda.attach_file(
        paper.id, "nightjar.docx", word_paper("Kestrel findings", "The Wrenfield estate.")
    )
    services.agenda.attach_file(paper.id, "kestrel.pdf", text_pdf("Kestrel appendix"))


def _everything(reader: PdfReader) -> str:
    outline = " ".join(title for _d, title, _p in outline_titles(reader))
    metadata = " ".join(str(v) for v in (reader.metadata or {}).values())
    return "\n".join([*page_texts(reader), outline, metadata])


def test_the_public_pdf_pack_holds_nothing_of_closed_business(demo, db_args, tmp_path):
    services, summary = demo
    _closed_business(services, summary.upcoming_meeting_id)
    full = _everything(_pack(db_args, tmp_path))
    assert all(word in full for word in ("Nightjar", "Kestrel appendix", "Not for publication"))
    public = _everything(_pack(db_args, tmp_path, "--public"))
    assert [w for w in [*SECRET_WORDS, "Not for publication"] if w in public] == []
    assert "Performance report" in public


def test_the_accessibility_check_lists_what_the_regulations_would_flag(
    demo, db_args, tmp_path, capsys
):
    services, summary = demo
    papers = _papers(services, summary.upcoming_meeting_id)
    priorities = papers["Threat and risk priorities for next year"].id
    services.agenda.attach_file(priorities, "photo.docx", word_paper("Map", "A map.", image_alt=""))
    services.agenda.attach_file(
        priorities, "described.docx", word_paper("Map", "A map.", image_alt="Map of the county")
    )
    services.agenda.attach_file(priorities, "scan.pdf", scanned_pdf(), role="appendix")
    offenders = papers["Integrated offender management - annual review"].id
    services.agenda.attach_file(
        offenders, "figures.docx", word_paper("Figures", "Counts.", table_header=False)
    )
    services.agenda.attach_file(
        offenders, "headed.docx", word_paper("Figures", "Counts.", table_header=True)
    )
    reader = _pack(db_args, tmp_path)
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "scbmeet: accessibility: Item 6, Threat and risk priorities for next year (photo.docx): "
        "1 image has no alternative text (Picture 1)",
        "scbmeet: accessibility: Item 6, Threat and risk priorities for next year (scan.pdf): "
        "no text layer (a scanned image): a screen reader cannot read it",
        "scbmeet: accessibility: Item 7, Integrated offender management - annual review "
        "(figures.docx): 1 table has no header row (mark it: Repeat as header row)",
    ]
    assert len(reader.pages) > 5  # a warning list, not a refusal: the pack is written
    public = pack_problems(services, summary.upcoming_meeting_id, public=True)
    assert len(public) == 3


def test_without_libreoffice_one_line_names_the_package(db_args, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setenv("SCBMEET_SOFFICE", str(tmp_path / "no-soffice"))
    for kind in ("agenda", "pack"):
        out = tmp_path / f"{kind}.pdf"
        assert main(["export", kind, DATE, *db_args, "--out", str(out)]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "libreoffice-writer" in err and "Traceback" not in err
        assert err.startswith("scbmeet: Writing PDF needs LibreOffice, which was not found")
        assert not out.exists()


def test_libreoffice_is_found_on_path_or_in_its_install_folder(tmp_path, monkeypatch):
    program = tmp_path / "bin" / "soffice"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    monkeypatch.delenv("SCBMEET_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(program.parent))
    assert pdf.find_soffice() == program
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    installed = tmp_path / "opt" / "libreoffice7.6" / "program" / "soffice"
    installed.parent.mkdir(parents=True)
    installed.write_bytes(program.read_bytes())
    installed.chmod(0o755)
    monkeypatch.setattr(
        pdf, "INSTALL_FOLDERS", (str(tmp_path / "opt/libreoffice*/program/soffice"),)
    )
    assert pdf.find_soffice() == installed
    monkeypatch.setattr(pdf, "INSTALL_FOLDERS", ())
    with pytest.raises(pdf.LibreOfficeMissing, match="libreoffice-writer"):
        pdf.find_soffice()


def test_damaged_papers_and_other_files_are_named_on_the_cover(demo, db_args, tmp_path, capsys):
    services, summary = demo
    paper = _papers(services, summary.upcoming_meeting_id)[
        "Integrated offender management - annual review"
    ].id
    services.agenda.attach_file(paper, "broken.pdf", b"%PDF-1.4 not really")
    services.agenda.attach_file(paper, "broken.docx", b"GARBLED BYTES " * 50)
    services.agenda.attach_file(paper, "figures.xlsx", b"PK\x03\x04 a workbook")
    services.agenda.attach_file(paper, "iom review.pdf", text_pdf("IOM REVIEW TEXT"))
    texts = [" ".join(t.split()) for t in page_texts(_pack(db_args, tmp_path))]
    cover = _page_with(texts, "Enclosed separately: broken.pdf")
    assert "Enclosed separately: broken.docx" in texts[cover - 1]
    assert "Enclosed separately: figures.xlsx (Excel workbook" in texts[cover - 1]
    assert "IOM REVIEW TEXT" in texts[cover]  # the good file still follows its cover
    assert not any("GARBLED" in t for t in texts)
    err = capsys.readouterr().err
    assert "broken.pdf could not be read as a PDF" in err
    assert "broken.docx could not be read as a Word document" in err


def test_a_word_paper_libreoffice_cannot_convert_is_named_on_its_cover(demo, tmp_path, monkeypatch):
    from scbmeet.exports import pdf_pack
    from scbmeet.exports.pack import PaperWarning

    services, summary = demo
    real = pdf_pack.convert_to_pdf

    def failing_on_papers(sources, outdir, **options):
        made = real(sources, outdir, **options)
        return [
            None if s.name.startswith("paper-") else m for s, m in zip(sources, made, strict=True)
        ]

    monkeypatch.setattr(pdf_pack, "convert_to_pdf", failing_on_papers)
    out = tmp_path / "pack.pdf"
    with pytest.warns(PaperWarning, match="could not be converted to PDF by LibreOffice"):
        pdf_pack.build_pdf_pack(services, summary.upcoming_meeting_id, out)
    texts = [" ".join(t.split()) for t in page_texts(PdfReader(out))]
    cover = _page_with(texts, "Community Safety Agreement - quarter 2 performance")
    assert "Enclosed separately: Q2 performance report.docx" in texts[cover - 1]
    assert not any("Overall anti-social behaviour" in t for t in texts)


def test_a_reviewed_word_paper_goes_into_the_pdf_pack_accepted(demo, db_args, tmp_path, capsys):
    """LibreOffice prints a tracked deletion struck through: the pack converts the paper
    with its changes accepted and comments left out, so struck-out names never reach it;
    and not silently: the export says so in one line."""
    from tests.real_papers import DELETED_NAMES, reviewed_report

    services, summary = demo
    papers = _papers(services, summary.upcoming_meeting_id)
    paper = papers["Threat and risk priorities for next year"].id
    services.agenda.attach_file(paper, "reviewed.docx", reviewed_report())
    for public in ((), ("--public",)):
        texts = page_texts(_pack(db_args, tmp_path, *public))
        whole = " ".join(" ".join(t.split()) for t in texts)
        assert DELETED_NAMES not in whole and "Jane Roe" not in whole
        said = [line for line in capsys.readouterr().err.splitlines() if "reviewed.docx" in line]
        assert len(said) == 1 and said[0].startswith("scbmeet: warning: Item ")
        assert "tracked changes (2), comments (1)" in said[0]
        assert "its tracked changes are accepted in the pack; its comments are left out" in said[0]


def test_a_sub_items_bookmarks_sit_under_its_item(demo, tmp_path):
    """4.1's paper is bookmarked under item 4 (made for it when item 4 has no paper of its
    own), and 5.1's under item 5 next to item 5's own paper."""
    from scbmeet.exports.pdf_pack import build_pdf_pack

    services, summary = demo
    meeting_id = summary.upcoming_meeting_id
    items = services.agenda.agenda(meeting_id)
    bare = next(i for i in items if i.parent_id is None and i.number and not i.papers)
    papered = next(i for i in items if i.parent_id is None and i.papers)
    for parent, title in ((bare, "Sub-item report"), (papered, "Second sub-item report")):
        sub = services.agenda.add_item(meeting_id, title, parent_id=parent.id)
        paper = services.agenda.add_paper(sub.id, title)
        services.agenda.attach_file(paper.id, "sub.pdf", text_pdf(title.upper()))
    out = build_pdf_pack(services, meeting_id, tmp_path / "pack.pdf")
    outline = outline_titles(PdfReader(out))
    titles = [title for _depth, title, _page in outline]

    def under(item_title: str) -> list[tuple[int, str, int]]:
        """The bookmarks under the item's, up to the next one at its depth."""
        at = next(n for n, t in enumerate(titles) if t.endswith(item_title))
        depth = outline[at][0]
        rest = outline[at + 1 :]
        end = next((n for n, (d, _t, _p) in enumerate(rest) if d <= depth), len(rest))
        return rest[:end]

    for parent, title in ((bare, "Sub-item report"), (papered, "Second sub-item report")):
        assert (0, f"{parent.number}. {parent.title}") in [(d, t) for d, t, _p in outline]
        children = under(f" {parent.title}")
        sub_mark = next(m for m in children if m[1].endswith(f" {title}"))
        assert sub_mark[0] == 1 and sub_mark[1].startswith(f"{parent.number}.")
        paper_mark = next(m for m in children if m[1] == title)
        assert paper_mark[0] == 2  # the paper, under the sub-item, under the item
        assert paper_mark[2] == sub_mark[2]
    # A sub-item's bookmark is never beside its item's at the top level.
    assert not any(d == 0 and t.endswith("Sub-item report") for d, t, _p in outline)


def test_the_public_pdf_pack_draws_a_chart_without_its_workbook(demo, db_args, tmp_path):
    from tests.real_papers import chart_report

    services, summary = demo
    papers = _papers(services, summary.upcoming_meeting_id)
    paper = papers["Threat and risk priorities for next year"].id
    services.agenda.attach_file(paper, "chart.docx", chart_report())
    texts = [" ".join(t.split()) for t in page_texts(_pack(db_args, tmp_path, "--public"))]
    charted = _page_with(texts, "Incidents by quarter:")
    assert all(quarter in texts[charted - 1] for quarter in ("Q1", "Q2", "Q3"))  # drawn


def test_every_item_has_a_bookmark_one_without_papers_at_its_agenda_page(demo, db_args, tmp_path):
    services, summary = demo
    reader = _pack(db_args, tmp_path)
    outline = outline_titles(reader)
    titles = [title for _depth, title, _page in outline]
    items = [i for i in services.agenda.agenda(summary.upcoming_meeting_id) if i.parent_id is None]
    assert len(items) > 3
    for item in items:
        assert any(t.endswith(item.title) for t in titles), item.title
    papered = {i.title for i in items if i.papers}
    unpapered = [(d, t, p) for d, t, p in outline if t.endswith("Any other business")]
    assert unpapered == [(0, unpapered[0][1], 1)]  # on the agenda page, at the top level
    assert "Any other business" not in papered
    at = {t: n for n, (_d, t, _p) in enumerate(outline)}
    positions = [next(n for t, n in at.items() if t.endswith(i.title)) for i in items]
    assert positions == sorted(positions)  # in agenda order

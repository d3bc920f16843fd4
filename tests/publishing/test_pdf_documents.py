"""``scbmeet export KIND ... --out FILE.pdf``: every document as a valid, tagged PDF.

Each PDF is read back with pypdf, as a reader of the published file would meet it: its
page count, bookmarks, the text of page 1, its title and language.
"""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from scbmeet.cli import main

from .conftest import outline_titles, page_texts

DATE = "2026-12-09"
BOARD = "Marlshire Safer Communities Board"

KINDS = {
    "agenda": (["export", "agenda", DATE], "Agenda: ", "Agenda"),
    "public-agenda": (["export", "agenda", DATE, "--public"], "Agenda (public version)", "Agenda"),
    "minutes": (["export", "minutes", "2026-09-09"], "Minutes", "Present"),
    "actions": (["export", "actions", DATE, "--by", "owner"], "Action log", "Outstanding actions"),
    "register": (["export", "register", "--board", "MSCB"], "Action log", None),
    "brief": (["export", "brief", DATE], "Chair's brief", "Before the meeting"),
}


@pytest.fixture
def db_args(demo):
    services, _ = demo
    return ["--db", str(services.db.path)]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_document_is_written_as_a_tagged_pdf(db_args, tmp_path, capsys, kind):
    command, title_start, first_heading = KINDS[kind]
    out = tmp_path / f"{kind}.pdf"
    assert main([*command, *db_args, "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"Wrote {out}"
    reader = PdfReader(out)
    assert len(reader.pages) >= 1
    assert BOARD.casefold() in " ".join(page_texts(reader)[0].split()).casefold()
    assert reader.metadata.title.startswith(title_start)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]  # tagged for screen readers
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    titles = [title for _depth, title, _page in outline_titles(reader)]
    if first_heading is not None:
        assert first_heading.casefold() in [t.casefold() for t in titles]  # headings bookmarked
    assert not list(tmp_path.glob("*.docx"))  # the Word file was a step, not left behind


def test_the_pack_is_one_numbered_pdf_with_a_bookmark_per_item_and_paper(db_args, tmp_path):
    out = tmp_path / "pack.pdf"
    assert main(["export", "pack", DATE, *db_args, "--out", str(out)]) == 0
    reader = PdfReader(out)
    texts = page_texts(reader)
    total = len(texts)
    assert total >= 4  # agenda, three cover sheets, the Word paper
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {total}" in text
    assert BOARD.casefold() in texts[0].casefold()
    assert reader.metadata.title == f"Agenda pack: {BOARD}, 9 December 2026"
    outline = outline_titles(reader)
    assert outline[0] == (0, "Agenda", 1)
    items = {title: page for depth, title, page in outline if depth == 0}
    papers = {title: page for depth, title, page in outline if depth == 1}
    assert set(items) >= {
        "Agenda",
        "5. Performance report",
        "6. Strategic assessment priorities",
        "7. Integrated offender management update",
    }
    cover = papers["Community Safety Agreement - quarter 2 performance"]
    assert cover == items["5. Performance report"]
    assert "ITEM 5: COMMUNITY SAFETY AGREEMENT" in texts[cover - 1].upper()
    # The Word paper follows its cover, with its own headings bookmarked beneath it.
    files = [(depth, title, page) for depth, title, page in outline if depth == 2]
    assert (2, "Q2 performance report.docx", cover + 1) in files
    assert "Overall anti-social behaviour continued to fall" in texts[cover]
    assert any(t == "Purpose of the report" and d >= 3 for d, t, _p in outline)
    # The agenda says where each item's papers start.
    agenda = " ".join(texts[0].split())
    assert f"Performance report * (page {cover})" in agenda
    assert f"(page {items['6. Strategic assessment priorities']})" in agenda


def _element_pages(reader: PdfReader) -> list[int]:
    """1-based page of each top-level structure element, in reading order."""
    numbers = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, start=1)}
    document = reader.trailer["/Root"]["/StructTreeRoot"]["/K"].get_object()
    assert document["/S"] == "/Document"

    def first_page(element) -> int | None:
        element = element.get_object()
        if not isinstance(element, dict):
            return None
        if "/Pg" in element:
            return numbers[element.raw_get("/Pg").idnum]
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            found = first_page(kid)
            if found is not None:
                return found
        return None

    return [p for p in (first_page(kid) for kid in document["/K"]) if p is not None]


def test_the_merged_pack_stays_tagged_in_reading_order(db_args, tmp_path):
    out = tmp_path / "pack.pdf"
    assert main(["export", "pack", DATE, *db_args, "--out", str(out)]) == 0
    reader = PdfReader(out)
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and root["/Lang"] == "en-GB"
    pages = _element_pages(reader)
    assert pages == sorted(pages)  # agenda, cover, paper, cover...: the order they are read
    assert set(pages) == set(range(1, len(reader.pages) + 1))  # every page's text is tagged
    keys = [page["/StructParents"] for page in reader.pages]
    assert len(set(keys)) == len(keys)  # each page's marked content maps to its own elements
    tree = root["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    assert sorted(tree[0::2]) == sorted(keys)


def test_two_conversions_at_once_do_not_clash(tmp_path):
    """Each run has a LibreOffice profile of its own, so neither waits for nor breaks the other."""
    from concurrent.futures import ThreadPoolExecutor

    from scbmeet.exports.pdf import convert_to_pdf

    from .conftest import word_paper

    sources = []
    for name in ("first", "second"):
        path = tmp_path / name / f"{name}.docx"
        path.parent.mkdir()
        path.write_bytes(word_paper(f"The {name} paper", f"Text of the {name} paper."))
        sources.append(path)
    with ThreadPoolExecutor(2) as pool:
        made = list(pool.map(lambda s: convert_to_pdf([s], s.parent / "pdf")[0], sources))
    for source, pdf in zip(sources, made, strict=True):
        assert f"Text of the {source.stem} paper." in PdfReader(pdf).pages[0].extract_text()


def test_a_libreoffice_started_ahead_takes_every_run_and_is_gone_afterwards(tmp_path):
    """The PDF pack hands both its conversions to one LibreOffice started ahead: it converts
    the files of each run, reports them one by one, and leaves no process or pipe behind."""
    from scbmeet.exports.pdf import convert_to_pdf, find_soffice
    from scbmeet.exports.pdf_office import OfficeServer, office_pipe

    from .conftest import word_paper

    sources = []
    for n in range(3):
        sources.append(tmp_path / f"paper-{n}.docx")
        sources[-1].write_bytes(word_paper(f"Paper {n}", f"Text of paper {n}."))
    done: list[int] = []
    with OfficeServer(find_soffice()) as office:
        office.start()
        made = convert_to_pdf(sources, tmp_path / "pdf", office=office, on_done=done.append)
        assert office.running  # still there for the next run
        again = convert_to_pdf(sources[:1], tmp_path / "again", office=office)
        assert office.running and office.take_over() == office.profile  # it took that one too
        pipe = office_pipe(office.profile)
        assert pipe is None or pipe.exists()  # the pipe it listens on, to remove when stopped
    assert done == [0, 1, 2]
    for n, pdf in enumerate([*made, *again]):
        assert f"Text of paper {n % 3}." in PdfReader(pdf).pages[0].extract_text()
    assert not office.running and not office.profile.exists()
    assert pipe is None or not pipe.exists()


def test_a_libreoffice_not_ready_is_not_handed_a_run(tmp_path, monkeypatch):
    """Until the server has opened its held file, a run is not handed to it: one that never
    gets ready is stopped and the run starts a LibreOffice of its own."""
    from scbmeet.exports import pdf_office
    from scbmeet.exports.pdf import convert_to_pdf, find_soffice

    from .conftest import word_paper

    source = tmp_path / "paper.docx"
    source.write_bytes(word_paper("Paper", "Text of the paper."))
    monkeypatch.setattr(pdf_office, "READY_WAIT_S", 0)
    monkeypatch.setattr(pdf_office, "HELD_LOCK", "never-there")
    with pdf_office.OfficeServer(find_soffice()) as office:
        office.start()
        assert office.take_over() is None and not office.running
        (pdf,) = convert_to_pdf([source], tmp_path / "pdf", office=office)
    assert "Text of the paper." in PdfReader(pdf).pages[0].extract_text()


def test_each_owners_action_log_can_be_a_pdf(db_args, tmp_path, capsys):
    folder = tmp_path / "owners"
    command = ["export", "actions", DATE, *db_args, "--per-owner", "--out-dir", str(folder)]
    assert main([*command, "--format", "pdf"]) == 0
    written = sorted(folder.iterdir())
    assert len(written) == 8 and all(p.suffix == ".pdf" for p in written)
    assert capsys.readouterr().out.count("Wrote ") == 8
    reader = PdfReader(folder / "actions-rachel-okafor.pdf")
    assert reader.metadata.title.startswith("Actions for Rachel Okafor")
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert "Rachel Okafor" in " ".join(page_texts(reader)[0].split())
    one_log = ["export", "actions", DATE, *db_args, "--out", str(tmp_path / "a.pdf")]
    assert main([*one_log, "--format", "pdf"]) == 1
    assert "--format goes with --per-owner" in capsys.readouterr().err

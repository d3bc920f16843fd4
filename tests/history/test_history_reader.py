"""The reader on its own: flattened PRESENT cells, apologies, minute numbers and titles,
paragraphs split by a page break, hostile files."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest

from scbmeet.domain.errors import ImportFormatError
from scbmeet.history import read_document
from scbmeet.history.blocks import Block
from scbmeet.history.names import split_flattened, written_name
from scbmeet.history.outcomes import outcome_sentence
from scbmeet.history.recognise import recognise, split_title


def test_a_flattened_present_cell_gives_the_organisation_and_its_members():
    assert split_flattened(
        "Westdale District Council Councillor B Murray-Carr S Tomlinson (also NEDDC)"
    ) == [("Westdale District Council", ["Councillor B Murray-Carr", "S Tomlinson (also NEDDC)"])]
    # two columns run together, as a PDF's text layer gives them
    assert split_flattened(
        "Eastvale Borough Council J Townsend Northshire Probation K MacLeod"
    ) == [
        ("Eastvale Borough Council", ["J Townsend"]),
        ("Northshire Probation", ["K MacLeod"]),
    ]
    assert split_flattened("Councillor C Short") is None
    assert split_flattened("The Board noted the report") is None


def test_written_names_keep_titles_initials_and_notes():
    name = written_name("Councillor Mrs C A Hart")
    assert (name.title, name.given_names, name.family_name) == ("Councillor Mrs", "C A", "Hart")
    note = written_name("S Tomlinson (also NEDDC)", "Westdale District Council")
    assert note.note == "also NEDDC" and note.organisation == "Westdale District Council"
    assert written_name("L Allison (Tri-County Transport Consortium)").organisation == (
        "Tri-County Transport Consortium"
    )


def test_titles_in_capitals_end_where_the_narrative_starts():
    assert split_title(
        "PERFORMANCE OVERVIEW \u2013 QUARTER 4 2012/13 A summary was given.", False
    ) == (
        "PERFORMANCE OVERVIEW \u2013 QUARTER 4 2012/13",
        "A summary was given.",
    )
    assert split_title("MINUTES RESOLVED that they be approved.", False) == (
        "MINUTES",
        "RESOLVED that they be approved.",
    )


def test_the_reference_style_flattened_minutes_are_recognised():
    blocks = [
        Block("MINUTES of a meeting of the NORTHSHIRE BOARD held on 5th June 2013 at County Hall"),
        Block("PRESENT"),
        Block("Councillor P J Smith \u2013 in the Chair (Northshire County Council)"),
        Block(
            "Eastvale Borough Council Councillor C Short J Townsend\tNorthshire Probation K MacLeod"
        ),
        Block("Apologies for absence were submitted on behalf of L Allison and A Waldie"),
        Block("Minute 9/2013 MINUTES RESOLVED that the minutes be confirmed."),
        Block("10/13 SCREENING The Board heard about screening, which started around age 12 with"),
        Block("grooming from age 10."),
        Block("Action: SDRI"),
    ]
    document = recognise("flat.pdf", blocks)
    assert document.meeting_date == date(2013, 6, 5) and document.place == "County Hall"
    assert [n.text for n in document.present] == ["Councillor C Short", "J Townsend", "K MacLeod"]
    assert [n.text for n in document.apologies] == ["L Allison", "A Waldie"]
    assert [(m.number, m.year, m.title) for m in document.minutes] == [
        (9, 2013, "Minutes"),
        (10, 13, "Screening"),
    ]
    assert document.minutes[1].paragraphs == (
        "The Board heard about screening, which started around age 12 with grooming from age 10.",
    )
    assert document.minutes[1].actions[0].owners == ("SDRI",)


def _hostile(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.docx", b"", "is damaged or not a Word document"),
        (
            "old.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
            "is encrypted or an old .doc",
        ),
        ("bad.pdf", b"%PDF-1.4 nothing else", "is damaged or not a PDF"),
        ("notes.odt", b"hello", "is not a .docx or .pdf document"),
    ],
)
def test_hostile_files_give_one_line(tmp_path, name, content, message):
    with pytest.raises(ImportFormatError) as raised:
        read_document(_hostile(tmp_path, name, content))
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_a_word_file_that_is_not_minutes_is_named_so(tmp_path):
    d = docx.Document()
    d.add_paragraph("Dear colleagues, please find the newsletter attached.")
    d.save(tmp_path / "letter.docx")
    with pytest.raises(ImportFormatError, match="does not look like minutes"):
        read_document(tmp_path / "letter.docx")


def test_a_zip_that_is_not_word_is_refused(tmp_path):
    with zipfile.ZipFile(tmp_path / "fake.docx", "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ImportFormatError, match="is not a Word document"):
        read_document(tmp_path / "fake.docx")


def test_an_encrypted_pdf_is_named_so(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("secret")
    with open(tmp_path / "locked.pdf", "wb") as out:
        writer.write(out)
    with pytest.raises(ImportFormatError, match=r"locked\.pdf: is encrypted"):
        read_document(tmp_path / "locked.pdf")


def test_an_enormous_file_is_refused_before_it_is_read(tmp_path, monkeypatch, documents):
    import scbmeet.history as history

    path = documents["june"](tmp_path / "june.docx")
    monkeypatch.setattr(history, "MAX_FILE_BYTES", 1000)
    with pytest.raises(ImportFormatError, match=r"june\.docx: is too large"):
        read_document(path)


def test_a_zip_bomb_posing_as_minutes_is_refused(tmp_path, monkeypatch, documents):
    import scbmeet.history.docx_reader as reader

    path = documents["june"](tmp_path / "june.docx")
    monkeypatch.setattr(reader, "MAX_DOCUMENT_XML", 100)
    with pytest.raises(ImportFormatError, match="is too large to be minutes"):
        read_document(path)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Minute 10/26 (Rachel Okafor: bring the breakdown): completed. Figures were shared.",
            (10, 26, "bring the breakdown", "Rachel Okafor", "done", "Figures were shared"),
        ),
        (
            "Minute 6/26 (Tom Ellery: agree a form): no longer required; the action was dropped.",
            (6, 26, "agree a form", "Tom Ellery", "dropped", ""),
        ),
        (
            "Minute 3/26 (SMRI: produce a framework): still open. Progress reported: a draft.",
            (3, 26, "produce a framework", "SMRI", "open", "a draft"),
        ),
        ("Minute 10/13 \u2013 Action complete.", (10, 13, "", "", "done", "")),
        ("10/13 screening tool report: done", (10, 13, "screening tool report", "", "done", "")),
        ("Minute 11/2013: closed.", (11, 2013, "", "", "done", "")),
        ("Minute 4 (the leaflet): not yet complete.", (4, None, "the leaflet", "", "open", "")),
        (
            "Action (Sally Goodwin: write to the CSPs): dropped.",
            (None, None, "write to the CSPs", "Sally Goodwin", "dropped", ""),
        ),
    ],
)
def test_what_later_minutes_say_of_an_earlier_action(sentence, expected):
    found = outcome_sentence(sentence)
    assert found is not None
    assert (
        found.number,
        found.year,
        found.about,
        found.owners,
        found.state,
        found.progress,
    ) == expected


@pytest.mark.parametrize(
    "text",
    [
        "11/13 PERFORMANCE OVERVIEW \u2013 QUARTER 4",
        "5/14 \u2013 CLOSED SESSION",
        "Action: Sally Goodwin",
        "Minute 10/13 was discussed at length.",
        "12/13 MATTERS ARISING: all the actions were complete.",
        "The Board noted that the work was done.",
    ],
)
def test_headings_actions_and_narrative_are_not_outcomes(text):
    assert outcome_sentence(text) is None


def test_a_citation_of_an_earlier_minute_is_not_a_minute_heading():
    blocks = [
        Block("MINUTES of a meeting of the NORTHSHIRE BOARD held on 27 November 2013"),
        Block("12/13 MATTERS ARISING", strong=True),
        Block("10/13 \u2013 the screening tool report had been received: done."),
        Block("11/13 Performance: the figures would come in March."),
        Block("13/13 ANY OTHER BUSINESS", strong=True),
        Block("14/13 \u2013 Closing remarks: the work was done."),  # the next number: a heading
    ]
    document = recognise("nov.docx", blocks)
    assert [m.number for m in document.minutes] == [12, 13, 14]
    assert [(o.number, o.state) for o in document.outcomes] == [(10, "done")]
    assert document.minutes[0].paragraphs[1] == (
        "11/13 Performance: the figures would come in March."
    )

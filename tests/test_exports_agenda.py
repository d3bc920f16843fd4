"""The agenda document: read back with python-docx and checked against the records."""

from __future__ import annotations

from datetime import date

from docx import Document

from scbmeet.exports.agenda import export_agenda, paper_footnote, paper_mark


def _table_rows(table):
    """Each row's cell texts, no-break spaces read as spaces (as a reader sees them)."""
    return [[cell.text.replace("\u00a0", " ") for cell in row.cells] for row in table.rows]


def _styled(doc):
    return [(p.style.name, p.text) for p in doc.paragraphs]


def test_agenda_heads_with_board_date_time_and_venue(demo, tmp_path):
    services, summary = demo
    doc = Document(export_agenda(services, summary.upcoming_meeting_id, tmp_path / "a.docx"))
    assert _styled(doc)[:4] == [
        ("SCB Title", "Marlshire Safer Communities Board"),
        ("SCB Subtitle", "Wednesday 9 December 2026 at 9.30am"),
        ("SCB Subtitle", "Council Chamber, County Hall, Marlow Road, Marlbury"),
        ("Heading 1", "Agenda"),
    ]
    headings = [text for style, text in _styled(doc) if style.startswith("Heading")]
    assert headings == [
        "Agenda",
        "Apologies",
        "Open session",
        "Date of next meeting",
        "Closed session",
    ]


def test_open_session_is_a_numbered_table_with_sub_items_presenters_and_paper_marks(demo, tmp_path):
    services, summary = demo
    doc = Document(export_agenda(services, summary.upcoming_meeting_id, tmp_path / "a.docx"))
    rows = _table_rows(doc.tables[0])
    assert rows[0] == ["No.", "Item", "Presenter"]
    assert [r[0] for r in rows[1:]] == [
        "1.",
        "2.",
        "3.",
        "4.",
        "5.",
        "5.1",
        "5.2",
        "6.",
        "7.",
        "8.",
        "9.",
    ]
    by_number = {r[0]: r for r in rows[1:]}
    # every standard agenda calls for declarations first, straight after apologies
    assert by_number["1."][1:] == ["Declarations of interest", ""]
    assert by_number["2."][1:] == ["Minutes of the meeting held on 9 September 2026", "Chair"]
    assert by_number["5."][1:] == ["Performance report *", "Nadia Rahman"]
    assert by_number["5.1"][1] == "Quarter 2 performance against the Community Safety Agreement"
    assert by_number["6."][1] == "Strategic assessment priorities *Paper to follow"
    assert by_number["7."][1:] == [
        "Integrated offender management update *Paper to follow\n"
        "\u2022\tChanges to probation supervision\n"
        "\u2022\tAnnual review of the scheme",
        "Helen Carver, Kieran Walsh",
    ]  # the demo's bulleted item: two points under its one number
    assert by_number["9."][1] == "Any other business"


def test_closed_session_lists_items_with_their_reference_and_the_footnote_ends(demo, tmp_path):
    services, summary = demo
    doc = Document(export_agenda(services, summary.upcoming_meeting_id, tmp_path / "a.docx"))
    assert _table_rows(doc.tables[1]) == [
        ["No.", "Item", "Reference", "Presenter"],
        [
            "10.",  # numbering runs on from the open session
            # the demo board follows the Act: why the item is exempt, under its title; its
            # paper (the review's action plan update) is attached
            "Domestic homicide review - action plan progress *\n"
            "Exempt: Schedule 12A paragraphs 1, 2",
            "Ref: DHR-2025-03",
            "Rachel Okafor",
        ],
    ]
    # item 5's paper is attached, item 6's is to follow: the star's two meanings
    assert doc.paragraphs[-1].text == "*Denotes a paper attached, or to follow where marked"
    texts = [p.text for p in doc.paragraphs]
    assert texts[texts.index("Date of next meeting") + 1] == "To be confirmed."


def test_date_of_next_meeting_and_apologies_received_come_from_the_records(demo, tmp_path):
    services, summary = demo
    services.meetings.create_meeting(summary.board_id, date(2027, 3, 10), standard_agenda=False)
    hart = next(p for p in services.register.people() if p.family_name == "Hart")
    services.meetings.set_attendance(summary.upcoming_meeting_id, hart.id, "apologies")
    doc = Document(export_agenda(services, summary.upcoming_meeting_id, tmp_path / "a.docx"))
    texts = [p.text for p in doc.paragraphs]
    assert texts[texts.index("Date of next meeting") + 1] == (
        "Wednesday 10 March 2027 at 9.30am, Council Chamber, County Hall, Marlow Road, Marlbury."
    )
    assert texts[texts.index("Apologies") + 1] == (
        "Apologies received: L Hart (Eastvale Borough Council)."
    )


def test_paper_marks_follow_the_papers_state(demo):
    services, summary = demo
    items = {i.title: i for i in services.agenda.agenda(summary.upcoming_meeting_id)}
    assert paper_mark(items["Performance report"].papers) == " *"
    assert paper_mark(items["Strategic assessment priorities"].papers) == " *Paper to follow"
    assert paper_mark(items["Matters arising"].papers) == ""
    tabled = services.agenda.update_paper(
        items["Strategic assessment priorities"].papers[0].id, {"state": "tabled"}
    )
    assert paper_mark([tabled]) == " *Paper to be tabled"
    assert paper_mark([items["Performance report"].papers[0], tabled]) == (
        " * (a further paper to follow)"
    )


def test_the_footnote_says_what_the_star_means_on_this_agenda(demo, tmp_path):
    services, summary = demo
    meeting_id = summary.upcoming_meeting_id
    items = {i.title: i for i in services.agenda.agenda(meeting_id)}

    def footnote() -> str:
        return paper_footnote(services.agenda.agenda(meeting_id))

    waiting = [p for i in items.values() for p in i.papers if p.state != "attached"]
    assert waiting and footnote() == "*Denotes a paper attached, or to follow where marked"
    services.agenda.update_paper(waiting[0].id, {"state": "tabled"})
    assert footnote() == "*Denotes a paper attached, or to follow or to be tabled where marked"
    for paper in waiting:
        services.agenda.update_paper(paper.id, {"state": "attached"})
    assert footnote() == "*Denotes a paper attached"  # the board's own words, as before
    every = [p for i in services.agenda.agenda(meeting_id) for p in i.papers]
    for paper in every:
        services.agenda.update_paper(paper.id, {"state": "to_follow"})
    assert footnote() == "*Denotes a paper to follow"
    services.agenda.update_paper(every[0].id, {"state": "tabled"})
    assert footnote() == "*Denotes a paper to follow, or to be tabled where marked"
    for paper in every:
        services.agenda.delete_paper(paper.id)
    assert footnote() == ""
    doc = Document(export_agenda(services, meeting_id, tmp_path / "a.docx"))
    assert not any("Denotes" in p.text for p in doc.paragraphs)  # no papers, no footnote


def test_withdrawn_items_say_so(demo, tmp_path):
    services, summary = demo
    item = next(
        i
        for i in services.agenda.agenda(summary.upcoming_meeting_id)
        if i.title == "Frequency of meetings next year"
    )
    services.agenda.update_item(item.id, {"status": "withdrawn"})
    doc = Document(export_agenda(services, summary.upcoming_meeting_id, tmp_path / "a.docx"))
    titles = [r[1].split("\n")[0] for r in _table_rows(doc.tables[0])]
    assert "Frequency of meetings next year (withdrawn)" in titles


def test_item_notes_print_under_the_item_and_guests_carry_their_job_title(demo, tmp_path):
    services, summary = demo
    meeting = summary.upcoming_meeting_id
    guest = services.register.create_person(
        "Whitfield", given_names="Andrea", job_title="Deputy Chief Fire Officer"
    )
    services.agenda.add_item(
        meeting, "Fire and rescue service consultation", presenter_ids=[guest.id]
    )
    doc = Document(export_agenda(services, meeting, tmp_path / "a.docx"))
    rows = {r[1].split("\n")[0]: r for r in _table_rows(doc.tables[0])}
    frequency = rows["Frequency of meetings next year"]
    assert frequency[1] == (
        "Frequency of meetings next year\nProposed: March, June, September and December 2027"
    )
    notes = doc.tables[0].cell(list(rows).index("Frequency of meetings next year"), 1)
    assert notes.paragraphs[1].runs[0].italic
    assert rows["Fire and rescue service consultation"][2] == (
        "Andrea Whitfield \u2013 Deputy Chief Fire Officer"
    )
    assert rows["Performance report *"][2] == "Nadia Rahman"  # a board officer: name only


def test_bullet_lines_in_the_notes_are_unnumbered_points_of_the_item(demo, tmp_path):
    services, summary = demo
    meeting = summary.upcoming_meeting_id
    item = next(i for i in services.agenda.agenda(meeting) if i.title == "Any other business")
    services.agenda.update_item(
        item.id, {"notes": "- Transforming rehabilitation\n\u2022 Offender management update"}
    )
    doc = Document(export_agenda(services, meeting, tmp_path / "a.docx"))
    number = f"{services.agenda.item(item.id).number}."
    rows = {r[0]: r for r in _table_rows(doc.tables[0])}
    assert rows[number][1] == (
        "Any other business\n\u2022\tTransforming rehabilitation\n\u2022\tOffender management update"
    )
    assert not any(n.startswith(number) and n != number for n in rows)


def test_the_paper_marking_holds_to_the_title_and_never_breaks_inside(demo, tmp_path):
    """A long title wraps before "*Paper to follow", never inside it, and never before a
    lone "*": those spaces do not break (read back by python-docx)."""
    services, summary = demo
    doc = Document(export_agenda(services, summary.upcoming_meeting_id, tmp_path / "a.docx"))
    titles = [row.cells[1].paragraphs[0].text for row in doc.tables[0].rows[1:]]
    assert "Strategic assessment priorities *Paper\u00a0to\u00a0follow" in titles
    assert "Performance report\u00a0*" in titles

"""The agenda, in the shape board secretaries already send out.

Board name, date, time and venue; Apologies; the OPEN SESSION as a numbered table of items
(with their sub-items) and presenters, ``*`` after items with a paper and "*Paper to follow"
where it is late; the date of the next meeting; the CLOSED SESSION with each item's
reference; and the footnote saying what the ``*`` means on this agenda (attached, to follow).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from docx.text.paragraph import Paragraph

from scbmeet.domain import dto
from scbmeet.domain.bullets import BULLET_MARKS
from scbmeet.domain.dto import long_date
from scbmeet.domain.enums import AttendanceStatus, ItemKind, ItemStatus, PaperState
from scbmeet.exports.exempt_session import agenda_motion, exemption_line
from scbmeet.exports.formats import (
    closed_markings,
    join_names,
    meeting_when,
    meeting_when_where,
    person_with_organisation,
)
from scbmeet.exports.records import MeetingRecord
from scbmeet.exports.writer import Cell, Content, Lines, Span, Styled, WordWriter, bullet
from scbmeet.services import Services

PAPER_FOOTNOTE = "*Denotes a paper attached"  # what the star says when every paper is in
WITHHELD_NOTE = (
    "Items to be taken in closed session, when the public may be excluded, are not "
    "included in this public version of the agenda."
)
OPEN_WIDTHS = (1.3, 10.2, 5.5)
CLOSED_WIDTHS = (1.3, 6.9, 3.4, 5.4)
HEADING_KINDS = (ItemKind.APOLOGIES.value, ItemKind.NEXT_MEETING.value)
SUB_ITEM = "SCB Table Subitem"  # indented under its item
NO_BREAK = "\u00a0"  # a space a line never breaks at
# After an item's title in a pack, where its papers start: held to the marking before it,
# so "(page 5)" never starts a line alone (the PDF pack prints N, the Word pack a field).
PAGE_REFERENCE = "\u00a0(page\u00a0{})"


def paper_mark(papers: Sequence[dto.PaperInfo]) -> str:
    """`` *`` for an item with its paper attached, `` *Paper to follow`` for a late one."""
    if not papers:
        return ""
    waiting = [p for p in papers if p.state in (PaperState.EXPECTED, PaperState.TO_FOLLOW)]
    tabled = [p for p in papers if p.state == PaperState.TABLED]
    if not waiting and not tabled:
        return " *"
    if len(waiting) == len(papers):
        return " *Paper to follow" if len(papers) == 1 else " *Papers to follow"
    if len(tabled) == len(papers):
        return " *Paper to be tabled"
    return " * (a further paper to follow)"


def paper_footnote(items: Sequence[dto.AgendaItemInfo]) -> str:
    """What the ``*`` means on this agenda, naming only the cases it has: ``*Denotes a paper
    attached``, ``*Denotes a paper attached, or to follow where marked`` (``or to be
    tabled``), ``*Denotes a paper to follow`` when none is in yet; "" without papers. It
    begins "*Denotes", as the board's own agendas do (the import of past agendas skips it)."""
    states = {paper.state for item in items for paper in item.papers}
    if not states:
        return ""
    cases = [
        words
        for words, kinds in (
            ("attached", {PaperState.ATTACHED}),
            ("to follow", {PaperState.EXPECTED, PaperState.TO_FOLLOW}),
            ("to be tabled", {PaperState.TABLED}),
        )
        if states & kinds
    ]
    others = f", or {' or '.join(cases[1:])} where marked" if len(cases) > 1 else ""
    return f"*Denotes a paper {cases[0]}{others}"


def item_title(item: dto.AgendaItemInfo) -> str:
    """The title as the agenda prints it, with its paper marking and any change of plan."""
    # The marking holds together (never "*Paper to" on one line and "follow" on the next);
    # a bare "*" holds to the title's last word, so it never starts a line alone.
    mark = paper_mark(item.papers)  # "", " *" or " *Paper to follow"
    if mark == " *":
        mark = NO_BREAK + "*"
    elif mark:
        mark = " " + mark[1:].replace(" ", NO_BREAK)
    title = item.title + mark
    if item.status == ItemStatus.WITHDRAWN:
        title += " (withdrawn)"
    elif item.status == ItemStatus.DEFERRED:
        title += " (deferred)"
    return title


def item_number(item: dto.AgendaItemInfo) -> str:
    """``4.`` for an item, ``4.1`` for a sub-item, as the house style numbers them."""
    if not item.number:
        return ""
    return item.number if item.parent_id is not None else f"{item.number}."


def agenda_title_paragraphs(writer: WordWriter) -> Iterator[tuple[str, Paragraph]]:
    """(number as the agenda prints it, "" for none; its title's first paragraph) for each
    row of the tables written so far: call it right after :func:`render_agenda`."""
    for table in writer.document.tables:
        for row in table.rows[1:]:
            cells = row.cells
            if len(cells) > 1:
                yield cells[0].text.strip(), cells[1].paragraphs[0]


def render_title_block(writer: WordWriter, record: MeetingRecord, document_name: str) -> None:
    meeting = record.meeting
    writer.paragraph(record.board.name, "SCB Title")
    if meeting.title:
        writer.paragraph(meeting.title, "SCB Subtitle")
    when = writer.paragraph(meeting_when(meeting), "SCB Subtitle")
    if meeting.venue:
        writer.space(when, after=0)  # the venue reads as the second line of the same heading
        writer.paragraph(meeting.venue, "SCB Subtitle")
    writer.heading(document_name, 1)


def render_agenda(writer: WordWriter, record: MeetingRecord) -> None:
    """Write the agenda of ``record`` into ``writer`` (the pack starts with this too)."""
    render_title_block(writer, record, "Agenda")
    if any(i.kind == ItemKind.APOLOGIES for i in record.agenda):
        render_apologies(writer, record)
    open_items = record.top_items(closed=False)
    writer.heading("Open session", 1)
    writer.table(("No.", "Item", "Presenter"), open_rows(record, open_items), OPEN_WIDTHS)
    if any(i.kind == ItemKind.NEXT_MEETING for i in record.agenda):
        render_next_meeting(writer, record)
    closed_items = record.top_items(closed=True)
    if closed_items:
        writer.heading("Closed session", 1)
        writer.paragraph(agenda_motion(record, closed_items))
        writer.table(
            ("No.", "Item", "Reference", "Presenter"),
            closed_rows(record, closed_items),
            CLOSED_WIDTHS,
        )
    footnote = paper_footnote(record.agenda)
    if footnote:
        writer.paragraph(footnote, "SCB Note")
    if record.withheld:
        writer.paragraph(WITHHELD_NOTE, "SCB Note")


def render_apologies(writer: WordWriter, record: MeetingRecord) -> None:
    writer.heading("Apologies", 2)
    received = [a.person for a in record.attending(AttendanceStatus.APOLOGIES)]
    if received:
        names = join_names([person_with_organisation(p) for p in received])
        writer.paragraph(f"Apologies received: {names}.")


def render_next_meeting(writer: WordWriter, record: MeetingRecord) -> None:
    writer.heading("Date of next meeting", 2)
    following = record.next_meeting
    writer.paragraph(f"{meeting_when_where(following)}." if following else "To be confirmed.")


def presenter_line(record: MeetingRecord, item: dto.AgendaItemInfo) -> Cell:
    """Who presents; a presenter from outside the board with their job title
    ("Andy Waldie – Deputy Chief Fire Officer"), as boards introduce a guest."""
    members = {m.person.id for m in record.memberships}
    names: list[str] = []
    titled = False
    for person_id in item.presenter_ids:
        person = record.services.register.person(person_id)
        if person_id not in members and person.job_title:
            names.append(f"{person.full_name} \u2013 {person.job_title}")
            titled = True
        else:
            names.append(person.full_name)
    if item.presenter_text:
        names.append(item.presenter_text)  # typed: printed as typed, title and all
    if titled and len(names) > 1:
        return Lines(tuple(names))  # a name with a title reads best on a line of its own
    return ", ".join(names)


def title_cell(item: dto.AgendaItemInfo, style: str = "") -> Cell:
    """The item's title, its bullet points under it ("• Follow up on previous actions":
    unnumbered points under the one number), then its notes: a notes line typed as a bullet
    ("- ...") prints as one too; other lines are notes, in italics ("Proposed: March, July
    & October")."""
    lines: list[Content] = [item_title(item)]
    lines.extend(bullet(point) for point in item.bullets)
    for line in (n.strip() for n in item.notes.splitlines()):
        if not line:
            continue
        point = line[2:].strip() if line[:2] in BULLET_MARKS else ""
        lines.append(bullet(point) if point else Span(line, italic=True))
    content: Content | Lines = Lines(tuple(lines)) if len(lines) > 1 else lines[0]
    return Styled(content, style) if style else content


def open_rows(record: MeetingRecord, items: Sequence[dto.AgendaItemInfo]) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for item in items:
        if item.kind in HEADING_KINDS:
            continue
        rows.append([item_number(item), title_cell(item), presenter_line(record, item)])
        for sub in record.sub_items(item):
            sub_row: list[Cell] = [item_number(sub), title_cell(sub, SUB_ITEM)]
            rows.append([*sub_row, presenter_line(record, sub)])
    return rows


def with_exemption(cell: Cell, exemption: str) -> Cell:
    """The title cell with why the item is exempt in italics under it (as notes are, so a
    reader of past agendas takes it for a note, not part of the title)."""
    if not exemption or not isinstance(cell, str | Lines):
        return cell
    lines = list(cell.items) if isinstance(cell, Lines) else [cell]
    return Lines((*lines, Span(exemption, italic=True)))


def closed_rows(record: MeetingRecord, items: Sequence[dto.AgendaItemInfo]) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for item in items:
        reference = f"Ref: {item.closed_reference}" if item.closed_reference else ""
        title = with_exemption(title_cell(item), exemption_line(record, item))
        rows.append([item_number(item), title, reference, presenter_line(record, item)])
        for sub in record.sub_items(item):
            sub_row: list[Cell] = [item_number(sub), title_cell(sub, SUB_ITEM), ""]
            rows.append([*sub_row, presenter_line(record, sub)])
    return rows


def holds_closed_business(record: MeetingRecord) -> bool:
    """Whether this (full) agenda lists closed-session items: then it is not for publication."""
    return not record.public and any(i.id in record.closed_item_ids for i in record.agenda)


def set_agenda_properties(writer: WordWriter, record: MeetingRecord, name: str) -> None:
    meeting = record.meeting
    public = " (public version)" if record.public else ""
    status = "Public version" if record.public else ""
    if holds_closed_business(record):
        status = "Not for publication"
    writer.properties(
        title=f"{name}{public}: {record.board.name}, {long_date(meeting.date)}",
        author=record.board.name,
        subject=f"{name} of the meeting of {long_date(meeting.date)}",
        keywords=f"{record.board.short_name}; {name.lower()}",
        category=name,
        status=status,
    )


def build_agenda(
    services: Services, meeting_id: int, *, public: bool = False, template: Path | str | None = None
) -> WordWriter:
    record = MeetingRecord(services, meeting_id, public=public)
    writer = WordWriter(template)
    writer.furniture(
        f"{record.board.name}: agenda, {long_date(record.meeting.date)}",
        closed_markings(holds_closed_business(record)),
    )
    render_agenda(writer, record)
    set_agenda_properties(writer, record, "Agenda")
    return writer


def export_agenda(
    services: Services,
    meeting_id: int,
    out: Path,
    *,
    public: bool = False,
    template: Path | str | None = None,
) -> Path:
    """Write the agenda of a meeting to ``out`` (atomically); returns the path."""
    return build_agenda(services, meeting_id, public=public, template=template).save(out)

"""The minutes, in the house style of a county safer communities board.

"MINUTES of a meeting of the BOARD held on DATE at VENUE"; PRESENT with the chair first
("- in the Chair") and the other members under their organisations in two columns; who
else attended; the apologies sentence; declarations of interest; then each minute: its
number and title in bold, the narrative, ``RESOLVED`` decisions and ``Action:`` lines;
finally a signature line for the chair. Until the minutes are approved every page says
DRAFT.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from scbmeet.domain import dto
from scbmeet.domain.access_rules import INTEREST_KIND_LABELS, InterestKind
from scbmeet.domain.dto import long_date
from scbmeet.domain.enums import AttendanceStatus, ItemKind
from scbmeet.exports.exempt_session import (
    closed_minute_note,
    closed_runs,
    render_exclusion,
    render_withheld_minute,
    signature_line,
    urgency_sentences,
)
from scbmeet.exports.formats import (
    due_label,
    join_names,
    person_with_organisation,
    person_with_role,
)
from scbmeet.exports.meeting_checks import records_taken, require_minutes_to_export
from scbmeet.exports.minute_notes import (
    MinuteNotes,
    arising_sentence,
    deferral_sentence,
    deferred_to,
)
from scbmeet.exports.owners_to_confirm import render_narrative
from scbmeet.exports.plan_minutes import render_plan_review
from scbmeet.exports.records import MeetingRecord
from scbmeet.exports.writer import Span, WordWriter, bold
from scbmeet.services import Services
from scbmeet.text.paragraphs import place_in_text

DRAFT_MARKING = "Draft: subject to approval by the Board"
CLOSED_MARKING = "Not for publication: includes closed-session items"
WITHHELD_NOTE = (
    "What was said and decided in closed session, when the public were excluded, is not "
    "included in this public version of the minutes."
)
SIGNATURE = "Chair ..............................................\tDate ........................"
NO_ORGANISATION = "Other members"
NO_DECLARATIONS = "No declarations of interest were made."
NONE_DECLARED = "None declared."  # under an agenda's "Declarations of interest" item


def opening_sentence(record: MeetingRecord) -> list[str | Span]:
    """``MINUTES of a meeting of the BOARD held on 5 June 2013 at Police Headquarters``."""
    meeting = record.meeting
    kind = f" ({meeting.title})" if meeting.title else ""
    where = f" at {meeting.venue}" if meeting.venue else ""
    return [
        Span("Minutes", bold=True, caps=True),
        " of a meeting of the ",
        Span(record.board.name, bold=True, caps=True),
        f"{kind} held on {long_date(meeting.date)}{where}",
    ]


def _councillors_first(attendance: dto.AttendanceInfo) -> tuple[int, str, str]:
    person = attendance.person
    councillor = person.title.lower().startswith(("councillor", "cllr"))
    return (0 if councillor else 1, person.family_name, person.given_names)


def present_groups(
    record: MeetingRecord, chair: dto.PersonInfo | None
) -> list[tuple[str, list[dto.AttendanceInfo]]]:
    """Members present other than the chair, under their organisations, alphabetically."""
    groups: dict[str, list[dto.AttendanceInfo]] = defaultdict(list)
    for attendance in record.attending(AttendanceStatus.PRESENT):
        if chair is not None and attendance.person.id == chair.id:
            continue
        groups[attendance.person.organisation_name or NO_ORGANISATION].append(attendance)
    ordered = sorted(groups.items(), key=lambda g: (g[0] == NO_ORGANISATION, g[0].lower()))
    return [(org, sorted(people, key=_councillors_first)) for org, people in ordered]


def member_line(record: MeetingRecord, attendance: dto.AttendanceInfo) -> str:
    """``Councillor P J Smith (substitute for ...) (arrived during minute 11/13)``."""
    parts = [attendance.person.formal_name]
    if attendance.substitute_for_name:
        parts.append(f"(substitute for {attendance.substitute_for_name})")
    if attendance.note:
        parts.append(f"({attendance.note})")
    arrived = record.minute_for_item(attendance.arrived_during_id)
    if arrived is not None:
        parts.append(f"(arrived during minute {arrived.reference})")
    left = record.minute_for_item(attendance.left_during_id)
    if left is not None:
        parts.append(f"(left during minute {left.reference})")
    return " ".join(parts)


def column_split(heights: list[int]) -> int:
    """How many groups go in the left column: the most even split, the left column not shorter."""
    if len(heights) < 2:
        return len(heights)
    total = sum(heights)

    def unevenness(split: int) -> tuple[int, bool]:
        left = sum(heights[:split])
        return abs(total - 2 * left), left < total - left

    return min(range(1, len(heights)), key=unevenness)


def render_present(writer: WordWriter, record: MeetingRecord) -> None:
    writer.heading("Present", 1)
    chair = record.chair
    present_ids = {a.person.id for a in record.attending(AttendanceStatus.PRESENT)}
    if chair is not None and chair.id in present_ids:
        org = f" ({chair.organisation_name})" if chair.organisation_name else ""
        writer.paragraph([chair.formal_name, f" \u2013 in the Chair{org}"], "SCB Opening")
    else:
        chair = None
    groups = present_groups(record, chair)
    if not groups:
        return
    # Two columns, filled down the left first, as the house style sets the PRESENT list; an
    # explicit column break keeps each organisation's people together in Word and LibreOffice.
    if len(groups) == 1:  # one organisation: columns would only split it in two
        write_groups(writer, record, groups, right_starts=None)
        return
    right_starts = column_split([1 + len(people) for _, people in groups])
    with writer.columns(2):
        write_groups(writer, record, groups, right_starts=right_starts)


def write_groups(
    writer: WordWriter,
    record: MeetingRecord,
    groups: list[tuple[str, list[dto.AttendanceInfo]]],
    *,
    right_starts: int | None,
) -> None:
    """Each organisation and its people; a column break before group ``right_starts``."""
    for index, (organisation, people) in enumerate(groups):
        heading = writer.paragraph(organisation, "SCB Organisation")
        if index in (0, right_starts):  # both columns start level
            writer.space(heading, before=0)
        if index == right_starts:
            writer.column_break_before(heading)
        for attendance in people:
            last = writer.paragraph(member_line(record, attendance), "SCB Member")
    writer.space(last, after=12)


def render_in_attendance(writer: WordWriter, record: MeetingRecord) -> None:
    officers = [a.person for a in record.attending(AttendanceStatus.IN_ATTENDANCE)]
    if officers:
        names = join_names([person_with_role(p) for p in officers])
        writer.paragraph([bold("In attendance: "), f"{names}."], "SCB Opening")


def render_apologies(writer: WordWriter, record: MeetingRecord) -> None:
    absent = [a.person for a in record.attending(AttendanceStatus.APOLOGIES)]
    if absent:
        names = join_names([person_with_organisation(p) for p in absent])
        sentence = f"Apologies for absence were submitted on behalf of {names}."
    else:
        sentence = "There were no apologies for absence."
    writer.paragraph(sentence, "SCB Opening")


def declaration_sentence(record: MeetingRecord, declaration: dto.DeclarationInfo) -> str:
    where = ""
    minute = record.minute_for_item(declaration.agenda_item_id)
    item = record.item_by_id(declaration.agenda_item_id)
    if minute is not None:
        where = f" in minute {minute.reference} ({minute.title})"
    elif item is not None:
        where = f" in {f'item {item.number}' if item.number else 'the item'} ({item.title})"
    nature = declaration.nature.strip().rstrip(".")
    if nature[:2].istitle():  # "Her organisation..." continues the sentence; "NHS..." stays
        nature = nature[0].lower() + nature[1:]
    left = ", and left the room for that item" if declaration.left_room else ""
    if declaration.kind == InterestKind.PECUNIARY.value:
        left = (
            ", left the room and took no part in the discussion or vote"
            if declaration.left_room
            else ", and took no part in the discussion or vote"
        )
    kind = INTEREST_KIND_LABELS.get(declaration.kind, "interest")
    article = "an" if kind[0] in "aeiou" else "a"
    return f"{declaration.person_name} declared {article} {kind}{where}: {nature}{left}."


def render_declarations(writer: WordWriter, record: MeetingRecord) -> None:
    """The declarations made. With none: "None declared." when the agenda called for them,
    the board's own sentence when its style asks for one, otherwise nothing."""
    if not record.declarations:
        if record.board.say_no_declarations:
            writer.heading("Declarations of interest", 1)
            writer.paragraph(NO_DECLARATIONS, "SCB Opening")
        elif any(i.kind == ItemKind.DECLARATIONS for i in record.agenda):
            writer.heading("Declarations of interest", 1)
            writer.paragraph(NONE_DECLARED, "SCB Opening")
        return
    writer.heading("Declarations of interest", 1)
    for declaration in record.declarations:
        writer.paragraph(declaration_sentence(record, declaration), "SCB Opening")


def action_line(action: dto.ActionInfo) -> list[str | Span]:
    due = due_label(action)
    line: list[str | Span] = [bold("Action: "), bold(action.minutes_owner_line)]
    if due:
        line.append(f" (by {due})")
    return line


def as_sentence(text: str) -> str:
    """``show the trend`` -> ``Show the trend.``: an action typed in haste, as minutes print it."""
    text = text.strip()
    if not text:
        return text
    if text[-1] not in ".!?)\"'":
        text += "."
    return text[0].upper() + text[1:]


def render_action(writer: WordWriter, action: dto.ActionInfo) -> None:
    for text in writer.text_blocks(as_sentence(action.text), "SCB Minute Text"):
        text.get_or_add_pPr().keepNext_val = True  # never parted from its Action: line
    writer.paragraph(action_line(action), "SCB Action")


def render_minute(
    writer: WordWriter, record: MeetingRecord, minute: dto.MinuteItemInfo, notes: MinuteNotes
) -> None:
    writer.paragraph(
        [bold(minute.reference), "\t", Span(minute.title, bold=True, underline=True)],
        "SCB Minute Title",
    )
    item = record.item_by_id(minute.agenda_item_id)
    if minute.is_closed:
        writer.paragraph(Span(closed_minute_note(record, item), italic=True), "SCB Minute Text")
    for sentence in urgency_sentences(record, item):
        writer.paragraph(sentence, "SCB Minute Text")
    # An action stands after the paragraph (or line) that gave rise to it, as boards write.
    layout = place_in_text(minute.narrative, minute.actions, lambda a: a.after_line)
    for action in layout.first:
        render_action(writer, action)
    for paragraph, actions in layout.paragraphs:
        render_narrative(writer, paragraph, "SCB Minute Text")  # no #action printed raw
        for action in actions:
            render_action(writer, action)
    for sentence in notes.arising_for(minute):
        writer.paragraph(sentence, "SCB Minute Text")
    render_plan_review(writer, record, minute)
    for resolution in minute.resolutions:
        writer.paragraph([bold("RESOLVED"), f" {resolution.text}"], "SCB Resolution")
    for action in layout.at_end:
        render_action(writer, action)
    for sentence in notes.requests_for(minute):
        writer.paragraph(sentence, "SCB Minute Text")
    if notes.is_deferred(minute):
        writer.paragraph(deferral_sentence(record), "SCB Minute Text")


def render_unminuted_arising(writer: WordWriter, notes: MinuteNotes) -> None:
    """Actions dealt with at the meeting are recorded even if matters arising has no minute."""
    if notes.arising_minute_id is not None or not notes.arising_outcomes:
        return
    writer.heading("Matters arising", 1)
    for outcome in notes.arising_outcomes:
        writer.paragraph(arising_sentence(outcome), "SCB Minute Text")


def render_deferred_items(writer: WordWriter, record: MeetingRecord, notes: MinuteNotes) -> None:
    """Deferred items with no minute of their own are still recorded as deferred."""
    items = notes.deferred_without_minute()
    if not items:
        return
    writer.heading("Items deferred", 1)
    for item in items:
        number = f"Item {item.number} " if item.number else "The item "
        writer.paragraph(
            [number, "(", Span(item.title, bold=True), f") was {deferred_to(record)}."],
            "SCB Minute Text",
        )


def render_closing(writer: WordWriter, record: MeetingRecord) -> None:
    if record.withheld:
        writer.paragraph(WITHHELD_NOTE, "SCB Note")
    meeting = record.meeting
    if meeting.minutes_approved:
        at = record.approved_at
        when = (
            f"the meeting held on {long_date(at.date)}"
            if at
            else (long_date(meeting.approved_on) if meeting.approved_on else "a later meeting")
        )
        writer.paragraph(f"These minutes were confirmed as a correct record at {when}.", "SCB Note")
    writer.paragraph(signature_line(*record.signature) or SIGNATURE, "SCB Signature")


def render_minutes(writer: WordWriter, record: MeetingRecord) -> None:
    # A draft says so atop every page (page_markings), page 1 included: not twice there.
    opening = writer.paragraph(opening_sentence(record), "SCB Opening")
    if page_markings(record):
        writer.space(opening, before=12)  # clear of the markings the header holds
    render_present(writer, record)
    render_in_attendance(writer, record)
    render_apologies(writer, record)
    render_declarations(writer, record)
    notes = MinuteNotes(record)
    render_unminuted_arising(writer, notes)
    exclusions = closed_runs(record)
    for minute in record.all_minutes:
        if minute.id in exclusions:
            render_exclusion(writer, record, exclusions[minute.id])
        if record.public and record.is_closed_minute(minute):
            render_withheld_minute(writer, record, minute)
        else:
            render_minute(writer, record, minute, notes)
    render_deferred_items(writer, record, notes)
    render_closing(writer, record)


def page_markings(record: MeetingRecord) -> list[str]:
    markings = []
    if not record.meeting.minutes_approved:
        markings.append(DRAFT_MARKING)
    if not record.public and any(m.is_closed for m in record.minutes):
        markings.append(CLOSED_MARKING)
    return markings


def build_minutes(
    services: Services, meeting_id: int, *, public: bool = False, template: Path | str | None = None
) -> WordWriter:
    record = MeetingRecord(services, meeting_id, public=public)
    require_minutes_to_export(record.meeting, records_taken(services, meeting_id))
    writer = WordWriter(template)
    date_text = long_date(record.meeting.date)
    writer.furniture(f"{record.board.name}: minutes, {date_text}", page_markings(record))
    render_minutes(writer, record)
    approved = record.meeting.minutes_approved
    public_text = " (public version)" if public else ""
    writer.properties(
        title=f"Minutes{'' if approved else ' (draft)'}{public_text}: {record.board.name}, {date_text}",
        author=record.board.name,
        subject=f"Minutes of the meeting of {date_text}",
        keywords=f"{record.board.short_name}; minutes",
        category="Minutes",
        status=("Approved" if approved else "Draft") + (", public version" if public else ""),
    )
    return writer


def export_minutes(
    services: Services,
    meeting_id: int,
    out: Path,
    *,
    public: bool = False,
    template: Path | str | None = None,
) -> Path:
    """Write the minutes of a meeting to ``out`` (atomically); returns the path."""
    return build_minutes(services, meeting_id, public=public, template=template).save(out)

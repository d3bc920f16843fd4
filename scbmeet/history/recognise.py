"""Recognising the parts of a minutes document: the heading, PRESENT, in attendance,
apologies, then each numbered minute with its narrative, RESOLVED paragraphs and actions
(``Action:`` lines anywhere in a minute, or an Action / Owner / Due table)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from scbmeet.domain.errors import ImportFormatError
from scbmeet.domain.history import (
    RecognisedAction,
    RecognisedDocument,
    RecognisedMinute,
    RecognisedOutcome,
    WrittenName,
)
from scbmeet.history.agenda import is_agenda, recognise_agenda
from scbmeet.history.blocks import Block
from scbmeet.history.dates import find_date, first_date
from scbmeet.history.names import (
    looks_like_organisation,
    looks_like_person,
    split_flattened,
    split_list,
    written_name,
)
from scbmeet.history.outcomes import outcome_sentence, state_of
from scbmeet.text.shorthand import split_owner_text

HEADING = re.compile(
    r"minutes\s+of\s+(?:a|the)\s+(?:[\w-]+\s+)?meeting\s+of\s+(?:the\s+)?(?P<board>.+?)\s+"
    r"held\s+(?:on\s+)?(?P<rest>.*)$",
    re.I,
)
MINUTE_NUMBER = re.compile(
    r"^(?:minute\s+)?(?P<n>\d{1,3})(?:\s*/\s*(?P<y>\d{4}|\d{2})(?!\d)|\.(?!\d))\s*(?P<rest>.*)$",
    re.I,
)
PRESENT = re.compile(r"^(?:members\s+)?present\s*:?\s*(?P<rest>.*)$", re.I)
IN_ATTENDANCE = re.compile(r"^(?:also\s+)?in\s+attendance\s*:?\s*(?P<rest>.*)$", re.I)
APOLOGIES = re.compile(
    r"^apologies(?:\s+for\s+absence)?\s*(?:were|was|had\s+been|have\s+been)?\s*"
    r"(?:submitted|received|given|tendered|offered)?\s*(?:on\s+behalf\s+of|from|for|:)\s*"
    r"(?P<names>.+?)\.?$",
    re.I,
)
CHAIR = re.compile(r"[\u2013\u2014-]?\s*\(?\s*in\s+the\s+chair\s*\)?", re.I)
RESOLVED = re.compile(r"^resolved\b[\s:,\u2013-]*(?P<text>.*)$", re.I)
SUB_RESOLUTION = re.compile(r"^\((?:\d{1,2}|[a-h]|[ivx]{1,4})\)\s+\S")
NUMBERED_PARTS = re.compile(r"\s*\((?:\d{1,2})\)\s*")
ACTION_LINE = re.compile(r"^actions?(?:\s+by)?\s*[:\u2013-]\s*(?P<owners>.+?)\.?$", re.I)
ACTION_AT_END = re.compile(r"^(?P<text>.+?[.!?])\s+Actions?\s*:\s*(?P<owners>[^.:]{2,80})\.?$")
DUE_IN_BRACKETS = re.compile(r"\s*[(\[]\s*(?:by|due|before)?\s*[^()\[\]]*\d{4}\s*[)\]]", re.I)
NEXT_MEETING = re.compile(r"^(?:date\s+of\s+(?:the\s+)?next\s+meeting)\s*:?\s*(?P<rest>.*)$", re.I)
LABEL = re.compile(r"^[#*\s]+|[*\s]+$")
ARISING_HEADING = re.compile(r"^matters\s+arising\s*:?$", re.I)
DECLARATIONS_HEADING = re.compile(r"^(?:\d+\.?\s+)?declarations?\s+of\s+interests?\s*:?$", re.I)
# "None declared." / "No declarations of interest were made." / "There were none."
NONE_DECLARED = re.compile(
    r"^(?:none(?:\s+(?:were|was))?\s+declared|no\s+declarations?\s+(?:of\s+interests?\s+)?"
    r"(?:were|was)\s+(?:made|received|declared)|there\s+were\s+none|none|nil)\.?$",
    re.I,
)
# "Councillor Ann Whitlock declared a disclosable pecuniary interest in item 4: ..."
DECLARATION = re.compile(
    r"^(?P<who>[^.:]{3,80}?)\s+declared\s+(?:an?\s+|their\s+|her\s+|his\s+)?\S", re.I
)


def _label(text: str) -> str:
    return LABEL.sub("", text).strip()


def _runs_on(previous: str, text: str) -> bool:
    """Whether ``text`` continues ``previous``: no full stop before it, a small letter after."""
    return previous[-1:] not in ".!?:;)\"'\u201d" and text[:1].islower()


def split_title(rest: str, strong: bool) -> tuple[str, str]:
    """A minute heading's title and what follows it in the same paragraph: the title is
    the whole of a bold or heading paragraph, or the leading words in capitals."""
    if strong or not rest:
        return rest.strip(), ""
    words = rest.split()
    taken = 0
    for index, word in enumerate(words):
        if word.rstrip(":.") == "RESOLVED" or any(c.islower() for c in word):
            break
        following = words[index + 1] if index + 1 < len(words) else ""
        if len(word) == 1 and word.isalpha() and any(c.islower() for c in following):
            break  # "A summary was provided": the article starts the narrative
        taken = index + 1
    if taken and any(c.isalpha() for c in " ".join(words[:taken])):
        return " ".join(words[:taken]).strip(" :.-\u2013"), " ".join(words[taken:])
    sentence = re.match(r"^(.{1,160}?)(?:[.:]\s+)(.+)$", rest)
    if sentence and len(rest) > 160:
        return sentence.group(1), sentence.group(2)
    return rest.strip(" :."), ""


def as_title(text: str) -> str:
    """``CHILD SEXUAL EXPLOITATION`` -> ``Child sexual exploitation``; others as written."""
    if any(c.isalpha() for c in text) and text.upper() == text:
        return text[:1].upper() + text[1:].lower()
    return text


@dataclass
class _Minute:
    number: int
    year: int | None
    title: str
    paragraphs: list[str] = field(default_factory=list)
    resolutions: list[str] = field(default_factory=list)
    actions: list[RecognisedAction] = field(default_factory=list)
    last_was_resolution: bool = False
    last_text: str = ""  # what an "Action:" line that follows is about

    def freeze(self) -> RecognisedMinute:
        return RecognisedMinute(
            self.number,
            self.year,
            self.title,
            tuple(self.paragraphs),
            tuple(self.resolutions),
            tuple(self.actions),
        )


@dataclass
class _ActionTable:
    action: int
    owner: int | None
    due: int | None
    minute: int | None
    status: int | None = None


def action_table_header(cells: tuple[str, ...]) -> _ActionTable | None:
    lowered = [c.lower().strip() for c in cells]

    def find(*words: str) -> int | None:
        for index, cell in enumerate(lowered):
            if any(cell.startswith(w) or f" {w}" in f" {cell}" for w in words):
                return index
        return None

    action = find("action")
    owner = find("owner", "lead", "by whom", "responsible", "who")
    if action is None or owner is None or action == owner:
        return None
    due = find("due", "by when", "deadline", "target date", "date")
    minute = find("minute", "item", "ref", "no")
    status = find("status", "progress", "update", "rag", "outcome", "complete")
    return _ActionTable(
        action,
        owner,
        due,
        minute if minute not in (action, owner) else None,
        status if status not in (action, owner, due) else None,
    )


class MinutesReader:
    """Walks the blocks once, section by section."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.board_name = ""
        self.meeting_date: date | None = None
        self.place = ""
        self.chair: WrittenName | None = None
        self.columns: list[list[str]] = []
        self.in_attendance: list[WrittenName] = []
        self.apologies: list[WrittenName] = []
        self.declarations: list[str] = []  # the declarations made, as the minutes word them
        self.minutes: list[_Minute] = []
        self.unplaced: list[str] = []
        self.outcomes: list[RecognisedOutcome] = []
        self.next_meeting: date | None = None
        self.section = "start"
        self.style = ""  # "slash" or "dot", from the first minute heading
        self.table: _ActionTable | None = None

    # -- the parts before the minutes ------------------------------------------------
    def heading(self, text: str) -> bool:
        match = HEADING.search(text)
        if not match:
            return False
        self.board_name = match.group("board").strip()
        rest = match.group("rest")
        found = find_date(rest)
        if found:
            self.meeting_date, end = found
            place = re.sub(r"^\s*,?\s*(?:at|in)\s+", "", rest[end:]).strip(" .,")
            self.place = place
        return True

    def present_line(self, block: Block) -> None:
        if CHAIR.search(block.text) and self.chair is None:
            chair_text = CHAIR.sub(" ", block.text)
            self.chair = written_name(chair_text)
            return
        cells = block.cells or tuple(block.text.split("\t"))
        while len(self.columns) < len(cells):
            self.columns.append([])
        for index, cell in enumerate(cells):
            self.columns[index].extend(line for line in cell.split("\n") if line.strip())

    def present(self) -> list[WrittenName]:
        """Each column read down: an organisation's heading, then its members."""
        people: list[WrittenName] = []
        for column in self.columns:
            organisation = ""
            for line in column:
                flattened = split_flattened(line)
                if flattened is not None:
                    for organisation, members in flattened:
                        people.extend(written_name(n, organisation) for n in members)
                elif looks_like_person(line):
                    people.append(written_name(line, organisation))
                elif looks_like_organisation(line):
                    organisation = line.strip(" :")
                else:
                    self.unplaced.append(line)
        return people

    def names(self, text: str) -> list[WrittenName]:
        return [written_name(part) for part in split_list(text) if looks_like_person(part)]

    def before_minutes(self, block: Block) -> None:
        text = _label(block.text)
        if self.section == "start" and self.heading(text):
            return
        if not block.is_row and self.outcome(text):
            self.unplaced.append(block.text)  # the action is closed; the words are not placed
            return
        if ARISING_HEADING.match(text) and not block.is_row:
            self.section = "arising"  # scbmeet's own: earlier actions dealt with, unnumbered
        elif DECLARATIONS_HEADING.match(text) and not block.is_row:
            self.section = "declarations"
        elif self.section == "declarations" and NONE_DECLARED.match(text):
            pass  # recognised: nothing was declared
        elif self.section == "declarations" and DECLARATION.match(text):
            self.declarations.append(" ".join(text.split()))
        elif match := APOLOGIES.match(text):
            self.apologies.extend(self.names(match.group("names")))
            self.section = "after"
        elif match := IN_ATTENDANCE.match(text):
            self.section = "attendance"
            self.in_attendance.extend(self.names(match.group("rest")))
        elif (match := PRESENT.match(text)) and not block.is_row:
            self.section = "present"
            if match.group("rest"):
                self.present_line(Block(match.group("rest")))
        elif self.section == "present":
            self.present_line(block)
        elif self.section == "attendance" and looks_like_person(text.split("\u2013")[0]):
            self.in_attendance.append(written_name(text))
        else:
            self.unplaced.append(block.text)

    # -- the minutes -----------------------------------------------------------------
    def cites_earlier(self, number: int, year: int | None) -> bool:
        """Whether minute ``number/year`` comes before the last minute read: a citation."""
        if not self.minutes or year is None or self.minutes[-1].year is None:
            return False
        last = self.minutes[-1]
        return (year % 100, number) <= ((last.year or 0) % 100, last.number)

    def follows_on(self, number: int, year: int | None) -> bool:
        """Whether ``number/year`` is the next minute: a heading, whatever its words say
        ("12/13 MATTERS ARISING: all actions were complete")."""
        if not self.minutes:
            return False
        last = self.minutes[-1]
        same_year = year is None or last.year is None or year % 100 == last.year % 100
        return same_year and number == last.number + 1

    def minute_heading(self, block: Block) -> bool:
        text = _label(block.text).replace("\t", " ")
        match = MINUTE_NUMBER.match(text)
        if not match or block.is_row:
            return False
        style = "slash" if match.group("y") else "dot"
        number = int(match.group("n"))
        year = int(match.group("y")) if match.group("y") else None
        if not block.strong and (
            match.group("rest").startswith("(")  # "Minute 10/26 (Rachel Okafor: ...): completed."
            or self.cites_earlier(number, year)
            or (outcome_sentence(text) is not None and not self.follows_on(number, year))
        ):
            return False
        if self.style and style != self.style:
            return False
        if style == "dot" and self.minutes and number != self.minutes[-1].number + 1:
            return False  # a numbered list inside a minute, not the next minute
        self.style = style
        title, body = split_title(match.group("rest"), block.strong)
        self.minutes.append(_Minute(number, year, as_title(title)))
        self.section = "minutes"
        self.table = None
        if body:
            self.minute_text(body)
        return True

    def add_action(self, text: str, owners: str, due: date | None = None) -> None:
        minute = self.minutes[-1]
        if match := DUE_IN_BRACKETS.search(owners):  # "Tom Ellery (by 22 October 2026)"
            due = due or first_date(match.group(0))
            owners = owners[: match.start()] + owners[match.end() :]
        text = text or minute.last_text or minute.title
        minute.actions.append(RecognisedAction(text, tuple(split_owner_text(owners)), due))

    def outcome(self, text: str) -> bool:
        """Record ``text`` if it says what became of an earlier action."""
        found = outcome_sentence(text, len(self.minutes) - 1 if self.minutes else None)
        if found is not None:
            self.outcomes.append(found)
        return found is not None

    def minute_text(self, text: str) -> None:
        minute = self.minutes[-1]
        text = _label(text)
        if self.outcome(text):  # and it stays in the narrative, the searchable record
            minute.last_was_resolution = False
            minute.paragraphs.append(text)
            minute.last_text = text
            return
        if match := RESOLVED.match(text):
            body = match.group("text")
            parts = [p for p in NUMBERED_PARTS.split(body) if p.strip()]
            minute.resolutions.extend(p.strip() for p in parts or [body])
            minute.last_was_resolution = True
            minute.last_text = minute.resolutions[-1]
            return
        if minute.last_was_resolution and SUB_RESOLUTION.match(text):
            minute.resolutions.append(re.sub(r"^\([^)]*\)\s+", "", text))
            minute.last_text = minute.resolutions[-1]
            return
        minute.last_was_resolution = False
        if match := ACTION_LINE.match(text):
            self.add_action("", match.group("owners"))
        elif match := ACTION_AT_END.match(text):
            minute.paragraphs.append(match.group("text"))
            minute.last_text = match.group("text")
            self.add_action(match.group("text"), match.group("owners"))
        else:
            if match := NEXT_MEETING.match(text):
                found = find_date(match.group("rest"))
                self.next_meeting = found[0] if found else None
            if minute.paragraphs and _runs_on(minute.paragraphs[-1], text):
                text = f"{minute.paragraphs.pop()} {text}"  # a paragraph split by a page break
            minute.paragraphs.append(text)
            minute.last_text = text

    def table_row(self, cells: tuple[str, ...]) -> None:
        header = action_table_header(cells)
        if header is not None:
            self.table = header
            return
        table = self.table
        if table is None:
            self.minute_text(" ".join(c.replace("\n", " ") for c in cells if c))
            return

        def cell(index: int | None) -> str:
            return (
                cells[index].replace("\n", " ").strip()
                if index is not None and index < len(cells)
                else ""
            )

        text = cell(table.action)
        if not text:
            return
        due = first_date(cell(table.due)) if table.due is not None else None
        status = state_of(cell(table.status)) if cell(table.status) else None
        state, progress = status or ("open", "")
        target = self.minutes[-1]
        reference = (
            MINUTE_NUMBER.match(cell(table.minute) + " ") if table.minute is not None else None
        )
        if reference:
            written = int(reference.group("y")) % 100 if reference.group("y") else None
            cited = [
                m
                for m in self.minutes
                if m.number == int(reference.group("n"))
                and (written is None or m.year is None or m.year % 100 == written)
            ]
            if cited:
                target = cited[-1]
            elif status is not None:  # an action log's row for an earlier minute's action
                year = reference.group("y")
                self.outcomes.append(
                    RecognisedOutcome(
                        text=" | ".join(c for c in cells if c.strip()),
                        number=int(reference.group("n")),
                        year=int(year) if year else None,
                        about=text,
                        owners=cell(table.owner),
                        state=state,
                        progress=progress,
                        minute=len(self.minutes) - 1,
                    )
                )
                return
        target.actions.append(
            RecognisedAction(
                text,
                tuple(split_owner_text(cell(table.owner))),
                due,
                state=state,
                progress=progress,
            )
        )

    def feed(self, block: Block) -> None:
        if self.minute_heading(block):
            return
        if self.section != "minutes":
            self.before_minutes(block)
        elif block.is_row:
            self.table_row(block.cells)
        else:
            self.table = None
            self.minute_text(block.text)

    def document(self) -> RecognisedDocument:
        if self.meeting_date is None:
            raise ImportFormatError(
                f"{self.source}: does not look like minutes (no 'MINUTES of a meeting of ... "
                "held on <date>' heading was found)."
            )
        if not self.minutes:
            raise ImportFormatError(f"{self.source}: has no numbered minutes (such as 9/13 or 9.).")
        return RecognisedDocument(
            source=self.source,
            kind="minutes",
            board_name=self.board_name,
            meeting_date=self.meeting_date,
            place=self.place,
            chair=self.chair,
            present=tuple(self.present()),
            in_attendance=tuple(self.in_attendance),
            apologies=tuple(self.apologies),
            declarations=tuple(self.declarations),
            minutes=tuple(m.freeze() for m in self.minutes),
            next_meeting=self.next_meeting,
            unplaced=tuple(self.unplaced),
            outcomes=tuple(self.outcomes),
        )


def recognise(source: str, blocks: list[Block]) -> RecognisedDocument:
    """Minutes or an agenda, as far as the blocks show; ImportFormatError if neither."""
    if not blocks:
        raise ImportFormatError(f"{source}: is empty.")
    if is_agenda(blocks):
        return recognise_agenda(source, blocks)
    reader = MinutesReader(source)
    for block in blocks:
        reader.feed(block)
    return reader.document()

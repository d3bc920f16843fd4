"""Recognising an agenda: board, date and place, numbered items with presenters, ``*`` for a
paper ("*Paper to follow" when late), the closed session with references, and the date of
the next meeting."""

from __future__ import annotations

import re
from dataclasses import replace

from scbmeet.domain.errors import ImportFormatError
from scbmeet.domain.history import RecognisedAgendaItem, RecognisedDocument
from scbmeet.history.blocks import Block
from scbmeet.history.dates import find_date

LABEL = re.compile(r"^[#*\s]+|[#*:\s]+$")
ITEM_NUMBER = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2})?|\([a-z]\))\.?$")
ITEM_LINE = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2})?)[.)]\s+(?P<rest>.+)$")
REFERENCE = re.compile(r"\bRef(?:erence)?\s*[:.]?\s*(?P<ref>[A-Z0-9][A-Za-z0-9/-]*)", re.I)
TO_FOLLOW = re.compile(r"\*?\s*paper\s+to\s+follow", re.I)
TIME = re.compile(r"\b(?:at\s+)?\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm)\b\.?", re.I)
MINUTES_HEADING = re.compile(r"^\W*minutes\s+of\s+(?:a|the)\s+(?:[\w-]+\s+)?meeting\s+of\s", re.I)
BULLET = re.compile(r"^[\u2022\u25aa\u25cf\u00b7\u2013-]\s*(?P<point>\S.*)$")  # "• Follow up..."
SKIP = re.compile(r"^(?:\\?\*?\s*denotes.*|apologies.*|agenda|open session)$", re.I)


def _label(text: str) -> str:
    return LABEL.sub("", text).strip()


def is_agenda(blocks: list[Block]) -> bool:
    """An ``AGENDA`` heading near the top and no minutes heading."""
    head = [_label(b.text).lower() for b in blocks[:12]]
    return "agenda" in head and not any(MINUTES_HEADING.match(t) for t in head)


def _item(
    number: str, title: str, presenter: str, closed: bool, below: str = ""
) -> RecognisedAgendaItem:
    """An item; ``below`` is what its cell holds under the title (notes such as "Proposed:
    March, July & October"): it marks papers but is not part of the title."""
    to_follow = bool(TO_FOLLOW.search(title) or TO_FOLLOW.search(below))
    title = TO_FOLLOW.sub("", title)
    reference = ""
    if match := REFERENCE.search(title):
        reference = match.group("ref")
        title = (title[: match.start()] + title[match.end() :]).strip()
    has_paper = "*" in title or "*" in below or to_follow
    title = " ".join(title.replace("*", " ").split()).strip(" -\u2013")
    return RecognisedAgendaItem(
        bullets=tuple(_bullet(line) for line in below.splitlines() if BULLET.match(line.strip())),
        number=number.strip("()."),
        title=title,
        presenter=" ".join(presenter.split()),
        has_paper=has_paper,
        paper_to_follow=to_follow,
        closed=closed,
        reference=reference,
    )


def _bullet(line: str) -> str:
    """A bullet point's text, without its mark or a paper's ``*``."""
    match = BULLET.match(line.strip())
    point = match.group("point") if match else line
    return " ".join(TO_FOLLOW.sub("", point).replace("*", " ").split())


def recognise_agenda(source: str, blocks: list[Block]) -> RecognisedDocument:
    board = ""
    meeting_date = None
    place = ""
    items: list[RecognisedAgendaItem] = []
    unplaced: list[str] = []
    closed = False
    next_meeting = None
    waiting_for_next = False
    for block in blocks:
        text = _label(block.text)
        cells = [c.strip() for c in (block.cells or tuple(block.text.split("\t")))]
        lowered = text.lower()
        if meeting_date is None:
            found = find_date(text)
            if found:
                meeting_date, end = found
                place = TIME.sub("", text[end:]).strip(" ,.")
            elif not board and lowered != "agenda":
                board = text
            continue
        if not place and not items and lowered not in ("agenda", "apologies"):
            place = text  # the venue on a line of its own under the date
            continue
        if lowered in ("apologies", "apologies for absence") and not items:
            items.append(_item(str(len(items) + 1), text, "", closed))
        elif "closed session" in lowered:
            closed = True
        elif lowered.startswith("date of next meeting") or waiting_for_next:
            if not waiting_for_next:
                items.append(_item(str(len(items) + 1), "Date of next meeting", "", closed))
            found = find_date(text)
            next_meeting = found[0] if found else next_meeting
            waiting_for_next = found is None and not waiting_for_next
        elif ITEM_NUMBER.match(cells[0]) and len(cells) > 1:
            references = [c for c in cells[2:] if REFERENCE.match(c)]
            presenter = ", ".join(c for c in cells[2:] if c and c not in references)
            first_line, _, below = cells[1].partition("\n")
            title = " ".join([first_line, *references])
            items.append(_item(cells[0], title, presenter, closed, below))
        elif ITEM_NUMBER.match(cells[0].rstrip(".")) is None and cells[0].lower() == "no.":
            continue  # a table's header row
        elif match := ITEM_LINE.match(text):
            items.append(_item(match.group("n"), match.group("rest"), "", closed))
        elif items and BULLET.match(block.text.strip()):
            # an unnumbered point on a line of its own: the item above's bullet
            last = items[-1]
            if "*" in block.text or TO_FOLLOW.search(block.text):
                last = replace(last, has_paper=True)
            items[-1] = replace(last, bullets=(*last.bullets, _bullet(block.text)))
        elif closed and REFERENCE.search(text):
            presenter = cells[1] if len(cells) > 1 else ""
            items.append(_item(str(len(items) + 1), cells[0], presenter, True))
        elif not SKIP.match(text):
            unplaced.append(block.text)
    if meeting_date is None:
        raise ImportFormatError(f"{source}: is an agenda with no meeting date.")
    if not items:
        raise ImportFormatError(f"{source}: is an agenda with no numbered items.")
    return RecognisedDocument(
        source=source,
        kind="agenda",
        board_name=board,
        meeting_date=meeting_date,
        place=place,
        agenda_items=tuple(items),
        next_meeting=next_meeting,
        unplaced=tuple(unplaced),
    )

"""Shorthand for fast typists: a finished line of narrative that becomes a structured record.

While the board talks the minute-taker can type, on a line of its own::

    #action Sally Goodwin/Kul Mahay: bring the breakdown by crime type (due next meeting)
    #resolved to note the report
    #update 6 months: progress on the alcohol-tagged data

and, as soon as the line is finished, it becomes an action (owners matched to the register),
a resolution, or a forward-plan entry asking for an update. This module only *reads* such
lines and matches owners; it never guesses: a name that matches nobody, or several people,
comes back as an :class:`OwnerQuestion` for the user to answer.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from scbmeet.domain.dto import OwnerRef, long_date
from scbmeet.domain.errors import ValidationError

# Owners are separated by "/" or ";", or by commas outside brackets ("Smith (MCC, EBC)").
OWNER_SEPARATOR = re.compile(r"[/;]|,(?![^()]*\))")


def split_owner_text(text: str) -> list[str]:
    """``"Sally Goodwin/Kul Mahay"`` -> ``["Sally Goodwin", "Kul Mahay"]`` (blanks dropped)."""
    return [part.strip() for part in OWNER_SEPARATOR.split(text or "") if part.strip()]


ACTION_WORDS = ("action",)
RESOLUTION_WORDS = ("resolved", "resolution", "res")
UPDATE_WORDS = ("update",)
MAX_UPDATE_MONTHS = 60

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

_KEYWORD = re.compile(r"^\s*#([A-Za-z]+)\b[ \t]*(.*)$", re.DOTALL)
_DUE_SUFFIX = re.compile(r"\(\s*due\s*:?\s*([^()]*)\)\s*\.?\s*$", re.IGNORECASE)
_MONTHS = re.compile(
    r"^(?:in\s+)?(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s*(?:m|mo|mths?|months?)$",
    re.IGNORECASE,
)
_UPDATE_HEAD = re.compile(
    r"^(?:in\s+)?(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s*(?:m|mo|mths?|months?)?\s*(?::|$)\s*",
    re.IGNORECASE,
)
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")

HELP = (
    "#action Owner/Owner: what they will do (due next meeting | 3 months | 31/01/2027)\n"
    "#resolved what the board decided\n"
    "#update 6 months: what the board wants to see"
)


class ShorthandError(ValidationError):
    """A line that starts like shorthand but cannot be read; the message says how to write it."""


@dataclass(frozen=True)
class DuePick:
    """When an action is due: at the next meeting, in some months, or on a date."""

    kind: str  # "next_meeting", "months" or "date"
    months: int | None = None
    on: date | None = None

    @classmethod
    def next_meeting(cls) -> DuePick:
        return cls("next_meeting")

    @classmethod
    def in_months(cls, months: int) -> DuePick:
        return cls("months", months=months)

    @classmethod
    def on_date(cls, on: date) -> DuePick:
        return cls("date", on=on)

    @property
    def label(self) -> str:
        if self.kind == "next_meeting":
            return "next meeting"
        if self.kind == "months":
            return f"{self.months} month{'s' if self.months != 1 else ''}"
        return long_date(self.on) if self.on else ""


@dataclass(frozen=True)
class ActionShorthand:
    owners_text: str
    owner_names: tuple[str, ...]
    text: str
    due: DuePick | None = None


@dataclass(frozen=True)
class ResolutionShorthand:
    text: str


@dataclass(frozen=True)
class UpdateShorthand:
    months: int
    text: str  # what the board wants to see; may be empty (the minute's title is used)


Shorthand = ActionShorthand | ResolutionShorthand | UpdateShorthand


def parse_line(line: str) -> Shorthand | None:
    """The record a finished line asks for; None for ordinary narrative.

    A line starting with ``#`` and one of the keywords that cannot be read raises
    :class:`ShorthandError`; any other ``#`` line (``#3 on the list``) is narrative.
    """
    match = _KEYWORD.match(line.strip())
    if match is None:
        return None
    word, rest = match.group(1).lower(), match.group(2).strip()
    if word in ACTION_WORDS:
        return _parse_action(rest)
    if word in RESOLUTION_WORDS:
        return _parse_resolution(rest)
    if word in UPDATE_WORDS:
        return _parse_update(rest)
    return None


def _parse_action(rest: str) -> ActionShorthand:
    owners_text, colon, text = rest.partition(":")
    if not colon:
        raise ShorthandError(
            "Write an action as '#action Owner/Owner: what they will do' (the colon is missing)."
        )
    names = tuple(split_owner_text(owners_text))
    if not names:
        raise ShorthandError("Name who will do the action before the colon: '#action Owner: ...'.")
    text = text.strip()
    due = None
    due_match = _DUE_SUFFIX.search(text)
    if due_match is not None:
        due = parse_due(due_match.group(1))
        text = text[: due_match.start()].rstrip()
    if not text:
        raise ShorthandError("Say what the action is after the colon: '#action Owner: ...'.")
    return ActionShorthand(owners_text.strip(), names, text, due)


def _parse_resolution(rest: str) -> ResolutionShorthand:
    text = rest.strip().lstrip(":").strip()
    if not text:
        raise ShorthandError("Say what was resolved: '#resolved to note the report'.")
    return ResolutionShorthand(text)


def _parse_update(rest: str) -> UpdateShorthand:
    rest = rest.lstrip(":").strip()
    match = _UPDATE_HEAD.match(rest)
    if match is None:
        raise ShorthandError(
            "Say when the update is wanted: '#update 6 months: what the board wants to see'."
        )
    months = _number(match.group(1))
    if not 1 <= months <= MAX_UPDATE_MONTHS:
        raise ShorthandError(f"Ask for an update between 1 and {MAX_UPDATE_MONTHS} months ahead.")
    return UpdateShorthand(months, rest[match.end() :].strip())


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def parse_due(text: str) -> DuePick:
    """``next meeting``, ``3 months`` / ``3m`` / ``three months``, ``2027-01-31`` or ``31/01/2027``."""
    wanted = " ".join(text.lower().split())
    if wanted in ("next meeting", "next", "the next meeting", "nm"):
        return DuePick.next_meeting()
    months = _MONTHS.match(wanted)
    if months is not None:
        count = _number(months.group(1))
        if count < 1:
            raise ShorthandError("An action is due at least one month ahead.")
        return DuePick.in_months(count)
    on = _parse_date(wanted)
    if on is None:
        raise ShorthandError(
            f"Cannot read the due date {text.strip()!r}: write 'due next meeting', "
            "'due 3 months' or 'due 31/01/2027'."
        )
    return DuePick.on_date(on)


def _parse_date(text: str) -> date | None:
    try:
        uk = _UK_DATE.match(text)
        if uk is not None:
            return date(int(uk.group(3)), int(uk.group(2)), int(uk.group(1)))
        return date.fromisoformat(text)
    except ValueError:
        return None


def months_after(start: date, months: int) -> date:
    """The same day ``months`` later (the month's last day where it is shorter)."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))


def due_fields(
    pick: DuePick | None, meeting_date: date, next_meeting_id: int | None
) -> tuple[date | None, int | None]:
    """``(due_date, due_meeting_id)`` for an action taken at a meeting on ``meeting_date``."""
    if pick is None:
        return None, None
    if pick.kind == "next_meeting":
        if next_meeting_id is None:
            raise ShorthandError(
                "The board's next meeting is not in the diary yet; choose a number of months "
                "or a date instead."
            )
        return None, next_meeting_id
    if pick.kind == "months":
        return months_after(meeting_date, pick.months or 0), None
    return pick.on, None


# -- owners ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnerQuestion:
    """A name that does not pick out exactly one person or organisation."""

    name: str
    candidates: tuple[OwnerRef, ...]

    @property
    def message(self) -> str:
        if not self.candidates:
            return (
                f"{self.name!r} is not in the register: choose someone from the list or add them."
            )
        names = ", ".join(c.name for c in self.candidates[:5])
        return f"{self.name!r} could be {names}: which one?"


@dataclass(frozen=True)
class OwnerResolution:
    owners: tuple[OwnerRef, ...]
    questions: tuple[OwnerQuestion, ...]

    @property
    def complete(self) -> bool:
        return not self.questions and bool(self.owners)

    @property
    def message(self) -> str:
        if not self.owners and not self.questions:
            return "Name at least one owner."
        return " ".join(q.message for q in self.questions)


def resolve_owner_names(
    names: Sequence[str], match: Callable[[str], Sequence[OwnerRef]]
) -> OwnerResolution:
    """Match each name with ``match`` (``services.register.match_owner``); never guess."""
    owners: list[OwnerRef] = []
    questions: list[OwnerQuestion] = []
    for name in names:
        candidates = tuple(match(name))
        if len(candidates) == 1:
            if candidates[0] not in owners:
                owners.append(candidates[0])
        else:
            questions.append(OwnerQuestion(name, candidates))
    return OwnerResolution(tuple(owners), tuple(questions))


def resolve_owner_text(text: str, match: Callable[[str], Sequence[OwnerRef]]) -> OwnerResolution:
    """As :func:`resolve_owner_names`, for ``"Sally Goodwin/Kul Mahay"``."""
    return resolve_owner_names(split_owner_text(text), match)

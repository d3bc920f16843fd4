"""Actions whose owner is still "to be confirmed", in the Word minutes and in what exporting says.

Minutes mode records a ``#action`` line at once even when its owner is not in the register
(``action.owner_to_confirm``). A ``#action`` line can also be left in a minute's narrative
unfinished (Enter never pressed, typed in an older scbmeet, imported): the minutes never
print it raw. :func:`render_narrative` prints such a line as what it is - an ``Action:``
whose owner, as typed, is to be confirmed - and a ``#resolved`` line as its ``RESOLVED``.

:func:`owners_to_confirm` lists both kinds for a meeting, and :func:`export_notice` is the
line the CLI prints and the main window shows after exporting minutes that hold any.
"""

from __future__ import annotations

from dataclasses import dataclass

from scbmeet.domain import dto
from scbmeet.exports.writer import Span, WordWriter, bold
from scbmeet.services import Services
from scbmeet.text.shorthand import (
    ActionShorthand,
    DuePick,
    ResolutionShorthand,
    ShorthandError,
    parse_line,
)

NarrativePiece = str | ActionShorthand | ResolutionShorthand


def _record_line(line: str) -> ActionShorthand | ResolutionShorthand | None:
    try:
        parsed = parse_line(line)
    except ShorthandError:
        return None  # not readable as shorthand: it is printed as the words typed
    return parsed if isinstance(parsed, ActionShorthand | ResolutionShorthand) else None


def narrative_pieces(narrative: str) -> list[NarrativePiece]:
    """The narrative as runs of text, with each unfinished ``#action``/``#resolved`` line
    taken out as the record it stands for."""
    pieces: list[NarrativePiece] = []
    text: list[str] = []
    for line in narrative.split("\n"):
        record = _record_line(line)
        if record is None:
            text.append(line)
            continue
        if text:
            pieces.append("\n".join(text))
            text = []
        pieces.append(record)
    if text:
        pieces.append("\n".join(text))
    return pieces


def _due_words(due: DuePick) -> str:
    if due.kind == "months":
        return f"in {due.label}"
    if due.kind == "next_meeting":
        return "by the next meeting"
    return f"by {due.label}"


def unfinished_action_line(action: ActionShorthand) -> list[str | Span]:
    due = f" ({_due_words(action.due)})" if action.due is not None else ""
    return [bold("Action: "), bold(f"{action.owners_text} {dto.TO_BE_CONFIRMED}"), due]


def render_narrative(writer: WordWriter, narrative: str, style: str) -> None:
    """A minute's narrative, unfinished shorthand lines printed as their records."""
    for piece in narrative_pieces(narrative):
        if isinstance(piece, str):
            writer.text_blocks(piece, style)
        elif isinstance(piece, ActionShorthand):
            writer.text_blocks(piece.text, style)
            writer.paragraph(unfinished_action_line(piece), "SCB Action")
        else:
            writer.paragraph([bold("RESOLVED"), f" {piece.text}"], "SCB Resolution")


@dataclass(frozen=True)
class OwnerToConfirm:
    """One action of the minutes whose owner is still to be confirmed."""

    minute_reference: str
    owner: str  # as typed
    text: str

    @property
    def label(self) -> str:
        return f"{self.minute_reference}: {self.owner}"


def owners_to_confirm(services: Services, meeting_id: int) -> list[OwnerToConfirm]:
    """Every action of the meeting's minutes whose owner is to be confirmed, in minute order."""
    found: list[OwnerToConfirm] = []
    for minute in services.minutes.minutes(meeting_id):
        found += [
            OwnerToConfirm(minute.reference, a.owner_to_confirm, a.text)
            for a in minute.actions
            if not a.owner_confirmed
        ]
        found += [
            OwnerToConfirm(minute.reference, piece.owners_text, piece.text)
            for piece in narrative_pieces(minute.narrative)
            if isinstance(piece, ActionShorthand)
        ]
    return found


def export_notice(waiting: list[OwnerToConfirm]) -> str:
    """``2 actions have their owner to be confirmed (18/26: Rachel Okafer; ...)``, or ``""``."""
    if not waiting:
        return ""
    count = len(waiting)
    which = "; ".join(w.label for w in waiting[:5]) + ("; …" if count > 5 else "")
    verb = "action has its" if count == 1 else "actions have their"
    return (
        f"{count} {verb} owner to be confirmed ({which}): the minutes say so against each. "
        "Confirm them in minutes mode (Ctrl+Shift+O) before the minutes go out."
    )

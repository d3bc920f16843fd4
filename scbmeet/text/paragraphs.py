"""A minute's narrative as paragraphs, and where in it something was taken.

The narrative is typed as plain text: a blank line starts a paragraph, a single newline only
breaks a line (as the Word minutes print it). An action taken in the middle of the narrative
remembers how many lines of text (blank lines not counted) came before it; the minutes print
it there, ending the paragraph at that line if need be - minute-takers often start the next
paragraph with a single Enter, and a shorthand line taken out leaves no blank line behind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


def _lines(text: str) -> list[str]:
    return (text or "").replace("\r\n", "\n").split("\n")


def lines_of_text(text: str) -> int:
    """How many lines of ``text`` hold any text."""
    return sum(1 for line in _lines(text) if line.strip())


def lines_before_line(text: str, line_number: int) -> int:
    """How many lines with text come before line ``line_number`` (0-based) of ``text``."""
    return lines_of_text("\n".join(_lines(text)[: max(0, line_number)]))


def lines_before_offset(text: str, offset: int) -> int:
    """How many lines with text are wholly or partly before character ``offset``: a cursor
    inside a line counts it (an action goes after that line, never inside it)."""
    return lines_of_text((text or "")[: max(0, offset)])


def paragraphs_with_breaks(text: str, breaks: set[int]) -> list[tuple[str, int]]:
    """The paragraphs of ``text``, also ended after the ``breaks``-th lines of text; each with
    how many lines of text it and those before it hold (where its actions go)."""
    pieces: list[tuple[str, int]] = []
    block: list[str] = []
    seen = 0

    def flush() -> None:
        if block:
            pieces.append(("\n".join(block), seen))
            block.clear()

    for line in _lines(text):
        if not line.strip():
            flush()
            continue
        block.append(line)
        seen += 1
        if seen in breaks:
            flush()
    flush()
    return pieces


@dataclass
class PlacedText(Generic[T]):
    """A narrative laid out with what was taken in it: what stands before the first line,
    each paragraph with what follows it, and what was taken at the end (or before places
    were kept), which follows the resolutions."""

    first: list[T] = field(default_factory=list)
    paragraphs: list[tuple[str, list[T]]] = field(default_factory=list)
    at_end: list[T] = field(default_factory=list)


def place_in_text(
    text: str, things: Sequence[T], line_of: Callable[[T], int | None]
) -> PlacedText[T]:
    """Where each of ``things`` (actions) stands in ``text``: after the line of text it was
    taken at (``line_of``), the paragraph ended there; the Word minutes and ``scbmeet show``
    both print a minute so."""
    lines = lines_of_text(text)
    placed: dict[int, list[T]] = {}
    layout: PlacedText[T] = PlacedText()
    for thing in things:
        line = line_of(thing)
        if line is not None and line < lines:
            placed.setdefault(line, []).append(thing)
        else:
            layout.at_end.append(thing)
    layout.first = placed.get(0, [])
    for paragraph, lines_so_far in paragraphs_with_breaks(text, set(placed)):
        layout.paragraphs.append((paragraph, placed.get(lines_so_far, [])))
    return layout

"""A minute's narrative as paragraphs, and where in it something was taken.

The narrative is typed as plain text: a blank line starts a paragraph, a single newline only
breaks a line (as the Word minutes print it). An action taken in the middle of the narrative
remembers how many paragraphs came before it, so the minutes can print it at that point.
"""

from __future__ import annotations


def narrative_paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``: blocks between blank lines, outer newlines trimmed."""
    blocks = (block.strip("\n") for block in (text or "").replace("\r\n", "\n").split("\n\n"))
    return [block for block in blocks if block.strip()]


def paragraphs_before_line(text: str, line_number: int) -> int:
    """How many paragraphs of ``text`` end before its line ``line_number`` (0-based)."""
    lines = (text or "").replace("\r\n", "\n").split("\n")
    return len(narrative_paragraphs("\n".join(lines[: max(0, line_number)])))


def paragraphs_before_offset(text: str, offset: int) -> int:
    """How many paragraphs of ``text`` are wholly or partly before character ``offset``: a
    cursor inside a paragraph counts it (an action goes after it, never inside it)."""
    return len(narrative_paragraphs((text or "")[: max(0, offset)]))

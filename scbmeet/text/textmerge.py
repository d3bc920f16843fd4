"""Comparing and merging two versions of a minute's text, line by line.

When two people save the same minute, neither version may be lost. :func:`merge_lines`
proposes a merge that keeps every line of both (lines they share appear once, lines
that differ appear with theirs first, then mine) for the minute-taker to tidy up;
:func:`differing_lines` says which lines of each version the other lacks, so a
side-by-side view can highlight them.
"""

from __future__ import annotations

from difflib import SequenceMatcher


def _lines(text: str) -> list[str]:
    """Lines such that joining them with newlines gives ``text`` back exactly."""
    return text.split("\n") if text else []


def merge_lines(theirs: str, mine: str) -> str:
    """Every line of both versions, in order, shared lines once."""
    a, b = _lines(theirs), _lines(mine)
    merged: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            merged.extend(a[i1:i2])
        else:  # replace, delete, insert: keep what each side has
            merged.extend(a[i1:i2])
            merged.extend(b[j1:j2])
    return "\n".join(merged)


def differing_lines(theirs: str, mine: str) -> tuple[set[int], set[int]]:
    """(indexes of lines of ``theirs`` not in ``mine``, indexes of lines of ``mine`` not in
    ``theirs``), by the same line alignment as :func:`merge_lines`."""
    a, b = _lines(theirs), _lines(mine)
    only_theirs: set[int] = set()
    only_mine: set[int] = set()
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            only_theirs.update(range(i1, i2))
            only_mine.update(range(j1, j2))
    return only_theirs, only_mine

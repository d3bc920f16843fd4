"""Merging two versions of a minute keeps every line of both."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from scbmeet.text.textmerge import differing_lines, merge_lines

LINES = st.lists(st.sampled_from(["Noted.", "RESOLVED.", "Action: SG", "Refuges.", ""]), max_size=8)


def test_a_merge_keeps_shared_lines_once_and_both_changes():
    theirs = "Intro.\nMembers asked about refuges.\nClosing."
    mine = "Intro.\nMembers asked about refuge places.\nClosing."
    assert merge_lines(theirs, mine) == (
        "Intro.\nMembers asked about refuges.\nMembers asked about refuge places.\nClosing."
    )
    assert differing_lines(theirs, mine) == ({1}, {1})


@given(LINES, LINES)
def test_every_line_of_both_versions_survives_the_merge(a, b):
    theirs, mine = "\n".join(a), "\n".join(b)
    merged = Counter(_lines(merge_lines(theirs, mine)))
    for version in (theirs, mine):
        assert not Counter(_lines(version)) - merged
    assert merge_lines(theirs, theirs) == theirs
    only_theirs, only_mine = differing_lines(theirs, mine)
    assert only_theirs <= set(range(len(_lines(theirs))))
    assert only_mine <= set(range(len(_lines(mine))))


def _lines(text: str) -> list[str]:
    return text.split("\n") if text else []

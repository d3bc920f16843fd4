"""An agenda item's unnumbered bullet points ("Performance Report *", "Follow up on previous
actions" under one number): the one rule for what a bullet may be, and how the list is kept.

Stored one a line in ``agendaitem.bullets``; handed out as a tuple of strings, in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scbmeet.domain.errors import ValidationError

MAX_BULLET_LENGTH = 300  # as long as an item's title may be
MAX_BULLETS = 20
BULLET_MARKS = ("- ", "\u2022 ")  # how a secretary types a point in an item's notes
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # breaks Word and PostgreSQL


def checked_bullets(values: Iterable[str] | str) -> tuple[str, ...]:
    """The bullets, trimmed, or a ValidationError naming the first bad one.

    A string is read one bullet a line (as the editor's box and a template hold them)."""
    raw = values.splitlines() if isinstance(values, str) else list(values)
    bullets: list[str] = []
    for number, value in enumerate(raw, start=1):
        text = " ".join(
            UNPRINTABLE.sub("", str(value)).split()
        )  # one line: tabs and line breaks become spaces
        if not text:
            if isinstance(values, str):
                continue  # a blank line in a box of lines is only spacing
            raise ValidationError(f"Bullet {number} is empty; type its text or remove it.")
        if len(text) > MAX_BULLET_LENGTH:
            raise ValidationError(
                f"Bullet {number} is too long ({len(text)} characters; at most "
                f"{MAX_BULLET_LENGTH})."
            )
        bullets.append(text)
    if len(bullets) > MAX_BULLETS:
        raise ValidationError(
            f"An item can hold at most {MAX_BULLETS} bullets ({len(bullets)} given)."
        )
    return tuple(bullets)


def stored_bullets(bullets: Iterable[str]) -> str:
    """The bullets as the column keeps them: one a line."""
    return "\n".join(bullets)


def bullets_of(stored: str) -> tuple[str, ...]:
    """The bullets kept in the column, in order."""
    return tuple(line for line in stored.splitlines() if line.strip())


def split_notes(notes: str) -> tuple[str, tuple[str, ...]]:
    """Notes with their "- " lines taken out, and those lines' text as bullets (how bullets
    were typed before they were data of their own)."""
    kept: list[str] = []
    bullets: list[str] = []
    for line in notes.splitlines():
        stripped = line.strip()
        if stripped[:2] in BULLET_MARKS and stripped[2:].strip():
            bullets.append(stripped[2:].strip())
        else:
            kept.append(line)
    return "\n".join(kept).strip("\n"), tuple(bullets)


def bullets_problem(stored: str) -> str:
    """What is wrong with bullets as stored (for ``scbmeet check`` and import), or ""."""
    try:
        bullets = checked_bullets(stored.split("\n"))
    except ValidationError as error:
        return str(error)
    return "" if stored_bullets(bullets) == stored else "a bullet has stray spaces or line breaks"

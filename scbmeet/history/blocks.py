"""The text of a document as the recogniser sees it: paragraphs and table rows, with the
little formatting that tells a title from a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

SPACES = re.compile(r"[ \u00a0]+")


@dataclass(frozen=True)
class Block:
    """A paragraph (``cells`` empty) or a table row (one text per cell, lines kept)."""

    text: str
    strong: bool = False  # bold, underlined or in a heading style throughout
    cells: tuple[str, ...] = ()

    @property
    def is_row(self) -> bool:
        return bool(self.cells)


def tidy(text: str) -> str:
    """One line's text with runs of spaces made one (tabs stay: they separate columns)."""
    return "\t".join(SPACES.sub(" ", part).strip() for part in text.split("\t")).strip()

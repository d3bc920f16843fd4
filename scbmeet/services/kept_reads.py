"""The last answer of a few costly reads, kept until the next committed change.

A page that opens on a long history (the chair's review) can show at once what was read a
moment ago, by the warm-up after start-up or by its last visit, instead of waiting for the
same read again. What is kept is only as good as what this process has seen: a change
committed through the services forgets everything kept, but a change made by another
process on a shared database is not seen here. So a page that shows a kept answer reads
afresh behind it, and shows the fresh answer if it differs.

Reads run on worker threads while changes commit on others: each kept answer carries the
count of changes seen when its read *began*, and is handed out only while that count
stands, so an answer that a change overtook during its read is never handed out.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Kept(Generic[T]):
    """A kept answer (``value`` may itself be None: "the board has no plan")."""

    value: T


class KeptReads:
    """Answers of reads by key, each valid until the next change (:meth:`changed`)."""

    def __init__(self) -> None:
        self._changes = 0
        self._kept: dict[Hashable, tuple[int, object]] = {}

    def changed(self) -> None:
        """A change was committed: nothing kept is current any more."""
        self._changes += 1
        self._kept.clear()

    def read(self, key: Hashable, reader: Callable[[], T]) -> T:
        """``reader()``'s answer, kept under ``key`` unless a change came meanwhile."""
        changes = self._changes
        value = reader()
        if changes == self._changes:
            self._kept[key] = (changes, value)
        return value

    def recall(self, key: Hashable) -> Kept[object] | None:
        """The answer kept under ``key``, if no change has come since its read began."""
        entry = self._kept.get(key)
        if entry is None or entry[0] != self._changes:
            return None
        return Kept(entry[1])

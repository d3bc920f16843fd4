"""Filtering, grouping by owner and sorting the register's rows: plain functions over
:class:`~scbmeet.services.action_rows.ActionRow` s, quick enough to run on each keystroke.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from scbmeet.domain.errors import ValidationError
from scbmeet.services.action_rows import (
    NO_OWNER,
    OUTSTANDING,
    STATE_LABELS,
    ActionRow,
    OwnerKey,
    fold,
    owner_key,
)


@dataclass(frozen=True)
class ActionFilter:
    """What the register shows. The default is every outstanding action.

    ``owner`` names a person (their own actions) or an organisation: then its own, its
    teams' and its people's actions. ``states`` empty means every state.
    """

    states: frozenset[str] = OUTSTANDING
    owner: OwnerKey | None = None
    overdue_only: bool = False
    carried_only: bool = False
    due_before: date | None = None
    theme_id: int | None = None
    board_id: int | None = None
    text: str = ""

    def words(self) -> list[str]:
        return fold(self.text).split()

    def matches(self, row: ActionRow, words: Sequence[str] | None = None) -> bool:
        """Whether ``row`` passes; pass ``words()`` in when testing many rows."""
        if self.states and row.state not in self.states:
            return False
        if self.board_id is not None and row.board_id != self.board_id:
            return False
        if self.owner is not None and self.owner not in row.match_keys:
            return False
        if self.overdue_only and not row.is_overdue:
            return False
        if self.carried_only and not row.is_carried_flagged:
            return False
        if self.due_before is not None and (row.due is None or row.due >= self.due_before):
            return False
        if self.theme_id is not None and self.theme_id not in row.theme_ids:
            return False
        haystack = row.search_text
        return all(w in haystack for w in (self.words() if words is None else words))


def filter_rows(rows: Iterable[ActionRow], action_filter: ActionFilter) -> list[ActionRow]:
    """The rows passing ``action_filter``, in their order (what :meth:`ActionFilter.matches`
    passes).

    One tight pass per test that is set, each over what the one before kept, with no
    function call per row: the register runs this on every keystroke over every row.
    """
    f = action_filter
    kept = list(rows)
    if f.states:
        kept = [r for r in kept if r.state in f.states]
    if f.board_id is not None:
        kept = [r for r in kept if r.board_id == f.board_id]
    if f.owner is not None:
        kept = [r for r in kept if f.owner in r.match_keys]
    if f.overdue_only:
        kept = [r for r in kept if r.overdue_days > 0]
    if f.carried_only:
        kept = [r for r in kept if r.is_carried_flagged]
    if f.due_before is not None:
        due_before = f.due_before
        kept = [r for r in kept if r.due is not None and r.due < due_before]
    if f.theme_id is not None:
        kept = [r for r in kept if f.theme_id in r.theme_ids]
    # Longest word first: it keeps fewest rows for the others to test.
    for word in sorted(f.words(), key=len, reverse=True):
        kept = [r for r in kept if word in r.search_text]
    return kept


@dataclass(frozen=True)
class OwnerGroup:
    """The actions of one owner (an action with two owners is in both groups)."""

    key: OwnerKey
    name: str
    rows: tuple[ActionRow, ...]

    @property
    def outstanding(self) -> int:
        return sum(1 for r in self.rows if not r.is_closed)

    @property
    def overdue(self) -> int:
        return sum(1 for r in self.rows if r.is_overdue)


def group_by_owner(rows: Iterable[ActionRow]) -> list[OwnerGroup]:
    """Groups by owner name; actions keep their order inside a group."""
    members: dict[OwnerKey, list[ActionRow]] = defaultdict(list)
    names: dict[OwnerKey, str] = {NO_OWNER: "(no owner)"}
    for row in rows:
        if not row.owners:
            members[NO_OWNER].append(row)
        for owner in row.owners:
            key = owner_key(owner)
            names.setdefault(key, owner.name)
            if not members[key] or members[key][-1] is not row:
                members[key].append(row)
    return sorted(
        (OwnerGroup(k, names[k], tuple(v)) for k, v in members.items()),
        key=lambda g: (g.key == NO_OWNER, fold(g.name), g.key),
    )


@dataclass(frozen=True)
class OwnerChoice:
    """An entry of the owner filter."""

    key: OwnerKey
    label: str

    @property
    def is_person(self) -> bool:
        return self.key[0] == "person"


def owner_choices(rows: Iterable[ActionRow]) -> list[OwnerChoice]:
    """Everyone who owns one of ``rows``, then every organisation involved, by name."""
    people: dict[OwnerKey, str] = {}
    orgs: dict[OwnerKey, str] = {}
    # Rows with the same owners share their tuples (see action_rows): each once is enough.
    distinct = {id(row.owners): row for row in rows}.values()
    for row in distinct:
        for owner in row.owners:
            if owner.person_id is not None:
                people.setdefault(owner_key(owner), owner.name)
        for org_id, label in row.owner_orgs:
            orgs.setdefault(("organisation", org_id), label)
    return [OwnerChoice(k, v) for k, v in sorted(people.items(), key=lambda kv: fold(kv[1]))] + [
        OwnerChoice(k, v) for k, v in sorted(orgs.items(), key=lambda kv: fold(kv[1]))
    ]


_STATE_ORDER = {state: n for n, state in enumerate(STATE_LABELS)}

# Column keys: what to sort by, or None where a row has no value (those always go last).
SORT_KEYS: dict[str, Callable[[ActionRow], Any]] = {
    "board": lambda r: fold(r.board_short_name),
    "minute": lambda r: (r.meeting_date, r.minute_number or 0) if r.meeting_date else None,
    "meeting": lambda r: r.meeting_date,
    "text": lambda r: fold(r.text),
    "owners": lambda r: fold(r.owner_line) or None,
    "due": lambda r: r.due,
    "state": lambda r: _STATE_ORDER.get(r.state, len(_STATE_ORDER)),
    "age": lambda r: r.age_days,
    "carried": lambda r: r.carried,
    "progress": lambda r: r.latest_update_on,
}


def sort_rows(
    rows: Iterable[ActionRow], column: str, *, descending: bool = False
) -> list[ActionRow]:
    """Rows ordered by a column of :data:`SORT_KEYS`; rows without a value come last
    either way round, and ties keep the register's order (oldest first)."""
    try:
        key = SORT_KEYS[column]
    except KeyError:
        raise ValidationError(f"Cannot sort actions by {column!r}.") from None
    keyed = [(key(r), r) for r in rows]
    present = [pair for pair in keyed if pair[0] is not None]
    missing = [r for k, r in keyed if k is None]
    present.sort(key=lambda pair: pair[0], reverse=descending)
    return [r for _k, r in present] + missing

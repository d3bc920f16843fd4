"""The actions register's rows: what is outstanding, with whom, and since when.

:func:`load_rows` (behind :meth:`~scbmeet.services.action_register.ActionRegisterService.rows`)
reads every action of a board (or of all boards) in one query of plain columns (its newest
progress joined), with owners and themes in one query each and the few boards, meetings,
people and organisations looked up - never a query per action - into :class:`ActionRow` s
that carry all a table needs: minute reference, meeting,
owners, effective due date, age, latest progress, how many meetings it has been carried
across, and a folded text for free-text search. Filtering, grouping by owner and sorting
(:mod:`~scbmeet.services.action_filters`) are plain functions over those rows, so a view
filters on each keystroke without touching the database.

An action is *carried across* a meeting of its board that took place (before today)
after the meeting that raised it, while the action stayed open - that is, it was not
closed on or before that meeting's date, nor dealt with at it. Three or more is flagged.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from scbmeet.domain import dto
from scbmeet.domain.enums import OPEN_ACTION_STATES, ActionState
from scbmeet.domain.models import (
    Action,
    ActionOwner,
    ActionTheme,
    ActionUpdate,
    Board,
    Meeting,
    MinuteItem,
    Organisation,
    Person,
)
from scbmeet.services.gc_pause import collector_paused
from scbmeet.services.numbering import minute_reference

OUTSTANDING = frozenset(OPEN_ACTION_STATES)
CARRIED_FLAG_AT = 3  # meetings an action may be carried across before it is flagged
STATE_LABELS = {
    ActionState.OPEN.value: "Open",
    ActionState.IN_PROGRESS.value: "In progress",
    ActionState.DONE.value: "Done",
    ActionState.DROPPED.value: "Dropped",
}

OwnerKey = tuple[str, int]  # ("person", id) or ("organisation", id)
NO_OWNER: OwnerKey = ("none", 0)


def owner_key(owner: dto.OwnerRef) -> OwnerKey:
    if owner.person_id is not None:
        return ("person", owner.person_id)
    return ("organisation", owner.organisation_id or 0)


# The combining diacritics NFKD splits off accented letters (é -> e + U+0301).
_COMBINING_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower case without accents, so that ``Rene`` finds ``René``."""
    if text.isascii():
        return text.lower()
    return _COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))


def meeting_label(board_short_name: str, on: date | None) -> str:
    """``MSCB 5 June 2013``."""
    return f"{board_short_name} {dto.long_date(on)}" if on else ""


# -- the rows ---------------------------------------------------------------------------------
# Not frozen, though nothing changes a row once read: a frozen dataclass sets each field
# through object.__setattr__, which was a third of building the rows of a long history.
# unsafe_hash keeps rows hashable by their values, as they were when frozen.
@dataclass(slots=True, unsafe_hash=True)
class ActionRow:
    """One action as the register shows it (all of it plain, precomputed data; read-only)."""

    id: int
    board_id: int
    board_short_name: str
    minute_item_id: int | None
    minute_reference: str  # "10/13"
    minute_number: int | None
    minute_title: str
    meeting_id: int | None  # the meeting that raised it
    meeting_date: date | None
    text: str
    owners: tuple[dto.OwnerRef, ...]
    # Organisations (id, "Name (SHORT)") the owners are or belong to, parents included.
    owner_orgs: tuple[tuple[int, str], ...]
    due: date | None  # the due date, or the date of the meeting it is due at
    due_date: date | None
    due_meeting_id: int | None
    state: str
    created_on: date
    closed_on: date | None
    closed_at_meeting_id: int | None
    version: int
    latest_update: str
    latest_update_on: date | None
    theme_ids: tuple[int, ...]
    carried: int  # meetings carried across (see the module docstring)
    age_days: int  # open: days since raised; closed: days it took
    overdue_days: int  # days past due while open; 0 otherwise
    search_text: str = field(default="", repr=False, compare=False)
    match_keys: frozenset[OwnerKey] = field(default=frozenset(), repr=False, compare=False)

    @property
    def is_closed(self) -> bool:
        return self.state not in OUTSTANDING

    @property
    def is_overdue(self) -> bool:
        return self.overdue_days > 0

    @property
    def is_carried_flagged(self) -> bool:
        return not self.is_closed and self.carried >= CARRIED_FLAG_AT

    @property
    def owner_line(self) -> str:
        """``Sally Goodwin/Kul Mahay``, as minutes name owners."""
        return "/".join(o.name for o in self.owners)

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)

    @property
    def meeting_label(self) -> str:
        return meeting_label(self.board_short_name, self.meeting_date)


@dataclass(frozen=True, eq=False)  # one object per owner: compared and hashed as itself
class _Owner:
    """One owner (or the owners of an action, together), worked out once however many
    actions they own.

    Its tuples are shared by every row with the same owners: fewer objects for Python's
    cycle collector to walk after a read (a third fewer for 8,000 actions).
    """

    refs: tuple[dto.OwnerRef, ...]  # a row's owners, in order
    # The organisations (id, "Name (SHORT)") they are or belong to, parents included.
    owner_orgs: tuple[tuple[int, str], ...]
    keys: frozenset[OwnerKey]  # what an owner filter matches them by

    @cached_property
    def names(self) -> str:
        """The owners' names, for the search text."""
        return " ".join(o.name for o in self.refs)

    @cached_property
    def org_labels(self) -> str:
        """Their organisations' names, for the search text."""
        return " ".join(label for _id, label in self.owner_orgs)


@dataclass
class _Org:
    name: str
    short_name: str
    parent_id: int | None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


class BoardMeetings:
    """The dates of each board's meetings before ``today``, to count carried actions."""

    def __init__(self, rows: Iterable[tuple[int, int, date]], today: date) -> None:
        self._dates: dict[int, list[date]] = defaultdict(list)
        self._ids: dict[int, list[int]] = defaultdict(list)
        self._places: dict[int, tuple[int, int]] = {}  # meeting id: (board id, place)
        for meeting_id, board_id, on in sorted(rows, key=lambda r: (r[2], r[0])):
            if on < today:
                self._places[meeting_id] = (board_id, len(self._dates[board_id]))
                self._dates[board_id].append(on)
                self._ids[board_id].append(meeting_id)

    def carried_across(
        self,
        board_id: int,
        created_on: date,
        closed_on: date | None,
        closed_at_meeting_id: int | None,
    ) -> list[int]:
        """Ids of the meetings an action was carried across (oldest first)."""
        dates = self._dates.get(board_id, [])
        first = bisect.bisect_right(dates, created_on)
        last = bisect.bisect_left(dates, closed_on) if closed_on is not None else len(dates)
        ids = self._ids[board_id][first:last] if last > first else []
        return [m for m in ids if m != closed_at_meeting_id]

    def count_carried(
        self,
        board_id: int,
        created_on: date,
        closed_on: date | None,
        closed_at_meeting_id: int | None,
    ) -> int:
        """How many meetings :meth:`carried_across` would list, without listing them."""
        dates = self._dates.get(board_id)
        if not dates:
            return 0
        first = bisect.bisect_right(dates, created_on)
        last = bisect.bisect_left(dates, closed_on) if closed_on is not None else len(dates)
        if last <= first:
            return 0
        place = self._places.get(closed_at_meeting_id) if closed_at_meeting_id else None
        skipped = place is not None and place[0] == board_id and first <= place[1] < last
        return last - first - (1 if skipped else 0)


@dataclass(frozen=True)
class Scope:
    """Which actions to read: a board (or all), some states (or all), some ids (or all)."""

    board_id: int | None = None
    states: frozenset[str] | None = None
    action_ids: tuple[int, ...] | None = None

    def restrict(self, query: Any) -> Any:
        """``query`` (which selects from or joins ``action``) limited to this scope."""
        if self.board_id is not None:
            query = query.where(col(Action.board_id) == self.board_id)
        if self.states is not None:
            query = query.where(col(Action.state).in_(sorted(self.states)))
        if self.action_ids is not None:
            query = query.where(col(Action.id).in_(self.action_ids))
        return query


# Where the register order's columns are in a row of :func:`_action_query`.
_NUMBER, _CREATED, _POSITION = 3, 11, 15


def _action_query(scope: Scope) -> Any:
    """One row of plain columns per action (unpacked by :func:`_row`).

    Its newest progress (by date, then by entry) is joined: the database finds it in an
    index for each action, rather than every update being read to pick the newest in
    Python. Boards and meetings are few: their names and dates are looked up in Python
    rather than joined to every action.
    """
    latest = aliased(ActionUpdate)
    newest_id = (
        sa.select(col(ActionUpdate.id))
        .where(col(ActionUpdate.action_id) == col(Action.id))
        .order_by(col(ActionUpdate.on_date).desc(), col(ActionUpdate.id).desc())
        .limit(1)
        .correlate(Action)
        .scalar_subquery()
    )
    query = (
        sa.select(
            col(Action.id),
            col(Action.board_id),
            col(Action.minute_item_id),
            col(MinuteItem.number),
            col(MinuteItem.numbering_year),
            col(MinuteItem.title),
            col(MinuteItem.meeting_id),
            col(Action.text),
            col(Action.due_date),
            col(Action.due_meeting_id),
            col(Action.state),
            col(Action.created_on),
            col(Action.closed_on),
            col(Action.closed_at_meeting_id),
            col(Action.version),
            col(Action.position),
            col(latest.text),
            col(latest.on_date),
        )
        .outerjoin(MinuteItem, col(MinuteItem.id) == Action.minute_item_id)
        .outerjoin(latest, col(latest.id) == newest_id)
    )
    return scope.restrict(query)


def _register_order(raw: Any) -> tuple[date, int, int, int]:
    """Oldest first, then in minute and action order (sorted here: cheaper than in SQL)."""
    return (raw[_CREATED], raw[_NUMBER] or 0, raw[_POSITION], raw[0])


def _board_names(s: Session) -> dict[int, str]:
    query = sa.select(col(Board.id), col(Board.short_name))
    return {board_id or 0: name for board_id, name in s.connection().execute(query).all()}


def _meetings(s: Session) -> list[tuple[int, int, date]]:
    """(id, board id, date) of every meeting: a few hundred rows, even at sixty years."""
    query = sa.select(col(Meeting.id), col(Meeting.board_id), col(Meeting.date))
    return [(i or 0, b, d) for i, b, d in s.connection().execute(query).all()]


def _organisations(s: Session) -> dict[int, _Org]:
    rows = (
        s.connection()
        .execute(
            sa.select(
                col(Organisation.id),
                col(Organisation.name),
                col(Organisation.short_name),
                col(Organisation.parent_id),
            )
        )
        .all()
    )
    return {oid: _Org(name, short, parent) for oid, name, short, parent in rows if oid is not None}


_NOBODY = _Owner((), (), frozenset())  # an action with no owner


def _owners(s: Session, scope: Scope, orgs: dict[int, _Org]) -> dict[int, _Owner]:
    """{action id: its owners in order, as one}; each owner's details, and each set of
    owners', are worked out only once."""
    people = {
        pid: (" ".join(p for p in (given, family) if p) or "?", org)
        for pid, given, family, org in s.connection()
        .execute(
            sa.select(
                col(Person.id),
                col(Person.given_names),
                col(Person.family_name),
                col(Person.organisation_id),
            )
        )
        .all()
    }
    query = scope.restrict(
        sa.select(
            col(ActionOwner.action_id),
            col(ActionOwner.position),
            col(ActionOwner.id),
            col(ActionOwner.person_id),
            col(ActionOwner.organisation_id),
        ).join(Action, col(Action.id) == ActionOwner.action_id)
    )
    by_person: dict[int, _Owner] = {}
    by_org: dict[int | None, _Owner] = {}

    def owner(person_id: int | None, org_id: int | None) -> _Owner:
        """A new owner's details (each is worked out once, on its first action)."""
        if person_id is not None:
            key: OwnerKey = ("person", person_id)
            name, home = people.get(person_id, ("?", None))
            ref = dto.OwnerRef(person_id=person_id, name=name)
        else:
            key = ("organisation", org_id or 0)
            org = orgs.get(org_id or 0)
            home = org_id
            ref = dto.OwnerRef(
                organisation_id=org_id, name=(org.short_name or org.name) if org else "?"
            )
        chain = _org_chain(home, orgs)
        labelled = tuple((o, orgs[o].label) for o in chain)
        made = _Owner((ref,), labelled, frozenset([key, *(("organisation", o) for o in chain)]))
        if person_id is not None:
            by_person[person_id] = made
        else:
            by_org[org_id] = made
        return made

    # Most actions have one owner: only those with several are put in order.
    owners: dict[int, _Owner] = {}
    several: dict[int, list[tuple[int, int, _Owner]]] = {}
    places: dict[int, tuple[int, int]] = {}  # (position, id) of each action's first owner
    for action_id, pos, ident, person_id, org_id in s.connection().execute(query).all():
        one = by_person.get(person_id) if person_id is not None else by_org.get(org_id)
        if one is None:
            one = owner(person_id, org_id)
        if action_id not in owners:
            owners[action_id] = one
            places[action_id] = (pos, ident)
        elif action_id in several:
            several[action_id].append((pos, ident, one))
        else:
            several[action_id] = [(*places[action_id], owners[action_id]), (pos, ident, one)]
    together: dict[tuple[_Owner, ...], _Owner] = {}
    for action_id, entries in several.items():
        entries.sort(key=lambda e: (e[0], e[1]))
        key = tuple(e[2] for e in entries)
        if key not in together:
            together[key] = _together(key)
        owners[action_id] = together[key]
    return owners


def _together(owners: tuple[_Owner, ...]) -> _Owner:
    """Several owners of one action as one (what a row needs of them)."""
    return _Owner(
        tuple(o.refs[0] for o in owners),
        tuple(dict.fromkeys(pair for o in owners for pair in o.owner_orgs)),
        frozenset(k for o in owners for k in o.keys),
    )


def _themes(s: Session, scope: Scope) -> dict[int, tuple[int, ...]]:
    """{action id: its themes' ids, in order}; actions without themes are left out."""
    query = scope.restrict(
        sa.select(col(ActionTheme.action_id), col(ActionTheme.theme_id)).join(
            Action, col(Action.id) == ActionTheme.action_id
        )
    )
    themes: dict[int, list[int]] = defaultdict(list)
    for action_id, theme_id in s.connection().execute(query).all():
        themes[action_id].append(theme_id)
    return {action_id: tuple(sorted(ids)) for action_id, ids in themes.items()}


def board_meetings(s: Session, board_id: int | None, today: date) -> BoardMeetings:
    return _board_meetings(_meetings(s), board_id, today)


def _board_meetings(
    meetings: list[tuple[int, int, date]], board_id: int | None, today: date
) -> BoardMeetings:
    return BoardMeetings((m for m in meetings if board_id in (None, m[1])), today)


def _org_chain(org_id: int | None, orgs: dict[int, _Org]) -> list[int]:
    """An organisation and the ones above it (a team, then its council)."""
    chain: list[int] = []
    while org_id is not None and org_id in orgs and org_id not in chain:
        chain.append(org_id)
        org_id = orgs[org_id].parent_id
    return chain


def load_rows(s: Session, scope: Scope, today: date) -> list[ActionRow]:
    """The register rows in ``scope``, oldest first, in a fixed handful of queries."""
    with collector_paused():  # thousands of rows with no cycles among them
        return _load_rows(s, scope, today)


def _load_rows(s: Session, scope: Scope, today: date) -> list[ActionRow]:
    raws = sorted(s.connection().execute(_action_query(scope)).all(), key=_register_order)
    if not raws:
        return []
    orgs = _organisations(s)
    owners = _owners(s, scope, orgs)
    themes = _themes(s, scope)
    meetings = _meetings(s)
    read = _Read(
        _board_names(s),
        {ident: on for ident, _board, on in meetings},
        _board_meetings(meetings, scope.board_id, today),
        today,
    )
    return [_row(r, owners.get(r[0], _NOBODY), themes.get(r[0], ()), read) for r in raws]


@dataclass(frozen=True)
class _Read:
    """What every row of one read looks up: board names, meeting dates, the day."""

    board_names: dict[int, str]
    meeting_dates: dict[int, date]
    meetings: BoardMeetings
    today: date


def _row(raw: Any, owner: _Owner, theme_ids: tuple[int, ...], read: _Read) -> ActionRow:
    """The register row of one action's plain columns (those of :func:`_action_query`)."""
    (
        action_id,
        board_id,
        minute_item_id,
        number,
        year,
        title,
        meeting_id,
        text,
        due_date,
        due_meeting_id,
        state,
        created_on,
        closed_on,
        closed_at_meeting_id,
        version,
        _position,
        latest,
        latest_on,
    ) = raw
    today, meeting_dates = read.today, read.meeting_dates
    board_short_name = read.board_names.get(board_id, "")
    reference = minute_reference(number, year) if number is not None and year is not None else ""
    title = title or ""
    latest = latest or ""
    due = due_date or (meeting_dates.get(due_meeting_id) if due_meeting_id else None)
    is_open = state in OUTSTANDING
    state_label = STATE_LABELS.get(state, state)
    carried = read.meetings.count_carried(board_id, created_on, closed_on, closed_at_meeting_id)
    ended = closed_on if not is_open and closed_on else today
    words = " ".join(
        [
            reference,
            title,
            text,
            owner.names,
            owner.org_labels,
            latest,
            board_short_name,
            state_label,
        ]
    )
    return ActionRow(  # by position: a third quicker than by keyword, 24,000 times over
        action_id,
        board_id,
        board_short_name,
        minute_item_id,
        reference,
        number,
        title,
        meeting_id,
        meeting_dates.get(meeting_id) if meeting_id else None,
        text,
        owner.refs,
        owner.owner_orgs,
        due,
        due_date,
        due_meeting_id,
        state,
        created_on,
        closed_on,
        closed_at_meeting_id,
        version,
        latest,
        latest_on,
        theme_ids,
        carried,
        max(0, (ended - created_on).days),  # age_days
        (today - due).days if is_open and due is not None and due < today else 0,  # overdue
        fold(words),  # search_text
        owner.keys,  # match_keys
    )

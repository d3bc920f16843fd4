"""The actions register's rows: what is outstanding, with whom, and since when.

:func:`load_rows` (behind :meth:`~scbmeet.services.action_register.ActionRegisterService.rows`)
reads every action of a board (or of all boards) in five set-based queries - never one per
action - into :class:`ActionRow` s that carry all a table needs: minute reference, meeting,
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
@dataclass(frozen=True, slots=True)
class ActionRow:
    """One action as the register shows it (all of it plain, precomputed data)."""

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


@dataclass(frozen=True)
class _Raw:
    """One action's columns as read, before owners and progress are attached."""

    id: int
    board_id: int
    board_short_name: str
    minute_item_id: int | None
    minute_number: int | None
    minute_year: int | None
    minute_title: str | None
    meeting_id: int | None
    meeting_date: date | None
    text: str
    due_date: date | None
    due_meeting_date: date | None
    due_meeting_id: int | None
    state: str
    created_on: date
    closed_on: date | None
    closed_at_meeting_id: int | None
    version: int
    position: int


@dataclass(frozen=True)
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
        for meeting_id, board_id, on in sorted(rows, key=lambda r: (r[2], r[0])):
            if on < today:
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
        skipped = (
            closed_at_meeting_id is not None
            and closed_at_meeting_id in self._ids[board_id][first:last]
        )
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


def _action_query(scope: Scope) -> Any:
    due_meeting = aliased(Meeting)
    query = (
        sa.select(
            col(Action.id),
            col(Action.board_id),
            col(Board.short_name),
            col(Action.minute_item_id),
            col(MinuteItem.number),
            col(MinuteItem.numbering_year),
            col(MinuteItem.title),
            col(MinuteItem.meeting_id),
            col(Meeting.date),
            col(Action.text),
            col(Action.due_date),
            col(due_meeting.date),
            col(Action.due_meeting_id),
            col(Action.state),
            col(Action.created_on),
            col(Action.closed_on),
            col(Action.closed_at_meeting_id),
            col(Action.version),
            col(Action.position),
        )
        .join(Board, col(Board.id) == Action.board_id)
        .outerjoin(MinuteItem, col(MinuteItem.id) == Action.minute_item_id)
        .outerjoin(Meeting, col(Meeting.id) == MinuteItem.meeting_id)
        .outerjoin(due_meeting, col(due_meeting.id) == Action.due_meeting_id)
    )
    return scope.restrict(query)


def _register_order(raw: _Raw) -> tuple[date, int, int, int]:
    """Oldest first, then in minute and action order (sorted here: cheaper than in SQL)."""
    return (raw.created_on, raw.minute_number or 0, raw.position, raw.id)


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
    known: dict[OwnerKey, _Owner] = {}

    def owner(person_id: int | None, org_id: int | None) -> _Owner:
        key: OwnerKey = (
            ("person", person_id) if person_id is not None else ("organisation", org_id or 0)
        )
        if key not in known:
            if person_id is not None:
                name, home = people.get(person_id, ("?", None))
                ref = dto.OwnerRef(person_id=person_id, name=name)
            else:
                org = orgs.get(org_id or 0)
                home = org_id
                ref = dto.OwnerRef(
                    organisation_id=org_id, name=(org.short_name or org.name) if org else "?"
                )
            chain = _org_chain(home, orgs)
            labelled = tuple((o, orgs[o].label) for o in chain)
            keys = frozenset([key, *(("organisation", o) for o in chain)])
            known[key] = _Owner((ref,), labelled, keys)
        return known[key]

    owners: dict[int, list[_Owner]] = defaultdict(list)
    rows = s.connection().execute(query).all()
    for action_id, _pos, _id, person_id, org_id in sorted(map(tuple, rows)):
        owners[action_id].append(owner(person_id, org_id))
    together: dict[tuple[_Owner, ...], _Owner] = {}
    for action_id, several in owners.items():
        if len(several) > 1:
            key = tuple(several)
            if key not in together:
                together[key] = _together(several)
            owners[action_id] = [together[key]]
    return {action_id: several[0] for action_id, several in owners.items()}


def _together(owners: list[_Owner]) -> _Owner:
    """Several owners of one action as one (what a row needs of them)."""
    return _Owner(
        tuple(o.refs[0] for o in owners),
        tuple(dict.fromkeys(pair for o in owners for pair in o.owner_orgs)),
        frozenset(k for o in owners for k in o.keys),
    )


def _latest_updates(s: Session, scope: Scope) -> dict[int, tuple[str, date]]:
    """The newest progress of each action (by date, then by entry).

    Picking the newest in Python from one plain query is quicker here than a window
    function, which makes the database sort every update.
    """
    query = scope.restrict(
        sa.select(
            col(ActionUpdate.action_id),
            col(ActionUpdate.on_date),
            col(ActionUpdate.id),
            col(ActionUpdate.text),
        ).join(Action, col(Action.id) == ActionUpdate.action_id)
    )
    newest: dict[int, tuple[date, int, str]] = {}
    for action_id, on, update_id, text in s.connection().execute(query).all():
        current = newest.get(action_id)
        if current is None or (on, update_id) > current[:2]:
            newest[action_id] = (on, update_id, text)
    return {action_id: (text, on) for action_id, (on, _id, text) in newest.items()}


def _themes(s: Session, scope: Scope) -> dict[int, list[int]]:
    query = scope.restrict(
        sa.select(col(ActionTheme.action_id), col(ActionTheme.theme_id)).join(
            Action, col(Action.id) == ActionTheme.action_id
        )
    )
    themes: dict[int, list[int]] = defaultdict(list)
    for action_id, theme_id in s.connection().execute(query).all():
        themes[action_id].append(theme_id)
    return themes


def board_meetings(s: Session, board_id: int | None, today: date) -> BoardMeetings:
    query = sa.select(col(Meeting.id), col(Meeting.board_id), col(Meeting.date))
    if board_id is not None:
        query = query.where(col(Meeting.board_id) == board_id)
    return BoardMeetings(((i or 0, b, d) for i, b, d in s.connection().execute(query).all()), today)


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
    raws = sorted(
        (_Raw(*row) for row in s.connection().execute(_action_query(scope)).all()),
        key=_register_order,
    )
    if not raws:
        return []
    orgs = _organisations(s)
    owners = _owners(s, scope, orgs)
    updates = _latest_updates(s, scope)
    themes = _themes(s, scope)
    meetings = board_meetings(s, scope.board_id, today)
    return [_row(r, owners.get(r.id, _NOBODY), updates, themes, meetings, today) for r in raws]


def _row(
    r: _Raw,
    owner: _Owner,
    updates: dict[int, tuple[str, date]],
    themes: dict[int, list[int]],
    meetings: BoardMeetings,
    today: date,
) -> ActionRow:
    owners, owner_orgs, keys = owner.refs, owner.owner_orgs, owner.keys
    reference = (
        minute_reference(r.minute_number, r.minute_year)
        if r.minute_number is not None and r.minute_year is not None
        else ""
    )
    due = r.due_date or r.due_meeting_date
    is_open = r.state in OUTSTANDING
    latest, latest_on = updates.get(r.id, ("", None))
    carried = meetings.count_carried(r.board_id, r.created_on, r.closed_on, r.closed_at_meeting_id)
    ended = r.closed_on if not is_open and r.closed_on else today
    words = [
        reference,
        r.minute_title or "",
        r.text,
        *(o.name for o in owners),
        *(label for _i, label in owner_orgs),
        latest,
        r.board_short_name,
        STATE_LABELS.get(r.state, r.state),
    ]
    return ActionRow(
        id=r.id,
        board_id=r.board_id,
        board_short_name=r.board_short_name,
        minute_item_id=r.minute_item_id,
        minute_reference=reference,
        minute_number=r.minute_number,
        minute_title=r.minute_title or "",
        meeting_id=r.meeting_id,
        meeting_date=r.meeting_date,
        text=r.text,
        owners=owners,
        owner_orgs=owner_orgs,
        due=due,
        due_date=r.due_date,
        due_meeting_id=r.due_meeting_id,
        state=r.state,
        created_on=r.created_on,
        closed_on=r.closed_on,
        closed_at_meeting_id=r.closed_at_meeting_id,
        version=r.version,
        latest_update=latest,
        latest_update_on=latest_on,
        theme_ids=tuple(sorted(themes.get(r.id, []))),
        carried=carried,
        age_days=max(0, (ended - r.created_on).days),
        overdue_days=(today - due).days if is_open and due is not None and due < today else 0,
        search_text=fold(" ".join(words)),
        match_keys=keys,
    )

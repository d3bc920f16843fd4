"""Actions as :class:`~scbmeet.domain.dto.ActionInfo` read as plain rows, no ORM objects.

Matters arising lists every action still open when a meeting began: on a long history,
thousands. :func:`action_infos_where` reads them in one query for the actions (with
their minute, meeting and due meeting joined in) and one each for owners, progress and
themes, all restricted by the same conditions rather than by a list of ids, and builds
exactly what :func:`scbmeet.services.convert.action_infos` builds from ORM objects.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from scbmeet.domain import dto
from scbmeet.domain.models import (
    Action,
    ActionOwner,
    ActionTheme,
    ActionUpdate,
    Meeting,
    MinuteItem,
    Organisation,
    Person,
)
from scbmeet.services.convert import organisation_names
from scbmeet.services.gc_pause import collector_paused
from scbmeet.services.numbering import minute_reference

Conditions = Sequence[Any]  # SQL conditions on the action table


def _actions_query(conditions: Conditions) -> Any:
    due_meeting = aliased(Meeting)
    return (
        sa.select(
            col(Action.id),
            col(Action.board_id),
            col(Action.minute_item_id),
            col(MinuteItem.id),
            col(MinuteItem.number),
            col(MinuteItem.numbering_year),
            col(MinuteItem.meeting_id),
            col(Meeting.date),
            col(Action.text),
            col(Action.due_date),
            col(Action.due_meeting_id),
            col(due_meeting.date),
            col(Action.state),
            col(Action.created_on),
            col(Action.closed_on),
            col(Action.closed_at_meeting_id),
            col(Action.version),
            col(Action.owner_to_confirm),
            col(Action.after_line),
        )
        .select_from(Action)
        .outerjoin(MinuteItem, col(MinuteItem.id) == col(Action.minute_item_id))
        .outerjoin(Meeting, col(Meeting.id) == col(MinuteItem.meeting_id))
        .outerjoin(due_meeting, col(due_meeting.id) == col(Action.due_meeting_id))
        .where(*conditions)
        .order_by(col(Action.created_on), col(Action.position), col(Action.id))
    )


def _owners(
    s: Session, conditions: Conditions
) -> tuple[dict[int, list[dto.OwnerRef]], dict[int, list[str]]]:
    """{action id: owners}, {action id: owners as the minutes name them}, in order."""
    query = (
        sa.select(
            col(ActionOwner.action_id), col(ActionOwner.person_id), col(ActionOwner.organisation_id)
        )
        .join(Action, col(Action.id) == col(ActionOwner.action_id))
        .where(*conditions)
        .order_by(col(ActionOwner.action_id), col(ActionOwner.position), col(ActionOwner.id))
    )
    rows = s.connection().execute(query).all()
    org_names = organisation_names(s)
    people = _people(
        s, {person_id for _a, person_id, _o in rows if person_id is not None}, org_names
    )
    short_names = {
        i: short
        for i, short in s.connection()
        .execute(sa.select(col(Organisation.id), col(Organisation.short_name)))
        .all()
        if i is not None and short
    }
    known: dict[tuple[int | None, int | None], tuple[dto.OwnerRef, str]] = {}

    def owner(person_id: int | None, org_id: int | None) -> tuple[dto.OwnerRef, str]:
        """An owner and how the minutes name them, worked out once however many they own."""
        if person_id is not None:
            person = people.get(person_id)
            name = person.full_name if person else "?"
            return dto.OwnerRef(person_id=person_id, name=name), (
                person.in_actions if person else name
            )
        name = org_names.get(org_id or -1, "?")
        short = short_names.get(org_id or -1) or name
        return dto.OwnerRef(organisation_id=org_id, name=short), short

    owners: dict[int, list[dto.OwnerRef]] = defaultdict(list)
    written: dict[int, list[str]] = defaultdict(list)
    for action_id, person_id, org_id in rows:
        key = (person_id, None if person_id is not None else org_id)
        if key not in known:
            known[key] = owner(person_id, org_id)
        ref, as_written = known[key]
        owners[action_id].append(ref)
        written[action_id].append(as_written)
    return owners, written


def _people(s: Session, ids: set[int], org_names: dict[int, str]) -> dict[int, dto.PersonInfo]:
    """The owners among the people, as :func:`~scbmeet.services.convert.person_info` makes
    them, from plain rows."""
    if not ids:
        return {}
    query = sa.select(
        col(Person.id),
        col(Person.title),
        col(Person.given_names),
        col(Person.family_name),
        col(Person.job_title),
        col(Person.organisation_id),
        col(Person.email),
        col(Person.active),
        col(Person.action_name),
    ).where(col(Person.id).in_(ids))
    people = {}
    for pid, title, given, family, job, org, email, active, action_name in (
        s.connection().execute(query).all()
    ):
        if pid is None:
            continue
        people[pid] = dto.PersonInfo(
            id=pid,
            title=title,
            given_names=given,
            family_name=family,
            job_title=job,
            organisation_id=org,
            organisation_name=org_names.get(org or -1, ""),
            email=email,
            active=active,
            action_name=action_name,
        )
    return people


def _latest_updates(s: Session, conditions: Conditions) -> dict[int, str]:
    """The newest progress text of each action (by date, then by entry order)."""
    query = (
        sa.select(col(ActionUpdate.action_id), col(ActionUpdate.text))
        .join(Action, col(Action.id) == col(ActionUpdate.action_id))
        .where(*conditions)
        .order_by(col(ActionUpdate.action_id), col(ActionUpdate.on_date), col(ActionUpdate.id))
    )
    return {action_id: text for action_id, text in s.connection().execute(query).all()}


def _themes(s: Session, conditions: Conditions) -> dict[int, list[int]]:
    query = (
        sa.select(col(ActionTheme.action_id), col(ActionTheme.theme_id))
        .join(Action, col(Action.id) == col(ActionTheme.action_id))
        .where(*conditions)
    )
    themes: dict[int, list[int]] = defaultdict(list)
    for action_id, theme_id in s.connection().execute(query).all():
        themes[action_id].append(theme_id)
    return themes


def action_infos_where(s: Session, conditions: Conditions) -> list[dto.ActionInfo]:
    """The actions meeting ``conditions``, oldest first (then by position and id)."""
    with collector_paused():
        rows = s.connection().execute(_actions_query(conditions)).all()
        if not rows:
            return []
        owners, written = _owners(s, conditions)
        latest = _latest_updates(s, conditions)
        themes = _themes(s, conditions)
        return [_info(row, owners, written, latest, themes) for row in rows]


def _info(
    row: Any,
    owners: dict[int, list[dto.OwnerRef]],
    written: dict[int, list[str]],
    latest: dict[int, str],
    themes: dict[int, list[int]],
) -> dto.ActionInfo:
    (
        action_id,
        board_id,
        minute_item_id,
        minute_id,
        number,
        year,
        meeting_id,
        meeting_date,
        text,
        due_date,
        due_meeting_id,
        due_meeting_date,
        state,
        created_on,
        closed_on,
        closed_at_meeting_id,
        version,
        owner_to_confirm,
        after_line,
    ) = row
    found = minute_id is not None and meeting_date is not None
    return dto.ActionInfo(
        id=action_id,
        board_id=board_id,
        minute_item_id=minute_item_id,
        minute_reference=minute_reference(number, year) if found else "",
        meeting_id=meeting_id if found else None,
        meeting_date=meeting_date if found else None,
        text=text,
        owners=tuple(owners.get(action_id, [])),
        due_date=due_date,
        due_meeting_id=due_meeting_id,
        due_meeting_date=due_meeting_date,
        state=state,
        created_on=created_on,
        closed_on=closed_on,
        closed_at_meeting_id=closed_at_meeting_id,
        version=version,
        latest_update=latest.get(action_id, ""),
        theme_ids=tuple(sorted(themes.get(action_id, []))),
        owner_to_confirm=owner_to_confirm or "",
        after_line=after_line,
        owners_in_minutes=tuple(written.get(action_id, [])),
    )


__all__ = ["action_infos_where"]

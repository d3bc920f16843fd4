"""Turning rows into the plain dataclasses of :mod:`scbmeet.domain.dto`, in as few queries as may be."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from sqlmodel import Session, col, select

from scbmeet.domain import dto
from scbmeet.domain.models import (
    Action,
    ActionOwner,
    ActionTheme,
    ActionUpdate,
    Board,
    Meeting,
    MinuteItem,
    Organisation,
    PaperFile,
    Person,
)
from scbmeet.services.numbering import minute_reference


def board_info(b: Board) -> dto.BoardInfo:
    assert b.id is not None
    return dto.BoardInfo(
        id=b.id,
        name=b.name,
        short_name=b.short_name,
        parent_id=b.parent_id,
        default_venue=b.default_venue,
        default_start_time=b.default_start_time,
        numbering=b.numbering,
        numbering_start_month=b.numbering_start_month,
        quorum_members=b.quorum_members,
        quorum_statutory_orgs=b.quorum_statutory_orgs,
        active=b.active,
        say_no_declarations=b.say_no_declarations,
        access_rules=b.access_rules,
        papers_due_days=b.papers_due_days,
        decision_notice_days=b.decision_notice_days,
    )


def organisation_info(o: Organisation) -> dto.OrganisationInfo:
    assert o.id is not None
    return dto.OrganisationInfo(
        id=o.id,
        name=o.name,
        short_name=o.short_name,
        kind=o.kind,
        is_statutory=o.is_statutory,
        parent_id=o.parent_id,
        active=o.active,
    )


def organisation_names(session: Session) -> dict[int, str]:
    rows = session.exec(select(Organisation.id, Organisation.name)).all()
    return {i: n for i, n in rows if i is not None}


def person_info(p: Person, org_names: dict[int, str]) -> dto.PersonInfo:
    assert p.id is not None
    return dto.PersonInfo(
        id=p.id,
        title=p.title,
        given_names=p.given_names,
        family_name=p.family_name,
        job_title=p.job_title,
        organisation_id=p.organisation_id,
        organisation_name=org_names.get(p.organisation_id or -1, ""),
        email=p.email,
        active=p.active,
        action_name=p.action_name,
    )


def people_by_id(session: Session, ids: Iterable[int | None]) -> dict[int, dto.PersonInfo]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    names = organisation_names(session)
    rows = session.exec(select(Person).where(col(Person.id).in_(wanted))).all()
    return {p.id: person_info(p, names) for p in rows if p.id is not None}


def meeting_info(m: Meeting, board: Board) -> dto.MeetingInfo:
    assert m.id is not None
    return dto.MeetingInfo(
        id=m.id,
        board_id=m.board_id,
        board_short_name=board.short_name,
        board_name=board.name,
        date=m.date,
        start_time=m.start_time,
        end_time=m.end_time,
        venue=m.venue,
        title=m.title,
        state=m.state,
        approved_at_id=m.approved_at_id,
        approved_on=m.approved_on,
        first_minute_number=m.first_minute_number,
        ical_uid=m.ical_uid,
        ical_sequence=m.ical_sequence,
        version=m.version,
    )


def paper_file_info(f: PaperFile) -> dto.PaperFileInfo:
    assert f.id is not None
    return dto.PaperFileInfo(
        id=f.id,
        paper_id=f.paper_id,
        role=f.role,
        filename=f.filename,
        media_type=f.media_type,
        size=f.size,
        sha256=f.sha256,
    )


def action_infos(session: Session, actions: Sequence[Action]) -> list[dto.ActionInfo]:
    """ActionInfos for ``actions`` (in the given order) with owners, minute refs and progress."""
    ids = [a.id for a in actions if a.id is not None]
    if not ids:
        return []
    owners: dict[int, list[dto.OwnerRef]] = defaultdict(list)
    written: dict[int, list[str]] = defaultdict(list)
    owner_rows = session.exec(
        select(ActionOwner)
        .where(col(ActionOwner.action_id).in_(ids))
        .order_by(col(ActionOwner.action_id), col(ActionOwner.position), col(ActionOwner.id))
    ).all()
    people = people_by_id(session, (o.person_id for o in owner_rows))
    org_names = organisation_names(session)
    short_names = _org_short_names(session)
    for o in owner_rows:
        if o.person_id is not None:
            person = people.get(o.person_id)
            name = person.full_name if person else "?"
            owners[o.action_id].append(dto.OwnerRef(person_id=o.person_id, name=name))
            written[o.action_id].append(person.in_actions if person else name)
        else:
            name = org_names.get(o.organisation_id or -1, "?")
            short = short_names.get(o.organisation_id or -1) or name
            owners[o.action_id].append(dto.OwnerRef(organisation_id=o.organisation_id, name=short))
            written[o.action_id].append(short)
    minute_ids = {a.minute_item_id for a in actions if a.minute_item_id is not None}
    minutes: dict[int, tuple[str, int, Meeting | None]] = {}
    if minute_ids:
        rows = session.exec(
            select(MinuteItem, Meeting)
            .join(Meeting, col(Meeting.id) == MinuteItem.meeting_id)
            .where(col(MinuteItem.id).in_(minute_ids))
        ).all()
        for mi, mt in rows:
            assert mi.id is not None
            minutes[mi.id] = (minute_reference(mi.number, mi.numbering_year), mi.meeting_id, mt)
    due_meeting_ids = {a.due_meeting_id for a in actions if a.due_meeting_id is not None}
    due_dates: dict[int, date] = {}
    if due_meeting_ids:
        for m in session.exec(select(Meeting).where(col(Meeting.id).in_(due_meeting_ids))).all():
            due_dates[m.id or -1] = m.date
    latest = latest_updates(session, ids)
    themes: dict[int, list[int]] = defaultdict(list)
    for at in session.exec(select(ActionTheme).where(col(ActionTheme.action_id).in_(ids))).all():
        themes[at.action_id].append(at.theme_id)
    out = []
    for a in actions:
        assert a.id is not None
        ref, meeting_id, meeting = minutes.get(a.minute_item_id or -1, ("", None, None))
        due_meeting_date = due_dates.get(a.due_meeting_id or -1)
        out.append(
            dto.ActionInfo(
                id=a.id,
                board_id=a.board_id,
                minute_item_id=a.minute_item_id,
                minute_reference=ref,
                meeting_id=meeting_id,
                meeting_date=meeting.date if meeting else None,
                text=a.text,
                owners=tuple(owners.get(a.id, [])),
                due_date=a.due_date,
                due_meeting_id=a.due_meeting_id,
                due_meeting_date=due_meeting_date,
                state=a.state,
                created_on=a.created_on,
                closed_on=a.closed_on,
                closed_at_meeting_id=a.closed_at_meeting_id,
                version=a.version,
                latest_update=latest.get(a.id, ""),
                theme_ids=tuple(sorted(themes.get(a.id, []))),
                owner_to_confirm=a.owner_to_confirm or "",
                after_line=a.after_line,
                owners_in_minutes=tuple(written.get(a.id, [])),
            )
        )
    return out


def _org_short_names(session: Session) -> dict[int, str]:
    rows = session.exec(select(Organisation.id, Organisation.short_name)).all()
    return {i: s for i, s in rows if i is not None and s}


def latest_updates(session: Session, action_ids: Sequence[int]) -> dict[int, str]:
    """The newest progress text of each action (by date, then by entry order)."""
    # Two columns, not ORM objects: a long history has tens of thousands of updates.
    rows = session.exec(
        select(ActionUpdate.action_id, ActionUpdate.text)
        .where(col(ActionUpdate.action_id).in_(action_ids))
        .order_by(col(ActionUpdate.action_id), col(ActionUpdate.on_date), col(ActionUpdate.id))
    ).all()
    return dict(rows)

"""Bringing a board's history in: storing an import plan (past meetings with their
attendance, agenda, numbered minutes, resolutions and actions) in one transaction.

The plan comes from :func:`scbmeet.history.matching.plan_import`; here nothing is read from
documents. Imported meetings are historic: their minutes are approved (by the next imported
meeting where there is one), their numbers fixed, and their actions open, so that they come
to the next meeting as outstanding actions - unless later minutes record them done or dropped
(the plan's outcomes), when they are closed at that later meeting with what was said as
progress.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from datetime import date

from sqlmodel import Session, col, select

from scbmeet.domain.bullets import MAX_BULLET_LENGTH, MAX_BULLETS
from scbmeet.domain.enums import (
    AttendanceStatus,
    ItemKind,
    MeetingState,
    PaperState,
    Role,
)
from scbmeet.domain.enums import Session as AgendaSession
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.history import (
    ImportPlan,
    ImportResult,
    NameRef,
    RecognisedAction,
    RecognisedDocument,
    WrittenName,
)
from scbmeet.domain.models import (
    Action,
    ActionOwner,
    AgendaItem,
    Attendance,
    Board,
    Meeting,
    Membership,
    MinuteItem,
    Organisation,
    Paper,
    Person,
    Resolution,
)
from scbmeet.services.base import (
    ServiceBase,
    clean_text,
    get_or_fail,
    record_audit,
)
from scbmeet.services.history_outcomes import record_outcomes
from scbmeet.services.numbering import numbering_year, renumber


def _full_year(written: int | None, fallback: int) -> int:
    if written is None:
        return fallback
    return written if written >= 100 else fallback - fallback % 100 + written


class _Ids:
    """The ids of what the plan names, once the new rows exist."""

    def __init__(self, people: list[int], organisations: list[int]) -> None:
        self.people = people
        self.organisations = organisations

    def person(self, ref: NameRef | None) -> int | None:
        if ref is None or ref.ambiguous:
            return None
        if ref.new_person is not None:
            return self.people[ref.new_person]
        return ref.person_id

    def organisation(self, ref: NameRef | None) -> int | None:
        if ref is None:
            return None
        if ref.new_organisation is not None:
            return self.organisations[ref.new_organisation]
        return ref.organisation_id


class HistoryImportService(ServiceBase):
    """Past minutes and agendas into an existing board: all of them or nothing."""

    def minute_numbers(self, board_id: int) -> dict[tuple[int, int], date]:
        """{(numbering year, number): meeting date} of every minute the board has."""
        with self.db.reading() as s:
            rows = s.exec(
                select(col(MinuteItem.numbering_year), col(MinuteItem.number), col(Meeting.date))
                .join(Meeting, col(Meeting.id) == MinuteItem.meeting_id)
                .where(MinuteItem.board_id == board_id)
            ).all()
        return {(year, number): on for year, number, on in rows}

    def meeting_dates(self, board_id: int) -> set[date]:
        with self.db.reading() as s:
            return set(s.exec(select(col(Meeting.date)).where(Meeting.board_id == board_id)).all())

    def numbering_year(self, board_id: int, on: date) -> int:
        with self.db.reading() as s:
            return numbering_year(get_or_fail(s, Board, board_id, "board"), on)

    def numbering_years(self, board_id: int, dates: Iterable[date]) -> dict[date, int]:
        """The numbering year of each date, in one read."""
        with self.db.reading() as s:
            board = get_or_fail(s, Board, board_id, "board")
            return {on: numbering_year(board, on) for on in dates}

    def import_plan(self, plan: ImportPlan) -> ImportResult:
        """Store everything the plan recognised, or nothing (a ValidationError names why)."""
        if not plan.ok:
            raise ValidationError("Nothing was imported: " + "; ".join(plan.problems[:3]))
        if not plan.documents:
            raise ValidationError("Nothing was imported: no documents were given.")
        counts = {"minutes": 0, "resolutions": 0, "actions": 0, "closed": 0}
        with self.db.transaction() as s:
            board = get_or_fail(s, Board, plan.board_id, "board")
            ids = self._add_register_entries(s, plan)
            meetings = self._add_meetings(s, board, plan.documents)
            years: set[int] = set()
            added: dict[tuple[int, int, int], tuple[Action, RecognisedAction]] = {}
            for index, document in enumerate(plan.documents):
                meeting = meetings[document.meeting_date or date.min]
                if document.kind == "agenda":
                    self._add_agenda(s, meeting, document)
                    continue
                self._add_attendance(s, meeting, document, ids)
                year = numbering_year(board, meeting.date)
                years.add(year)
                for place, row in self._add_minutes(
                    s, board, meeting, document, ids, year, counts
                ).items():
                    added[(index, *place)] = row
            counts["closed"] = record_outcomes(s, self.db.user, board, plan, meetings, added)
            for year in sorted(years):
                renumber(s, board, year)  # later unapproved meetings run on from these
        self._changed("meeting")
        self._changed("minute")
        self._changed("action")
        self._changed("person")
        return ImportResult(
            meetings=len(meetings),
            minutes=counts["minutes"],
            resolutions=counts["resolutions"],
            actions=counts["actions"],
            closed=counts["closed"],
            new_people=tuple(
                " ".join(p for p in (n.title, n.given_names, n.family_name) if p)
                for n in plan.new_people
            ),
            new_organisations=tuple(o.name for o in plan.new_organisations),
        )

    def _add_register_entries(self, s: Session, plan: ImportPlan) -> _Ids:
        organisations = []
        for new_org in plan.new_organisations:
            existing = s.exec(select(Organisation).where(Organisation.name == new_org.name)).first()
            org = existing or Organisation(name=new_org.name, short_name=new_org.short_name)
            s.add(org)
            s.flush()
            assert org.id is not None
            organisations.append(org.id)
        ids = _Ids([], organisations)
        for new_person in plan.new_people:
            person = Person(
                title=clean_text(new_person.title),
                given_names=clean_text(new_person.given_names),
                family_name=clean_text(new_person.family_name),
                organisation_id=ids.organisation(new_person.organisation),
            )
            s.add(person)
            s.flush()
            assert person.id is not None
            ids.people.append(person.id)
        members = {
            (name.ref.new_person, role)
            for document in plan.documents
            for name, role in self._members(document)
            if name.ref is not None and name.ref.new_person is not None
        }
        for index, role in sorted(members, key=lambda m: (m[0] or 0, m[1])):
            if role == Role.MEMBER and (index, Role.CHAIR.value) in members:
                continue
            s.add(Membership(board_id=plan.board_id, person_id=ids.people[index or 0], role=role))
        return ids

    @staticmethod
    def _members(document: RecognisedDocument) -> list[tuple[WrittenName, str]]:
        members = [(n, Role.MEMBER.value) for n in (*document.present, *document.apologies)]
        if document.chair is not None:
            members.append((document.chair, Role.CHAIR.value))
        return members

    def _add_meetings(
        self, s: Session, board: Board, documents: Sequence[RecognisedDocument]
    ) -> dict[date, Meeting]:
        """One meeting per date; minutes approved by the next imported meeting."""
        by_date: dict[date, Meeting] = {}
        with_minutes = {d.meeting_date for d in documents if d.kind == "minutes"}
        for document in sorted(documents, key=lambda d: (d.meeting_date or date.min, d.kind)):
            on = document.meeting_date or date.min
            if on in by_date:
                if document.place and not by_date[on].venue:
                    by_date[on].venue = document.place[:300]
                continue
            state = MeetingState.MINUTES_APPROVED if on in with_minutes else MeetingState.HELD
            meeting = Meeting(
                board_id=board.id or 0, date=on, venue=clean_text(document.place)[:300], state=state
            )
            s.add(meeting)
            by_date[on] = meeting
        s.flush()
        ordered = [by_date[d] for d in sorted(by_date)]
        for earlier, later in itertools.pairwise(ordered):
            if earlier.state == MeetingState.MINUTES_APPROVED:
                earlier.approved_at_id = later.id
                earlier.approved_on = later.date
        for meeting in ordered:
            record_audit(
                s,
                self.db,
                entity="meeting",
                entity_id=meeting.id,
                operation="import_history",
                meeting_id=meeting.id,
                reason="imported from past minutes and agendas",
            )
        return by_date

    @staticmethod
    def _add_attendance(
        s: Session, meeting: Meeting, document: RecognisedDocument, ids: _Ids
    ) -> None:
        seen: set[int] = set()
        groups = [
            ([document.chair] if document.chair else [], AttendanceStatus.PRESENT),
            (list(document.present), AttendanceStatus.PRESENT),
            (list(document.in_attendance), AttendanceStatus.IN_ATTENDANCE),
            (list(document.apologies), AttendanceStatus.APOLOGIES),
        ]
        for names, status in groups:
            for name in names:
                person_id = ids.person(name.ref)
                if person_id is None or person_id in seen:
                    continue
                seen.add(person_id)
                s.add(
                    Attendance(
                        meeting_id=meeting.id or 0,
                        person_id=person_id,
                        status=status.value,
                        note=clean_text(name.note)[:300],
                    )
                )

    @staticmethod
    def _add_agenda(s: Session, meeting: Meeting, document: RecognisedDocument) -> None:
        parent: AgendaItem | None = None
        positions: dict[int | None, int] = {}
        for item in document.agenda_items:
            under = parent if "." in item.number and parent is not None else None
            key = under.id if under is not None else None
            positions[key] = positions.get(key, 0) + 1
            row = AgendaItem(
                meeting_id=meeting.id or 0,
                parent_id=key,
                position=positions[key],
                title=clean_text(item.title)[:300] or f"Item {item.number}",
                session=(AgendaSession.CLOSED if item.closed else AgendaSession.OPEN).value,
                closed_reference=clean_text(item.reference)[:60],
                presenter_text=clean_text(item.presenter)[:300],
                bullets="\n".join(
                    clean_text(b)[:MAX_BULLET_LENGTH] for b in item.bullets[:MAX_BULLETS]
                ),
                kind=_standard_kind(item.title),
            )
            s.add(row)
            s.flush()
            if under is None:
                parent = row
            if item.has_paper:
                state = PaperState.TO_FOLLOW if item.paper_to_follow else PaperState.ATTACHED
                s.add(
                    Paper(
                        agenda_item_id=row.id or 0, title=row.title, state=state.value, position=1
                    )
                )

    @staticmethod
    def _add_minutes(
        s: Session,
        board: Board,
        meeting: Meeting,
        document: RecognisedDocument,
        ids: _Ids,
        year: int,
        counts: dict[str, int],
    ) -> dict[tuple[int, int], tuple[Action, RecognisedAction]]:
        """Adds the minutes; returns their actions by (minute index, action index)."""
        first = min((m.number for m in document.minutes), default=None)
        meeting.first_minute_number = first
        # Rows of a kind are added together and flushed once: ids are needed only by the next kind.
        items = []
        placed: dict[tuple[int, int], tuple[Action, RecognisedAction]] = {}
        for position, minute in enumerate(document.minutes, start=1):
            item = MinuteItem(
                meeting_id=meeting.id or 0,
                board_id=board.id or 0,
                position=position,
                numbering_year=_full_year(minute.year, year),
                number=minute.number,
                title=clean_text(minute.title)[:300] or f"Minute {minute.number}",
                narrative=clean_text("\n\n".join(minute.paragraphs)),
            )
            s.add(item)
            items.append((item, minute))
        s.flush()
        actions = []
        for m, (item, minute) in enumerate(items):
            counts["minutes"] += 1
            for index, text in enumerate(minute.resolutions, start=1):
                s.add(
                    Resolution(minute_item_id=item.id or 0, position=index, text=clean_text(text))
                )
                counts["resolutions"] += 1
            for index, recognised in enumerate(minute.actions, start=1):
                action = Action(
                    board_id=board.id or 0,
                    minute_item_id=item.id,
                    position=index,
                    text=clean_text(recognised.text) or item.title,
                    due_date=recognised.due,
                    created_on=meeting.date,
                )
                s.add(action)
                actions.append((action, recognised))
                placed[(m, index - 1)] = (action, recognised)
                counts["actions"] += 1
        s.flush()
        for action, recognised in actions:
            owners: list[tuple[int | None, int | None]] = []
            for ref in recognised.owner_refs:
                owner = (
                    ids.person(ref),
                    None if ref.person_id or ref.new_person is not None else ids.organisation(ref),
                )
                if owner != (None, None) and owner not in owners:
                    owners.append(owner)
            for place, (person_id, organisation_id) in enumerate(owners, start=1):
                s.add(
                    ActionOwner(
                        action_id=action.id or 0,
                        position=place,
                        person_id=person_id,
                        organisation_id=organisation_id,
                    )
                )
        return placed


def _standard_kind(title: str) -> str:
    """An imported agenda's "Declarations of interest" is the standard item again (so its
    minutes call for declarations); other items stay ordinary, as they were written."""
    if " ".join(title.lower().split()).rstrip(":") in (
        "declarations of interest",
        "declarations of interests",
    ):
        return ItemKind.DECLARATIONS.value
    return ItemKind.ORDINARY.value

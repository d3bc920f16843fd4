"""Matching the people and organisations recognised documents name to the register, and
turning the documents into an import plan: who is known, who would be added, what stops
the import (a meeting already there, a minute number already used, an ambiguous name)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from scbmeet.domain import dto
from scbmeet.domain.history import (
    Corrections,
    ImportPlan,
    NameRef,
    NewOrganisation,
    NewPerson,
    RecognisedDocument,
    RecognisedMinute,
    WrittenName,
)
from scbmeet.history.corrections import corrected
from scbmeet.history.earlier_actions import resolve_outcomes
from scbmeet.history.names import looks_like_person, name_forms, written_name

if TYPE_CHECKING:
    from collections.abc import Callable

    from scbmeet.services import Services


def full_year(written: int | None, fallback: int) -> int:
    """``13`` -> ``2013`` (in the century of the meeting's numbering year)."""
    if written is None:
        return fallback
    if written >= 100:
        return written
    return fallback - fallback % 100 + written


class Matcher:
    """Names to register entries or to people and organisations the import adds; each
    written form is looked up once."""

    def __init__(self, services: Services, corrections: Corrections | None = None) -> None:
        self.services = services
        self.corrections = corrections or Corrections()
        self.new_people: list[NewPerson] = []
        self.new_forms: list[set[str]] = []
        self.new_organisations: list[NewOrganisation] = []
        self.problems: list[str] = []
        self._register: dict[str, list[dto.OwnerRef]] = {}

    def _lookup(self, text: str) -> list[dto.OwnerRef]:
        key = " ".join(text.lower().split())
        if key not in self._register:
            self._register[key] = self.services.register.match_owner(text) if key else []
        return self._register[key]

    def organisation(self, name: str) -> NameRef | None:
        name = " ".join(name.split())
        if not name:
            return None
        found = [m for m in self._lookup(name) if m.organisation_id is not None]
        if len(found) == 1:
            return NameRef(name, organisation_id=found[0].organisation_id)
        for index, org in enumerate(self.new_organisations):
            if name.lower() in {org.name.lower(), org.short_name.lower()}:
                return NameRef(name, new_organisation=index)
        short = name if len(name) <= 12 and " " not in name else ""
        self.new_organisations.append(NewOrganisation(name[:200], short))
        return NameRef(name, new_organisation=len(self.new_organisations) - 1)

    def _known_person(self, written: WrittenName) -> NameRef | None:
        given, family, title = written.given_names, written.family_name, written.title
        initials = " ".join(g[0] for g in given.split())
        candidates = [
            " ".join(f"{title} {given} {family}".split()),
            " ".join(f"{given} {family}".split()),
            " ".join(f"{title} {family}".split()) if title else "",
            " ".join(f"{initials} {family}".split()),
            " ".join(f"{initials[:1]} {family}".split()),
        ]
        ambiguous = False
        for candidate in filter(None, candidates):
            found = [m for m in self._lookup(candidate) if m.person_id is not None]
            if len(found) == 1:
                return NameRef(written.text, person_id=found[0].person_id)
            ambiguous = ambiguous or len(found) > 1
        if ambiguous:
            return NameRef(written.text, ambiguous=True)
        return None

    def chosen(self, text: str) -> NameRef | None:
        """The register entry the secretary chose for ``text``, if any."""
        choice = self.corrections.name(text)
        if choice is None:
            return None
        if choice.person_id is not None:
            return NameRef(text, person_id=choice.person_id)
        if choice.organisation_id is not None:
            return NameRef(text, organisation_id=choice.organisation_id)
        if choice.add_as == "organisation":
            return self.organisation(text)
        return None

    def _added_as_new(self, text: str) -> bool:
        choice = self.corrections.name(text)
        return choice is not None and choice.add_as == "person"

    def person(self, written: WrittenName, *, add: bool = True) -> NameRef | None:
        chosen = self.chosen(written.text)
        if chosen is not None:
            return chosen
        known = None if self._added_as_new(written.text) else self._known_person(written)
        if known is not None:
            if known.ambiguous:
                self.problems.append(
                    f"{written.text!r} could be more than one person in the register; "
                    "choose who it is in the preview, or add a first name in the document."
                )
            return known
        forms = name_forms(written.title, written.given_names, written.family_name)
        hits = [i for i, known_forms in enumerate(self.new_forms) if forms & known_forms]
        if len(hits) == 1:
            return NameRef(written.text, new_person=hits[0])
        if not add:
            return None
        organisation = self.organisation(written.organisation) if written.organisation else None
        self.new_people.append(
            NewPerson(
                written.title[:40],
                written.given_names[:120],
                written.family_name[:120] or written.text[:120],
                organisation,
            )
        )
        self.new_forms.append(forms)
        return NameRef(written.text, new_person=len(self.new_people) - 1)

    def owner(self, text: str) -> NameRef:
        """An action owner: a person (known, or new in this import), else an organisation
        or team (``SDRI``), else a new person or team by how the name looks."""
        chosen = self.chosen(text)
        if chosen is not None:
            return chosen
        written = written_name(text)
        if self._added_as_new(text):
            return self.person(written) or NameRef(text)
        if looks_like_person(text):
            found = self.person(written, add=False)
            if found is not None:
                return found
        organisations = [m for m in self._lookup(text) if m.organisation_id is not None]
        if len(organisations) == 1:
            return NameRef(text, organisation_id=organisations[0].organisation_id)
        if looks_like_person(text):
            found = self.person(written)
            assert found is not None
            return found
        reference = self.organisation(text)
        assert reference is not None
        return reference


def _match_names(matcher: Matcher, names: tuple[WrittenName, ...]) -> tuple[WrittenName, ...]:
    return tuple(replace(n, ref=matcher.person(n)) for n in names)


def _match_minute(matcher: Matcher, minute: RecognisedMinute) -> RecognisedMinute:
    actions = tuple(
        replace(a, owner_refs=tuple(matcher.owner(o) for o in a.owners)) for a in minute.actions
    )
    return replace(minute, actions=actions)


def _match_document(matcher: Matcher, document: RecognisedDocument) -> RecognisedDocument:
    chair = replace(document.chair, ref=matcher.person(document.chair)) if document.chair else None
    return replace(
        document,
        chair=chair,
        present=_match_names(matcher, document.present),
        in_attendance=_match_names(matcher, document.in_attendance),
        apologies=_match_names(matcher, document.apologies),
        minutes=tuple(_match_minute(matcher, m) for m in document.minutes),
    )


def _action_problems(document: RecognisedDocument) -> list[str]:
    problems = []
    for minute in document.minutes:
        for action in minute.actions:
            if not action.owners:
                problems.append(
                    f"{document.source}: an action in minute {minute.number} names no owner."
                )
    return problems


def _number_problems(
    services: Services,
    board_id: int,
    documents: list[RecognisedDocument],
    year_of: Callable[[date], int],
) -> list[str]:
    problems: list[str] = []
    used = services.history.minute_numbers(board_id)
    taken_dates = services.history.meeting_dates(board_id)
    seen: dict[tuple[int, int], str] = {}
    seen_dates: dict[tuple[object, str], str] = {}
    for document in documents:
        assert document.meeting_date is not None
        key = (document.meeting_date, document.kind)
        if document.meeting_date in taken_dates:
            problems.append(
                f"{document.source}: the board already has a meeting on "
                f"{document.meeting_date:%d %B %Y}; it was imported before, so it is refused."
            )
        elif key in seen_dates:
            problems.append(
                f"{document.source}: is {document.kind} of the same meeting as {seen_dates[key]}."
            )
        seen_dates[key] = document.source
        year = year_of(document.meeting_date)
        for minute in document.minutes:
            number = (full_year(minute.year, year), minute.number)
            reference = f"{minute.number}/{number[0] % 100:02d}"
            if number in used:
                problems.append(
                    f"{document.source}: minute {reference} is already used by the meeting of "
                    f"{used[number]:%d %B %Y}."
                )
            elif number in seen:
                problems.append(f"{document.source}: minute {reference} is also in {seen[number]}.")
            seen[number] = document.source
    return problems


def plan_import(
    services: Services,
    board_id: int,
    documents: list[RecognisedDocument],
    corrections: Corrections | None = None,
) -> ImportPlan:
    """The plan for importing ``documents`` into the board, as the secretary corrected
    what was read (names, dates, minutes, paragraphs not placed); nothing is changed."""
    services.register.board(board_id)  # a missing board is a NotFoundError here
    corrections = corrections or Corrections()
    matcher = Matcher(services, corrections)
    matched = [
        _match_document(matcher, d)
        for d in sorted(
            (corrected(d, corrections) for d in documents),
            key=lambda d: (str(d.meeting_date), d.kind),
        )
    ]
    years = services.history.numbering_years(
        board_id, {d.meeting_date for d in matched if d.meeting_date is not None}
    )
    matched = resolve_outcomes(services, matched, years.__getitem__, board_id)
    problems = _number_problems(services, board_id, matched, years.__getitem__)
    for document in matched:
        problems.extend(_action_problems(document))
    return ImportPlan(
        board_id=board_id,
        documents=tuple(matched),
        new_people=tuple(matcher.new_people),
        new_organisations=tuple(matcher.new_organisations),
        problems=tuple(problems + matcher.problems),
    )

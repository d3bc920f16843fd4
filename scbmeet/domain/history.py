"""Plain data for bringing a board's history in: what was recognised in past minutes and
agendas, and the plan of what an import adds (matched to the register, or new).

The reader (:mod:`scbmeet.history`) fills these in; the import service stores a plan in one
transaction. Nothing here knows about Word, PDF or the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class NameRef:
    """Who a written name turned out to be: someone in the register (an id), someone the
    import adds (an index into :attr:`ImportPlan.new_people` / ``new_organisations``), or
    ``ambiguous`` when the register has several candidates."""

    text: str
    person_id: int | None = None
    organisation_id: int | None = None
    new_person: int | None = None
    new_organisation: int | None = None
    ambiguous: bool = False

    @property
    def is_new(self) -> bool:
        return self.new_person is not None or self.new_organisation is not None


@dataclass(frozen=True)
class WrittenName:
    """A person as a PRESENT list or an apologies sentence writes them:
    ``Councillor Mrs C A Hart`` under ``Erewash Borough Council``, ``(also NEDDC)``."""

    text: str
    title: str = ""
    given_names: str = ""
    family_name: str = ""
    organisation: str = ""
    note: str = ""
    ref: NameRef | None = None


@dataclass(frozen=True)
class RecognisedAction:
    text: str
    owners: tuple[str, ...]
    due: date | None = None
    owner_refs: tuple[NameRef, ...] = ()
    state: str = "open"  # "done" or "dropped" when an action table's status column says so
    progress: str = ""  # what that status column says besides the state


@dataclass(frozen=True)
class ActionRef:
    """An earlier action: one already in the database (``action_id``), or one this import
    adds (indexes into the plan's documents, their minutes and the minute's actions)."""

    label: str  # "10/13 David Lowe: Report on the screening tool", for the preview
    action_id: int | None = None
    document: int | None = None
    minute: int | None = None
    action: int | None = None


@dataclass(frozen=True)
class RecognisedOutcome:
    """What later minutes record of an earlier action: ``Minute 10/13 (David Lowe: report
    back): completed.``, a matters-arising ``Action complete``, an action log's status.

    ``state`` is "done", "dropped" or "open" (progress only). ``target`` is the action it
    was matched to (None: no earlier action fits, and the sentence stays in the minutes).
    """

    text: str  # as written
    number: int | None  # the minute it cites, as written (None: no minute named)
    year: int | None
    about: str  # the action as the sentence describes it
    owners: str
    state: str
    progress: str = ""
    minute: int | None = None  # index of the minute it was written in (None: before them)
    target: ActionRef | None = None


@dataclass(frozen=True)
class RecognisedMinute:
    number: int
    year: int | None  # as written (``13`` or ``2013``); None for ``9.``
    title: str
    paragraphs: tuple[str, ...] = ()
    resolutions: tuple[str, ...] = ()
    actions: tuple[RecognisedAction, ...] = ()


@dataclass(frozen=True)
class RecognisedAgendaItem:
    number: str
    title: str
    presenter: str = ""
    has_paper: bool = False
    paper_to_follow: bool = False
    closed: bool = False
    reference: str = ""
    bullets: tuple[str, ...] = ()  # unnumbered points under the item's number


@dataclass(frozen=True)
class RecognisedDocument:
    """One minutes or agenda document as far as it could be read."""

    source: str
    kind: str  # "minutes" or "agenda"
    board_name: str = ""
    meeting_date: date | None = None
    place: str = ""
    chair: WrittenName | None = None
    present: tuple[WrittenName, ...] = ()
    in_attendance: tuple[WrittenName, ...] = ()
    apologies: tuple[WrittenName, ...] = ()
    declarations: tuple[str, ...] = ()  # declarations of interest, as the minutes word them
    minutes: tuple[RecognisedMinute, ...] = ()
    agenda_items: tuple[RecognisedAgendaItem, ...] = ()
    next_meeting: date | None = None
    unplaced: tuple[str, ...] = ()  # paragraphs it could not place
    outcomes: tuple[RecognisedOutcome, ...] = ()  # what it records of earlier actions


@dataclass(frozen=True)
class NewPerson:
    title: str
    given_names: str
    family_name: str
    organisation: NameRef | None = None


@dataclass(frozen=True)
class NewOrganisation:
    name: str
    short_name: str = ""


@dataclass(frozen=True)
class ImportPlan:
    """Everything an import would add to one board, and what stops it."""

    board_id: int
    documents: tuple[RecognisedDocument, ...]
    new_people: tuple[NewPerson, ...] = ()
    new_organisations: tuple[NewOrganisation, ...] = ()
    problems: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ImportResult:
    meetings: int
    minutes: int
    resolutions: int
    actions: int
    closed: int  # earlier actions these minutes record as done or dropped
    new_people: tuple[str, ...]
    new_organisations: tuple[str, ...]


@dataclass(frozen=True)
class NameChoice:
    """Who a written name (an owner, an attendee) is, as the secretary corrected it: someone
    in the register, an organisation or team in it, or added as new (``add_as`` "person" or
    "organisation"). ``text`` is the name as the preview shows it (:attr:`NameRef.text`)."""

    text: str
    person_id: int | None = None
    organisation_id: int | None = None
    add_as: str = ""


@dataclass(frozen=True)
class MinuteFix:
    """A minute's number and title as they should have been read (``index``: its place in
    the document's minutes)."""

    source: str
    index: int
    number: int
    year: int | None
    title: str


@dataclass(frozen=True)
class Placement:
    """A paragraph that was not placed: into the narrative of the minute at ``minute`` (its
    place in the document), or left out (None)."""

    source: str
    text: str
    minute: int | None


@dataclass(frozen=True)
class Corrections:
    """What the secretary put right in the preview before importing; plain data the plan is
    made from again (``dates``: (document, meeting date) where the date was mis-read)."""

    names: tuple[NameChoice, ...] = ()
    minutes: tuple[MinuteFix, ...] = ()
    placements: tuple[Placement, ...] = ()
    dates: tuple[tuple[str, date], ...] = ()

    def name(self, text: str) -> NameChoice | None:
        return next((c for c in self.names if c.text == text), None)

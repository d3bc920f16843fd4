"""Matching what later minutes record of earlier actions (:class:`RecognisedOutcome`) to the
actions themselves: ones already in the database (earlier imports, or the app) and ones an
earlier document of the same import adds.

An outcome is matched by the minute it cites, then by how it describes the action (its
words, then its owners); one it cannot pin to a single open action stays in the minutes as
written and the preview says so. The sentence itself stays where it was written either way (a
minute's narrative, so that it can be found; or the paragraphs not placed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from scbmeet.domain.history import ActionRef, RecognisedDocument, RecognisedOutcome
from scbmeet.history.names import name_forms, written_name
from scbmeet.text.shorthand import split_owner_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from scbmeet.services import Services

WORD = re.compile(r"[a-z0-9]+")
CLOSING = ("done", "dropped")


def _words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def reference(number: int, year: int) -> str:
    return f"{number}/{year % 100:02d}"


@dataclass
class _Candidate:
    ref: ActionRef
    minute: str  # "10/13"; "" for an action taken away from the minutes
    number: int | None
    text: str
    owners: str
    created: date
    closed: bool = False


def _same_text(about: str, text: str) -> bool:
    a, b = " ".join(_words(about)), " ".join(_words(text))
    if not a or not b:
        return False
    shorter = min(len(a), len(b))
    return a == b or (shorter >= 12 and (a.startswith(b) or b.startswith(a)))


def _overlap(about: str, text: str) -> float:
    """The share of the description's words that are in the action's text."""
    wanted = set(_words(about))
    return len(wanted & set(_words(text))) / len(wanted) if wanted else 0.0


def _forms(owner: str) -> set[str]:
    written = written_name(owner)
    return name_forms(written.title, written.given_names, written.family_name) | {
        " ".join(_words(owner))
    }


def _same_owners(one: str, other: str) -> bool:
    """``Sally Goodwin/Kul Mahay`` and ``S Goodwin/Supt K Mahay`` name the same owners."""
    ones, others = split_owner_text(one), split_owner_text(other)
    return len(ones) == len(others) > 0 and all(
        _forms(a) & _forms(b) for a, b in zip(ones, others, strict=True)
    )


def _one(candidates: list[_Candidate], outcome: RecognisedOutcome) -> _Candidate | None:
    """The single candidate the outcome describes, or None."""
    if outcome.about:
        exact = [c for c in candidates if _same_text(outcome.about, c.text)]
        if len(exact) == 1:
            return exact[0]
        scores = sorted(((_overlap(outcome.about, c.text), i) for i, c in enumerate(candidates)))
        if scores and scores[-1][0] >= 0.5 and (len(scores) == 1 or scores[-2][0] < scores[-1][0]):
            return candidates[scores[-1][1]]
    owners = outcome.owners or outcome.about  # "(Sally Goodwin/Kul Mahay): still open"
    if owners:
        owned = [c for c in candidates if _same_owners(c.owners, owners)]
        if len(owned) == 1:
            return owned[0]
    if len(candidates) == 1 and outcome.number is not None:
        return candidates[0]
    return None


class EarlierActions:
    """The open actions an outcome may be about, as the documents are walked in date order."""

    def __init__(self, services: Services, board_id: int) -> None:
        self.candidates: list[_Candidate] = []
        self.by_minute: dict[str, list[_Candidate]] = {}  # "10/13": its actions
        for action in services.actions.outstanding(board_id=board_id):
            number = action.minute_reference.split("/")[0]
            self._add(
                _Candidate(
                    ActionRef(
                        self._label(action.minute_reference, action.owner_line, action.text),
                        action_id=action.id,
                    ),
                    action.minute_reference,
                    int(number) if number.isdigit() else None,
                    action.text,
                    action.minutes_owner_line,
                    action.created_on,
                )
            )

    def _add(self, candidate: _Candidate) -> None:
        self.candidates.append(candidate)
        self.by_minute.setdefault(candidate.minute, []).append(candidate)

    @staticmethod
    def _label(minute: str, owners: str, text: str) -> str:
        text = " ".join(text.split())
        text = text if len(text) <= 60 else text[:59].rstrip() + "\u2026"
        return f"{minute or 'Action'} {owners}: {text}".strip()

    def add_document(self, index: int, document: RecognisedDocument, year: int) -> None:
        """The actions ``document`` takes, as candidates for later documents."""
        assert document.meeting_date is not None
        for m, minute in enumerate(document.minutes):
            cited = reference(minute.number, year if minute.year is None else minute.year)
            for a, action in enumerate(minute.actions):
                owners = "/".join(action.owners)
                self._add(
                    _Candidate(
                        ActionRef(self._label(cited, owners, action.text), None, index, m, a),
                        cited,
                        minute.number,
                        action.text,
                        owners,
                        document.meeting_date,
                        closed=action.state in CLOSING,
                    )
                )

    def resolve(self, outcome: RecognisedOutcome, on: date, year: int) -> ActionRef | None:
        """The action ``outcome`` (recorded at a meeting on ``on``, numbering year ``year``)
        is about; closing it there so that nothing later closes it again."""
        if outcome.number is not None and outcome.year is not None:
            written = outcome.year if outcome.year >= 100 else year - year % 100 + outcome.year
            cited = self.by_minute.get(reference(outcome.number, written), [])
            open_before = [c for c in cited if not c.closed and c.created < on]
        else:
            open_before = [c for c in self.candidates if not c.closed and c.created < on]
        if outcome.number is not None and outcome.year is None:
            # "Minute 4": the latest meeting with a minute 4
            numbered = [c for c in open_before if c.number == outcome.number]
            latest = max((c.created for c in numbered), default=None)
            open_before = [c for c in numbered if c.created == latest]
        found = _one(open_before, outcome)
        if found is None:
            return None
        if outcome.state in CLOSING:
            found.closed = True
        return found.ref


def resolve_outcomes(
    services: Services,
    documents: list[RecognisedDocument],
    numbering_year: Callable[[date], int],
    board_id: int,
) -> list[RecognisedDocument]:
    """``documents`` (in date order) with each outcome's target set (None: no action fits)."""
    if not any(d.outcomes for d in documents) and not any(
        a.state in CLOSING for d in documents for m in d.minutes for a in m.actions
    ):
        return documents
    earlier = EarlierActions(services, board_id)
    resolved = []
    for index, document in enumerate(documents):
        if document.meeting_date is None or document.kind != "minutes":
            resolved.append(document)
            continue
        year = numbering_year(document.meeting_date)
        outcomes = tuple(
            replace(o, target=earlier.resolve(o, document.meeting_date, year))
            for o in document.outcomes
        )
        resolved.append(replace(document, outcomes=outcomes))
        earlier.add_document(index, document, year)
    return resolved

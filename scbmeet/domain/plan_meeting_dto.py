"""Plain data of the partnership plan at the board's meetings.

A plan reviewed at an agenda item (:class:`ReviewItemInfo`), a meeting action taken towards a
plan action (:class:`LinkedActionInfo`, :class:`LinkedPlanActionInfo`), the progress of
both in one list (:class:`TimelineEntry`) and the "actions for support by the board" with
the board's decisions on them (:class:`RecommendationInfo`, :class:`DecisionInfo`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from scbmeet.domain.plan_dto import PlanActionInfo, ProgressInfo
from scbmeet.domain.plan_vocabulary import Decision, decision_words, status_words


@dataclass(frozen=True)
class ReviewItemInfo:
    """An agenda item that is the review of a plan."""

    agenda_item_id: int
    meeting_id: int
    plan_id: int
    plan_name: str
    item_title: str
    closed: bool


@dataclass(frozen=True)
class LinkedActionInfo:
    """A meeting action linked to a plan action, with where it was taken and how it stands."""

    action_id: int
    text: str
    state: str
    minute_reference: str
    meeting_date: date | None
    latest_update: str


@dataclass(frozen=True)
class LinkedPlanActionInfo:
    """A plan action a meeting action is linked to, with its latest progress."""

    plan_action_id: int
    plan_id: int
    plan_name: str
    priority: str
    text: str
    latest: ProgressInfo | None

    @property
    def status_words(self) -> str:
        return status_words(self.latest.status if self.latest else "")


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a plan action's progress: its own update, or a linked action's."""

    on_date: date
    text: str
    status: str  # a plan rating; "" for a meeting action's update
    source: str  # "plan" or "action"
    source_id: int  # the progress update's id, or the meeting action's
    meeting_date: date | None = None

    @property
    def said(self) -> str:
        """``2025-03-04 [At risk] text`` or ``2025-03-04 (action 4/25) text``."""
        return f"{self.on_date.isoformat()} {self.text}"


@dataclass(frozen=True)
class DecisionInfo:
    id: int
    recommendation_id: int
    meeting_id: int
    meeting_date: date
    decision: str
    note: str

    @property
    def words(self) -> str:
        return decision_words(self.decision)


@dataclass(frozen=True)
class RecommendationInfo:
    """An action put to the board for support, with every decision taken on it so far."""

    id: int
    plan_id: int
    priority_id: int | None
    priority: str  # the priority's theme ("" when it has none)
    position: int
    text: str
    in_progress: str
    raised_on: date
    decisions: tuple[DecisionInfo, ...] = ()

    @property
    def latest(self) -> DecisionInfo | None:
        return self.decisions[-1] if self.decisions else None

    @property
    def decided(self) -> bool:
        """Supported or not supported; deferred (or never put) is still outstanding."""
        return self.latest is not None and self.latest.decision != Decision.DEFERRED

    @property
    def decision_words(self) -> str:
        return self.latest.words if self.latest else decision_words("")

    def decision_at(self, meeting_id: int) -> DecisionInfo | None:
        return next((d for d in self.decisions if d.meeting_id == meeting_id), None)


@dataclass(frozen=True)
class ReportedProgress:
    """Progress on a plan action recorded at a meeting, with the action it is on."""

    plan_action_id: int
    priority: str
    action_text: str
    progress: ProgressInfo


STATUS_ORDER = ("On track", "At risk", "Off track", "Complete", "Not started", "No update")


def counts_in_words(counts: dict[str, int]) -> str:
    """``{"On track": 2, "No update": 1}`` -> ``"2 on track, 1 with no update"``."""
    parts = [
        f"{counts[w]} {'with no update' if w == 'No update' else w.lower()}"
        for w in STATUS_ORDER
        if counts.get(w)
    ]
    return ", ".join(parts) or "no actions"


def count_statuses(actions: Sequence[PlanActionInfo]) -> dict[str, int]:
    """{status words: how many} of ``actions`` ("No update" for those never rated)."""
    found: dict[str, int] = {}
    for action in actions:
        found[action.status_words] = found.get(action.status_words, 0) + 1
    return found


@dataclass(frozen=True)
class PriorityStatus:
    theme: str
    counts: dict[str, int]

    @property
    def sentence(self) -> str:
        """``Domestic abuse: 1 on track, 1 off track.``"""
        return f"{self.theme}: {counts_in_words(self.counts)}."


@dataclass(frozen=True)
class PlanStatus:
    """A plan at a glance, for the chair's review and the board's page: each priority's
    actions counted by rating, the overdue ones, and those with no update since the plan's
    last review (the latest meeting that reviewed it or recorded progress on it)."""

    plan_id: int
    plan_name: str
    as_of: date
    last_review: date | None
    priorities: tuple[PriorityStatus, ...]
    overdue: tuple[PlanActionInfo, ...]
    no_update: tuple[PlanActionInfo, ...]

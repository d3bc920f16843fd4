"""Plain data of the partnership plan, as the plan service returns it.

:class:`PlanTable` is the plan as it stood on a date (or at a meeting): each action with
the latest progress recorded by then, which is what the board sees at a review and what
the Word table prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from scbmeet.domain.dto import OwnerRef
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.plan_vocabulary import status_words


@dataclass(frozen=True)
class PlanInfo:
    id: int
    board_id: int
    name: str
    period: str
    status: str


@dataclass(frozen=True)
class PriorityInfo:
    id: int
    plan_id: int
    position: int
    theme: str
    threat: str


@dataclass(frozen=True)
class ProgressInfo:
    id: int
    plan_action_id: int
    on_date: date
    text: str
    status: str
    meeting_id: int | None
    meeting_date: date | None = None
    closed: bool = False  # reported at a closed-session review of the plan: not for the public

    @property
    def status_words(self) -> str:
        return status_words(self.status)


@dataclass(frozen=True)
class PlanActionInfo:
    id: int
    priority_id: int
    position: int
    text: str
    owners: tuple[OwnerRef, ...]
    target_date: date | None
    milestones: str
    latest: ProgressInfo | None = None

    @property
    def owner_names(self) -> str:
        """``"Sally Goodwin / Fire service"``: how the table names the owners."""
        return " / ".join(o.name for o in self.owners)

    @property
    def status(self) -> str:
        """The latest rating ("" when nothing has been recorded yet)."""
        return self.latest.status if self.latest else ""

    @property
    def status_words(self) -> str:
        return status_words(self.status)


@dataclass(frozen=True)
class PlanPriorityRows:
    priority: PriorityInfo
    actions: tuple[PlanActionInfo, ...]


@dataclass(frozen=True)
class PlanTable:
    """A plan as it stood on ``as_of``: its priorities in order, each with its actions.

    The public version (``public``) shows no progress reported at a closed-session review of
    the plan: each action's latest update reported in public instead (``withheld``: how many
    actions show an earlier update, or none, for that)."""

    plan: PlanInfo
    board_name: str
    as_of: date
    meeting_id: int | None
    priorities: tuple[PlanPriorityRows, ...]
    public: bool = False
    withheld: int = 0

    @property
    def holds_closed(self) -> bool:
        """Whether an action's latest update was reported in closed session (then the full
        table is not for publication)."""
        return any(
            a.latest is not None and a.latest.closed for g in self.priorities for a in g.actions
        )

    def counts(self) -> dict[str, int]:
        """{status words: how many actions} over the whole plan, "No update" included."""
        found: dict[str, int] = {}
        for group in self.priorities:
            for action in group.actions:
                found[action.status_words] = found.get(action.status_words, 0) + 1
        return found


@dataclass(frozen=True)
class CaseReviewInfo:
    id: int
    board_id: int
    reference: str
    title: str
    plan_id: int  # the plan holding its recommendations (restricted)
    costs_pence: int
    stages: tuple[tuple[str, date], ...]
    stage_ids: tuple[int, ...] = ()  # of ``stages``, in the same order

    @property
    def costs(self) -> str:
        """``£12,500.00``"""
        return f"£{self.costs_pence / 100:,.2f}"

    @property
    def stage(self) -> str:
        """The latest stage reached ("" before any)."""
        return self.stages[-1][0] if self.stages else ""

    @property
    def stage_since(self) -> date | None:
        return self.stages[-1][1] if self.stages else None

    @property
    def title_or_kind(self) -> str:
        return self.title or "case review"


def parse_pounds(text: str) -> int:
    """``"1,250"``, ``"£1250.50"``, ``"-40"`` -> pence; anything else is refused in one line."""
    cleaned = text.strip().replace(",", "").replace("£", "").replace(" ", "")
    sign = -1 if cleaned.startswith("-") else 1
    pounds, _, pence = cleaned.lstrip("-+").partition(".")
    if not pounds.isdigit() or (pence and not (pence.isdigit() and len(pence) <= 2)):
        raise ValidationError(f"{text.strip()!r} is not an amount in pounds (e.g. 1,250.50).")
    return sign * (int(pounds) * 100 + int(pence.ljust(2, "0") or 0))

"""Plain data of the access-to-information rules: publication records, the register of
interests and the interests that touch an item (see :mod:`scbmeet.domain.access_rules`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from scbmeet.domain.access_rules import INTEREST_KIND_LABELS, InterestKind


@dataclass(frozen=True)
class PublicationInfo:
    """When a meeting's agenda must be and was published, its minutes signed, its decisions
    notified."""

    meeting_id: int
    meeting_date: date
    access_rules: str
    deadline: date  # the agenda and papers to be published by
    papers_due: date  # papers due to the secretary by (default)
    published_at: datetime | None
    published_by: str
    minutes_signed_by: str
    minutes_signed_on: date | None
    decision_notice_due: date
    decisions_published_on: date | None

    @property
    def published_late(self) -> bool:
        return self.published_at is not None and self.published_at.date() > self.deadline

    @property
    def signature_line(self) -> str:
        """``Signed by Councillor Ann Hale (Chair) on 3 March 2027`` or ""."""
        if not self.minutes_signed_by:
            return ""
        on = self.minutes_signed_on
        when = f" on {on.day} {on:%B %Y}" if on else ""
        return f"Signed as a correct record by {self.minutes_signed_by}{when}"


@dataclass(frozen=True)
class InterestInfo:
    """A standing interest in the register of interests."""

    id: int
    person_id: int
    person_name: str
    kind: str  # an InterestKind value
    matter: str
    start_date: date | None
    end_date: date | None

    @property
    def kind_label(self) -> str:
        return INTEREST_KIND_LABELS.get(self.kind, self.kind)

    @property
    def is_pecuniary(self) -> bool:
        return self.kind == InterestKind.PECUNIARY.value

    def current_on(self, day: date) -> bool:
        return (self.start_date is None or self.start_date <= day) and (
            self.end_date is None or day <= self.end_date
        )

    @property
    def line(self) -> str:
        """``Cllr Ann Hale: Marlshire Women's Aid (trustee) - other registrable interest``."""
        return f"{self.person_name}: {self.matter} ({self.kind_label})"


@dataclass(frozen=True)
class ItemInterests:
    """The registered interests that an agenda item's title, themes or papers touch."""

    agenda_item_id: int
    interests: tuple[InterestInfo, ...]

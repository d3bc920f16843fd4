"""The sentence for each agenda item in open session that is the update on a restricted
case review (a case review is taken only in closed session).

The JSON import asks it of the rows in a file (:mod:`scbmeet.services.import_rules`),
``scbmeet check`` of plain rows read from the database (:mod:`scbmeet.services.integrity`);
the services refuse such an item before it is stored (:mod:`scbmeet.services.plan_restricted`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Protocol, TypeVar

from scbmeet.domain.agenda_order import Placed, display_order, item_numbers
from scbmeet.domain.closed import closed_item_ids

CASE_REVIEW_IN_OPEN_SESSION = (
    "agenda item {number}{title!r} of the meeting on {date} is in open session, but it is "
    "the update on restricted case review {review}, which is taken only in closed session"
)


class AgendaRow(Placed, Protocol):
    """An agenda item as the sentence names it."""

    @property
    def meeting_id(self) -> int: ...

    @property
    def title(self) -> str: ...


class NamedReview(Protocol):
    """A case review as the sentence names it."""

    @property
    def reference(self) -> str: ...

    @property
    def title(self) -> str: ...


Row = TypeVar("Row", bound=AgendaRow)


def open_case_review_lines(
    items: Sequence[Row],
    review_of_item: Mapping[int, NamedReview],
    meeting_dates: Mapping[int, date],
) -> list[str]:
    """One sentence for each agenda item in open session that is the update on a case
    review, by meeting date and agenda order. ``items`` holds every item of each meeting
    concerned (the numbers and the closed session depend on the whole agenda);
    ``review_of_item`` maps an item's id to the review it is the update on."""
    per_meeting: dict[int, list[Row]] = defaultdict(list)
    for item in items:
        per_meeting[item.meeting_id].append(item)
    lines = []
    for meeting_id in sorted(per_meeting, key=lambda m: (meeting_dates.get(m, date.min), m)):
        agenda = per_meeting[meeting_id]
        closed, numbers = closed_item_ids(agenda), item_numbers(agenda)
        for item in display_order(agenda):
            review = review_of_item.get(item.id or 0)
            if review is None or item.id in closed:
                continue
            number = numbers.get(item.id or 0, "")
            named = f"{review.reference} ({review.title})" if review.title else review.reference
            lines.append(
                CASE_REVIEW_IN_OPEN_SESSION.format(
                    number=f"{number} " if number else "",
                    title=item.title,
                    date=meeting_dates.get(meeting_id, "?"),
                    review=named,
                )
            )
    return lines

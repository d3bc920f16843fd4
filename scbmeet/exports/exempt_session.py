"""Exempt business in the documents: the agenda's closed-session wording, the resolution to
exclude the public that the minutes record before closed items, the numbers of closed minutes
kept (without content) in public minutes, urgent items, and the signature line.

The wording is :mod:`scbmeet.domain.access_rules`'s, in the board's nation's form, or plain
words for a board that does not follow the Local Government Act 1972 rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from scbmeet.domain import dto
from scbmeet.domain.access_rules import (
    agenda_exclusion_motion,
    exclusion_resolution,
    follows_rules,
    item_exemption,
    printed_numbers,
)
from scbmeet.domain.dto import long_date
from scbmeet.exports.records import MeetingRecord
from scbmeet.exports.writer import Span, WordWriter, bold

EXCLUSION_HEADING = "Exclusion of the public"


def paragraphs_of(items: Sequence[dto.AgendaItemInfo | None]) -> tuple[int, ...]:
    return tuple(sorted({p for i in items if i is not None for p in i.exempt_paragraphs}))


def agenda_motion(record: MeetingRecord, closed_items: Sequence[dto.AgendaItemInfo]) -> str:
    return agenda_exclusion_motion(paragraphs_of(closed_items), record.board.access_rules)


def exemption_line(record: MeetingRecord, item: dto.AgendaItemInfo) -> str:
    """Why a closed item is exempt, under its title in the agenda: ``Exempt: Schedule 12A
    paragraphs 1, 7`` (in the nation's numbering) or the reason in words."""
    rules = record.board.access_rules
    if follows_rules(rules) and item.exempt_paragraphs:
        numbers = printed_numbers(item.exempt_paragraphs, rules)
        noun = "paragraph" if len(numbers) == 1 else "paragraphs"
        return f"Exempt: Schedule 12A {noun} {', '.join(map(str, numbers))}"
    return f"Confidential: {item.closed_reason}" if item.closed_reason else ""


def closed_paper_marking(record: MeetingRecord, item: dto.AgendaItemInfo) -> tuple[str, ...]:
    """Atop every page of a closed item's paper in the full pack, as lines: ``Not for
    publication: closed-session item 10``, ``Exempt: Schedule 12A paragraphs 1, 2``; none for
    an open item (and in a public document). A sub-item says why its closed item is exempt
    when it says nothing itself."""
    if record.public or item.id not in record.closed_item_ids:
        return ()
    number = f" {item.number}" if item.number else ""
    why, above = exemption_line(record, item), record.full_item(item.parent_id)
    while not why and above is not None:
        why, above = exemption_line(record, above), record.full_item(above.parent_id)
    why = why.rstrip(". ")  # a line of a marking (joined into a sentence on a cover sheet)
    return (f"Not for publication: closed-session item{number}", *([why] if why else []))


def closed_runs(record: MeetingRecord) -> dict[int, tuple[int, ...]]:
    """{id of the first minute of each run of closed minutes: the paragraphs of its items}."""
    runs: dict[int, tuple[int, ...]] = {}
    first: int | None = None
    items: list[dto.AgendaItemInfo | None] = []
    for minute in [*record.all_minutes, None]:
        closed = minute is not None and record.is_closed_minute(minute)
        if closed and minute is not None:
            if first is None:
                first, items = minute.id, []
            items.append(record.full_item(minute.agenda_item_id))
        elif first is not None:
            runs[first] = paragraphs_of(items)
            first = None
    return runs


def render_exclusion(writer: WordWriter, record: MeetingRecord, paragraphs: Sequence[int]) -> None:
    """The resolution to exclude the public, before the first of a run of closed items."""
    writer.paragraph(Span(EXCLUSION_HEADING, bold=True, underline=True), "SCB Minute Text")
    resolution = exclusion_resolution(paragraphs, record.board.access_rules)
    writer.paragraph([bold("RESOLVED"), f" {resolution}"], "SCB Resolution")


def render_withheld_minute(
    writer: WordWriter, record: MeetingRecord, minute: dto.MinuteItemInfo
) -> None:
    """A closed minute in the public minutes: its number, and why it is exempt; no content."""
    item = record.full_item(minute.agenda_item_id)
    writer.paragraph(
        [bold(minute.reference), "\t", Span("Exempt item", bold=True, underline=True)],
        "SCB Minute Title",
    )
    why = item_exemption(
        item.exempt_paragraphs if item else (),
        "",  # a reason in words may itself say too much for the public
        record.board.access_rules,
    )
    text = f"Considered in closed session. {why or 'Not for publication.'}"
    writer.paragraph(Span(text, italic=True), "SCB Minute Text")


def closed_minute_note(record: MeetingRecord, item: dto.AgendaItemInfo | None) -> str:
    """The full minutes' line under a closed minute's title."""
    reference = f" (Ref: {item.closed_reference})" if item and item.closed_reference else ""
    why = (
        item_exemption(item.exempt_paragraphs, item.closed_reason, record.board.access_rules)
        if item
        else ""
    )
    return f"Taken in closed session{reference}. {why or 'Not for publication.'}"


def urgency_sentences(record: MeetingRecord, item: dto.AgendaItemInfo | None) -> list[str]:
    """Why a supplementary item (or paper) was taken although added after publication."""
    if item is None:
        return []
    statute = (
        " under Section 100B(4)(b) of the Local Government Act 1972"
        if follows_rules(record.board.access_rules)
        else ""
    )
    sentences = []
    if item.urgency_reason:
        sentences.append(
            f"The Chair agreed to consider this item as a matter of urgency{statute}: "
            f"{_clause(item.urgency_reason)}"
        )
    for paper in item.papers:
        if paper.urgency_reason:
            sentences.append(
                f"The paper “{paper.title}” was circulated after the agenda was published, "
                f"as a matter of urgency{statute}: {_clause(paper.urgency_reason)}"
            )
    return sentences


def _clause(text: str) -> str:
    """A reason as the end of a sentence: ``the quarter's figures came late.``"""
    text = text.strip()
    if text[:2].istitle():  # "The figures..." continues the sentence; "NHS..." stays
        text = text[0].lower() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def signature_line(signed_by: str, signed_on: date | None) -> str | None:
    """``Signed: Councillor Ann Hale (Chair)\\tDate: 9 June 2027`` once the minutes are signed."""
    if not signed_by:
        return None
    return f"Signed: {signed_by}\tDate: {long_date(signed_on) if signed_on else ''}"

"""Putting the secretary's corrections into recognised documents before they are planned:
a mis-read meeting date, a minute's number or title, a paragraph that was not placed
(attached to a minute's narrative, or left out). Names are corrected where they are matched
(:mod:`scbmeet.history.matching`)."""

from __future__ import annotations

from dataclasses import replace

from scbmeet.domain.history import Corrections, RecognisedDocument


def corrected(document: RecognisedDocument, corrections: Corrections) -> RecognisedDocument:
    """``document`` as corrected; corrections for other documents are ignored."""
    source = document.source
    for on_source, on in corrections.dates:
        if on_source == source:
            document = replace(document, meeting_date=on)
    minutes = list(document.minutes)
    for fix in corrections.minutes:
        if fix.source == source and 0 <= fix.index < len(minutes):
            minutes[fix.index] = replace(
                minutes[fix.index],
                number=fix.number,
                year=fix.year,
                title=" ".join(fix.title.split()) or minutes[fix.index].title,
            )
    unplaced = list(document.unplaced)
    for placement in corrections.placements:
        if placement.source != source or placement.text not in unplaced:
            continue
        unplaced.remove(placement.text)
        index = placement.minute
        if index is not None and 0 <= index < len(minutes):
            minute = minutes[index]
            minutes[index] = replace(minute, paragraphs=(*minute.paragraphs, placement.text))
    return replace(document, minutes=tuple(minutes), unplaced=tuple(unplaced))

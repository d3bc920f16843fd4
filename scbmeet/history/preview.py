"""The preview of an import as text: per document what was recognised (meeting, attendance,
each minute with its resolutions and actions) and what was not, and who would be added."""

from __future__ import annotations

from datetime import date

from scbmeet.domain.history import ImportPlan, NameRef, RecognisedDocument, WrittenName

SNIPPET = 70


def long_date(on: date) -> str:
    return f"{on.day} {on:%B %Y}"


def _short(text: str, width: int = SNIPPET) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"


def _mark(ref: NameRef | None) -> str:
    if ref is None:
        return ""
    if ref.ambiguous:
        return " (ambiguous)"
    return " (new)" if ref.is_new else ""


def _names(label: str, names: tuple[WrittenName, ...]) -> list[str]:
    if not names:
        return []
    shown = [
        f"{n.text}{_mark(n.ref)}" + (f" [{n.organisation}]" if n.organisation else "")
        for n in names
    ]
    return [f"  {label} ({len(names)}): " + "; ".join(shown)]


def document_lines(document: RecognisedDocument) -> list[str]:
    when = long_date(document.meeting_date) if document.meeting_date else "no date"
    lines = [f"{document.source}: {document.kind} of {document.board_name or '?'}, {when}"]
    if document.place:
        lines.append(f"  Place: {document.place}")
    if document.chair:
        lines.append(f"  Chair: {document.chair.text}{_mark(document.chair.ref)}")
    lines += _names("Present", document.present)
    lines += _names("In attendance", document.in_attendance)
    lines += _names("Apologies", document.apologies)
    for declaration in document.declarations:
        lines.append(f"  Declared: {_short(declaration)}")
    for minute in document.minutes:
        year = f"/{minute.year % 100:02d}" if minute.year is not None else "."
        lines.append(f"  {minute.number}{year} {minute.title}")
        if minute.paragraphs:
            lines.append(f"      {len(minute.paragraphs)} paragraph(s)")
        for resolution in minute.resolutions:
            lines.append(f"      RESOLVED {_short(resolution)}")
        for action in minute.actions:
            owners = "/".join(f"{ref.text}{_mark(ref)}" for ref in action.owner_refs) or "/".join(
                action.owners
            )
            due = f" (due {long_date(action.due)})" if action.due else ""
            lines.append(f"      Action: {owners}{due} - {_short(action.text, 50)}")
    for item in document.agenda_items:
        marks = " *" if item.has_paper else ""
        marks += " (paper to follow)" if item.paper_to_follow else ""
        closed = (
            f" [closed{': ' + item.reference if item.reference else ''}]" if item.closed else ""
        )
        presenter = f" - {item.presenter}" if item.presenter else ""
        lines.append(f"  {item.number}. {item.title}{marks}{presenter}{closed}")
    if document.next_meeting:
        lines.append(f"  Next meeting: {long_date(document.next_meeting)}")
    lines += outcome_lines(document)
    for text in document.unplaced:
        lines.append(f"  Not placed: {_short(text)}")
    return lines


OUTCOME_WORDS = {"done": "done here", "dropped": "dropped here", "open": "still open"}


def outcome_lines(document: RecognisedDocument) -> list[str]:
    """What the minutes record of earlier actions, and which action each is taken to be."""
    lines = []
    for outcome in document.outcomes:
        if outcome.target is None:
            lines.append(f"  Earlier action not found: {_short(outcome.text)}")
            continue
        said = f" - {_short(outcome.progress, 50)}" if outcome.progress else ""
        lines.append(
            f"  Earlier action {_short(outcome.target.label, 60)}: "
            f"{OUTCOME_WORDS.get(outcome.state, outcome.state)}{said}"
        )
    return lines


def plan_lines(plan: ImportPlan) -> list[str]:
    lines: list[str] = []
    for document in plan.documents:
        lines += document_lines(document)
    if plan.new_people:
        lines.append(f"New people ({len(plan.new_people)}):")
        lines += [
            "  " + " ".join(p for p in (n.title, n.given_names, n.family_name) if p)
            for n in plan.new_people
        ]
    if plan.new_organisations:
        lines.append(f"New organisations and teams ({len(plan.new_organisations)}):")
        lines += [f"  {o.name}" for o in plan.new_organisations]
    return lines

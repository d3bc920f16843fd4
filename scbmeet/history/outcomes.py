"""What later minutes say of earlier actions, as sentences: ``Minute 10/13 (David Lowe:
report back): completed.`` (scbmeet's own matters arising), ``Minute 10/13 - Action
complete.``, ``10/13 screening tool report: no longer required``, ``still open``; and the
status column of an action log (``Complete``, ``Ongoing``, ``Dropped``)."""

from __future__ import annotations

import re

from scbmeet.domain.history import RecognisedOutcome

CITATION = re.compile(
    r"^(?:(?:minute|min\.?)\s+(?P<n>\d{1,3})(?:\s*/\s*(?P<y>\d{4}|\d{2}))?"
    r"|(?P<n2>\d{1,3})\s*/\s*(?P<y2>\d{4}|\d{2})"
    r"|(?P<action>action))(?![\d/])\s*",
    re.I,
)
SEPARATOR = re.compile(r"^\s*[:\u2013\u2014,-]\s*")
DROPPED = re.compile(
    r"\bno\s+longer\s+(?:required|needed|relevant)(?:\s*;\s*the\s+action\s+was\s+dropped)?"
    r"|\b(?:action\s+)?(?:dropped|withdrawn|superseded|cancell?ed)\b|\bnot\s+required\b",
    re.I,
)
NOT_DONE = re.compile(
    r"\bnot\s+(?:yet\s+)?(?:been\s+)?(?:complete|completed|done|closed)\b|\bincomplete\b"
    r"|\b(?:still\s+open|ongoing|on-going|in\s+progress|outstanding|carried\s+forward)\b"
    r"|^\s*open\b",
    re.I,
)
DONE = re.compile(
    r"\b(?:action\s+)?(?:completed|complete|done|closed|discharged|achieved|actioned)\b", re.I
)
TRAILING = re.compile(r"[\s.;,:\u2013-]+$")
PROGRESS_LABEL = re.compile(r"^[\s.;:,\u2013-]*(?:progress(?:\s+reported)?\s*:)?\s*", re.I)


def state_of(text: str) -> tuple[str, str] | None:
    """("done" | "dropped" | "open", the words besides the status) or None if ``text``
    says nothing of the state. Capitals only are a title ("CLOSED SESSION"), not a state."""
    if text.upper() == text and any(c.isalpha() for c in text):
        return None
    for state, pattern in (("dropped", DROPPED), ("open", NOT_DONE), ("done", DONE)):
        match = pattern.search(text)
        if match:
            rest = f"{text[: match.start()]} {text[match.end() :]}"
            return state, tidy_progress(rest)
    return None


def tidy_progress(text: str) -> str:
    text = PROGRESS_LABEL.sub("", " ".join(text.split()))
    return TRAILING.sub("", text)


def _bracketed(text: str) -> tuple[str, str] | None:
    """The content of a leading ``( ... )`` (brackets may nest) and what follows it."""
    if not text.startswith("("):
        return None
    depth = 0
    for index, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if depth == 0:
            return text[1:index], text[index + 1 :]
    return None


def outcome_sentence(text: str, minute: int | None = None) -> RecognisedOutcome | None:
    """The outcome ``text`` records, or None unless it starts by citing a minute (or
    "Action") and says what became of it."""
    match = CITATION.match(text)
    if not match:
        return None
    number = match.group("n") or match.group("n2")
    year = match.group("y") or match.group("y2")
    if number is None and not text[match.end() :].startswith("("):
        return None  # "Action: Sally Goodwin" is an action, not an outcome
    rest = text[match.end() :]
    about, owners = "", ""
    bracketed = _bracketed(rest)
    if bracketed is not None:
        inside, rest = bracketed
        owners, colon, described = inside.partition(": ")
        about, owners = (described, owners) if colon else (inside, "")
    separator = SEPARATOR.match(rest)
    if separator is None and (bracketed is not None or ": " not in rest):
        return None
    rest = rest[separator.end() :] if separator else rest
    if bracketed is None:  # "10/13 screening tool report: done"
        head, colon, tail = rest.partition(": ")
        if separator is None and head.upper() == head:
            return None  # "12/13 MATTERS ARISING: ..." is a heading and its first words
        if colon and state_of(tail) is not None and state_of(head) is None:
            about, rest = head, tail
    found = state_of(rest)
    if found is None:
        return None
    state, progress = found
    return RecognisedOutcome(
        text=text,
        number=int(number) if number else None,
        year=int(year) if year else None,
        about=about.strip().rstrip("."),
        owners=owners.strip(),
        state=state,
        progress=progress,
        minute=minute,
    )

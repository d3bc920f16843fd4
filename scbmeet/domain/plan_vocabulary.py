"""The partnership plan's words: a plan's state and a progress rating.

A rating is always said in words; its Red-Amber-Green colour is only a second signal
(:data:`STATUS_COLOURS`), so a table printed in black and white, or read by someone who
does not tell red from green, still says it.
"""

from enum import StrEnum


class PlanState(StrEnum):
    """Where a plan is in its life."""

    DRAFT = "draft"
    ACTIVE = "active"
    FINISHED = "finished"


class ProgressStatus(StrEnum):
    """How a plan action is going, at one review."""

    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    COMPLETE = "complete"


STATUS_WORDS = {
    ProgressStatus.NOT_STARTED: "Not started",
    ProgressStatus.ON_TRACK: "On track",
    ProgressStatus.AT_RISK: "At risk",
    ProgressStatus.OFF_TRACK: "Off track",
    ProgressStatus.COMPLETE: "Complete",
}

# RGB hex of the light shade behind the words (green, amber, red; blue for complete,
# grey for not started), dark text stays readable on every one.
STATUS_COLOURS = {
    ProgressStatus.NOT_STARTED: "E7E6E6",
    ProgressStatus.ON_TRACK: "C6EFCE",
    ProgressStatus.AT_RISK: "FFE699",
    ProgressStatus.OFF_TRACK: "F4B6B6",
    ProgressStatus.COMPLETE: "BDD7EE",
}


def status_words(status: str) -> str:
    """``"at_risk"`` -> ``"At risk"``; an empty status (no update yet) -> ``"No update"``."""
    try:
        return STATUS_WORDS[ProgressStatus(status)]
    except ValueError:
        return status or "No update"


def parse_status(text: str) -> ProgressStatus | None:
    """``"At risk"``, ``"at-risk"``, ``"AT_RISK"`` or ``"amber"`` -> the status; else None."""
    wanted = text.strip().lower().replace("-", " ").replace("_", " ")
    for status, words in STATUS_WORDS.items():
        if wanted in (words.lower(), status.value.replace("_", " ")):
            return status
    return {
        "green": ProgressStatus.ON_TRACK,
        "amber": ProgressStatus.AT_RISK,
        "red": ProgressStatus.OFF_TRACK,
    }.get(wanted)


class Decision(StrEnum):
    """The board's decision on an action put to it for support."""

    SUPPORTED = "supported"
    NOT_SUPPORTED = "not_supported"
    DEFERRED = "deferred"


DECISION_WORDS = {
    Decision.SUPPORTED: "Supported",
    Decision.NOT_SUPPORTED: "Not supported",
    Decision.DEFERRED: "Deferred",
}


def decision_words(decision: str) -> str:
    """``"not_supported"`` -> ``"Not supported"``; no decision yet -> ``"Not yet decided"``."""
    try:
        return DECISION_WORDS[Decision(decision)]
    except ValueError:
        return decision or "Not yet decided"


def parse_decision(text: str) -> Decision | None:
    """``"Supported"``, ``"yes"``, ``"not supported"``, ``"no"``, ``"deferred"`` -> the decision."""
    wanted = text.strip().lower().replace("-", " ").replace("_", " ")
    for decision, words in DECISION_WORDS.items():
        if wanted in (words.lower(), decision.value.replace("_", " ")):
            return decision
    return {
        "yes": Decision.SUPPORTED,
        "no": Decision.NOT_SUPPORTED,
        "defer": Decision.DEFERRED,
    }.get(wanted)


# (table, column) -> vocabulary, for validating imported data (joined to ENUM_COLUMNS).
PLAN_ENUM_COLUMNS: dict[tuple[str, str], type[StrEnum]] = {
    ("plan", "status"): PlanState,
    ("planprogress", "status"): ProgressStatus,
    ("plandecision", "decision"): Decision,
}

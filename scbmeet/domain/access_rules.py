"""The access-to-information rules of the Local Government Act 1972 (Part VA), as words.

A board either follows them (in England's or Wales's wording) or does not; one that does not
gives its closed items a reason in words and prints no statutory wording. The exempt
descriptions are Schedule 12A's: paragraphs 1-7 of Part 1 in England; Wales numbers the same
descriptions 12-18 in Part 4 (the Local Government (Access to Information) (Variation) (Wales)
Order 2007). Paragraphs are stored as 1-7 and printed in the board's nation's numbering.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum


class AccessRules(StrEnum):
    """Whether a board follows the statutory rules, and whose wording it uses."""

    OFF = ""
    ENGLAND = "england"
    WALES = "wales"


class InterestKind(StrEnum):
    """The kinds of interest a member registers or declares."""

    PECUNIARY = "disclosable_pecuniary"
    OTHER_REGISTRABLE = "other_registrable"
    NON_REGISTRABLE = "non_registrable"


# The words a person may give for "not bound by the rules" (stored as "").
RULES_OFF_WORDS = ("", "off", "none", "no")


def access_rules_setting(text: str) -> str:
    """``"Off"`` -> ``""``, ``" England "`` -> ``"england"``: the stored setting, or
    ValueError naming the words that do (stored "" is hard to type, so "off" or "none")."""
    word = " ".join(str(text).split()).lower()
    if word in RULES_OFF_WORDS:
        return AccessRules.OFF.value
    if word in (AccessRules.ENGLAND.value, AccessRules.WALES.value):
        return word
    raise ValueError(
        f"{text!r} is not an access-to-information setting: use off (not bound by the "
        "Local Government Act 1972 rules), england or wales."
    )


INTEREST_KIND_LABELS = {
    InterestKind.PECUNIARY.value: "disclosable pecuniary interest",
    InterestKind.OTHER_REGISTRABLE.value: "other registrable interest",
    InterestKind.NON_REGISTRABLE.value: "non-registrable interest",
}
ACCESS_RULE_LABELS = {
    AccessRules.OFF.value: "Not bound by the Local Government Act 1972 rules",
    AccessRules.ENGLAND.value: "Local Government Act 1972 rules (England)",
    AccessRules.WALES.value: "Local Government Act 1972 rules (Wales)",
}

SCHEDULE_12A = {
    1: "Information relating to any individual",
    2: "Information which is likely to reveal the identity of an individual",
    3: "Information relating to the financial or business affairs of any particular person "
    "(including the authority holding that information)",
    4: "Information relating to any consultations or negotiations, or contemplated "
    "consultations or negotiations, in connection with any labour relations matter",
    5: "Information in respect of which a claim to legal professional privilege could be "
    "maintained in legal proceedings",
    6: "Information which reveals that the authority proposes to give a notice imposing "
    "requirements on a person, or to make an order or direction under any enactment",
    7: "Information relating to any action taken or to be taken in connection with the "
    "prevention, investigation or prosecution of crime",
}
# The descriptions in a few words, for a list to choose from (the full text is its tooltip).
SCHEDULE_12A_SHORT = {
    1: "Information relating to any individual",
    2: "Likely to reveal the identity of an individual",
    3: "Financial or business affairs of a particular person",
    4: "Labour relations consultations or negotiations",
    5: "Legal professional privilege",
    6: "A notice, order or direction the authority proposes",
    7: "Prevention, investigation or prosecution of crime",
}
WELSH_OFFSET = 11  # Wales: paragraphs 12-18 of Part 4


def follows_rules(access_rules: str) -> bool:
    return access_rules in (AccessRules.ENGLAND.value, AccessRules.WALES.value)


def parse_paragraphs(text: str | Iterable[int]) -> tuple[int, ...]:
    """``"7, 1"`` (or ``[7, 1]``) -> ``(1, 7)``; ValueError naming a number not in 1-7."""
    if isinstance(text, str):
        parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p]
        try:
            numbers = [int(p) for p in parts]
        except ValueError:
            raise ValueError(f"{text!r} is not a list of paragraph numbers") from None
    else:
        numbers = list(text)
    for n in numbers:
        if n not in SCHEDULE_12A:
            raise ValueError(f"paragraph {n} is not one of Schedule 12A's (1-7)")
    return tuple(sorted(set(numbers)))


def stored_paragraphs(paragraphs: Iterable[int]) -> str:
    return ",".join(str(p) for p in sorted(set(paragraphs)))


def printed_numbers(paragraphs: Sequence[int], access_rules: str) -> list[int]:
    """The paragraph numbers as the nation's Schedule 12A numbers them."""
    offset = WELSH_OFFSET if access_rules == AccessRules.WALES.value else 0
    return [p + offset for p in sorted(set(paragraphs))]


def _and_list(numbers: Sequence[int]) -> str:
    words = [str(n) for n in numbers]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def schedule_citation(paragraphs: Sequence[int], access_rules: str) -> str:
    """``paragraphs 1 and 7 of Part 1 of Schedule 12A to the Local Government Act 1972``."""
    numbers = printed_numbers(paragraphs, access_rules)
    part = "Part 4" if access_rules == AccessRules.WALES.value else "Part 1"
    noun = "paragraph" if len(numbers) == 1 else "paragraphs"
    return f"{noun} {_and_list(numbers)} of {part} of Schedule 12A to the Local Government Act 1972"


PUBLIC_INTEREST = (
    "and that, in all the circumstances of the case, the public interest in maintaining the "
    "exemption outweighs the public interest in disclosing the information"
)


def exclusion_resolution(paragraphs: Sequence[int], access_rules: str) -> str:
    """The resolution to exclude the public, as the minutes record it (after "RESOLVED")."""
    if not follows_rules(access_rules) or not paragraphs:
        return (
            "that the public be excluded from the meeting for the following items of business, "
            "which are confidential."
        )
    return (
        "that under Section 100A(4) of the Local Government Act 1972 the public be excluded "
        "from the meeting for the following items of business on the grounds that they involve "
        "the likely disclosure of exempt information as defined in "
        f"{schedule_citation(paragraphs, access_rules)}, {PUBLIC_INTEREST}."
    )


def agenda_exclusion_motion(paragraphs: Sequence[int], access_rules: str) -> str:
    """What the agenda's closed session says the board will be asked to resolve."""
    if not follows_rules(access_rules) or not paragraphs:
        return (
            "The Board will be asked to resolve that the public be excluded from the meeting "
            "for the following items, which are confidential."
        )
    return (
        "The Chair will move that under Section 100A(4) of the Local Government Act 1972 the "
        "public be excluded from the meeting for the following items of business on the "
        "grounds that they involve the likely disclosure of exempt information as defined in "
        f"{schedule_citation(paragraphs, access_rules)}."
    )


def item_exemption(paragraphs: Sequence[int], reason: str, access_rules: str) -> str:
    """One closed item's line: ``Not for publication by virtue of paragraph 7 of ...``."""
    if follows_rules(access_rules) and paragraphs:
        return f"Not for publication by virtue of {schedule_citation(paragraphs, access_rules)}."
    reason = reason.strip().rstrip(".")
    return f"Confidential: {reason}." if reason else ""


def paragraph_choices(access_rules: str) -> list[tuple[int, str, str]]:
    """(stored number, "7 – Prevention, investigation ...", the full description) for a
    picker, in the nation's numbering."""
    offset = WELSH_OFFSET if access_rules == AccessRules.WALES.value else 0
    return [(n, f"{n + offset} – {SCHEDULE_12A_SHORT[n]}", SCHEDULE_12A[n]) for n in SCHEDULE_12A]


ACCESS_ENUM_COLUMNS: dict[tuple[str, str], type[StrEnum]] = {
    ("board", "access_rules"): AccessRules,
    ("interest", "kind"): InterestKind,
}

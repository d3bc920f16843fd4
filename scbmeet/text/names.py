"""People's names as boards write them: titles and ranks, initials and short forms.

Minutes name people "Councillor P J Smith", "Cllr Smith", "DCC Alan Goodwin" or "P Smith";
the register holds a title, given names and a family name. :func:`read_name` takes a typed
name apart, and :func:`name_fits` says whether it can mean a person of the register - never
guessing: a family name alone fits only with a title that is the person's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Each title or rank, with the forms it is typed in (compared without dots, in lower case).
TITLE_FORMS: dict[str, tuple[str, ...]] = {
    "councillor": ("councillor", "cllr", "councilor", "coun"),
    "mr": ("mr",),
    "mrs": ("mrs",),
    "ms": ("ms",),
    "miss": ("miss",),
    "mx": ("mx",),
    "dr": ("dr", "doctor"),
    "prof": ("prof", "professor"),
    "rev": ("rev", "revd", "reverend"),
    "sir": ("sir",),
    "dame": ("dame",),
    "lord": ("lord",),
    "lady": ("lady",),
    "cc": ("cc", "chief constable"),
    "dcc": ("dcc", "deputy chief constable"),
    "acc": ("acc", "assistant chief constable"),
    "ch supt": ("ch supt", "chief supt", "chief superintendent", "c supt"),
    "det supt": ("det supt", "detective superintendent"),
    "supt": ("supt", "superintendent"),
    "ch insp": ("ch insp", "chief insp", "chief inspector", "ci"),
    "det insp": ("det insp", "detective inspector", "di"),
    "insp": ("insp", "inspector"),
    "sgt": ("sgt", "sergeant", "ps"),
    "pc": ("pc", "police constable"),
    "pcso": ("pcso",),
    "cfo": ("cfo", "chief fire officer"),
    "dcfo": ("dcfo", "deputy chief fire officer"),
    "acfo": ("acfo", "assistant chief fire officer"),
    "gm": ("gm", "group manager"),
    "sm": ("sm", "station manager"),
}
_FORM_TO_TITLE = {form: title for title, forms in TITLE_FORMS.items() for form in forms}
_LONGEST_TITLE = max(len(form.split()) for form in _FORM_TO_TITLE)
# The short titles that are also common initials ("P S Smith", "C I Jones") count as a
# title only when a name follows them that is not itself an initial.
_AMBIGUOUS = {"ps", "ci", "di", "cc", "gm", "sm", "pc"}


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s.]+", text.strip().lower()) if w]


def canonical_title(text: str) -> str:
    """``"Cllr"`` -> ``"councillor"``; an unknown title in lower case, without dots."""
    words = " ".join(_words(text))
    return _FORM_TO_TITLE.get(words, words)


@dataclass(frozen=True)
class TypedName:
    """A name as typed: its titles (canonical), the given names or initials, the family name."""

    titles: tuple[str, ...]
    given: tuple[str, ...]
    family: str


def _leading_title(words: list[str]) -> tuple[str, int] | None:
    """The title the words start with, and how many words it takes (longest form first)."""
    for size in range(min(_LONGEST_TITLE, len(words) - 1), 0, -1):
        form = " ".join(words[:size])
        if form in _FORM_TO_TITLE:
            following = words[size]
            if form in _AMBIGUOUS and len(following) == 1:
                return None  # "P C Smith": initials, not a constable
            return _FORM_TO_TITLE[form], size
    return None


def read_name(text: str) -> TypedName:
    """``"Councillor Mrs C A Hart"`` -> titles (councillor, mrs), given (c, a), family hart.

    The family name is the last word (a hyphenated name is one word); at least one word is
    always left for it, so ``"Dr"`` alone is a family name, not a title.
    """
    raw = text.strip()
    words = _words(raw)
    titles: list[str] = []
    while len(words) > 1:
        found = _leading_title(words)
        if found is None:
            break
        titles.append(found[0])
        words = words[found[1] :]
    # Initials typed together in capitals ("PJ Smith") are two initials.
    given: list[str] = []
    original = {w.lower(): w for w in re.split(r"[\s.]+", raw) if w}
    for word in words[:-1]:
        typed = original.get(word, word)
        if 1 < len(typed) <= 3 and typed.isupper():
            given.extend(letter.lower() for letter in typed)
        else:
            given.append(word)
    return TypedName(tuple(titles), tuple(given), words[-1] if words else "")


def _given_fits(typed: str, registered: str) -> bool:
    """An initial, a short form (the start of the name, three letters or more) or the name."""
    if len(typed) == 1:
        return registered.startswith(typed)
    return registered == typed or (len(typed) >= 3 and registered.startswith(typed))


def name_fits(typed: TypedName, title: str, given_names: str, family_name: str) -> bool:
    """Whether ``typed`` can name the person with this title, given names and family name."""
    family = _words(family_name)
    if not family or typed.family != family[-1]:
        return False
    given = typed.given
    earlier = tuple(family[:-1])  # "de Souza": "de" was read as a given name
    if earlier and given[-len(earlier) :] == earlier:
        given = given[: -len(earlier)]
    registered = _words(given_names)
    if not given:
        # A family name alone names someone only with their own title ("Cllr Smith").
        own = canonical_title(title) if title.strip() else ""
        return bool(own) and own in typed.titles
    if len(given) > len(registered):
        return False
    # The first given name must fit; further typed names fit the following ones in order.
    return all(_given_fits(t, r) for t, r in zip(given, registered, strict=False))


def split_person_name(text: str) -> tuple[str, str, str]:
    """``"Dr Priya Nair"`` -> ``("Dr", "Priya", "Nair")``: title, given names, family name,
    as typed (capitals kept), for adding someone to the register from one line."""
    words = text.split()
    lowered = [w.lower().strip(".") for w in words]
    taken = 0
    while len(lowered) - taken > 1:
        found = _leading_title(lowered[taken:])
        if found is None:
            break
        taken += found[1]
    title = " ".join(words[:taken])
    rest = words[taken:]
    return title, " ".join(rest[:-1]), rest[-1] if rest else ""

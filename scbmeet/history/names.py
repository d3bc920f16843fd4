"""People and organisations as minutes write them: titles and ranks, initials, notes in
brackets, and telling an organisation's heading from a member's name."""

from __future__ import annotations

import re

from scbmeet.domain.history import WrittenName

# Titles and ranks, longest first so that "Chief Inspector" wins over "Inspector".
TITLES = sorted(
    (
        "Councillor",
        "Cllr",
        "Mr",
        "Mrs",
        "Ms",
        "Miss",
        "Dr",
        "Prof",
        "Professor",
        "Rev",
        "Sir",
        "Dame",
        "Lord",
        "Lady",
        "Supt",
        "Superintendent",
        "Ch Supt",
        "Chief Superintendent",
        "Det Supt",
        "Insp",
        "Inspector",
        "Chief Inspector",
        "Ch Insp",
        "DI",
        "DCI",
        "Sgt",
        "Sergeant",
        "PC",
        "DCC",
        "ACC",
        "Chief Constable",
        "CC",
    ),
    key=len,
    reverse=True,
)
TITLE_RE = re.compile(r"^(?:(?:" + "|".join(re.escape(t) for t in TITLES) + r")\.?\s+)+", re.I)
ORGANISATION_WORDS = re.compile(
    r"\b(council|constabulary|police|service|services|commissioner|probation|trust|board|"
    r"partnership|consortium|authority|office|department|agency|team|unit|group|nhs|ccg|"
    r"college|university|company|limited|ltd|association|federation|commission|prison|"
    r"health|fire|rescue|housing|forum|network|centre|community|crc)\b",
    re.I,
)
BRACKETS = re.compile(r"\s*\(([^()]*)\)\s*")
NAME_WORD = re.compile(r"^[A-Z][A-Za-z'\u2019.-]*$")


def split_title(text: str) -> tuple[str, str]:
    """``"Councillor Mrs C A Hart"`` -> ``("Councillor Mrs", "C A Hart")``."""
    match = TITLE_RE.match(text.strip())
    if not match:
        return "", text.strip()
    title = " ".join(match.group(0).replace(".", "").split())
    return title, text.strip()[match.end() :].strip()


def looks_like_person(text: str) -> bool:
    """A name of two to five words, each capitalised (initials count), no organisation word."""
    text = BRACKETS.sub(" ", text).strip()
    if not text or ORGANISATION_WORDS.search(split_title(text)[1]):
        return False
    title, rest = split_title(text)
    words = rest.split()
    if not words or len(words) > 5 or not all(NAME_WORD.match(w) for w in words):
        return False
    return len(words) >= 2 or bool(title)


def looks_like_organisation(text: str) -> bool:
    return bool(ORGANISATION_WORDS.search(text)) and not looks_like_person(text)


def written_name(text: str, organisation: str = "") -> WrittenName:
    """A person as written; a bracket naming an organisation sets it, any other is a note."""
    note = ""
    for inner in BRACKETS.findall(text):
        inner = inner.strip()
        if "," in inner and looks_like_organisation(inner.rsplit(",", 1)[1]):
            job, inner = (part.strip() for part in inner.rsplit(",", 1))
            note = f"{note}; {job}".strip("; ")  # "(Democratic Services Officer, ... Council)"
        if inner.lower().startswith("also") or not looks_like_organisation(inner):
            note = f"{note}; {inner}".strip("; ")
        else:
            organisation = inner
    bare = BRACKETS.sub(" ", text).strip(" ,.;")
    bare = re.split(r"\s+[\u2013\u2014-]\s+", bare, maxsplit=1)[0].strip()
    title, rest = split_title(bare)
    words = rest.split()
    family = words[-1] if words else ""
    given = " ".join(words[:-1])
    return WrittenName(
        text=" ".join(text.split()),
        title=title,
        given_names=given,
        family_name=family,
        organisation=organisation.strip(),
        note=note,
    )


def name_forms(title: str, given_names: str, family_name: str) -> set[str]:
    """The ways one person may be written, lower-cased, for matching names to each other:
    ``Kul Mahay``, ``K Mahay``, ``Supt Mahay``, ``Supt K Mahay``."""
    family = family_name.lower()
    given = given_names.replace(".", " ").split()
    forms = {f"{' '.join(given)} {family}".strip().lower()}
    if given:
        forms.add(f"{given[0][0]} {family}".lower())
        forms.add(f"{' '.join(g[0] for g in given)} {family}".lower())
    if title:
        forms.add(f"{title} {family}".lower())
    return {" ".join(f.split()) for f in forms}


def split_list(text: str) -> list[str]:
    """``"L Allison (3D ...) and A Waldie (Derbyshire ...)"`` -> two entries; commas and
    "and" inside brackets do not split."""
    parts: list[str] = []
    depth = 0
    current = ""
    index = 0
    while index < len(text):
        char = text[index]
        depth += (char == "(") - (char == ")")
        if depth == 0 and char in ",;":
            parts.append(current)
            current = ""
        elif depth == 0 and text[index : index + 5].lower() == " and ":
            parts.append(current)
            current = ""
            index += 4
        else:
            current += char
        index += 1
    parts.append(current)
    return [p.strip(" .") for p in parts if p.strip(" .")]


PERSON_RUN = re.compile(
    r"(?:(?:" + "|".join(re.escape(t) for t in TITLES) + r")\.?\s+)*"
    r"(?:[A-Z]\.?\s+){1,3}[A-Z][A-Za-z'\u2019-]+(?:\s*\([^()]*\))?"
)


def split_flattened(text: str) -> list[tuple[str, list[str]]] | None:
    """Table cells flattened onto one line (as PDFs give them), one or several columns:
    ``"Bolsover District Council Councillor B Murray-Carr S Tomlinson (also NEDDC)"`` ->
    ``[(organisation, members)]``; None unless the line is exactly that."""
    groups: list[tuple[str, list[str]]] = []
    position = 0
    for match in PERSON_RUN.finditer(text):
        between = text[position : match.start()].strip()
        if between:
            if not looks_like_organisation(between):
                return None
            groups.append((between, []))
        if not groups:
            return None
        groups[-1][1].append(match.group(0).strip())
        position = match.end()
    if not groups or text[position:].strip():
        return None
    return groups

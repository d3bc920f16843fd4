"""Reading a sign-in sheet saved as CSV into attendance marks.

The sheet has a header row with ``Name`` and ``Status`` columns (any order, any case) and
optionally ``Substitute for``. Names are matched to the register the way action owners
are ("Cllr Smith", "P Smith", "Sally Goodwin"); a status is one of present, apologies,
absent or "in attendance" (officers and guests). Every problem is collected and reported
at once, by line, so a sheet is fixed in one go; nothing is recorded from a sheet with any.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence

from scbmeet.domain.dto import AttendanceMark, OwnerRef
from scbmeet.domain.enums import AttendanceStatus
from scbmeet.domain.errors import ValidationError

Matcher = Callable[[str], Sequence[OwnerRef]]
STATUS_WORDS = {
    "present": AttendanceStatus.PRESENT,
    "apologies": AttendanceStatus.APOLOGIES,
    "apology": AttendanceStatus.APOLOGIES,
    "absent": AttendanceStatus.ABSENT,
    "in attendance": AttendanceStatus.IN_ATTENDANCE,
    "in_attendance": AttendanceStatus.IN_ATTENDANCE,
}
MAX_PROBLEMS_SHOWN = 10


def read_attendance_sheet(text: str, match: Matcher) -> list[AttendanceMark]:
    """The marks of the sheet ``text``; :class:`ValidationError` naming every bad line."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise ValidationError("The sheet is empty: it needs a header row with Name and Status.")
    columns = _columns(rows[0])
    marks: list[AttendanceMark] = []
    problems: list[str] = []
    seen: dict[int, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        try:
            mark = _mark(row, columns, match)
        except ValueError as exc:
            problems.append(f"line {line}: {exc}")
            continue
        if mark.person_id in seen:
            problems.append(f"line {line}: the same person as line {seen[mark.person_id]}")
            continue
        seen[mark.person_id] = line
        marks.append(mark)
    if problems:
        more = len(problems) - MAX_PROBLEMS_SHOWN
        shown = "; ".join(problems[:MAX_PROBLEMS_SHOWN]) + (
            f"; and {more} more" if more > 0 else ""
        )
        raise ValidationError(f"Nothing was recorded: {shown}.")
    if not marks:
        raise ValidationError("The sheet names nobody: nothing was recorded.")
    return marks


def _columns(header: list[str]) -> dict[str, int]:
    names = {cell.strip().casefold(): i for i, cell in enumerate(header)}
    missing = [c for c in ("name", "status") if c not in names]
    if missing:
        raise ValidationError(
            f"The sheet's header row needs {' and '.join(m.capitalize() for m in missing)} "
            f"columns (it has: {', '.join(h.strip() for h in header) or 'nothing'})."
        )
    return {
        "name": names["name"],
        "status": names["status"],
        "for": names.get("substitute for", -1),
    }


def _cell(row: list[str], index: int) -> str:
    return row[index].strip() if 0 <= index < len(row) else ""


def _mark(row: list[str], columns: dict[str, int], match: Matcher) -> AttendanceMark:
    person_id = _person(_cell(row, columns["name"]), match)
    word = " ".join(_cell(row, columns["status"]).casefold().split())
    status = STATUS_WORDS.get(word)
    if status is None:
        raise ValueError(
            f"{word or 'no status'!r} is not a status (present, apologies, absent or in attendance)"
        )
    substitute_for = _cell(row, columns["for"])
    return AttendanceMark(
        person_id,
        status.value,
        substitute_for_id=_person(substitute_for, match) if substitute_for else None,
    )


def _person(name: str, match: Matcher) -> int:
    if not name:
        raise ValueError("no name")
    people = [m.person_id for m in match(name) if m.person_id is not None]
    if not people:
        raise ValueError(f"{name!r} is nobody in the register")
    if len(set(people)) > 1:
        raise ValueError(f"{name!r} could be more than one person; write the full name")
    return people[0]

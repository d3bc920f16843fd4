"""The rules an imported JSON export must keep: the same as the services' and ``scbmeet check``'s.

:mod:`scbmeet.jsonio` checks a file's shape (tables, columns, types, references) itself;
what is checked here is what the services would never have stored: an approved meeting
without an approval date, minute numbers that are not positive or not in order, a closed
action without a closing date, an open-session item that is the update on a restricted
case review, and paper files whose ``sha256`` and ``size`` do not match
their bytes. Stored file names are cleaned exactly as on attach
(:func:`scbmeet.storage.files.safe_filename`), so ``../../etc/passwd``, ``CON.docx``, a
right-to-left override or an escape character never reach the database as written.

Each function takes the rows as :func:`scbmeet.jsonio.validate` converts them (stored
values, keyed by table) and returns one sentence per problem; nothing here writes.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Any

from scbmeet.domain.bullets import bullets_problem, split_notes, stored_bullets
from scbmeet.domain.case_review_lines import open_case_review_lines
from scbmeet.domain.enums import ActionState, MeetingState
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import AgendaItem
from scbmeet.domain.plan_models import CaseReview
from scbmeet.services.agenda_papers import MAX_FILE_BYTES
from scbmeet.storage.files import safe_filename

Rows = dict[str, list[dict[str, Any]]]
CLOSED_ACTION_STATES = (ActionState.DONE.value, ActionState.DROPPED.value)


def meeting_problems(rows: Rows) -> list[str]:
    problems = []
    for index, meeting in enumerate(rows.get("meeting", [])):
        if meeting.get("state") == MeetingState.MINUTES_APPROVED.value and not meeting.get(
            "approved_on"
        ):
            problems.append(
                f"meeting[{index}] ({meeting.get('date')}) is approved but has no approval date"
            )
    return problems


def minute_problems(rows: Rows) -> list[str]:
    """Minute numbers are positive, and each meeting's run in order without gaps."""
    problems = []
    per_meeting: dict[Any, list[tuple[int, int]]] = defaultdict(list)
    for index, item in enumerate(rows.get("minuteitem", [])):
        number = item.get("number")
        if not isinstance(number, int) or number < 1:
            problems.append(f"minuteitem[{index}].number is {number}; minute numbers start at 1")
            continue
        per_meeting[item.get("meeting_id")].append((item.get("position") or 0, number))
    dates = {m.get("id"): m.get("date") for m in rows.get("meeting", [])}
    for meeting_id, items in per_meeting.items():
        numbers = [number for _, number in sorted(items)]
        if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
            listed = ", ".join(map(str, numbers[:12]))
            problems.append(
                f"the minutes of meeting {dates.get(meeting_id, meeting_id)} are not numbered "
                f"in order ({listed})"
            )
    return problems


def action_problems(rows: Rows) -> list[str]:
    return [
        f"action[{index}] is {action['state']} but has no closing date"
        for index, action in enumerate(rows.get("action", []))
        if action.get("state") in CLOSED_ACTION_STATES and not action.get("closed_on")
    ]


def paper_file_problems(rows: Rows) -> list[str]:
    """Each file's ``size`` and ``sha256`` describe its bytes, and it is not too large to attach."""
    problems = []
    for index, row in enumerate(rows.get("paperfile", [])):
        content = row.get("content") or b""
        where = f"paperfile[{index}] ({row.get('filename')!s:.60})"
        if len(content) > MAX_FILE_BYTES:
            problems.append(f"{where} is too large to attach ({len(content) // 1_048_576} MB)")
        if row.get("size") != len(content):
            problems.append(
                f"{where} says it is {row.get('size')} bytes but holds {len(content)} bytes"
            )
        if str(row.get("sha256") or "").lower() != hashlib.sha256(content).hexdigest():
            problems.append(f"{where}: its sha256 does not match its contents")
    return problems


def clean_file_names(rows: Rows) -> list[str]:
    """Replace each paper file's name by its cleaned form (as on attach), in place;
    return a sentence for each name with nothing usable left in it."""
    problems = []
    for index, row in enumerate(rows.get("paperfile", [])):
        try:
            row["filename"] = safe_filename(str(row.get("filename") or ""))
        except ValidationError:
            problems.append(f"paperfile[{index}] has no usable file name ({row.get('filename')!a})")
    return problems


def bullets_from_notes(rows: Rows) -> None:
    """An agenda item from a file written before items had bullets of their own: its "- "
    lines of notes become its bullets (as migration 0012_bullets moved them), in place."""
    for item in rows.get("agendaitem", []):
        if "bullets" not in item and item.get("notes"):
            item["notes"], bullets = split_notes(str(item["notes"]))
            item["bullets"] = stored_bullets(bullets)


def bullet_problems(rows: Rows) -> list[str]:
    return [
        f"agendaitem[{index}] ({item.get('title')!s:.60}): {problem}"
        for index, item in enumerate(rows.get("agendaitem", []))
        if item.get("bullets") and (problem := bullets_problem(str(item["bullets"])))
    ]


def case_review_problems(rows: Rows) -> list[str]:
    """No agenda item in open session is the update on a case review (closed business)."""
    review_of_plan = {r["plan_id"]: r for r in rows.get("casereview", [])}
    linked = {
        link["agenda_item_id"]: CaseReview(**review_of_plan[link["plan_id"]])
        for link in rows.get("planreviewitem", [])
        if link.get("plan_id") in review_of_plan
    }
    if not linked:
        return []
    meetings = {i["meeting_id"] for i in rows.get("agendaitem", []) if i["id"] in linked}
    items = [AgendaItem(**i) for i in rows.get("agendaitem", []) if i["meeting_id"] in meetings]
    dates = {m["id"]: m["date"] for m in rows.get("meeting", []) if m["id"] in meetings}
    return open_case_review_lines(items, linked, dates)


def import_problems(rows: Rows) -> list[str]:
    """Every rule the rows break (file names are cleaned on the way), one sentence each."""
    bullets_from_notes(rows)
    return (
        meeting_problems(rows)
        + bullet_problems(rows)
        + minute_problems(rows)
        + action_problems(rows)
        + case_review_problems(rows)
        + clean_file_names(rows)
        + paper_file_problems(rows)
    )

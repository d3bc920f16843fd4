"""Importing an existing action plan from a spreadsheet saved as CSV: columns mapped in a
preview, then all or nothing.

A board's plan usually lives in a spreadsheet shaped like the table it brings to meetings:
priority (or theme), threat or risk, action, owner, progress, RAG status, target date. The
preview guesses which column is which from the header ("Threat/Risk", "Lead", "RAG",
"Due"...), and the caller can change any of it (``mapping``: field -> column heading). A
row with no priority continues the one above, as a grouped table reads. Every row is
checked - owners matched to the register as for meeting actions, dates read as people write
them, ratings in words or colours - and only a file with no problem is imported, in one
transaction, into the plan: its priorities (an existing one of the same name is reused),
actions, owners, and the progress as an update dated on the day of the import.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, func, select

from scbmeet.domain import dto
from scbmeet.domain.errors import ImportFormatError, ScbmeetError
from scbmeet.domain.plan_models import Plan, PlanAction, PlanActionOwner, PlanPriority, PlanProgress
from scbmeet.domain.plan_vocabulary import ProgressStatus, parse_status
from scbmeet.services.base import ServiceBase, get_or_fail, record_audit
from scbmeet.services.register_owners import OwnersPart, distinct_owners
from scbmeet.text.dates import parse_date

FIELDS = ("priority", "threat", "action", "owner", "target", "milestones", "progress", "status")
REQUIRED = ("priority", "action", "owner")
# Header words that name each field (a header is matched by its words, any case).
SYNONYMS = {
    "priority": ("priority", "theme", "strand"),
    "threat": ("threat", "risk", "threat/risk", "issue"),
    "action": ("action", "activity", "commitment"),
    "owner": ("owner", "owners", "lead", "leads", "responsible"),
    "target": ("target", "due", "deadline", "by when", "target date", "date"),
    "milestones": ("milestones", "milestone"),
    "progress": ("progress", "update", "comments"),
    "status": ("status", "rag", "rating"),
}
MAX_ROWS = 2_000


@dataclass(frozen=True)
class PlanCsvRow:
    line: int
    priority: str
    threat: str
    action: str
    owners: tuple[dto.OwnerRef, ...]
    target: date | None
    milestones: str
    progress: str
    status: str
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlanCsvPreview:
    """The file's headings, which one each field was read from, the rows and their problems."""

    headings: tuple[str, ...]
    mapping: dict[str, str | None]
    rows: tuple[PlanCsvRow, ...]
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems and all(not r.problems for r in self.rows)

    @property
    def problem_count(self) -> int:
        return len(self.problems) + sum(len(r.problems) for r in self.rows)


def guess_mapping(headings: Sequence[str]) -> dict[str, str | None]:
    """Each field's column, guessed from the headings (the first that fits; None if none)."""
    found: dict[str, str | None] = dict.fromkeys(FIELDS)
    taken: set[str] = set()
    for field in FIELDS:
        for heading in headings:
            words = heading.strip().lower()
            if heading in taken:
                continue
            if words in SYNONYMS[field] or any(w in SYNONYMS[field] for w in words.split()):
                found[field] = heading
                taken.add(heading)
                break
    return found


class PlanCsvService(ServiceBase):
    """A spreadsheet's plan into a partnership plan: preview, then import."""

    def preview(
        self, plan_id: int, text: str, mapping: Mapping[str, str | None] | None = None
    ) -> PlanCsvPreview:
        """Check every row without saving anything; ``mapping`` overrides the guesses."""
        try:
            raw = [
                r for r in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in r)
            ]
        except csv.Error as exc:
            return PlanCsvPreview((), {}, (), (f"The file is not valid CSV: {exc}.",))
        if not raw:
            return PlanCsvPreview((), {}, (), ("The file is empty.",))
        headings = tuple(h.strip() for h in raw[0])
        chosen = guess_mapping(headings)
        problems = []
        for field, heading in (mapping or {}).items():
            if field not in FIELDS:
                problems.append(f"{field!r} is not a field of the plan ({', '.join(FIELDS)}).")
            elif heading and heading not in headings:
                problems.append(f"The file has no column {heading!r}.")
            else:
                chosen[field] = heading or None
        problems += [f"No column is the {f} (map one to it)." for f in REQUIRED if not chosen[f]]
        if len(raw) - 1 > MAX_ROWS:
            problems.append(f"The file has more than {MAX_ROWS} rows.")
        with self.db.reading() as s:
            get_or_fail(s, Plan, plan_id, "plan")
        if problems:
            return PlanCsvPreview(headings, chosen, (), tuple(problems))
        index = {h: i for i, h in enumerate(headings)}
        rows, priority, threat = [], "", ""
        owners = OwnersPart(self._ctx)
        for line, values in enumerate(raw[1:], start=2):

            def cell(field: str, values: list[str] = values) -> str:
                heading = chosen[field]
                at = index[heading] if heading else len(values)
                return values[at].strip() if at < len(values) else ""

            if cell("priority"):
                priority, threat = cell("priority"), cell("threat")
            elif cell("threat"):
                threat = cell("threat")
            rows.append(self._row(line, cell, priority, threat, owners))
        return PlanCsvPreview(headings, chosen, tuple(rows))

    @staticmethod
    def _row(
        line: int, cell: Callable[[str], str], priority: str, threat: str, owners: OwnersPart
    ) -> PlanCsvRow:
        problems: list[str] = []
        if not priority:
            problems.append("no priority (none above it either)")
        if not cell("action"):
            problems.append("no action")
        found: list[dto.OwnerRef] = []
        try:
            found = owners.resolve_owners(cell("owner"))
        except ScbmeetError as exc:
            problems.append(str(exc).rstrip("."))
        target = None
        if cell("target"):
            target = parse_date(cell("target"))
            if target is None:
                problems.append(f"the target date {cell('target')!r} is not a date")
        status = ""
        if cell("status"):
            rating = parse_status(cell("status"))
            if rating is None:
                problems.append(f"the status {cell('status')!r} is not a rating")
            status = rating.value if rating else ""
        elif cell("progress"):
            status = ProgressStatus.ON_TRACK.value
        return PlanCsvRow(
            line, priority, threat, cell("action"), tuple(found), target, cell("milestones"),
            cell("progress"), status, tuple(f"line {line}: {p}" for p in problems),
        )  # fmt: skip

    def import_plan(
        self,
        plan_id: int,
        text: str,
        mapping: Mapping[str, str | None] | None = None,
        *,
        on_date: date | None = None,
    ) -> int:
        """Import every row, or nothing if any row has a problem; returns the actions added."""
        preview = self.preview(plan_id, text, mapping)
        if not preview.ok:
            first = next(iter(preview.problems), None) or next(
                p for r in preview.rows for p in r.problems
            )
            raise ImportFormatError(
                f"Nothing was imported: {preview.problem_count} problem(s), the first: {first}."
            )
        when = on_date or date.today()
        with self.db.transaction() as s:
            get_or_fail(s, Plan, plan_id, "plan")
            priorities = {
                p.theme.lower(): p
                for p in s.exec(select(PlanPriority).where(PlanPriority.plan_id == plan_id)).all()
            }
            top = s.exec(
                select(func.max(PlanPriority.position)).where(PlanPriority.plan_id == plan_id)
            ).one()
            position = int(top or 0)
            for row in preview.rows:
                priority = priorities.get(row.priority.lower())
                if priority is None:
                    position += 1
                    priority = PlanPriority(
                        plan_id=plan_id, position=position, theme=row.priority, threat=row.threat
                    )
                    s.add(priority)
                    s.flush()
                    priorities[row.priority.lower()] = priority
                self._add_action(s, priority.id or 0, row, when)
            record_audit(s, self.db, entity="plan", entity_id=plan_id, operation="import_csv",
                         reason=f"{len(preview.rows)} action(s) from a spreadsheet")  # fmt: skip
        self._changed("plan", plan_id)
        return len(preview.rows)

    @staticmethod
    def _add_action(s: Session, priority_id: int, row: PlanCsvRow, when: date) -> None:
        count = s.exec(
            select(func.count())
            .select_from(PlanAction)
            .where(PlanAction.priority_id == priority_id)
        ).one()
        action = PlanAction(
            priority_id=priority_id,
            position=int(count or 0) + 1,
            text=row.action,
            target_date=row.target,
            milestones=row.milestones,
        )
        s.add(action)
        s.flush()
        for position, owner in enumerate(distinct_owners(s, row.owners)):
            s.add(PlanActionOwner(plan_action_id=action.id or 0, position=position,
                                  person_id=owner.person_id,
                                  organisation_id=owner.organisation_id))  # fmt: skip
        if row.progress or row.status:
            s.add(PlanProgress(plan_action_id=action.id or 0, on_date=when, text=row.progress,
                               status=row.status or ProgressStatus.ON_TRACK.value))  # fmt: skip

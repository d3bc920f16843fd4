"""The partnership plan's table as it stood at a meeting (or on a date), as a Word document.

What the "action plan update" paper carries: a landscape table, one row per plan action,
grouped by priority - priority, threat or risk, action, owner, latest progress (dated, and
the meeting it was reported at), status and target date. The status is written in words
and its cell shaded in the Red-Amber-Green colours, so the words say it in black and white.
A summary line counts the actions by status. :func:`append_plan_appendix` puts the table
of each plan a meeting reviews, as it stood at the meeting, at the end of its agenda pack.
"""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from scbmeet.domain.dto import long_date
from scbmeet.domain.plan_dto import PlanActionInfo, PlanTable
from scbmeet.domain.plan_meeting_dto import RecommendationInfo
from scbmeet.domain.plan_vocabulary import STATUS_COLOURS, ProgressStatus
from scbmeet.exports import ooxml
from scbmeet.exports.writer import Cell, Lines, Span, WordWriter
from scbmeet.services import Services

HEADINGS = (
    "Priority",
    "Threat or risk",
    "Action",
    "Owner",
    "Latest progress",
    "Status",
    "Target",
)
# Fractions of the landscape text width: the narratives wide, status and target narrow.
WIDTHS = (0.11, 0.19, 0.18, 0.11, 0.23, 0.08, 0.10)
STATUS_COLUMN = HEADINGS.index("Status")
NO_UPDATE_FILL = "FFFFFF"


def progress_cell(action: PlanActionInfo) -> Cell:
    """The latest narrative with, below it, when (and at which meeting) it was reported."""
    latest = action.latest
    if latest is None:
        return "No progress recorded yet."
    when = f"Updated {long_date(latest.on_date)}"
    if latest.meeting_date is not None and latest.meeting_date != latest.on_date:
        when += f" (meeting of {long_date(latest.meeting_date)})"
    elif latest.meeting_date is not None:
        when += " at the meeting"
    return Lines((latest.text or "(no narrative)", Span(when, italic=True)))


def table_rows(table: PlanTable) -> tuple[list[list[Cell]], list[str]]:
    """The rows, and for each the status colour of its status cell (a hex RGB fill)."""
    rows: list[list[Cell]] = []
    fills: list[str] = []
    for group in table.priorities:
        priority, threat = group.priority.theme, group.priority.threat
        if not group.actions:
            rows.append([priority, threat, "No actions yet.", "", "", "", ""])
            fills.append(NO_UPDATE_FILL)
        for index, action in enumerate(group.actions):
            rows.append(
                [
                    priority,
                    threat if index == 0 else "",  # the threat once, at the head of its group
                    Lines((action.text, *_milestones(action))),
                    Lines(tuple(o.name for o in action.owners)),
                    progress_cell(action),
                    action.status_words,
                    long_date(action.target_date) if action.target_date else "-",
                ]
            )
            fills.append(_fill(action.status))
    return rows, fills


def _milestones(action: PlanActionInfo) -> tuple[Span, ...]:
    return (Span(f"Milestones: {action.milestones}", italic=True),) if action.milestones else ()


def _fill(status: str) -> str:
    try:
        return STATUS_COLOURS[ProgressStatus(status)]
    except ValueError:
        return NO_UPDATE_FILL


def summary_sentence(table: PlanTable) -> str:
    """``6 actions: 3 on track, 1 at risk, 1 complete, 1 with no update.``"""
    counts = table.counts()
    total = sum(counts.values())
    if not total:
        return "The plan has no actions yet."
    order = ["On track", "At risk", "Off track", "Complete", "Not started", "No update"]
    parts = [
        f"{counts[w]} {'with no update' if w == 'No update' else w.lower()}"
        for w in order
        if counts.get(w)
    ]
    return f"{total} action{'s' if total != 1 else ''}: {', '.join(parts)}."


def title_of(table: PlanTable) -> str:
    period = f" {table.plan.period}" if table.plan.period else ""
    return f"{table.plan.name}{period}"


def write_plan_table(writer: WordWriter, table: PlanTable, *, heading_level: int = 1) -> None:
    """The heading, the as-of line, the summary and the table, into ``writer``."""
    writer.heading(f"{title_of(table)}: progress", heading_level)
    writer.paragraph(
        f"{table.board_name}. The plan as it stood on {long_date(table.as_of)}. "
        + summary_sentence(table)
    )
    rows, fills = table_rows(table)
    if not rows:
        writer.paragraph("The plan has no priorities yet.")
        return
    word_table = writer.table(HEADINGS, rows, WIDTHS)
    for tr, fill in zip(word_table._tbl.tr_lst[1:], fills, strict=True):
        ooxml.cell_shading(tr.tc_lst[STATUS_COLUMN], fill)


PUBLIC_NOTE = (
    "Progress reported to the board in closed session is not included in this public version: "
    "{n} action{s} show{v} the latest update reported in public."
)
CLOSED_MARKING = "Not for publication: includes progress reported in closed session"


def build_plan_document(table: PlanTable, *, template: Path | str | None = None) -> WordWriter:
    """The plan's table as a landscape document. A public table (``services.plans.table(...,
    public=True)``) is the version for publication, said so on every page and in its
    properties; a full one whose latest updates include closed business is marked "Not for
    publication" at the top of every page."""
    writer = WordWriter(template)
    writer.landscape()
    version = " (public version)" if table.public else ""
    marked = not table.public and table.holds_closed
    writer.furniture(
        f"{title_of(table)}, as at {long_date(table.as_of)}{version}",
        [CLOSED_MARKING] if marked else [],
    )
    write_plan_table(writer, table)
    if table.withheld:
        many = table.withheld != 1
        note = PUBLIC_NOTE.format(n=table.withheld, s="s" if many else "", v="" if many else "s")
        writer.paragraph(Span(note, italic=True))
    writer.properties(
        title=f"{title_of(table)}: progress at {long_date(table.as_of)}{version}",
        author=table.board_name,
        subject="Partnership plan progress",
        keywords="partnership plan; progress",
        category="Action plan update",
        status="Public version" if table.public else ("Not for publication" if marked else ""),
    )
    return writer


def plan_appendix(
    services: Services, plan_id: int, meeting_id: int, *, template: Path | str | None = None
) -> WordWriter:
    """The plan as it stood at the meeting, as a landscape document of its own: the
    appendix the agenda pack carries behind the item that reviews it."""
    table = services.plans.table(plan_id, meeting_id=meeting_id)
    writer = WordWriter(template)
    writer.landscape()
    writer.furniture(f"Appendix: {title_of(table)}, as at {long_date(table.as_of)}")
    write_appendix_body(writer, table)
    write_support_table(
        writer, services.plan_decisions.for_meeting(plan_id, meeting_id), meeting_id
    )
    writer.properties(
        title=f"Appendix: {title_of(table)}",
        author=table.board_name,
        subject="Partnership plan progress",
        category="Agenda pack appendix",
    )
    return writer


def write_appendix_body(
    writer: WordWriter, table: PlanTable, services: Services | None = None
) -> None:
    """The appendix's title and the plan's table; a case review's (closed packs only) first
    says where the review has got to and what it has cost, as its update reports."""
    writer.paragraph(Span(f"Appendix: {title_of(table)}", bold=True))
    review = services.case_reviews.of_plan(table.plan.id) if services is not None else None
    if review is not None:
        stages = "; ".join(
            f"{long_date(on)}: {stage}" for stage, on in review.stages if on <= table.as_of
        )
        writer.paragraph(f"{review.title_or_kind} (closed business). Stages - {stages}.")
        writer.paragraph([Span("Costs so far: ", bold=True), review.costs])
    write_plan_table(writer, table)


SUPPORT_HEADINGS = ("Item No", "Action to be supported by the board", "Decision", "In progress")
SUPPORT_WIDTHS = (0.08, 0.62, 0.15, 0.15)


def write_support_table(
    writer: WordWriter, recommendations: list[RecommendationInfo], meeting_id: int | None
) -> None:
    """The "actions for support by the board", numbered within each priority as the
    performance report numbers them, with the board's decision at the meeting (blank until
    it is taken) and whether each is already in progress."""
    if not recommendations:
        return
    writer.heading("Actions for support by the board", 2)
    groups: dict[str, list[RecommendationInfo]] = {}
    for rec in recommendations:
        groups.setdefault(rec.priority or "Other", []).append(rec)
    for theme, recs in groups.items():
        writer.heading(theme, 3)  # kept with its table
        rows: list[list[Cell]] = []
        for number, rec in enumerate(recs, 1):
            decided = rec.decision_at(meeting_id) if meeting_id is not None else rec.latest
            rows.append([str(number), rec.text, decided.words if decided else "", rec.in_progress])
        writer.table(SUPPORT_HEADINGS, rows, SUPPORT_WIDTHS)


def reviewed_plans(services: Services, meeting_id: int, *, public: bool) -> list[int]:
    """The plans the meeting's agenda reviews (each once; in public, not a closed item's, nor
    ever a case review's, whatever its item has since become)."""
    found: list[int] = []
    for review in services.plan_meetings.review_items(meeting_id):
        if review.plan_id in found:
            continue
        if public and (review.closed or services.case_reviews.of_plan(review.plan_id)):
            continue
        found.append(review.plan_id)
    return found


def append_plan_appendix(
    writer: WordWriter, services: Services, meeting_id: int, *, public: bool = False
) -> int:
    """Append the table of each plan the meeting reviews, as it stood at the meeting, to the
    agenda pack being written: landscape pages after a section break, under the pack's own
    headers and footers (not those of the paper that ended the pack). Returns how many.

    Joining them to the pack is one call at the end of ``build_pack``, after its papers."""
    plan_ids = reviewed_plans(services, meeting_id, public=public)
    if not plan_ids:
        return 0
    pack_section = copy.deepcopy(writer.document.sections[0]._sectPr)
    writer.document.add_section(WD_SECTION.NEW_PAGE)
    _take_pack_setup(writer.document.sections[-1]._sectPr, pack_section)
    writer.landscape()  # the new, last section only: the pages before stay as they were
    for index, plan_id in enumerate(plan_ids):
        if index:
            writer.page_break()
        table = services.plans.table(plan_id, meeting_id=meeting_id, public=public)
        write_appendix_body(writer, table, services)
        write_support_table(
            writer, services.plan_decisions.for_meeting(plan_id, meeting_id), meeting_id
        )
    return len(plan_ids)


def _take_pack_setup(section: BaseOxmlElement, pack: BaseOxmlElement) -> None:
    """Give the appendix's section the pack's page size, margins, headers and footers."""
    for child in list(section):
        if child.tag != qn("w:type"):
            section.remove(child)
    for child in pack:
        if child.tag != qn("w:type"):
            section.append(copy.deepcopy(child))


def export_plan(
    services: Services,
    plan_id: int,
    out: Path,
    *,
    as_of: date | None = None,
    meeting_id: int | None = None,
    template: Path | str | None = None,
    public: bool = False,
) -> Path:
    """Write the plan's table as of ``as_of`` or at ``meeting_id`` (else today) to ``out``
    (``public``: the version for publication)."""
    table = services.plans.table(plan_id, as_of=as_of, meeting_id=meeting_id, public=public)
    return build_plan_document(table, template=template).save(out)

"""The partnership plan's appendix to the PDF agenda pack.

The PDF pack stamps its own "Page N of M" on every page, so the appendix is written for it
without a footer of its own, converted on its own and joined at the end of the pack through
the pack's merger - so its tags join the pack's structure tree like every paper's - with a
bookmark per plan. (The plan's table alone, ``scbmeet export plan --out FILE.pdf``, is the
Word table converted as every other document is.)
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from pypdf import PdfReader

from scbmeet.exports.pdf import convert_to_pdf
from scbmeet.exports.pdf_merge import PackMerger
from scbmeet.exports.plan import (
    reviewed_plans,
    title_of,
    write_appendix_body,
    write_support_table,
)
from scbmeet.exports.writer import WordWriter
from scbmeet.services import Services


def append_plan_pdf(
    merger: PackMerger,
    services: Services,
    meeting_id: int,
    *,
    public: bool = False,
    template: Path | str | None = None,
) -> int:
    """Append the table of each plan the meeting reviews (as it stood at the meeting) to
    the PDF pack being put together, each with a bookmark; returns how many.

    Joining them to the pack is one call in ``build_pdf_pack``, after the agenda is in front
    and before the tags are joined and the pages stamped."""
    writer = merger.writer
    plan_ids = reviewed_plans(services, meeting_id, public=public)
    with tempfile.TemporaryDirectory(prefix="scbmeet-plan-pdf-") as folder:
        for index, plan_id in enumerate(plan_ids):
            table = services.plans.table(plan_id, meeting_id=meeting_id, public=public)
            document = WordWriter(template)
            document.landscape()
            write_appendix_body(document, table, services)
            write_support_table(
                document, services.plan_decisions.for_meeting(plan_id, meeting_id), meeting_id
            )
            source = document.save(Path(folder) / f"plan-appendix-{index}.docx")
            (pdf,) = convert_to_pdf([source], Path(folder) / "pdf")
            start = len(writer.pages)
            merger.append(PdfReader(pdf))
            writer.add_outline_item(title=f"Appendix: {title_of(table)}", page_number=start)
    return len(plan_ids)

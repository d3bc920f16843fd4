"""The partnership plan in PDF: the pack's appendix pages and bookmark, and the plan alone."""

from __future__ import annotations

import subprocess
import sys

from scbmeet.cli import main
from scbmeet.exports.pdf_pack import build_pdf_pack
from tests.test_exports_plan import review_quarterly_performance

READ_PDF = """
import json, sys
from pypdf import PdfReader
reader = PdfReader(sys.argv[1])
def titles(items):
    for item in items:
        if isinstance(item, list):
            yield from titles(item)
        else:
            yield item.title, reader.get_destination_page_number(item)
pages = [(float(p.mediabox.width), float(p.mediabox.height), p.extract_text()) for p in reader.pages]
print(json.dumps({"pages": pages, "outline": list(titles(reader.outline)),
                  "title": (reader.metadata or {}).get("/Title", "")}))
"""


def read_pdf(path):
    import json

    done = subprocess.run(
        [sys.executable, "-c", READ_PDF, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_the_pdf_pack_ends_with_the_plan_on_landscape_pages_with_a_bookmark(demo, tmp_path):
    services, summary = demo
    review_quarterly_performance(services, summary)
    pdf = read_pdf(build_pdf_pack(services, summary.upcoming_meeting_id, tmp_path / "p.pdf"))
    width, height, text = pdf["pages"][-1]
    assert width > height  # landscape
    assert "Actions for support by the board" in text or any(
        "Appendix: Partnership Plan" in t for _w, _h, t in pdf["pages"][-2:]
    )
    total = len(pdf["pages"])
    assert f"Page {total} of {total}" in text  # the pack numbers the appendix as its own
    marks = dict(pdf["outline"])
    assert marks[next(t for t in marks if t.startswith("Appendix: Partnership Plan"))] < total
    portrait = [p for p in pdf["pages"][:-1] if p[0] < p[1]]
    assert portrait  # the agenda and papers before it stay portrait


def test_the_plan_alone_as_pdf_and_public(demo, tmp_path):
    services, _summary = demo
    out = tmp_path / "plan.pdf"
    db = str(services.db.path)
    assert (
        main(["export", "plan", "--board", "MSCB", "--out", str(out), "--public", "--db", db]) == 0
    )
    pdf = read_pdf(out)
    width, height, text = pdf["pages"][0]
    assert width > height and "PARTNERSHIP PLAN" in text.upper()
    assert "public version" in text and "Off track" in text

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
    services.case_reviews.link_item(
        services.case_reviews.find(summary.board_id, "DHR-2025-03").id,
        next(i for i in services.agenda.agenda(summary.upcoming_meeting_id) if i.is_closed).id,
    )
    pdf = read_pdf(build_pdf_pack(services, summary.upcoming_meeting_id, tmp_path / "p.pdf"))
    total = len(pdf["pages"])
    marks = dict(pdf["outline"])
    start = marks[next(t for t in marks if t.startswith("Appendix: Partnership Plan"))]
    end = marks["Appendix: Case review DHR-2025-03"]  # the closed item's review comes last
    assert start < end < total
    appendix = pdf["pages"][start:end]
    assert all(width > height for width, height, _text in appendix)  # landscape
    assert "Appendix: Partnership Plan" in appendix[0][2]
    assert any("Actions for support by the board" in text for _w, _h, text in appendix)
    assert f"Page {total} of {total}" in pdf["pages"][-1][2]  # numbered as the pack's own
    portrait = [p for p in pdf["pages"][:start] if p[0] < p[1]]
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


READ_TAGS = """
import json, sys
from pypdf import PdfReader
reader = PdfReader(sys.argv[1])
first = int(sys.argv[2])  # the first page of the appendix
def titles(items):
    for item in items:
        if isinstance(item, list):
            yield from titles(item)
        else:
            yield item.title, reader.get_destination_page_number(item)
def numbers(node):
    node = node.get_object()
    nums = node.get("/Nums", [])
    found = [int(nums[i]) for i in range(0, len(nums), 2)]
    for kid in node.get("/Kids", []):
        found += numbers(kid)
    return found
page_of = {p.indirect_reference.idnum: n for n, p in enumerate(reader.pages)}
def pages_tagged(element, seen):
    element = element.get_object()
    if not isinstance(element, dict):
        return
    page = element.get("/Pg")
    if page is not None and page.idnum in page_of:
        seen.add(page_of[page.idnum])
    kids = element.get("/K")
    if kids is None:
        return
    kids = kids.get_object()
    for kid in kids if isinstance(kids, list) else [kids]:
        if hasattr(kid, "get_object"):
            pages_tagged(kid, seen)
root = reader.trailer["/Root"]
tree = root["/StructTreeRoot"].get_object()
seen = set()
pages_tagged(tree["/K"], seen)
keys = set(numbers(tree["/ParentTree"]))
appendix = range(first, len(reader.pages))
print(json.dumps({
    "outline": list(titles(reader.outline)),
    "marked": bool(root.get("/MarkInfo", {}).get("/Marked")),
    "pages": len(reader.pages),
    "keyed": [int(reader.pages[n].get("/StructParents", -1)) in keys for n in appendix],
    "tagged": [n in seen for n in appendix],
    "text": [reader.pages[n].extract_text() for n in range(len(reader.pages))],
}))
"""


def read_tags(path, first: int):
    import json

    done = subprocess.run([sys.executable, "-c", READ_TAGS, str(path), str(first)],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(done.stdout)


def test_the_plan_appendix_is_bookmarked_and_tagged_like_the_rest_of_the_pack(demo, tmp_path):
    """The demo's upcoming meeting reviews the plan (an open item) and a case review (in
    closed session): the full pack ends with both appendices, each with its bookmark and
    every page of them in the pack's structure tree; the public pack has the plan's only."""
    services, summary = demo
    made = services.case_reviews.add_review(summary.board_id, "DHR-2026-09", "Osprey review")
    priority = services.case_reviews.recommendations_priority(made.id)
    services.plans.add_action(priority, "Brief every GP surgery on the review", "Rachel Okafor")
    services.case_reviews.put_on_agenda(made.id, summary.upcoming_meeting_id)
    full = build_pdf_pack(services, summary.upcoming_meeting_id, tmp_path / "full.pdf")
    marks = dict(read_pdf(full)["outline"])
    plan_mark = next(t for t in marks if t.startswith("Appendix: Partnership Plan"))
    case_mark = "Appendix: Case review DHR-2026-09"
    assert marks[case_mark] > marks[plan_mark]
    tags = read_tags(full, marks[plan_mark])
    assert tags["marked"] and tags["keyed"] and all(tags["keyed"])
    assert all(tags["tagged"]), tags["tagged"]  # every appendix page is in the tree
    assert any("Brief every GP surgery" in t for t in tags["text"][marks[case_mark] :])
    public = build_pdf_pack(services, summary.upcoming_meeting_id, tmp_path / "public.pdf",
                            public=True)  # fmt: skip
    marks = dict(read_pdf(public)["outline"])
    assert any(t.startswith("Appendix: Partnership Plan") for t in marks)
    assert not any("DHR-2026-09" in t or "Case review" in t for t in marks)
    tags = read_tags(public, marks[next(t for t in marks if t.startswith("Appendix: Part"))])
    assert all(tags["tagged"]) and all(tags["keyed"])
    assert not any("Osprey" in t or "GP surgery" in t or "DHR-2026" in t for t in tags["text"])

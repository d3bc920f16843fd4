"""The partnership plan's Word table and its command line, read back in a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys

from scbmeet.cli import main
from scbmeet.exports.plan import export_plan, plan_appendix

READ_BACK = """
import json, sys
from docx import Document
doc = Document(sys.argv[1])
table = doc.tables[0]
rows = [[c.text for c in r.cells] for r in table.rows]
fills = [r.cells[5]._tc.xpath('./w:tcPr/w:shd/@w:fill') for r in table.rows[1:]]
section = doc.sections[0]
print(json.dumps({"rows": rows, "fills": fills,
    "landscape": section.page_width > section.page_height,
    "text": "\\n".join(p.text for p in doc.paragraphs)}))
"""


def read_back(path):
    out = subprocess.run(
        [sys.executable, "-c", READ_BACK, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_the_table_as_at_a_meeting_has_every_column_and_status_in_words(demo, tmp_path):
    services, summary = demo
    plan = services.plans.current_plan(summary.board_id)
    third = summary.meeting_ids[2]
    out = export_plan(services, plan.id, tmp_path / "plan.docx", meeting_id=third)
    doc = read_back(out)
    assert doc["landscape"]
    assert doc["rows"][0] == [
        "Priority",
        "Threat or risk",
        "Action",
        "Owner",
        "Latest progress",
        "Status",
        "Target",
    ]
    by_action = {r[2].split("\n")[0]: r for r in doc["rows"][1:]}
    training = by_action[
        "Train frontline staff of every partner to recognise and refer domestic abuse"
    ]
    assert training[0] == "Domestic abuse" and training[5] == "Off track"
    assert training[3] == "Rachel Okafor\nMFRS"
    assert "Commissioning delayed" in training[4] and "at the meeting" in training[4]
    assert [f for f in doc["fills"]] == [["C6EFCE"], ["FFE699"], ["F4B6B6"], ["BDD7EE"]]
    assert "4 actions: 1 on track, 1 at risk, 1 off track, 1 complete." in doc["text"]


def test_as_at_an_earlier_meeting_the_later_updates_are_not_there(demo, tmp_path):
    services, summary = demo
    plan = services.plans.current_plan(summary.board_id)
    second = summary.meeting_ids[1]
    doc = read_back(export_plan(services, plan.id, tmp_path / "p.docx", meeting_id=second))
    statuses = [r[5] for r in doc["rows"][1:]]
    assert statuses == ["On track", "No update", "Not started", "On track"]
    assert all("Four of the six" not in r[4] for r in doc["rows"])


def test_the_pack_appendix_is_a_landscape_document_of_its_own(demo, tmp_path):
    services, summary = demo
    plan = services.plans.current_plan(summary.board_id)
    writer = plan_appendix(services, plan.id, summary.upcoming_meeting_id)
    doc = read_back(writer.save(tmp_path / "appendix.docx"))
    assert doc["landscape"] and doc["text"].startswith("Appendix: Partnership Plan")


def test_the_command_line_shows_and_exports_the_plan(demo, tmp_path, capsys):
    services, _summary = demo
    db = str(services.db.path)
    assert main(["plan", "show", "--board", "MSCB", "--as-of", "2026-12-01", "--db", db]) == 0
    shown = capsys.readouterr().out
    assert "[Off track] Train frontline staff" in shown and "Owner: MCVS" in shown
    out = tmp_path / "plan.docx"
    assert main(["export", "plan", "--board", "MSCB", "--out", str(out), "--db", db]) == 0
    assert read_back(out)["rows"][1][0] == "Anti-social behaviour"
    assert main(["plans", "--db", db]) == 0
    listed = capsys.readouterr().out
    assert "Partnership Plan (2026-2029)\tactive\t1 on track, 1 at risk, 1 off track" in listed
    assert "\tDomestic abuse: 1 off track.\n" in listed  # each priority, in words


def test_the_command_line_refuses_in_one_line(demo, tmp_path, capsys):
    services, _summary = demo
    db = str(services.db.path)
    assert (
        main(["export", "plan", "--board", "MSCB", "--out", str(tmp_path / "x.txt"), "--db", db])
        == 1
    )
    assert main(["plan", "show", "--board", "MSCB", "--plan", "Old plan", "--db", db]) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert errors == [
        "scbmeet: x.txt: the plan is written as Word or PDF; name a .docx or .pdf file.",
        "scbmeet: This board has no plan called 'Old plan'.",
    ]
    assert not (tmp_path / "x.txt").exists()


SECTIONS = """
import json, sys
from docx import Document
doc = Document(sys.argv[1])
last = doc.sections[-1]
print(json.dumps({"landscape": [s.page_width > s.page_height for s in doc.sections],
    "headings": [[c.text for c in t.rows[0].cells] for t in doc.tables],
    "footer": last.footer.paragraphs[-1].text if last.footer.paragraphs else "",
    "text": "\\n".join(p.text for p in doc.paragraphs)}))
"""


def review_quarterly_performance(services, summary) -> None:
    """The upcoming meeting's quarterly performance item reviews the demo plan."""
    plan = services.plans.current_plan(summary.board_id)
    item = next(
        i
        for i in services.agenda.agenda(summary.upcoming_meeting_id)
        if i.title.startswith("Quarter 2 performance")
    )
    services.plan_meetings.set_review(item.id, plan.id)


def read_sections(path):
    read = subprocess.run(
        [sys.executable, "-c", SECTIONS, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(read.stdout)


def test_the_pack_of_a_meeting_reviewing_the_plan_ends_with_its_table_on_landscape_pages(
    demo, tmp_path
):
    from scbmeet.exports.pack import export_pack

    services, summary = demo
    review_quarterly_performance(services, summary)
    doc = read_sections(export_pack(services, summary.upcoming_meeting_id, tmp_path / "p.docx"))
    assert doc["landscape"][0] is False and doc["landscape"][-1] is True
    # the plan's table and its actions for support (then the closed case review's table)
    services.case_reviews.link_item(
        services.case_reviews.find(summary.board_id, "DHR-2025-03").id,
        next(i for i in services.agenda.agenda(summary.upcoming_meeting_id) if i.is_closed).id,
    )
    doc = read_sections(export_pack(services, summary.upcoming_meeting_id, tmp_path / "q.docx"))
    plan_heads, support_heads = doc["headings"][-4], doc["headings"][-2]
    assert plan_heads[:3] == ["Priority", "Threat or risk", "Action"]
    assert support_heads == ["Item No", "Action to be supported by the board", "Decision",
                             "In progress"]  # fmt: skip
    assert doc["headings"][-1][:3] == plan_heads[:3]  # the case review's recommendations
    assert "Appendix: Partnership Plan" in doc["text"]
    assert "Actions for support by the board" in doc["text"]
    assert "agenda pack" in doc["footer"]  # the pack's footer, not the last paper's


def test_a_meeting_not_reviewing_a_plan_has_no_appendix_and_public_packs_skip_closed_reviews(
    demo, tmp_path
):
    from scbmeet.exports.pack import export_pack

    services, summary = demo
    plain = read_sections(export_pack(services, summary.meeting_ids[0], tmp_path / "a.docx"))
    assert "Appendix: Partnership Plan" not in plain["text"]
    plan = services.plans.current_plan(summary.board_id)
    for review in services.plan_meetings.review_items(summary.upcoming_meeting_id):
        services.plan_meetings.set_review(review.agenda_item_id, None)  # not the demo's
    closed = next(i for i in services.agenda.agenda(summary.upcoming_meeting_id) if i.is_closed)
    services.plan_meetings.set_review(closed.id, plan.id)
    public = export_pack(services, summary.upcoming_meeting_id, tmp_path / "b.docx", public=True)
    assert "Appendix: Partnership Plan" not in read_sections(public)["text"]
    full = export_pack(services, summary.upcoming_meeting_id, tmp_path / "c.docx")
    assert "Appendix: Partnership Plan" in read_sections(full)["text"]

"""What no public version carries: a restricted case review (its reference, title, stages,
costs, recommendations and their progress) in the public agenda, pack, minutes and plan
export, and progress on the partnership plan reported at a closed-session review in the
public plan export. Each document is read back, every part of its zip, in a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta

import pytest

from scbmeet.cli import main
from scbmeet.exports.agenda import export_agenda
from scbmeet.exports.minutes import export_minutes
from scbmeet.exports.pack import export_pack
from scbmeet.exports.plan import export_plan

CASE_STRINGS = [
    "DHR-2026-07",  # its reference
    "Kingfisher",  # its title
    "Panel chaired by an independent author",  # a stage
    "Alert housing officers to coercive control",  # a recommendation
    "Bramblewood",  # that recommendation's progress
]

# Every part of the .docx (document, headers, footers, properties, relationships...) and
# which of the strings each holds, read by a process that did not write it.
FIND = """
import json, sys, zipfile
path, wanted = sys.argv[1], json.loads(sys.argv[2])
with zipfile.ZipFile(path) as z:
    parts = {n: z.read(n).decode("utf-8", "replace") for n in z.namelist()}
print(json.dumps(sorted({f"{n}: {w}" for n, t in parts.items() for w in wanted if w in t})))
"""


def found_in(path, wanted) -> list[str]:
    done = subprocess.run([sys.executable, "-c", FIND, str(path), json.dumps(wanted)],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(done.stdout)


@pytest.fixture
def case_review(demo):
    """A case review on the upcoming meeting's closed session, its progress recorded there."""
    services, summary = demo
    meeting = services.meetings.meeting(summary.upcoming_meeting_id)
    reviews = services.case_reviews
    made = reviews.add_review(summary.board_id, "DHR-2026-07", "Kingfisher review",
                              notified_on=meeting.date - timedelta(days=90))  # fmt: skip
    reviews.add_stage(made.id, "Panel chaired by an independent author",
                      meeting.date - timedelta(days=30))  # fmt: skip
    reviews.add_cost(made.id, 4_200_00)
    priority = reviews.recommendations_priority(made.id)
    rec = services.plans.add_action(priority, "Alert housing officers to coercive control",
                                    "Rachel Okafor")  # fmt: skip
    services.plans.record_progress(rec.id, "at risk", "Bramblewood estate team not yet trained.",
                                   on_date=meeting.date, meeting_id=meeting.id)  # fmt: skip
    item = reviews.put_on_agenda(made.id, meeting.id)
    return services, summary, meeting, item


def test_no_public_document_carries_a_case_review(case_review, tmp_path):
    services, summary, meeting, _item = case_review
    services.minutes.draft_from_agenda(meeting.id)
    full_pack = export_pack(services, meeting.id, tmp_path / "full.docx")
    assert found_in(full_pack, CASE_STRINGS)  # the closed pack carries it: the test can fail
    public = {
        "agenda": export_agenda(services, meeting.id, tmp_path / "a.docx", public=True),
        "pack": export_pack(services, meeting.id, tmp_path / "p.docx", public=True),
        "minutes": export_minutes(services, meeting.id, tmp_path / "m.docx", public=True),
    }
    plan = services.plans.current_plan(summary.board_id)
    public["plan"] = export_plan(services, plan.id, tmp_path / "plan.docx", public=True,
                                 meeting_id=meeting.id)  # fmt: skip
    for kind, path in public.items():
        assert found_in(path, CASE_STRINGS) == [], kind


def test_a_case_review_has_no_public_plan_export(case_review, tmp_path, capsys):
    services, _summary, _meeting, _item = case_review
    db = str(services.db.path)
    out = tmp_path / "case.docx"
    args = ["export", "plan", "Case review DHR-2026-07", "--board", "MSCB", "--out", str(out)]
    assert main([*args, "--public", "--db", db]) == 1
    assert main([*args, "--db", db]) == 1  # never listed with the plans, public or not
    said = capsys.readouterr().err.strip().splitlines()
    assert said == ["scbmeet: This board has no plan called 'Case review DHR-2026-07'."] * 2
    assert not out.exists()
    made = services.case_reviews.find(_summary.board_id, "DHR-2026-07")
    from scbmeet.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="closed business: it has no public version"):
        services.plans.table(made.plan_id, public=True)


READ_PLAN = """
import json, sys
from docx import Document
doc = Document(sys.argv[1])
rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
header = "\\n".join(p.text for s in doc.sections for p in s.header.paragraphs)
footer = "\\n".join(p.text for s in doc.sections for p in s.footer.paragraphs)
print(json.dumps({"rows": rows, "header": header, "footer": footer,
    "status": doc.core_properties.content_status, "title": doc.core_properties.title,
    "text": "\\n".join(p.text for p in doc.paragraphs)}))
"""


def read_plan(path):
    done = subprocess.run([sys.executable, "-c", READ_PLAN, str(path)], capture_output=True,
                          text=True, check=True)  # fmt: skip
    return json.loads(done.stdout)


def test_the_public_plan_withholds_progress_reported_in_closed_session(demo, tmp_path):
    """The plan reviewed only in closed session at the upcoming meeting: what was reported
    there is not in the public export (each action's earlier public update instead), and the
    full export says it is not for publication."""
    services, summary = demo
    meeting = services.meetings.meeting(summary.upcoming_meeting_id)
    plan = services.plans.current_plan(summary.board_id)
    for review in services.plan_meetings.review_items(meeting.id):
        services.plan_meetings.set_review(review.agenda_item_id, None)  # no open review
    closed = next(i for i in services.agenda.agenda(meeting.id) if i.is_closed)
    services.plan_meetings.set_review(closed.id, plan.id)
    training = next(
        a
        for g in services.plans.table(plan.id).priorities
        for a in g.actions
        if a.text.startswith("Train frontline")
    )
    services.plans.record_progress(training.id, "complete", "Sessions held at Heronsgate depot.",
                                   on_date=meeting.date, meeting_id=meeting.id)  # fmt: skip
    db = str(services.db.path)
    when = ["--meeting", meeting.date.isoformat(), "--board", "MSCB", "--db", db]
    public_out, full_out = tmp_path / "public.docx", tmp_path / "full.docx"
    assert main(["export", "plan", "--public", "--out", str(public_out), *when]) == 0
    assert main(["export", "plan", *when, "--out", str(full_out)]) == 0
    public, full = read_plan(public_out), read_plan(full_out)
    row = next(r for r in full["rows"] if r[2].startswith("Train frontline"))
    assert "Heronsgate" in row[4] and row[5] == "Complete"
    assert "Not for publication" in full["header"] and full["status"] == "Not for publication"
    row = next(r for r in public["rows"] if r[2].startswith("Train frontline"))
    assert "Commissioning delayed" in row[4] and row[5] == "Off track"
    assert "Rachel Okafor" in row[3]  # lead officers are named in a published plan
    assert found_in(public_out, ["Heronsgate", "Not for publication"]) == []
    assert "public version" in public["footer"] and public["status"] == "Public version"
    assert "not included in this public version: 1 action shows" in public["text"]
    # The same plan reviewed in public as well: then what was reported is public.
    services.plan_meetings.add_review_item(meeting.id, plan.id)
    again = export_plan(services, plan.id, tmp_path / "again.docx", meeting_id=meeting.id,
                        public=True)  # fmt: skip
    assert (
        "Heronsgate"
        in next(r for r in read_plan(again)["rows"] if r[2].startswith("Train frontline"))[4]
    )


def test_an_update_reported_before_the_date_asked_for_is_the_one_shown(demo):
    """The public table as of a date keeps the date's rule: nothing reported afterwards."""
    services, summary = demo
    plan = services.plans.current_plan(summary.board_id)
    second = services.meetings.meeting(summary.meeting_ids[1])
    table = services.plans.table(plan.id, as_of=second.date + timedelta(days=1), public=True)
    assert table.public and table.withheld == 0
    assert [a.status_words for g in table.priorities for a in g.actions] == [
        "On track",
        "No update",
        "Not started",
        "On track",
    ]


def test_the_closed_pack_says_where_the_review_is_and_its_costs(case_review, tmp_path):
    services, _summary, meeting, _item = case_review
    full = found_in(export_pack(services, meeting.id, tmp_path / "full.docx"),
                    ["Costs so far", "£4,200.00", "Panel chaired by an independent author"])  # fmt: skip
    assert full == [
        "word/document.xml: Costs so far",
        "word/document.xml: Panel chaired by an independent author",
        "word/document.xml: £4,200.00",
    ]


def test_a_review_item_cannot_be_made_open_and_brings_no_case_review_to_the_public_pack(
    case_review, tmp_path
):
    """Its item cannot be moved out of closed session (refused, nothing changed), and the
    public pack carries no appendix of the review's recommendations."""
    from scbmeet.domain.errors import ValidationError

    services, _summary, meeting, item = case_review
    with pytest.raises(ValidationError, match="restricted case review DHR-2026-07"):
        services.agenda.update_item(item.id, {"session": "open", "closed_reference": ""})
    assert services.agenda.item(item.id).closed_reference == "DHR-2026-07"
    public = export_pack(services, meeting.id, tmp_path / "p.docx", public=True)
    assert found_in(public, ["Alert housing officers", "Bramblewood", "Costs so far"]) == []

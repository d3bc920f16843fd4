"""Restricted case reviews: reference, stages, costs, recommendations as plan-style actions,
closed session only, never listed with the board's plans or in a public document."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.domain.errors import ValidationError
from scbmeet.exports.pack import export_pack
from tests.test_exports_plan import read_sections


def test_a_case_review_keeps_its_stages_costs_and_recommendations_apart(demo):
    services, summary = demo
    reviews = services.case_reviews
    made = reviews.add_review(summary.board_id, "DHR-2026-01", "DV Homicide Review",
                              notified_on=date(2026, 2, 1))  # fmt: skip
    reviews.add_stage(made.id, "Panel appointed", date(2026, 3, 1))
    reviews.add_cost(made.id, 1_250_000)
    shown = reviews.review(made.id)
    assert (shown.stage, shown.costs) == ("Panel appointed", "£12,500.00")
    with pytest.raises(ValidationError, match="already has a case review"):
        reviews.add_review(summary.board_id, "dhr-2026-01")
    with pytest.raises(ValidationError, match="below nothing"):
        reviews.add_cost(made.id, -2_000_000)
    priority = reviews.recommendations_priority(made.id)
    rec = services.plans.add_action(priority, "Train GP practices to ask about abuse",
                                    "Rachel Okafor", target_date=date(2026, 12, 1))  # fmt: skip
    services.plans.record_progress(rec.id, "at risk", "Two practices of nine trained.")
    table = services.plans.table(made.plan_id)
    assert table.priorities[0].actions[0].status_words == "At risk"
    # Never one of the board's plans: not listed, not its current plan, not summarised.
    names = [p.name for p in services.plans.plans(summary.board_id)]
    assert names == ["Partnership Plan"]
    assert services.plans.current_plan(summary.board_id).name == "Partnership Plan"
    status = services.plan_meetings.status(summary.board_id)
    assert all("GP practices" not in a.text for a in status.overdue + status.no_update)


def test_a_case_review_goes_to_the_closed_session_and_never_to_the_public_pack(demo, tmp_path):
    services, summary = demo
    made = services.case_reviews.add_review(summary.board_id, "DHR-2026-02", "DV Homicide Review")
    priority = services.case_reviews.recommendations_priority(made.id)
    services.plans.add_action(priority, "Share the learning with housing providers", "MCVS")
    item = services.case_reviews.put_on_agenda(made.id, summary.upcoming_meeting_id)
    assert item.is_closed and item.closed_reference == "DHR-2026-02"
    assert item.title == "Update on DV Homicide Review Ref: DHR-2026-02 inc costs"
    open_item = next(
        i for i in services.agenda.agenda(summary.upcoming_meeting_id) if not i.is_closed
    )
    with pytest.raises(ValidationError, match="only in closed session"):
        services.plan_meetings.set_review(open_item.id, made.plan_id)
    services.plan_meetings.set_review(item.id, made.plan_id)
    public = read_sections(
        export_pack(services, summary.upcoming_meeting_id, tmp_path / "p.docx", public=True)
    )
    assert "housing providers" not in public["text"] and "DHR-2026-02" not in public["text"]
    full = read_sections(export_pack(services, summary.upcoming_meeting_id, tmp_path / "f.docx"))
    assert "Appendix: Case review DHR-2026-02" in full["text"]


def test_a_stage_or_a_review_entered_by_mistake_can_be_taken_back(demo):
    """What the page's undo does: a stage removed, a review removed with everything it had."""
    services, summary = demo
    reviews = services.case_reviews
    made = reviews.add_review(summary.board_id, "DHR-2026-05", notified_on=date(2026, 4, 1))
    staged = reviews.add_stage(made.id, "Panel appointed", date(2026, 5, 1))
    assert staged.stage == "Panel appointed" and len(staged.stage_ids) == 2
    back = reviews.remove_stage(max(staged.stage_ids))
    assert (back.stage, back.stage_since) == ("Notified", date(2026, 4, 1))
    priority = reviews.recommendations_priority(made.id)
    services.plans.add_action(priority, "Share the learning", "MCVS")
    reviews.delete_review(made.id)
    assert [r.reference for r in reviews.reviews(summary.board_id)] == ["DHR-2025-03"]
    from scbmeet.domain.errors import NotFoundError

    with pytest.raises(NotFoundError):
        services.plans.table(made.plan_id)
    assert reviews.of_plan(made.plan_id) is None


def test_case_reviews_survive_export_json_and_import_json_in_a_fresh_process(demo, tmp_path):
    """The demo's review, with its stages, costs, recommendations and their progress, read
    back from the file by ``scbmeet import-json`` in a process of its own."""
    import json
    import subprocess
    import sys

    from scbmeet.cli import main

    services, _summary = demo
    out = tmp_path / "export.json"
    assert main(["export-json", str(out), "--db", str(services.db.path)]) == 0
    target = tmp_path / "copy.sqlite3"
    script = f"""
import json, sys
from scbmeet.cli import main
from scbmeet.api import open_board_database
assert main(["init", "--db", {str(target)!r}]) == 0
assert main(["import-json", {str(out)!r}, "--db", {str(target)!r}]) == 0
services = open_board_database({str(target)!r})
board = services.register.board_by_short_name("MSCB")
(review,) = services.case_reviews.reviews(board.id)
table = services.plans.table(review.plan_id)
print(json.dumps({{"ref": review.reference, "costs": review.costs,
    "stages": [s for s, _ in review.stages],
    "recs": [[a.text, a.status_words] for g in table.priorities for a in g.actions],
    "plans": [p.name for p in services.plans.plans(board.id)]}}))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    copied = json.loads(done.stdout.strip().splitlines()[-1])
    assert copied == {
        "ref": "DHR-2025-03",
        "costs": "£9,850.00",
        "stages": ["Notified", "Independent chair appointed",
                   "Overview report approved for the Home Office"],
        "recs": [["Ask about coercive control at every housing tenancy review", "On track"],
                 ["Share risk assessments between the hospital and the refuge within one "
                  "working day", "At risk"]],
        "plans": ["Partnership Plan"],  # still never listed with the board's plans
    }  # fmt: skip

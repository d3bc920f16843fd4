"""The minutes print the plan's progress and the board's decisions at the item reviewing it."""

from __future__ import annotations

import subprocess
import sys

from scbmeet.exports.minutes import export_minutes

READ = """
import sys
from docx import Document
print("\\n".join(p.text for p in Document(sys.argv[1]).paragraphs))
"""


def minutes_text(path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", READ, str(path)], capture_output=True, text=True, check=True
    )
    return done.stdout


def test_the_review_minute_records_progress_and_decisions(demo, tmp_path):
    services, summary = demo
    third = summary.meeting_ids[2]
    plan = services.plans.current_plan(summary.board_id)
    item = next(
        i for i in services.agenda.agenda(third) if i.title == "Hate crime strategy refresh"
    )
    services.plan_meetings.set_review(item.id, plan.id)
    supported, deferred = services.plan_decisions.recommendations(plan.id)
    services.plan_decisions.decide(supported.id, third, "supported")
    services.plan_decisions.decide(deferred.id, third, "deferred", "until the budget is set")
    text = minutes_text(export_minutes(services, third, tmp_path / "m.docx"))
    assert "The Board reviewed progress on the Partnership Plan" in text
    assert "4 actions: 1 on track, 1 at risk, 1 off track, 1 complete." in text
    assert "Train frontline staff of every partner" in text and "- Off track: Commissioning" in text
    assert f"{supported.text} Supported." in text
    assert f"{deferred.text} Deferred (until the budget is set)." in text


def test_other_minutes_say_nothing_of_the_plan(demo, tmp_path):
    services, summary = demo
    text = minutes_text(export_minutes(services, summary.meeting_ids[2], tmp_path / "m.docx"))
    assert "reviewed progress on the" not in text and "Actions for support" not in text

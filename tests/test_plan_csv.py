"""Importing an existing action plan from a spreadsheet: columns mapped in a preview, then
all or nothing."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.domain.errors import ImportFormatError

SHEET = """Theme,Threat/Risk,Action,Lead,Progress,RAG,Due
Alcohol harm,No joint prevention plan for alcohol harm.,Draft an adult alcohol harm plan,Tom Ellery,Plan drafted,Green,31/03/2027
,,Agree who governs the plan,Tom Ellery/MFRS,,,
Hate crime,Reporting is low in rural areas.,Open third-party reporting centres,MCVS,Two opened,Amber,1 Jun 2027
"""


def test_the_preview_guesses_the_columns_and_rows_continue_their_priority(demo):
    services, summary = demo
    plan = services.plans.current_plan(summary.board_id)
    preview = services.plan_csv.preview(plan.id, SHEET)
    assert preview.ok, preview.problems + tuple(p for r in preview.rows for p in r.problems)
    assert preview.mapping == {
        "priority": "Theme", "threat": "Threat/Risk", "action": "Action", "owner": "Lead",
        "target": "Due", "milestones": None, "progress": "Progress", "status": "RAG",
    }  # fmt: skip
    second = preview.rows[1]
    assert (second.priority, second.threat) == (
        "Alcohol harm",
        "No joint prevention plan for alcohol harm.",
    )
    assert [o.name for o in second.owners] == ["Tom Ellery", "MFRS"]
    assert preview.rows[2].target == date(2027, 6, 1) and preview.rows[2].status == "at_risk"


def test_an_import_adds_priorities_actions_owners_and_progress(demo):
    services, summary = demo
    plan = services.plans.current_plan(summary.board_id)
    assert services.plan_csv.import_plan(plan.id, SHEET, on_date=date(2026, 11, 1)) == 3
    table = services.plans.table(plan.id, as_of=date(2026, 11, 2))
    themes = [g.priority.theme for g in table.priorities]
    assert themes[-2:] == ["Alcohol harm", "Hate crime"]
    alcohol = table.priorities[-2]
    assert [a.text for a in alcohol.actions] == [
        "Draft an adult alcohol harm plan",
        "Agree who governs the plan",
    ]
    assert alcohol.actions[0].status_words == "On track"
    assert alcohol.actions[0].latest.text == "Plan drafted"
    assert (
        alcohol.actions[1].latest is None and alcohol.actions[1].owner_names == "Tom Ellery / MFRS"
    )


def test_a_file_with_any_problem_imports_nothing_and_a_mapping_can_be_changed(demo):
    services, summary = demo
    plan = services.plans.current_plan(summary.board_id)
    before = services.plans.table(plan.id)
    bad = SHEET.replace("MCVS", "Nobody Known").replace("Green", "Sparkly")
    preview = services.plan_csv.preview(plan.id, bad)
    problems = [p for r in preview.rows for p in r.problems]
    assert problems == [
        "line 2: the status 'Sparkly' is not a rating",
        "line 4: 'Nobody Known' is not in the register; add them as a person or organisation first",
    ]
    with pytest.raises(ImportFormatError, match="Nothing was imported: 2 problem"):
        services.plan_csv.import_plan(plan.id, bad)
    assert services.plans.table(plan.id) == before
    renamed = SHEET.replace("Lead", "Who")
    assert services.plan_csv.preview(plan.id, renamed).problems == (
        "No column is the owner (map one to it).",
    )
    assert services.plan_csv.preview(plan.id, renamed, {"owner": "Who"}).ok
    assert services.plan_csv.preview(plan.id, renamed, {"owner": "Whom"}).problems[0] == (
        "The file has no column 'Whom'."
    )


def test_the_command_line_previews_maps_and_imports(demo, tmp_path, capsys):
    from scbmeet.cli import main

    services, summary = demo
    sheet = tmp_path / "plan.csv"
    sheet.write_text(SHEET.replace("Lead", "Who"), encoding="utf-8")
    db = str(services.db.path)
    base = ["plan", "import", str(sheet), "--board", "MSCB", "--db", db]
    assert main(base) == 1
    said = capsys.readouterr().out
    assert "owner       <- (no column)" in said and "Nothing imported: 1 problem(s)." in said
    assert main([*base, "--map", "owner=Who", "--preview"]) == 0
    assert "3 action(s) ready to import" in capsys.readouterr().out
    plan = services.plans.current_plan(summary.board_id)
    assert len(services.plans.priorities(plan.id)) == 3  # the preview stored nothing
    assert main([*base, "--map", "owner=Who"]) == 0
    assert "Imported 3 action(s) into Partnership Plan." in capsys.readouterr().out
    assert len(services.plans.priorities(plan.id)) == 5

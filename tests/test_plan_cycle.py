"""The annual cycle: the next plan from the strategic assessment's priorities, with the
unfinished actions of continuing priorities copied forward."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.domain.errors import ValidationError


def test_the_next_plan_takes_the_assessments_priorities_and_the_unfinished_actions(demo):
    services, summary = demo
    old = services.plans.current_plan(summary.board_id)
    with pytest.raises(ValidationError, match="already has a plan called"):
        services.plan_cycle.next_plan(old.id, "partnership plan")
    made = services.plan_cycle.next_plan(
        old.id,
        "Partnership Plan 2027",
        period="2027-2030",
        priorities=[
            ("Domestic abuse", ""),
            ("Reducing reoffending", ""),
            ("Serious violence", "Knife crime among under-25s has doubled in Eastvale."),
        ],
        starts_on=date(2027, 4, 1),
    )
    assert services.plans.plan(old.id).status == "finished"
    assert services.plans.current_plan(summary.board_id) == made.plan
    table = services.plans.table(made.plan.id, as_of=date(2027, 4, 1))
    themes = [(g.priority.theme, bool(g.priority.threat)) for g in table.priorities]
    assert themes == [("Domestic abuse", True), ("Reducing reoffending", True),
                      ("Serious violence", True)]  # fmt: skip
    # Domestic abuse's off-track training comes forward; reoffending's complete action not.
    assert made.carried == 1
    training = table.priorities[0].actions[0]
    assert training.text.startswith("Train frontline staff")
    assert training.owner_names == "Rachel Okafor / MFRS" and training.status_words == "Off track"
    assert training.latest.text.startswith("Carried forward from Partnership Plan (off track)")
    assert table.priorities[1].actions == () and table.priorities[2].actions == ()
    # Anti-social behaviour was dropped: its two unfinished actions are named, not copied.
    assert [a.text[:12] for a in made.left_behind] == ["Run a monthl", "Offer divers"]


def test_bad_priorities_are_refused_and_nothing_is_started(demo):
    services, summary = demo
    old = services.plans.current_plan(summary.board_id)
    for priorities in ([], [("Domestic abuse", ""), ("domestic abuse", "")], [("  ", "")]):
        with pytest.raises(ValidationError):
            services.plan_cycle.next_plan(old.id, "Next plan", priorities=priorities)
    assert [p.name for p in services.plans.plans(summary.board_id)] == [old.name]
    assert services.plans.plan(old.id).status == "active"


def test_the_command_line_starts_the_next_plan(demo, capsys):
    from scbmeet.cli import main

    services, _summary = demo
    db = str(services.db.path)
    args = ["plan", "next", "--board", "MSCB", "--name", "Plan 2027", "--period", "2027-2030"]
    assert main([*args, "--priority", "Domestic abuse", "--db", db]) == 0
    said = capsys.readouterr().out
    assert "Started Plan 2027; 1 unfinished action(s) carried forward." in said
    assert "Not carried (its priority was dropped): Offer diversionary activity" in said
    assert main([*args, "--db", db]) == 1
    assert (
        capsys.readouterr().err.strip()
        == "scbmeet: The board already has a plan called 'Plan 2027'."
    )

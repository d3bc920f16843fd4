"""Statutory duties of the plan's annual cycle come onto the forward plan when they are due."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.domain.errors import ValidationError


def test_duties_falling_due_go_on_the_forward_plan_once(demo):
    """The demo (21 November 2026) has the statutory duties; the one due is placed once."""
    services, summary = demo
    duties = services.plan_duties
    assert [d.due_month for d in duties.duties(summary.board_id)] == [1, 3, 4, 10]
    assert duties.add_statutory_duties(summary.board_id) == []  # not twice
    placed = duties.place_due(summary.board_id, date(2026, 11, 21))
    assert [(e.title, e.due_month) for e in placed] == [
        ("Annual strategic assessment", date(2027, 1, 1))
    ]
    assert placed[0].source_text == "Statutory duty (due 1 January 2027)"
    assert duties.place_due(summary.board_id, date(2026, 11, 28)) == []  # already there
    later = duties.place_due(summary.board_id, date(2027, 2, 1))
    assert [e.title for e in later] == [
        "Refresh of the partnership plan",
        "Partnership plan sent to the police and crime commissioner",  # due 1 April
    ]
    titles = [e.title for e in services.forward_plan.entries(summary.board_id)]
    assert titles.count("Annual strategic assessment") == 1


def test_a_duty_on_a_day_that_a_year_lacks_falls_on_the_months_last(demo):
    services, summary = demo
    duty = services.plan_duties.add_duty(summary.board_id, "Leap-day review", 2, day=29)
    assert duty.next_due(date(2026, 11, 1)) == date(2027, 2, 28)
    for bad in ({"month": 13}, {"month": 2, "day": 0}, {"month": 2, "notice_months": 24}):
        with pytest.raises(ValidationError):
            services.plan_duties.add_duty(summary.board_id, "Bad", **bad)
    titles = [d.title for d in services.plan_duties.duties(summary.board_id)]
    assert titles.count("Leap-day review") == 1 and "Bad" not in titles


def test_the_command_line_lists_adds_and_places_duties(demo, capsys):
    from scbmeet.cli import main

    services, summary = demo
    db = str(services.db.path)
    assert main(["plan", "duties", "--board", "MSCB", "--add-statutory", "--db", db]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 4 and listed[0].endswith("\tAnnual strategic assessment")
    assert len(services.plan_duties.duties(summary.board_id)) == 4

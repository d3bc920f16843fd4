"""``scbmeet cases`` and ``scbmeet case add|stage|cost|...``: the register of restricted case
reviews on the command line - options in either order, one-line refusals, nothing
half-changed."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.cli import main


@pytest.fixture
def db(demo) -> str:
    services, _summary = demo
    return str(services.db.path)


def refusal(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err  # one line, never a traceback
    return err[0]


def test_a_review_is_registered_staged_costed_and_listed(demo, db, capsys):
    services, summary = demo
    assert main(["cases", "--db", db]) == 0
    assert capsys.readouterr().out.startswith("MSCB\tDHR-2025-03\tDV Homicide Review\t")
    # --db before the command and after it, --board before and after the reference
    add = ["case", "add", "--board", "MSCB", "DHR-2026-01", "--title", "DV Homicide Review"]
    assert main(["--db", db, *add, "--notified", "2026-02-01"]) == 0
    assert capsys.readouterr().out == "Registered case review DHR-2026-01 (closed business).\n"
    assert main(["case", "stage", "dhr-2026-01", "Panel appointed", "--on", "2026-03-02",
                 "--board", "MSCB", "--db", db]) == 0  # fmt: skip
    assert main(["case", "cost", "--db", db, "DHR-2026-01", "1,250.50", "--board", "MSCB"]) == 0
    assert main(["case", "cost", "DHR-2026-01", "-50", "--board", "MSCB", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "DHR-2026-01: Panel appointed on 2026-03-02." in out
    assert out.splitlines()[-1] == "DHR-2026-01: costs so far £1,200.50."
    assert main(["case", "recommend", "DHR-2026-01", "Train GP practices to ask about abuse",
                 "--owner", "Rachel Okafor", "--target", "2026-12-01", "--board", "MSCB",
                 "--db", db]) == 0  # fmt: skip
    assert main(["case", "progress", "DHR-2026-01", "1", "at risk", "Two of nine trained.",
                 "--on", "2026-05-01", "--board", "MSCB", "--db", db]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["cases", "--board", "MSCB", "--db", db]) == 0
    assert capsys.readouterr().out.splitlines(keepends=True)[1] == (
        "MSCB\tDHR-2026-01\tDV Homicide Review\tPanel appointed since 2026-03-02\t"
        "£1,200.50\t1 at risk\n"
    )
    assert main(["case", "show", "DHR-2026-01", "--board", "MSCB", "--db", db]) == 0
    shown = capsys.readouterr().out
    assert "2026-02-01  Notified" in shown and "1. [At risk] Train GP practices" in shown
    assert "2026-05-01: Two of nine trained." in shown
    info = services.case_reviews.find(summary.board_id, "DHR-2026-01")
    assert info.costs_pence == 120_050 and [s for s, _ in info.stages] == [
        "Notified",
        "Panel appointed",
    ]


def test_its_update_goes_on_the_closed_session_of_a_meeting(demo, db, capsys):
    services, summary = demo
    meeting = services.meetings.meeting(summary.upcoming_meeting_id)
    assert main(["case", "add", "DHR-2026-02", "--board", "MSCB", "--db", db]) == 0
    assert main(["case", "agenda", "--meeting", meeting.date.isoformat(), "DHR-2026-02",
                 "--board", "MSCB", "--db", db]) == 0  # fmt: skip
    assert "Update on case review Ref: DHR-2026-02 inc costs" in capsys.readouterr().out
    item = next(
        i for i in services.agenda.agenda(meeting.id) if i.closed_reference == "DHR-2026-02"
    )
    assert item.is_closed
    review = services.plan_meetings.review_of_item(item.id)
    assert review is not None and review.closed


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["case", "cost", "DHR-9", "12", "--board", "MSCB"],
         "scbmeet: This board has no case review 'DHR-9'."),
        (["case", "cost", "DHR-1", "twelve", "--board", "MSCB"],
         "scbmeet: 'twelve' is not an amount in pounds (e.g. 1,250.50)."),
        (["case", "cost", "DHR-1", "12.345", "--board", "MSCB"],
         "scbmeet: '12.345' is not an amount in pounds (e.g. 1,250.50)."),
        (["case", "cost", "DHR-1", "-900", "--board", "MSCB"],
         "scbmeet: A review's costs cannot fall below nothing."),
        (["case", "stage", "DHR-1", "Panel", "--on", "2 March", "--board", "MSCB"],
         "scbmeet: '2 March' is not a date; write it as YYYY-MM-DD, e.g. 2013-06-05."),
        (["case", "stage", "DHR-1", "  ", "--board", "MSCB"],
         "scbmeet: The stage must not be empty."),
        (["case", "add", "dhr-1", "--board", "MSCB"],
         "scbmeet: The board already has a case review 'dhr-1'."),
        (["case", "add", "DHR-2", "--board", "XX"], None),
        (["case", "progress", "DHR-1", "3", "on track", "--board", "MSCB"],
         "scbmeet: DHR-1 has 0 recommendation(s); `case show` numbers them."),
        (["case", "progress", "DHR-1", "1", "fine", "--board", "MSCB"], None),
        (["case", "recommend", "DHR-1", "Do it", "--owner", "X", "--target", "soon",
          "--board", "MSCB"],
         "scbmeet: 'soon' is not a date; write it as YYYY-MM-DD, e.g. 2013-06-05."),
        (["case", "agenda", "DHR-1", "--meeting", "2001-01-01", "--board", "MSCB"], None),
    ],
)  # fmt: skip
def test_a_refusal_is_one_line_and_changes_nothing(demo, db, capsys, args, said):
    services, summary = demo
    made = services.case_reviews.add_review(summary.board_id, "DHR-1", notified_on=date(2026, 1, 5))
    services.case_reviews.add_cost(made.id, 500_00)
    if args[1] == "progress" and args[3] == "1":
        priority = services.case_reviews.recommendations_priority(made.id)
        services.plans.add_action(priority, "Share the learning", "MCVS")
    before = (services.case_reviews.reviews(summary.board_id),
              services.plans.table(made.plan_id),
              [len(services.agenda.agenda(m.id)) for m in services.meetings.meetings()])  # fmt: skip
    assert main([*args, "--db", db]) == 1
    line = refusal(capsys)
    assert line.startswith("scbmeet: ") and "Traceback" not in line
    if said is not None:
        assert line == said
    after = (services.case_reviews.reviews(summary.board_id),
             services.plans.table(made.plan_id),
             [len(services.agenda.agenda(m.id)) for m in services.meetings.meetings()])  # fmt: skip
    assert after == before


def test_an_item_that_cannot_be_linked_is_not_left_on_the_agenda(demo, db, capsys):
    """An approved meeting's agenda is closed to changes: nothing is added to it."""
    services, summary = demo
    approved = services.meetings.meeting(summary.meeting_ids[0])
    assert approved.minutes_approved
    services.case_reviews.add_review(summary.board_id, "DHR-3")
    count = len(services.agenda.agenda(approved.id))
    assert main(["case", "agenda", "DHR-3", "--meeting", approved.date.isoformat(),
                 "--board", "MSCB", "--db", db]) == 1  # fmt: skip
    refusal(capsys)
    assert len(services.agenda.agenda(approved.id)) == count

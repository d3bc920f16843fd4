"""The access-to-information commands: ``agenda issue``, ``meeting sign``, ``interest add|list``
and what ``show`` prints about publication, run in-process on a copy of the demo."""

from __future__ import annotations

from scbmeet.cli import main


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_issue_sign_and_register_from_the_command_line(demo, capsys):
    services, summary = demo
    db = str(services.db.path)
    upcoming = services.meetings.meeting(summary.upcoming_meeting_id).date.isoformat()
    code, out, _ = _run(capsys, "show", upcoming, "--db", db)
    assert code == 0 and "Agenda to be published by" in out and "Papers due by" in out
    code, out, _ = _run(capsys, "agenda", "issue", upcoming, "--db", db)
    assert code == 0 and out.startswith("The agenda of ")
    code, _, err = _run(capsys, "agenda", "issue", upcoming, "--db", db)
    assert code == 1 and "already published" in err and "Traceback" not in err
    code, _, err = _run(capsys, "agenda", "add", upcoming, "Late item", "--db", db)
    assert code == 1 and "give the reason it is urgent" in err
    code, out, _ = _run(
        capsys, "agenda", "add", upcoming, "Late item", "--urgent", "Came late", "--db", db
    )
    assert code == 0
    code, out, _ = _run(capsys, "show", upcoming, "--db", db)
    assert "Agenda published on" in out and "(supplementary: Came late)" in out
    second = services.meetings.meeting(summary.meeting_ids[1]).date.isoformat()
    code, out, _ = _run(capsys, "meeting", "sign", second, "--by", "Cllr A Hale", "--db", db)
    assert code == 0 and "Signed as a correct record by Cllr A Hale" in out
    code, out, _ = _run(
        capsys,
        "interest",
        "add",
        "Lucy Hart",
        "Eastvale Tenants (chair)",
        "--kind",
        "other",
        "--db",
        db,
    )
    assert code == 0
    code, out, _ = _run(capsys, "interest", "list", "--db", db)
    assert "Lucy Hart: Eastvale Tenants (chair) (other registrable interest)" in out


def _closed_item(services, meeting_id, title):
    return next(i for i in services.agenda.agenda(meeting_id) if i.title == title)


def test_agenda_add_sets_a_closed_items_reason_or_paragraphs_options_in_either_order(demo, capsys):
    services, summary = demo
    db = str(services.db.path)
    board = services.meetings.meeting(summary.upcoming_meeting_id).board_id
    services.register.update_board(board, {"access_rules": ""})  # a partnership board
    upcoming = services.meetings.meeting(summary.upcoming_meeting_id).date.isoformat()
    code, out, err = _run(
        capsys,
        "agenda",
        "add",
        "--reason",
        "Names a family under a safeguarding plan",
        "--db",
        db,
        upcoming,
        "Family case update",
    )
    assert code == 0, err
    item = _closed_item(services, summary.upcoming_meeting_id, "Family case update")
    assert item.is_closed and item.closed_reason == "Names a family under a safeguarding plan"
    assert item.exempt_paragraphs == ()
    code, out, err = _run(
        capsys, "agenda", "add", upcoming, "Gang mapping", "--closed", "OP-7", "--paragraphs", "7",
        "--db", db,
    )  # fmt: skip
    assert code == 0, err
    item = _closed_item(services, summary.upcoming_meeting_id, "Gang mapping")
    assert item.is_closed and item.exempt_paragraphs == (7,) and item.closed_reference == "OP-7"
    code, out, _ = _run(capsys, "show", upcoming, "--db", db)
    assert "(closed: Names a family under a safeguarding plan)" in out
    assert "(closed: OP-7; Schedule 12A para 7)" in out


def test_a_reason_in_words_does_not_do_for_a_statutory_board_at_issue(demo, capsys):
    services, summary = demo
    db = str(services.db.path)
    upcoming = services.meetings.meeting(summary.upcoming_meeting_id).date.isoformat()
    code, _, err = _run(
        capsys, "agenda", "add", upcoming, "Family case update", "--reason", "Sensitive",
        "--db", db,
    )  # fmt: skip
    assert code == 0, err
    code, _, err = _run(capsys, "agenda", "issue", upcoming, "--db", db)
    assert code == 1 and "Family case update" in err and "Traceback" not in err
    assert "paragraph" in err.lower()
    assert services.publication.record(summary.upcoming_meeting_id).published_at is None

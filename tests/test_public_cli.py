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

"""Service support for undoing paper edits: snapshot, restore and reset a paper with its files."""

from datetime import date

import pytest

from scbmeet.domain.errors import ValidationError

WORD = b"PK\x03\x04 word bytes \x00\xff" * 100
APPENDIX = bytes(range(256)) * 40


@pytest.fixture
def paper(services):
    """A meeting with an item, and a paper on it with two files and a theme."""
    reg = services.register
    board = reg.create_board("Test Board", "TB")
    author = reg.create_person("Okafor", given_names="Rachel")
    theme = reg.create_theme("Hate crime")
    meeting = services.meetings.create_meeting(board.id, date(2026, 12, 2), standard_agenda=False)
    ag = services.agenda
    item = ag.add_item(meeting.id, "Hate crime strategy")
    ag.add_paper(item.id, "Cover note")
    p = ag.add_paper(
        item.id,
        "Budget report",
        author_id=author.id,
        recommendation="The board notes the report.",
        due_date=date(2026, 11, 25),
        theme_ids=[theme.id],
    )
    ag.attach_file(p.id, "budget.docx", WORD)
    ag.attach_file(p.id, "appendix.pdf", APPENDIX, role="appendix")
    ag.add_paper(item.id, "Last paper")
    return meeting, item, ag.paper(p.id)


def contents(services, paper_info):
    return [(f.filename, f.role, services.agenda.file_content(f.id)[1]) for f in paper_info.files]


def paper_titles(services, item_id):
    return [p.title for p in services.agenda.item(item_id).papers]


def test_a_deleted_paper_comes_back_whole_in_its_place(services, paper):
    meeting, item, p = paper
    ag = services.agenda
    before = contents(services, p)
    snap = ag.snapshot_paper(p.id)
    assert snap.id == p.id and snap.agenda_item_id == item.id
    ag.delete_paper(p.id)
    assert paper_titles(services, item.id) == ["Cover note", "Last paper"]
    back = ag.restore_paper(snap, item.id)
    assert back.id != p.id
    assert paper_titles(services, item.id) == ["Cover note", "Budget report", "Last paper"]
    assert contents(services, back) == before
    assert back.files[0].sha256 == p.files[0].sha256
    for name in ("author_id", "recommendation", "state", "due_date", "received_on", "theme_ids"):
        assert getattr(back, name) == getattr(p, name), name
    operations = [(a.entity, a.operation) for a in services.meetings.audit(meeting.id)]
    assert operations[-2:] == [("paper", "delete"), ("paper", "restore")]


def test_reset_puts_fields_and_files_back_and_forth(services, paper):
    _meeting, _item, p = paper
    ag = services.agenda
    before = ag.snapshot_paper(p.id)
    files_before = contents(services, p)
    ag.update_paper(p.id, {"title": "Budget report (revised)", "state": "tabled"})
    ag.remove_file(p.files[1].id)
    ag.attach_file(p.id, "revised.docx", b"new bytes")
    after = ag.snapshot_paper(p.id)
    undone = ag.reset_paper(p.id, before)
    assert (undone.title, undone.state) == ("Budget report", "attached")
    assert contents(services, undone) == files_before
    assert undone.files[0].id == p.files[0].id  # an unchanged file is not written again
    redone = ag.reset_paper(p.id, after)
    assert (redone.title, redone.state) == ("Budget report (revised)", "tabled")
    assert contents(services, redone) == [
        ("budget.docx", "paper", WORD),
        ("revised.docx", "paper", b"new bytes"),
    ]


def test_paper_values_are_what_update_paper_takes(services, paper):
    _meeting, _item, p = paper
    values = services.agenda.paper_values(p.id)
    assert values["title"] == "Budget report" and values["due_date"] == date(2026, 11, 25)
    services.agenda.update_paper(p.id, {"title": "Other"})
    assert services.agenda.update_paper(p.id, values).title == "Budget report"


def test_approved_minutes_lock_restoring_resetting_and_files(services, paper):
    meeting, item, p = paper
    ag = services.agenda
    snap = ag.snapshot_paper(p.id)
    services.meetings.approve_minutes(meeting.id)
    for attempt in (
        lambda: ag.restore_paper(snap, item.id),
        lambda: ag.reset_paper(p.id, snap),
        lambda: ag.attach_file(p.id, "late.docx", b"x"),
        lambda: ag.remove_file(p.files[0].id),
    ):
        with pytest.raises(ValidationError, match="approved minutes"):
            attempt()
    assert contents(services, ag.paper(p.id)) == contents(services, p)

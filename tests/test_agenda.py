"""Agendas: numbering follows order, sub-items, closed session, papers and templates."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.domain.errors import ValidationError


@pytest.fixture
def meeting(small):
    return small.services.meetings.create_meeting(small.board.id, date(2013, 11, 27))


def titled(services, meeting_id, title):
    """The meeting's agenda item called ``title``."""
    return next(i for i in services.agenda.agenda(meeting_id) if i.title == title)


def numbered(services, meeting_id):
    return [(i.number, i.title) for i in services.agenda.agenda(meeting_id)]


def test_new_items_go_before_aob_and_numbers_follow_order(small, meeting):
    ag = small.services.agenda
    perf = ag.add_item(meeting.id, "Performance report", presenter_ids=[small.kul.id])
    ag.add_item(meeting.id, "Performance report *", parent_id=perf.id)
    ag.add_item(meeting.id, "Follow up on previous actions", parent_id=perf.id)
    ag.add_item(meeting.id, "Hate crime strategy", presenter_text="Sally Goodwin")
    assert numbered(small.services, meeting.id) == [
        ("", "Apologies"),
        ("1", "Declarations of interest"),
        ("2", "Matters arising"),
        ("3", "Performance report"),
        ("3.1", "Performance report *"),
        ("3.2", "Follow up on previous actions"),
        ("4", "Hate crime strategy"),
        ("5", "Any other business"),
        ("", "Date of next meeting"),
    ]
    ag.move_item(perf.id, 4)  # below the hate crime item (index among the other items)
    assert [n for n, _ in numbered(small.services, meeting.id)][3:7] == ["3", "4", "4.1", "4.2"]


def test_closed_items_follow_the_open_session_and_carry_a_reference(small, meeting):
    ag = small.services.agenda
    closed = ag.add_item(
        meeting.id, "DV homicide review", session="closed", closed_reference="CDNCH-11"
    )
    ag.add_item(meeting.id, "Open item")
    items = ag.agenda(meeting.id)
    assert (
        items[-1].id == closed.id
        and items[-1].is_closed
        and items[-1].closed_reference == "CDNCH-11"
    )
    ag.move_item(closed.id, 0)  # moving within the closed session keeps it there
    assert ag.agenda(meeting.id)[-1].id == closed.id


def test_sub_items_are_one_level_deep(small, meeting):
    ag = small.services.agenda
    parent = ag.add_item(meeting.id, "Parent")
    child = ag.add_item(meeting.id, "Child", parent_id=parent.id)
    with pytest.raises(ValidationError, match="one level deep"):
        ag.add_item(meeting.id, "Grandchild", parent_id=child.id)


def test_empty_titles_are_refused(small, meeting):
    with pytest.raises(ValidationError, match="item title must not be empty"):
        small.services.agenda.add_item(meeting.id, "   ")


def test_papers_files_and_late_papers(small, meeting):
    ag = small.services.agenda
    item = ag.add_item(meeting.id, "Strategic assessment")
    paper = ag.add_paper(
        item.id, "Threat and risk priorities", author_id=small.sally.id, due_date=date(2013, 11, 13)
    )
    other = ag.add_paper(item.id, "Appendix only", due_date=date(2013, 11, 20))
    stored = ag.attach_file(paper.id, "../../etc/Priorities 2014.docx", b"PK\x03\x04fake")
    assert stored.filename == "Priorities 2014.docx"
    info, content = ag.file_content(stored.id)
    assert content == b"PK\x03\x04fake" and info.size == len(content)
    assert ag.paper(paper.id).state == "attached"
    late = ag.mark_late_papers(meeting.id, today=date(2013, 11, 21))
    assert [p.id for p in late] == [other.id] and late[0].state == "to_follow"
    assert [p.title for p in ag.missing_papers(meeting.id)] == ["Appendix only"]
    assert (
        titled(small.services, meeting.id, "Strategic assessment").papers[0].author_name
        == "Sally Goodwin"
    )


def test_a_template_starts_the_next_meeting(small, meeting):
    ag = small.services.agenda
    perf = ag.add_item(meeting.id, "Performance report", presenter_ids=[small.kul.id])
    ag.add_item(meeting.id, "Quarterly figures", parent_id=perf.id)
    template_id = ag.save_template(meeting.id, "Quarterly")
    assert ag.templates(small.board.id) == [(template_id, "Quarterly")]
    nxt = small.services.meetings.create_meeting(
        small.board.id, date(2014, 3, 5), template_id=template_id
    )
    assert numbered(small.services, nxt.id) == numbered(small.services, meeting.id)
    assert titled(small.services, nxt.id, "Performance report").presenters == "Kul Mahay"


def test_deleting_an_item_is_audited(small, meeting):
    ag = small.services.agenda
    item = ag.add_item(meeting.id, "Mistake")
    ag.delete_item(item.id)
    assert "Mistake" not in [t for _, t in numbered(small.services, meeting.id)]
    entry = small.services.meetings.audit(meeting.id)[-1]
    assert (entry.entity, entry.operation) == ("agendaitem", "delete")

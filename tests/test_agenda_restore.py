"""Service support for the agenda builder: restoring deleted items, planning new meetings."""

from datetime import date

import pytest

from scbmeet.domain.errors import ValidationError


@pytest.fixture
def meeting(services):
    reg = services.register
    board = reg.create_board("Test Board", "TB")
    person = reg.create_person("Okafor", given_names="Rachel")
    theme = reg.create_theme("Hate crime")
    m = services.meetings.create_meeting(board.id, date(2026, 12, 2))
    return m, person, theme


def titles(services, meeting_id):
    return [(i.number, i.title) for i in services.agenda.agenda(meeting_id)]


def test_deleted_item_comes_back_whole(services, meeting):
    m, person, theme = meeting
    ag = services.agenda
    item = ag.add_item(m.id, "Hate crime", presenter_ids=[person.id], theme_ids=[theme.id])
    ag.add_item(m.id, "Strategy", parent_id=item.id)
    paper = ag.add_paper(item.id, "Strategy report", author_id=person.id)
    ag.attach_file(paper.id, "report.docx", b"word bytes")
    before = titles(services, m.id)
    at = [i.id for i in ag.agenda(m.id) if i.parent_id is None].index(item.id)
    snap = ag.snapshot_item(item.id)
    ag.delete_item(item.id)
    assert "Hate crime" not in [t for _, t in titles(services, m.id)]
    restored = ag.restore_item(snap, at)
    assert titles(services, m.id) == before
    assert restored.presenter_ids == (person.id,)
    assert restored.theme_ids == (theme.id,)
    (paper_back,) = restored.papers
    assert paper_back.state == "attached"
    (file_back,) = paper_back.files
    assert services.agenda.file_content(file_back.id)[1] == b"word bytes"


def test_restored_item_is_linked_to_its_forward_plan_entry_again(services, meeting):
    m, _person, _theme = meeting
    entry = services.forward_plan.add_entry(m.board_id, "Report back", due_meeting_id=m.id)
    services.forward_plan.schedule(entry.id, m.id)
    item_id = services.forward_plan.entries(m.board_id)[0].agenda_item_id
    snap = services.agenda.snapshot_item(item_id)
    services.agenda.delete_item(item_id)
    assert services.forward_plan.entries(m.board_id)[0].agenda_item_id is None
    restored = services.agenda.restore_item(snap, 0)
    assert services.forward_plan.entries(m.board_id)[0].agenda_item_id == restored.id


def test_restore_under_a_parent_and_refusal_for_items_with_children(services, meeting):
    m, _person, _theme = meeting
    ag = services.agenda
    parent = ag.add_item(m.id, "Performance")
    child = ag.add_item(m.id, "Quarter 2", parent_id=parent.id)
    snap = ag.snapshot_item(child.id)
    ag.delete_item(child.id)
    back = ag.restore_item(snap, 0, parent_id=parent.id)
    assert back.parent_id == parent.id and back.number.endswith(".1")
    with pytest.raises(ValidationError, match="sub-items"):
        ag.restore_item(ag.snapshot_item(parent.id), 0, parent_id=back.id)


def test_forward_plan_due_on_a_date_before_the_meeting_exists(services):
    board = services.register.create_board("Test Board", "TB")
    early = services.forward_plan.add_entry(board.id, "Early", due_month=date(2026, 10, 1))
    services.forward_plan.add_entry(board.id, "Later", due_month=date(2027, 3, 1))
    due = services.forward_plan.due_on(board.id, date(2026, 12, 2))
    assert [e.id for e in due] == [early.id]
    m = services.meetings.create_meeting(
        board.id, date(2026, 12, 2), include_forward_plan=[e.id for e in due]
    )
    assert "Early" in [i.title for i in services.agenda.agenda(m.id)]
    assert services.forward_plan.due_on(board.id, date(2026, 12, 9)) == []


def test_suggested_date_follows_the_boards_rhythm(services):
    board = services.register.create_board("Test Board", "TB")
    today = date(2026, 11, 21)
    assert services.meetings.suggest_date(board.id, today) == date(2026, 12, 5)
    services.meetings.create_meeting(board.id, date(2026, 6, 10))
    services.meetings.create_meeting(board.id, date(2026, 9, 9))
    suggestion = services.meetings.suggest_date(board.id, today)
    assert suggestion == date(2026, 12, 9)  # 13 weeks on, still a Wednesday
    services.meetings.create_meeting(board.id, suggestion)
    assert services.meetings.suggest_date(board.id, today) == date(2027, 3, 10)


def test_templates_can_be_deleted(services, meeting):
    m, _person, _theme = meeting
    template_id = services.agenda.save_template(m.id, "Quarterly")
    assert services.agenda.templates(m.board_id) == [(template_id, "Quarterly")]
    services.agenda.delete_template(template_id)
    assert services.agenda.templates(m.board_id) == []

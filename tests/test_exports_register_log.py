"""The register's action log: the actions a filter shows, under a heading naming the filter."""

from __future__ import annotations

from datetime import date

import docx
import pytest
from docx.enum.section import WD_ORIENT

from scbmeet.domain.errors import ValidationError
from scbmeet.exports.register_log import describe_filter, export_register_log
from scbmeet.services.action_filters import ActionFilter

TODAY = date(2026, 11, 21)
HEADER = ["Minute", "Action", "Owner(s)", "Due", "Status", "Latest progress"]


def _rows(table):
    return [[c.text for c in row.cells] for row in table.rows]


def _person_key(services, name):
    (owner,) = services.register.match_owner(name)
    return ("person", owner.person_id)


@pytest.fixture
def register(undated_demo):
    """The demo's register with 2/26 overdue on 21 November 2026, as the register shows it."""
    services, summary = undated_demo
    rows = services.action_register.query(ActionFilter(), today=TODAY)
    by_ref = {r.minute_reference: r for r in rows}
    services.actions.update_action(by_ref["2/26"].id, {"due_date": date(2026, 10, 1)})
    services.actions.update_action(by_ref["6/26"].id, {"due_date": date(2027, 1, 31)})
    return services, summary


def _export(services, action_filter, path, **kwargs):
    rows = services.action_register.query(action_filter, today=TODAY)
    ids = kwargs.pop("ids", [r.id for r in rows])
    return docx.Document(
        export_register_log(services, ids, action_filter, path, today=TODAY, **kwargs)
    ), rows


def test_one_owners_outstanding_actions_under_a_heading_naming_the_filter(register, tmp_path):
    services, _summary = register
    action_filter = ActionFilter(owner=_person_key(services, "Rachel Okafor"))
    doc, rows = _export(services, action_filter, tmp_path / "log.docx")
    texts = [(p.style.name, p.text) for p in doc.paragraphs]
    assert ("SCB Title", "Marlshire Safer Communities Board") in texts
    assert (
        "SCB Subtitle",
        "Action log from the actions register, Saturday 21 November 2026",
    ) in texts
    assert ("Heading 1", "Outstanding actions, owner Rachel Okafor") in texts
    assert ("Normal", "2 actions; 1 is overdue (due before 21 November 2026).") in texts
    table = _rows(doc.tables[0])
    assert table[0] == HEADER
    assert [r[0] for r in table[1:]] == [r.minute_reference for r in rows] == ["2/26", "14/26"]
    assert all("Rachel Okafor" in r[2] for r in table[1:])
    assert table[1][3:5] == ["1 October 2026", "Open\nOVERDUE"]
    assert doc.sections[-1].orientation == WD_ORIENT.LANDSCAPE
    assert doc.core_properties.title == "Action log: Outstanding actions, owner Rachel Okafor"


def test_rows_keep_the_order_shown_unless_asked_otherwise(register, tmp_path):
    services, _summary = register
    rows = services.action_register.query(ActionFilter(), today=TODAY)
    shown = [r.id for r in reversed(rows)]
    doc, _ = _export(services, ActionFilter(), tmp_path / "a.docx", ids=shown)
    refs = [r[0] for r in _rows(doc.tables[0])[1:]]
    assert refs == [r.minute_reference for r in reversed(rows)]
    doc, _ = _export(services, ActionFilter(), tmp_path / "b.docx", ids=shown, by="due")
    due = [r[3] for r in _rows(doc.tables[0])[1:]]
    assert due[:2] == ["1 October 2026", "31 January 2027"]


def test_grouped_by_owner(register, tmp_path):
    services, _summary = register
    doc, _ = _export(services, ActionFilter(), tmp_path / "a.docx", by="owner")
    owners = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert "Rachel Okafor (2)" in owners
    assert len(doc.tables) == len(owners)


def test_the_filter_in_words(register):
    services, summary = register
    theme = services.register.themes()[0]
    board = services.register.board(summary.board_id)
    action_filter = ActionFilter(
        states=frozenset({"done", "dropped"}),
        board_id=board.id,
        overdue_only=True,
        carried_only=True,
        due_before=date(2027, 1, 1),
        theme_id=theme.id,
        text="  graffiti   removal ",
    )
    assert describe_filter(services, action_filter) == (
        f"Done or dropped actions of {board.name}, overdue, carried across 3 or more "
        f"meetings, due before 1 January 2027, priority theme {theme.name}, "
        "with the words \u201cgraffiti removal\u201d"
    )
    assert describe_filter(services, ActionFilter(states=frozenset())) == "All actions"
    org = services.register.organisations()[0]
    assert describe_filter(services, ActionFilter(owner=("organisation", org.id))) == (
        f"Outstanding actions, owner {org.name}, its teams and its people"
    )


def test_no_actions_says_so_and_has_no_table(register, tmp_path):
    services, _summary = register
    doc, _ = _export(services, ActionFilter(text="zzz-nothing"), tmp_path / "a.docx")
    assert "No actions matched this filter." in [p.text for p in doc.paragraphs]
    assert doc.tables == []


def test_actions_that_have_gone_are_refused(register, tmp_path):
    services, _summary = register
    with pytest.raises(ValidationError, match="no longer exist"):
        export_register_log(services, [999_999], ActionFilter(), tmp_path / "a.docx")
    assert not (tmp_path / "a.docx").exists()
    with pytest.raises(ValidationError, match="Order the action log"):
        export_register_log(services, [], ActionFilter(), tmp_path / "a.docx", by="colour")


def test_several_boards_say_whose_minute_each_is(register, tmp_path):
    services, summary = register
    other = services.register.create_board("Youth Justice Board", "YJB")
    meeting = services.meetings.create_meeting(other.id, date(2026, 3, 4), standard_agenda=False)
    minute = services.minutes.add_minute(meeting.id, "Remand beds")
    services.actions.add_action(minute.id, "Count the remand beds.", "Rachel Okafor")
    action_filter = ActionFilter(owner=_person_key(services, "Rachel Okafor"))
    doc, _rows_shown = _export(services, action_filter, tmp_path / "a.docx")
    refs = [r[0] for r in _rows(doc.tables[0])[1:]]
    assert refs == ["YJB 1/26", "MSCB 2/26", "MSCB 14/26"]
    assert ("SCB Title", "Actions register") in [(p.style.name, p.text) for p in doc.paragraphs]
    assert summary.board_id != other.id

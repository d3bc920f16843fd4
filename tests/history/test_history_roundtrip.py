"""Minutes and agendas that scbmeet itself exports import back to the same records."""

from __future__ import annotations

from scbmeet.exports.agenda import export_agenda
from scbmeet.exports.minutes import export_minutes
from scbmeet.history import read_document
from scbmeet.history.matching import plan_import


def _minute_records(services, meeting_id):
    return [
        (
            m.title,
            [r.text for r in m.resolutions],
            [(a.text, a.owner_line, a.due_date) for a in m.actions],
        )
        for m in services.minutes.minutes(meeting_id)
    ]


def test_exported_minutes_import_back_to_the_same_records(demo, tmp_path):
    services, summary = demo
    source = next(
        m
        for m in services.meetings.meetings(summary.board_id)
        if m.state == "minutes_approved" and services.minutes.minutes(m.id)
    )
    path = export_minutes(services, source.id, tmp_path / "minutes.docx")
    copy = services.register.create_board("Copy of the board", "COPY")
    document = read_document(path)
    plan = plan_import(services, copy.id, [document])
    assert plan.ok, plan.problems
    assert plan.new_people == ()  # everyone named is already in the register
    services.history.import_plan(plan)
    imported = services.meetings.meetings(copy.id)[0]
    assert imported.date == source.date
    assert [m.reference for m in services.minutes.minutes(imported.id)] == [
        m.reference for m in services.minutes.minutes(source.id)
    ]
    assert _minute_records(services, imported.id) == _minute_records(services, source.id)
    present = {(a.person.id, a.status) for a in services.meetings.attendance(source.id)}
    assert {(a.person.id, a.status) for a in services.meetings.attendance(imported.id)} == present


def test_an_exported_agenda_imports_back_to_the_same_items(demo, tmp_path):
    services, summary = demo
    source = summary.upcoming_meeting_id
    path = export_agenda(services, source, tmp_path / "agenda.docx")
    copy = services.register.create_board("Copy of the board", "COPY")
    plan = plan_import(services, copy.id, [read_document(path)])
    assert plan.ok, plan.problems
    services.history.import_plan(plan)
    imported = services.meetings.meetings(copy.id)[0]
    original = services.agenda.agenda(source)
    assert [(i.title, i.is_closed) for i in services.agenda.agenda(imported.id)] == [
        (i.title, i.is_closed) for i in original
    ]

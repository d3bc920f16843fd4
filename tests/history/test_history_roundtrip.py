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
    assert [(i.title, i.is_closed, i.bullets) for i in services.agenda.agenda(imported.id)] == [
        (i.title, i.is_closed, i.bullets) for i in original
    ]
    assert any(i.bullets for i in original)  # the demo's bulleted item came back with its points


def test_unnumbered_bullet_lines_under_an_item_become_its_bullets():
    """A typed agenda (no table): "•" lines under item 4 are its points, not lost text."""
    from scbmeet.history.agenda import recognise_agenda
    from scbmeet.history.blocks import Block

    lines = [
        "NORTHSHIRE SAFER COMMUNITIES BOARD",
        "Wednesday 27 November 2013 at 9.30am County Hall",
        "AGENDA",
        "3. Matters arising",
        "4. Performance",
        "\u2022 Performance report *",
        "- Follow up on previous actions",
        "5. Any other business",
    ]
    document = recognise_agenda("typed.docx", [Block(text) for text in lines])
    items = {i.number: i for i in document.agenda_items}
    assert items["4"].bullets == ("Performance report", "Follow up on previous actions")
    assert items["4"].has_paper and not items["5"].bullets and not document.unplaced


def _closures(services, board_id):
    """Every minuted action as (minute, text, state, where closed): closed at a meeting when
    the minutes say so, else still open."""
    meetings = {m.id: m.date for m in services.meetings.meetings(board_id)}
    rows = []
    for action in services.actions.actions(board_id=board_id):
        if action.minute_item_id is None:
            continue
        at = meetings.get(action.closed_at_meeting_id or 0)
        state = action.state if at is not None else "open"
        rows.append((action.minute_reference, action.text, state, at))
    return sorted(rows, key=lambda r: (r[0], r[1]))


def test_exported_minutes_of_every_meeting_import_back_with_actions_closed_where_they_were(
    demo, tmp_path
):
    services, summary = demo
    meetings = [
        m for m in services.meetings.meetings(summary.board_id) if services.minutes.minutes(m.id)
    ]
    files = [export_minutes(services, m.id, tmp_path / f"minutes-{m.date}.docx") for m in meetings]
    original = _closures(services, summary.board_id)
    assert any(state == "done" for _m, _t, state, _at in original)  # the demo closes some
    copy = services.register.create_board("Copy of the board", "COPY")
    plan = plan_import(services, copy.id, [read_document(f) for f in files])
    assert plan.ok, plan.problems
    result = services.history.import_plan(plan)
    assert result.closed == sum(1 for row in original if row[2] in ("done", "dropped"))
    assert _closures(services, copy.id) == original


def _reported(services, board_id):
    """What each meeting heard of earlier actions, as words (the minutes print it as a
    sentence: capital letter and full stop)."""
    found = set()
    for meeting in services.meetings.meetings(board_id):
        for update in services.actions.reported_at(meeting.id):
            words = " ".join(update.text.lower().rstrip(".").split())
            found.add((meeting.date, services.actions.action(update.action_id).text, words))
    return found


def test_progress_reported_at_meetings_imports_back(demo, tmp_path):
    services, summary = demo
    meetings = [
        m for m in services.meetings.meetings(summary.board_id) if services.minutes.minutes(m.id)
    ]
    files = [export_minutes(services, m.id, tmp_path / f"m-{m.date}.docx") for m in meetings]
    copy = services.register.create_board("Copy of the board", "COPY")
    services.history.import_plan(plan_import(services, copy.id, [read_document(f) for f in files]))
    original = _reported(services, summary.board_id)
    assert original  # the demo reports progress at its meetings
    assert _reported(services, copy.id) == original

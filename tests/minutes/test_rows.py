"""The rows down the left of minutes mode, built from plain service data."""

from __future__ import annotations

from scbmeet.gui.minutes.rows import ATTENDANCE, RowKey, build_rows, record_rows


def test_rows_follow_the_agenda_with_attendance_first_and_extra_minutes_last(demo):
    services, summary = demo
    meeting_id = summary.meeting_ids[2]
    agenda = services.agenda.agenda(meeting_id)
    apologies = next(i for i in agenda if i.kind == "apologies")
    services.minutes.add_minute(meeting_id, "Apologies noted", agenda_item_id=apologies.id)
    services.minutes.add_minute(meeting_id, "Urgent item")
    rows = build_rows(agenda, services.minutes.minutes(meeting_id))
    assert rows[0].key == ATTENDANCE
    assert all(r.key.kind != "item" or r.key.id != apologies.id for r in rows)
    item_rows = [r for r in rows if r.key.kind == "item"]
    # declarations are taken in their pane (Ctrl+I), not as a row
    assert [r.title for r in item_rows] == [
        i.title for i in agenda if i.kind not in ("apologies", "declarations")
    ]
    assert any(i.kind == "declarations" for i in agenda)
    declarations = next(i for i in agenda if i.kind == "declarations")
    # the first row says it takes them, so their item's number is not looked for below
    assert rows[0].title == "Attendance and declarations"
    assert rows[0].number == declarations.number  # (Ctrl+I takes one)
    assert all(r.number != declarations.number for r in item_rows)
    assert [r.title for r in rows if r.key.kind == "minute"] == ["Apologies noted", "Urgent item"]
    assert all(r.minute is not None for r in item_rows)
    assert rows[1].reference == rows[1].minute.reference


def test_record_rows_put_resolutions_then_actions_then_updates(demo):
    services, summary = demo
    first = services.minutes.minutes(summary.meeting_ids[0])
    requests = services.forward_plan.entries(summary.board_id)
    child_exploitation = first[1]
    kinds = [r.kind for r in record_rows(child_exploitation, requests)]
    assert kinds == ["action", "update"]
    assert record_rows(None, requests) == []
    assert str(RowKey("item", 3)) == "item:3"

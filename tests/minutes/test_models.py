"""The item models of minutes mode pass Qt's model tester on real meeting data."""

from __future__ import annotations

from datetime import datetime

from scbmeet.gui.minutes.models import (
    AgendaModel,
    ArisingModel,
    AttendanceModel,
    RecordsModel,
    RecoveryModel,
)
from scbmeet.gui.minutes.rows import (
    GUESTS_GROUP,
    attendance_groups,
    build_rows,
    item_labels,
    record_rows,
)
from scbmeet.storage.recovery import Recovery


def _past_meeting(services, summary):
    return summary.meeting_ids[2]


def test_agenda_model(qtmodeltester, demo):
    services, summary = demo
    meeting_id = _past_meeting(services, summary)
    model = AgendaModel()
    rows = build_rows(services.agenda.agenda(meeting_id), services.minutes.minutes(meeting_id))
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == rows[0].title
    assert rows[0].title.startswith("Attendance and")
    references = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert all(references[1:]), "every item of a minuted meeting shows its minute number"


def test_records_model(qtmodeltester, demo):
    services, summary = demo
    meeting_id = summary.meeting_ids[0]
    minutes = services.minutes.minutes(meeting_id)
    requests = services.forward_plan.entries(summary.board_id)
    rows = [r for m in minutes for r in record_rows(m, requests)]
    model = RecordsModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    kinds = {model.index(r, 0).data() for r in range(model.rowCount())}
    assert kinds == {"RESOLVED", "Action", "Update asked for"}


def test_arising_model(qtmodeltester, demo):
    services, summary = demo
    model = ArisingModel(summary.upcoming_meeting_id)
    model.set_rows(services.actions.outstanding(as_of_meeting_id=summary.upcoming_meeting_id))
    qtmodeltester.check(model)
    assert model.rowCount() >= 3


def test_attendance_model(qtmodeltester, demo):
    services, summary = demo
    meeting_id = summary.meeting_ids[2]
    meeting = services.meetings.meeting(meeting_id)
    groups = attendance_groups(
        services.register.memberships(summary.board_id, current_on=meeting.date),
        services.meetings.attendance(meeting_id),
    )
    model = AttendanceModel()
    model.set_groups(groups, item_labels(services.agenda.agenda(meeting_id)))
    qtmodeltester.check(model)
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert "Marlshire Police" in names
    assert names[-1] == GUESTS_GROUP or all(g.people for g in groups)
    police = model.index(names.index("Marlshire Police"), 0)
    assert model.rowCount(police) == 2
    assert model.attendee(model.index(0, 0, police)) is not None


def test_recovery_model(qtmodeltester):
    recovery = Recovery(
        "/x",
        1,
        "MSCB 9 December 2026",
        "item",
        2,
        None,
        "Performance",
        "t",
        "",
        datetime(2026, 12, 9, 10, 0),
        "disk full",
    )
    model = RecoveryModel()
    model.set_rows([recovery])
    qtmodeltester.check(model)
    assert "Performance" in model.index(0, 0).data()

"""The demo board shows each access-to-information rule, and a one-board JSON export carries
the register of interests, the exemption paragraphs and the publication records."""

from __future__ import annotations

import json

from scbmeet import jsonio
from scbmeet.services import Services
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url


def test_the_demo_board_shows_each_rule(demo):
    services, summary = demo
    board = services.register.board(summary.board_id)
    assert board.access_rules == "england"
    third, upcoming = summary.meeting_ids[2], summary.upcoming_meeting_id
    closed = [i for i in services.agenda.agenda(third) if i.is_closed]
    assert [i.exempt_paragraphs for i in closed] == [(1, 2)]
    record = services.publication.record(third)
    assert record.published_at is not None and not record.published_late
    assert record.decisions_published_on == record.decision_notice_due
    late = [p for i in services.agenda.agenda(third) for p in i.papers if p.urgency_reason]
    assert [p.title for p in late] == ["Hate incidents - the latest quarter"]
    [declared] = services.declarations.of_meeting(third)
    assert declared.kind == "disclosable_pecuniary" and declared.interest_id is not None
    quorum = services.quorum.at_item(third, declared.agenda_item_id)
    assert declared.person_id not in quorum.counted_person_ids
    second = services.publication.record(summary.meeting_ids[1])
    assert second.minutes_signed_by.endswith("(Chair)")
    touching = services.interests.touching(upcoming)
    titles = {i.id: i.title for i in services.agenda.agenda(upcoming)}
    assert [titles[t.agenda_item_id] for t in touching] == ["Integrated offender management update"]
    assert services.publication.record(upcoming).published_at is None  # its deadline shows


def test_a_board_export_carries_interests_paragraphs_and_publication(demo, tmp_path):
    services, summary = demo
    data = json.loads(json.dumps(jsonio.export_data(services.db, board_id=summary.board_id)))
    assert len(data["tables"]["interest"]) == 3
    target = Services(open_database(sqlite_url(tmp_path / "copy.sqlite3")))
    jsonio.import_data(target.db, data)
    board = target.register.board_by_short_name("MSCB")
    assert board.access_rules == "england"
    assert [i.matter for i in target.interests.register()] == [
        i.matter for i in services.interests.register()
    ]
    [third] = [m for m in target.meetings.meetings(board.id) if m.state == "minutes_drafted"]
    closed = [i for i in target.agenda.agenda(third.id) if i.is_closed]
    assert closed[0].exempt_paragraphs == (1, 2)
    copied = target.publication.record(third.id)
    original = services.publication.record(summary.meeting_ids[2])
    assert copied.published_at == original.published_at
    assert copied.published_by == original.published_by
    [declared] = target.declarations.of_meeting(third.id)
    assert declared.interest_id in {i.id for i in target.interests.register()}

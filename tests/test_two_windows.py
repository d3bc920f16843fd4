"""Two windows (or two machines) on one database: edits show up, conflicts lose nothing.

Each "window" is its own :class:`Services` over its own engine on the same URL, as two
scbmeet processes would be. Runs on SQLite and, when configured, on PostgreSQL.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

from scbmeet.domain.errors import ConflictError
from scbmeet.services import Services
from scbmeet.storage.database import open_database

WORKERS = 6


@pytest.fixture
def other(db) -> Iterator[Services]:
    """A second window on the same database."""
    database = open_database(db.url)
    yield Services(database)
    database.dispose()


@pytest.fixture
def minute(services):
    reg = services.register
    board = reg.create_board("Marlshire Safer Communities Board", "MSCB")
    police = reg.create_organisation("Marlshire Police", short_name="MP")
    reg.create_person("Goodwin", given_names="Sally", organisation_id=police.id)
    meeting = services.meetings.create_meeting(board.id, date(2013, 6, 5), standard_agenda=False)
    return services.minutes.add_minute(meeting.id, "Domestic abuse", narrative="First draft.")


def test_an_edit_in_one_window_shows_in_the_other_on_refresh(services, other, minute):
    assert other.minutes.minute(minute.id).narrative == "First draft."
    services.minutes.update_minute(minute.id, narrative="Edited in window one.")
    assert other.minutes.minute(minute.id).narrative == "Edited in window one."
    action = other.actions.add_action(minute.id, "Report back in March", "Sally Goodwin")
    assert [a.text for a in services.minutes.minute(minute.id).actions] == ["Report back in March"]
    services.actions.set_state(action.id, "done")
    assert other.actions.action(action.id).state == "done"


def test_the_second_save_of_the_same_minute_is_told_and_both_texts_are_kept(
    services, other, minute
):
    mine = services.minutes.minute(minute.id)
    theirs = other.minutes.minute(minute.id)
    saved = other.minutes.update_minute(
        minute.id, narrative="Their version.", expected_version=theirs.version
    )
    with pytest.raises(ConflictError) as caught:
        services.minutes.update_minute(
            minute.id, narrative="My version.", expected_version=mine.version
        )
    conflict = caught.value
    assert conflict.theirs == "Their version."
    assert conflict.theirs_title == "Domestic abuse"
    assert conflict.theirs_version == saved.version
    assert "1/13" in str(conflict) and "both versions are kept" in str(conflict)
    # Nothing was overwritten ...
    assert other.minutes.minute(minute.id).narrative == "Their version."
    # ... and the version that was not saved is kept in the trail, with theirs beside it.
    kept = services.meetings.audit(minute.meeting_id)[-1]
    assert kept.operation == "save_conflict" and kept.user == "test-secretary"
    assert json.loads(kept.after)["narrative"] == "My version."
    assert json.loads(kept.before)["narrative"] == "Their version."
    # Keeping mine after all: save against the version now stored.
    merged = services.minutes.update_minute(
        minute.id, narrative="My version.", expected_version=conflict.theirs_version
    )
    assert other.minutes.minute(minute.id).narrative == merged.narrative == "My version."
    # The other window is now the stale one.
    with pytest.raises(ConflictError):
        other.minutes.update_minute(
            minute.id, title="Domestic abuse update", expected_version=saved.version
        )


def _race(target: Callable[[int], Any]) -> tuple[list[Any], list[BaseException]]:
    """Run ``target(i)`` in several threads released at the same moment."""
    barrier = threading.Barrier(WORKERS)
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(i: int) -> None:
        barrier.wait()
        try:
            value = target(i)
        except BaseException as exc:
            with lock:
                errors.append(exc)
        else:
            with lock:
                results.append(value)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results, errors


def test_simultaneous_saves_of_one_minute_let_exactly_one_through(db, minute):
    windows = [Services(open_database(db.url)) for _ in range(WORKERS)]
    try:
        version = minute.version
        results, errors = _race(
            lambda i: windows[i].minutes.update_minute(
                minute.id, narrative=f"Version {i}.", expected_version=version
            )
        )
    finally:
        for w in windows:
            w.db.dispose()
    assert len(results) == 1, errors
    assert len(errors) == WORKERS - 1 and all(isinstance(e, ConflictError) for e in errors)
    stored = Services(db).minutes.minute(minute.id)
    assert stored.narrative == results[0].narrative and stored.version == version + 1
    trail = Services(db).meetings.audit(minute.meeting_id)
    kept = sorted(json.loads(e.after)["narrative"] for e in trail if e.operation == "save_conflict")
    assert len(kept) == WORKERS - 1 and results[0].narrative not in kept  # every losing text


def test_simultaneous_saves_of_one_action_let_exactly_one_through(db, services, minute):
    action = services.actions.add_action(minute.id, "Report back in March", "Sally Goodwin")
    windows = [Services(open_database(db.url)) for _ in range(WORKERS)]
    try:
        results, errors = _race(
            lambda i: windows[i].actions.update_action(
                action.id, {"text": f"Report back, take {i}"}, expected_version=action.version
            )
        )
    finally:
        for w in windows:
            w.db.dispose()
    assert len(results) == 1, errors
    assert all(isinstance(e, ConflictError) for e in errors)
    assert services.actions.action(action.id).text == results[0].text

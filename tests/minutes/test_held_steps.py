"""While the database is read-only or gone, every kind of entry goes to the journal and is
shown as not yet saved; it is saved when the database is back, or put back by itself when
minutes mode next opens. Nothing is shown as saved that is not in the database. Text left
in the journal is put back by itself, both texts kept if the minute changed meanwhile."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from scbmeet.gui.minutes.autosave import CONFLICT_MARK
from scbmeet.gui.minutes.dialogs import ActionDialog, TextDialog
from scbmeet.services import Services
from scbmeet.storage.database import open_database
from scbmeet.storage.journal import read_journal
from scbmeet.storage.recovery import RecoveryStore


def _make_read_only(services: Services) -> None:
    """SQLite's own read-only refusal (as root, a chmod would not stop the writes)."""
    engine = services.db.engine

    @event.listens_for(engine, "connect")
    def _query_only(connection, _record):
        connection.execute("PRAGMA query_only = ON")

    engine.dispose()
    services.__dict__["_read_only_listener"] = (engine, _query_only)


def _make_writable(services: Services) -> None:
    engine, listener = services.__dict__.pop("_read_only_listener")
    event.remove(engine, "connect", listener)
    engine.dispose()


def _journal_steps(window) -> list[str]:
    window.keeper.journal.sync()
    path = window.keeper.journal.path
    return [entry["label"] for entry in read_journal(path) if entry["key"][0] == "step"]


def _resolutions(services, window, title):
    return [
        r.text
        for m in services.minutes.minutes(window.meeting.id)
        if m.title.startswith(title)
        for r in m.resolutions
    ]


def _type_resolution(kb, text):
    kb.press("ctrl+R")
    kb.modal(TextDialog)
    kb.type(text)
    kb.press("Return")
    kb.no_modal()


def test_a_resolution_typed_while_the_database_is_gone_is_held_and_saved_when_it_is_back(
    qtbot, demo, window, kb, tmp_path
):
    services, _ = demo
    path = services.db.path
    window.go_to(window.row_titled("Performance report"))
    kb.type("Nadia Rahman presented the figures.")
    assert window.save_now()
    moved = tmp_path / "moved-away.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{path}{suffix}").exists():
            shutil.move(f"{path}{suffix}", f"{moved}{suffix}")
    _type_resolution(kb, "to note the quarter 2 figures")
    assert "NOT SAVED" in window.save_status.text()
    assert window.banner.isVisible()
    assert "not yet in the database: resolution 'to note the quarter 2 figures'" in (
        window.banner_label.text()
    )
    assert _journal_steps(window) == ["add a resolution"]
    assert window.steps.current_record() is None  # not listed as a saved record
    model = window.records_model  # but in its list, greyed and said to be not yet saved
    assert [
        (model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())
    ] == [("RESOLVED (not yet saved)", "to note the quarter 2 figures")]
    assert model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#6b6b6b"
    assert QApplication.focusWidget() is window.narrative  # the typing carries on

    for suffix in ("", "-wal", "-shm"):  # the file is put back
        if Path(f"{moved}{suffix}").exists():
            shutil.move(f"{moved}{suffix}", f"{path}{suffix}")
    window.held.retry()  # what the retry timer does every few seconds
    assert _resolutions(services, window, "Performance report") == ["to note the quarter 2 figures"]
    assert not window.held.waiting()
    assert not window.banner.isVisible()
    assert "Saved now the database is back: resolution" in window.notice_label.text()
    assert "NOT SAVED" not in window.save_status.text()
    assert _journal_steps(window) == []  # in the database: out of the journal
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["RESOLVED"]


@pytest.mark.parametrize("closing", ["closed", "killed"])
def test_entries_made_while_the_database_is_read_only_are_put_back_at_the_next_start(
    qtbot, demo, open_minutes, kb, tmp_path, closing
):
    services, summary = demo
    store = tmp_path / "recovery"
    window = open_minutes(services, summary.upcoming_meeting_id, store)
    _make_read_only(services)
    kb.press("F2")
    first = window.attendance.current()
    kb.press("P")  # present
    model = window.attendance.model
    mark = model.index_of_person(first.person.id).siblingAtColumn(2)
    assert mark.data() == "Present (not yet saved)"  # in its own list, said so
    window.go_to(window.row_titled("Performance report"))
    kb.type("Nadia Rahman presented the quarter 2 figures.")
    _type_resolution(kb, "to note the report")
    kb.press("ctrl+shift+A")
    kb.modal(ActionDialog)
    kb.type("Bring the breakdown by crime type")
    kb.press("Tab")
    kb.type("Rachel Okafor")
    kb.press("Return")
    kb.no_modal()
    kb.press("ctrl+N")
    kb.modal(TextDialog)
    kb.type("Knife crime")
    kb.press("Return")
    kb.no_modal()
    assert "NOT SAVED" in window.save_status.text()
    banner = window.banner_label.text()
    assert f"{first.person.full_name}: present" in banner
    assert "resolution 'to note the report'" in banner
    assert "action 'Bring the breakdown by crime type'" in banner
    assert _journal_steps(window) == [
        f"{first.person.full_name}: present",
        "add a resolution",
        "add an action",
        "add the item Knife crime",
    ]
    # Nothing of it is in the database, and nothing claims to be.
    assert services.meetings.attendance(summary.upcoming_meeting_id) == []
    assert _resolutions(services, window, "Performance report") == []
    if closing == "closed":
        window.close()
    else:  # as a SIGKILL would leave it: whatever the journal has on disk, nothing more
        window.keeper.journal.abandon()
        window.keeper.journal = RecoveryStore(tmp_path / "elsewhere").journal("x", 0)
        window.keeper._pending.clear()
        window.held.groups.clear()
        window.close()
    _make_writable(services)
    window.held.retry()  # what its timer would do, the database now back: a closed window
    assert _resolutions(services, window, "Performance report") == []  # leaves it to the next
    services.db.dispose()

    db = open_database(services.db.url)
    try:
        fresh = Services(db)
        again = open_minutes(fresh, summary.upcoming_meeting_id, store)
        qtbot.waitUntil(lambda: "Put back" in again.notice_label.text(), timeout=3000)
        assert QApplication.activeModalWidget() is None  # no question asked
        notice = again.notice_label.text()
        assert "resolution 'to note the report'" in notice
        assert f"{first.person.full_name}: present" in notice
        [mark] = fresh.meetings.attendance(summary.upcoming_meeting_id)
        assert (mark.person.id, mark.status) == (first.person.id, "present")
        [minute] = [
            m
            for m in fresh.minutes.minutes(summary.upcoming_meeting_id)
            if m.title.startswith("Performance report")
        ]
        assert minute.narrative == "Nadia Rahman presented the quarter 2 figures."
        assert [r.text for r in minute.resolutions] == ["to note the report"]
        assert [a.text for a in minute.actions] == ["Bring the breakdown by crime type"]
        agenda = [i.title for i in fresh.agenda.agenda(summary.upcoming_meeting_id)]
        assert "Knife crime" in agenda and "new item 'Knife crime'" in notice
        assert minute.actions[0].after_line == 1  # its place in the text, held with it
        assert _journal_steps(again) == []
        again.close()
    finally:
        db.dispose()


def _journal_text(store: Path, services, meeting_id, key, text, minute, title=None):
    journal = RecoveryStore(store).journal(services.db.name, meeting_id)
    if title is not None:
        journal.record({"key": ["text", key.kind, key.id, "title"], "text": title})
    journal.record(
        {
            "key": ["text", key.kind, key.id, "narrative"],
            "text": text,
            "base_minute_id": minute.id if minute else None,
            "base_version": minute.version if minute else None,
            "base_text": minute.narrative if minute else "",
            "title": "Performance report",
        }
    )
    journal.abandon()  # as a killed session leaves it: on disk, never saved


def test_text_left_in_the_journal_is_put_back_over_the_minute_it_was_typed_on(
    qtbot, demo, open_minutes, tmp_path
):
    services, summary = demo
    store = tmp_path / "recovery"
    window = open_minutes(services, summary.upcoming_meeting_id, store)
    key = window.row_titled("Performance report")
    window.close()
    _journal_text(
        store,
        services,
        summary.upcoming_meeting_id,
        key,
        "Typed, never saved.",
        None,
        title="Performance report: quarter 2",
    )
    again = open_minutes(services, summary.upcoming_meeting_id, store)
    qtbot.waitUntil(lambda: "Put back" in again.notice_label.text(), timeout=3000)
    assert QApplication.activeModalWidget() is None
    assert "'Performance report" in again.notice_label.text()
    [minute] = [
        m
        for m in services.minutes.minutes(summary.upcoming_meeting_id)
        if m.agenda_item_id == key.id
    ]
    assert minute.narrative == "Typed, never saved."
    assert minute.title == "Performance report: quarter 2"
    again.close()
    assert list(store.glob("journal-*")) == []  # in the database: nothing left in a journal


def test_when_someone_else_changed_the_minute_meanwhile_both_texts_are_kept(
    qtbot, demo, open_minutes, kb, tmp_path
):
    services, summary = demo
    store = tmp_path / "recovery"
    window = open_minutes(services, summary.upcoming_meeting_id, store)
    key = window.row_titled("Performance report")
    window.go_to(key)
    kb.type("Saved words.")
    assert window.save_now()
    minute = window.row(key).minute
    window.close()
    _journal_text(store, services, window.meeting.id, key, "Saved words. Then mine.", minute)
    services.minutes.update_minute(minute.id, narrative="Saved words. Theirs, from elsewhere.")
    again = open_minutes(services, summary.upcoming_meeting_id, store)
    qtbot.waitUntil(lambda: "Put back" in again.notice_label.text(), timeout=3000)
    assert QApplication.activeModalWidget() is None
    assert "also changed" in again.notice_label.text()
    merged = f"Saved words. Then mine.\n\n{CONFLICT_MARK}\nSaved words. Theirs, from elsewhere."
    assert services.minutes.minute(minute.id).narrative == merged
    again.go_to(key)
    assert again.narrative.toPlainText() == merged
    again.close()


def test_a_new_item_raised_while_the_database_is_read_only_is_held_and_added_when_it_is_back(
    qtbot, demo, window, kb
):
    services, summary = demo
    window.go_to(window.row_titled("Performance report"))
    _make_read_only(services)
    kb.press("ctrl+N")
    kb.modal(TextDialog)
    kb.type("Knife crime")
    kb.press("Return")
    kb.no_modal()
    assert "not yet in the database: new item 'Knife crime'" in window.banner_label.text()
    assert _journal_steps(window) == ["add the item Knife crime"]
    titles = [i.title for i in services.agenda.agenda(summary.upcoming_meeting_id)]
    assert "Knife crime" not in titles  # not saved, and not shown as saved:
    model = window.agenda_model
    [held] = [r for r in range(model.rowCount()) if "Knife crime" in model.index(r, 1).data()]
    assert model.index(held, 1).data() == "Knife crime  (not yet saved)"
    assert model.flags(model.index(held, 1)) == Qt.ItemFlag.NoItemFlags  # nothing to open yet
    after = model.index(held - 1, 1).data()
    assert "Performance report" in after or "Follow-up" in after  # after the current item
    assert QApplication.focusWidget() is window.narrative

    _make_writable(services)
    window.held.retry()
    titles = [i.title for i in services.agenda.agenda(summary.upcoming_meeting_id)]
    assert "Knife crime" in titles
    assert not window.held.waiting()
    assert [
        model.index(r, 1).data()
        for r in range(model.rowCount())
        if "Knife crime" in model.index(r, 1).data()
    ] == ["Knife crime"]


def test_matters_arising_outcomes_while_read_only_are_listed_as_not_yet_saved(demo, window, kb):
    services, _ = demo
    window.go_to(window.row_titled("Matters arising"))
    kb.arising_in_hand(window)
    rows = window.arising.model.rows()
    window.arising.select(rows[0].id)
    _make_read_only(services)
    kb.press("D")
    kb.press("O")
    model = window.arising.model
    assert model.index(0, 4).data() == "done (not yet saved)"
    assert model.index(1, 4).data() == "still open (not yet saved)"
    assert window.arising.view.currentIndex().row() == 2  # each key moved on all the same
    assert services.actions.action(rows[0].id).state == rows[0].state  # nothing saved yet
    assert "action noted still open" in window.banner_label.text()
    _make_writable(services)
    window.held.retry()
    assert services.actions.action(rows[0].id).state == "done"
    assert not window.held.waiting()
    assert "not yet saved" not in str(model.index(0, 4).data())

"""The write-ahead journal: entries reach the file, the newest of each key wins, saved
entries leave it, and a line torn by a kill is ignored."""

from __future__ import annotations

import json

from scbmeet.storage.journal import FORMAT, Journal, discard, read_journal
from scbmeet.storage.recovery import RecoveryStore


def _text(row_id: int, text: str) -> dict:
    return {"key": ["text", "item", row_id, "narrative"], "text": text}


def test_entries_reach_the_file_and_the_newest_of_each_key_wins(tmp_path):
    path = tmp_path / "journal.jsonl"
    journal = Journal(path)
    for typed in ("T", "Th", "The", "The b"):
        journal.record(_text(1, typed))
    journal.record(_text(2, "Other"))
    assert journal.sync()
    assert [(e["key"][2], e["text"]) for e in read_journal(path)] == [(1, "The b"), (2, "Other")]
    journal.close()


def test_an_entry_that_reached_the_database_leaves_the_file(tmp_path):
    path = tmp_path / "journal.jsonl"
    journal = Journal(path)
    journal.record(_text(1, "Saved"))
    journal.record(_text(2, "Not saved"))
    journal.sync()
    journal.forget(["text", "item", 1, "narrative"])
    journal.sync()
    assert [e["text"] for e in read_journal(path)] == ["Not saved"]
    journal.forget(["text", "item", 2, "narrative"])
    journal.close()
    assert not path.exists()  # all saved: nothing left behind


def test_a_line_torn_by_a_kill_is_ignored_and_the_rest_is_read(tmp_path):
    path = tmp_path / "journal.jsonl"
    whole = json.dumps({**_text(1, "Whole words"), "format": FORMAT})
    path.write_text(whole + "\n" + whole[:20], encoding="utf-8")
    assert [e["text"] for e in read_journal(path)] == ["Whole words"]


def test_only_the_journals_of_ended_sessions_of_that_meeting_are_left_over(tmp_path):
    store = RecoveryStore(tmp_path)
    running = store.journal("a.sqlite3", 1)
    running.record(_text(1, "Still being typed"))
    killed = store.journal("a.sqlite3", 1)
    killed.record(_text(2, "Typed before the kill"))
    killed.abandon()  # as SIGKILL leaves it: the file, and no lock
    other = store.journal("a.sqlite3", 2)
    other.record(_text(3, "Another meeting"))
    other.abandon()
    closed = store.journal("b.sqlite3", 1)
    closed.close()  # nothing unsaved: no file left
    assert running.sync()
    [(path, entries)] = store.left_over_journals("a.sqlite3", 1)
    assert path == killed.path
    assert [e["text"] for e in entries] == ["Typed before the kill"]
    assert store.left_over_journals("b.sqlite3", 1) == []
    discard(path)
    assert store.left_over_journals("a.sqlite3", 1) == []
    running.close()
    [(_, entries)] = store.left_over_journals("a.sqlite3", 1)  # closed with it unsaved
    assert [e["text"] for e in entries] == ["Still being typed"]

"""Text typed in a dialog before OK is journalled as it is typed; a session that ends with the
dialog open (killed) leaves it in the journal, and minutes mode puts it back as an unfinished
entry under its item - greyed, said so in words, no dialog opened by itself - that Enter
finishes and Delete discards. (The real SIGKILL is in test_sigkill.py.)"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from scbmeet.gui.minutes.dialogs import ActionDialog, PersonDialog, TextDialog, UpdateDialog
from scbmeet.storage.journal import read_journal
from scbmeet.storage.recovery import RecoveryStore


def _drafts_in(journal) -> list[dict]:
    journal.sync()
    return [e for e in read_journal(journal.path) if e["key"][0] == "draft"]


def _killed(window, tmp_path) -> None:
    """As a SIGKILL leaves it: the journal as it is on disk, nothing more written."""
    window.keeper.journal.abandon()
    window.keeper.journal = RecoveryStore(tmp_path / "elsewhere").journal("x", 0)
    dialog = QApplication.activeModalWidget()
    if dialog is not None:
        dialog.hide()
        dialog.deleteLater()
    window.close()


def _records(window) -> list[tuple[str, str]]:
    model = window.records_model
    return [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]


def _choose_record(window, text) -> None:
    model = window.records_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == text)
    window.records_view.setFocus()
    window.records_view.setCurrentIndex(model.index(row, 0))


def test_an_action_dialog_left_open_is_put_back_unfinished_and_enter_finishes_it(
    qtbot, demo, open_minutes, kb, tmp_path
):
    services, summary = demo
    store = tmp_path / "recovery"
    window = open_minutes(services, summary.upcoming_meeting_id, store)
    window.go_to(window.row_titled("Performance report"))
    kb.type("Nadia Rahman presented the figures.")
    kb.press("ctrl+shift+A")
    kb.modal(ActionDialog)
    kb.type("Bring the breakdown by crime type")
    kb.press("Tab")
    kb.type("Rachel Okafor")
    [draft] = _drafts_in(window.keeper.journal)  # journalled as typed, before OK
    assert draft["fields"]["textEdit"] == "Bring the breakdown by crime type"
    assert draft["fields"]["ownersEdit"] == "Rachel Okafor"
    _killed(window, tmp_path)

    again = open_minutes(services, summary.upcoming_meeting_id, store)
    qtbot.waitUntil(lambda: "not yet saved" in again.notice_label.text(), timeout=10000)
    assert QApplication.activeModalWidget() is None  # listed, not opened over the typing
    assert "unfinished action 'Bring the breakdown by crime type' in 'Performance report" in (
        again.notice_label.text()
    )
    again.go_to(again.row_titled("Performance report"))
    assert ("Action (unfinished, not yet saved)", "Bring the breakdown by crime type") in (
        _records(again)
    )
    assert [d["key"] for d in _drafts_in(again.keeper.journal)] == [draft["key"]]  # kept still
    _choose_record(again, "Bring the breakdown by crime type")
    kb.press("Return")
    dialog = kb.modal(ActionDialog)
    assert dialog.text_edit.text() == "Bring the breakdown by crime type"
    assert dialog.owners_edit.text() == "Rachel Okafor"
    assert not dialog.text_edit.hasSelectedText()  # the next key carries on, replaces nothing
    kb.press("Return")
    kb.no_modal()
    [minute] = [
        m
        for m in services.minutes.minutes(summary.upcoming_meeting_id)
        if m.title.startswith("Performance report")
    ]
    assert [a.text for a in minute.actions] == ["Bring the breakdown by crime type"]
    assert minute.actions[0].after_line == 1  # where it was taken, kept through the kill
    assert [r for r in _records(again) if "not yet saved" in r[0]] == []
    assert _drafts_in(again.keeper.journal) == []
    again.close()


def test_an_unfinished_resolution_is_discarded_with_delete_and_escape_on_it_asks(
    qtbot, demo, open_minutes, kb, tmp_path
):
    services, summary = demo
    store = tmp_path / "recovery"
    window = open_minutes(services, summary.upcoming_meeting_id, store)
    window.go_to(window.row_titled("Performance report"))
    kb.press("ctrl+R")
    kb.modal(TextDialog)
    kb.type("to note the report")
    _killed(window, tmp_path)

    again = open_minutes(services, summary.upcoming_meeting_id, store)
    qtbot.waitUntil(lambda: "not yet saved" in again.notice_label.text(), timeout=10000)
    again.go_to(again.row_titled("Performance report"))
    _choose_record(again, "to note the report")
    kb.press("Return")
    dialog = kb.modal(TextDialog)
    assert dialog.value() == "to note the report"
    assert dialog.filled_in()  # put back counts as typed: Escape would ask first
    dialog.done(0)  # closed without recording (as Discard does)
    kb.no_modal()
    assert _drafts_in(again.keeper.journal) == []
    assert [r for r in _records(again) if "not yet saved" in r[0]] == []
    again.close()

    window = open_minutes(services, summary.upcoming_meeting_id, store)
    window.go_to(window.row_titled("Performance report"))
    kb.press("ctrl+U")
    kb.modal(UpdateDialog)
    kb.type("Quarter 3 figures")
    _killed(window, tmp_path)
    again = open_minutes(services, summary.upcoming_meeting_id, store)
    qtbot.waitUntil(lambda: "unfinished update" in again.notice_label.text(), timeout=10000)
    again.go_to(again.row_titled("Performance report"))
    _choose_record(again, "Quarter 3 figures")
    kb.press("Delete")
    assert "Discarded an unfinished update request 'Quarter 3 figures'" in (
        again.notice_label.text()
    )
    assert _drafts_in(again.keeper.journal) == []
    again.close()


def test_a_change_to_a_resolution_left_unfinished_is_put_back_and_finished(
    qtbot, demo, open_minutes, kb, tmp_path
):
    services, summary = demo
    store = tmp_path / "recovery"
    window = open_minutes(services, summary.upcoming_meeting_id, store)
    window.go_to(window.row_titled("Performance report"))
    kb.press("ctrl+R")
    kb.modal(TextDialog)
    kb.type("to note the report")
    kb.press("Return")
    kb.no_modal()
    _choose_record(window, "to note the report")
    kb.press("Return")  # change it
    kb.modal(TextDialog)
    kb.press("End")
    kb.type(" and thank Nadia Rahman")
    _killed(window, tmp_path)

    again = open_minutes(services, summary.upcoming_meeting_id, store)
    qtbot.waitUntil(lambda: "change to a resolution" in again.notice_label.text(), timeout=10000)
    again.go_to(again.row_titled("Performance report"))
    assert ("Change (unfinished, not yet saved)", "to note the report and thank Nadia Rahman") in (
        _records(again)
    )
    assert ("RESOLVED", "to note the report") in _records(again)  # the saved one, as saved
    _choose_record(again, "to note the report and thank Nadia Rahman")
    kb.press("Return")
    dialog = kb.modal(TextDialog)
    assert dialog.value() == "to note the report and thank Nadia Rahman"
    kb.press("Return")
    kb.no_modal()
    assert [r for r in _records(again) if r[0] == "RESOLVED"] == [
        ("RESOLVED", "to note the report and thank Nadia Rahman")
    ]
    assert _drafts_in(again.keeper.journal) == []
    again.close()


def _select_member(window, family_name) -> None:
    pane = window.attendance
    model = pane.model
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        for row in range(model.rowCount(parent)):
            pane.view.setCurrentIndex(model.index(row, 0, parent))
            member = pane.current()
            if member is not None and member.person.family_name == family_name:
                pane.view.setFocus()
                return
    raise AssertionError(f"no {family_name} in the attendance list")


def test_a_substitutes_name_typed_at_a_kill_comes_back_when_s_is_pressed_again(
    qtbot, demo, open_minutes, kb, tmp_path
):
    services, summary = demo
    store = tmp_path / "recovery"
    window = open_minutes(services, summary.upcoming_meeting_id, store)
    kb.press("F2")
    _select_member(window, "Denholm")
    kb.press("S")
    kb.modal(PersonDialog)
    kb.type("Priya Natar")  # killed mid-name
    [draft] = _drafts_in(window.keeper.journal)
    assert (draft["kind"], draft["fields"]["nameEdit"]) == ("substitute", "Priya Natar")
    _killed(window, tmp_path)

    again = open_minutes(services, summary.upcoming_meeting_id, store)
    qtbot.waitUntil(lambda: "Priya Natar" in again.notice_label.text(), timeout=10000)
    assert QApplication.activeModalWidget() is None  # said, not opened over the typing
    assert "unfinished substitute's name 'Priya Natar'" in again.notice_label.text()
    assert "S on the member finishes it" in again.notice_label.text()
    kb.press("F2")
    _select_member(again, "Denholm")
    kb.press("S")
    dialog = kb.modal(PersonDialog)
    assert dialog.name_edit.text() == "Priya Natar"
    assert not dialog.name_edit.hasSelectedText()  # the next key carries on
    kb.type("ajan")
    kb.press("Return")
    kb.no_modal()
    assert _drafts_in(again.keeper.journal) == []  # finished: no longer kept
    attendance = services.meetings.attendance(again.meeting.id)
    [substitute] = [a for a in attendance if a.person.family_name == "Natarajan"]
    assert substitute.substitute_for_id == next(
        a.person.id for a in attendance if a.person.family_name == "Denholm"
    )
    again.close()


def test_a_declaration_typed_in_the_pane_at_a_kill_comes_back_in_the_pane(
    qtbot, demo, open_minutes, kb, tmp_path
):
    services, summary = demo
    store = tmp_path / "recovery"
    window = open_minutes(services, summary.upcoming_meeting_id, store)
    window.go_to(window.row_titled("Performance report"))
    kb.type("The report was introduced.")
    kb.press("ctrl+I")
    pane = window.declarations
    qtbot.waitUntil(lambda: pane.person_edit.hasFocus(), timeout=2000)
    kb.type("Cllr Sharma")
    kb.press("Return")
    kb.type("Trustee of a charity bidding for the fu")
    [draft] = _drafts_in(window.keeper.journal)
    assert draft["kind"] == "declaration"
    assert draft["fields"]["declarationNature"] == "Trustee of a charity bidding for the fu"
    _killed(window, tmp_path)

    again = open_minutes(services, summary.upcoming_meeting_id, store)
    qtbot.waitUntil(lambda: "declaration of interest" in again.notice_label.text(), timeout=10000)
    assert "Ctrl+I finishes it" in again.notice_label.text()
    assert not again.declarations.dock.isVisible()  # nothing opens by itself
    again.go_to(again.row_titled("Performance report"))
    kb.press("ctrl+I")
    pane = again.declarations
    qtbot.waitUntil(lambda: pane.person_edit.hasFocus(), timeout=2000)
    assert pane.person_edit.text() == "Cllr Sharma"
    assert pane.nature_edit.text() == "Trustee of a charity bidding for the fu"
    assert not pane.person_edit.hasSelectedText()
    pane.nature_edit.setFocus()
    pane.nature_edit.end(False)
    kb.type("nd")
    kb.press("Return")
    [declaration] = services.declarations.of_meeting(again.meeting.id)
    assert declaration.nature == "Trustee of a charity bidding for the fund"
    assert _drafts_in(again.keeper.journal) == []  # recorded: no longer kept
    again.close()

"""The actions register view: models, filtering without reading again, dialogs, exports."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtWidgets import QDialog

from scbmeet.gui.actions.action_dialogs import ChaseDialog, ProgressDialog, StateDialog
from scbmeet.gui.actions.action_models import (
    OVERDUE_BACKGROUND,
    ActionsTableModel,
    RemindersModel,
    human_age,
)
from scbmeet.gui.actions.history import history_html
from scbmeet.gui.actions.register import ActionsRegisterWidget
from scbmeet.services.action_filters import ActionFilter, group_by_owner

DEMO_TODAY = date(2026, 11, 21)


@pytest.fixture
def register(undated_demo, qtbot):
    demo = undated_demo
    services, summary = demo
    widget = ActionsRegisterWidget(services, summary.board_id, today=DEMO_TODAY)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    read_in(widget, qtbot)
    return widget


def read_in(widget, qtbot):
    """Wait for the register's rows, read off the GUI thread."""
    qtbot.waitUntil(lambda: not widget.loading(), timeout=10000)


def texts(widget):
    return [r.text for r in widget.visible_rows()]


def find_row(widget, words):
    return next(r for r in widget.visible_rows() if words in r.text)


def select(widget, *rows):
    selection = widget.view.selectionModel()
    selection.clearSelection()
    wanted = {r.id for r in rows}
    for n in range(widget.proxy.rowCount()):
        index = widget.proxy.index(n, 0)
        if widget.proxy.data(index, Qt.ItemDataRole.UserRole + 1) in wanted:
            selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)


def test_models_pass_the_model_tester(register, qtmodeltester, qtbot):
    qtmodeltester.check(register.table)
    qtmodeltester.check(register.proxy)
    select(register, register.visible_rows()[1])
    # Filtering and sorting change the shown rows in layout changes, watched by the tester.
    for text in ("o", "ok", "okafor", "o", ""):
        register.search_edit.setText(text)
    register.view.sortByColumn(register.table.column_of("due"), Qt.SortOrder.DescendingOrder)
    register.state_combo.setCurrentIndex(register.state_combo.findText("All states"))
    read_in(register, qtbot)
    qtmodeltester.check(register.proxy)
    assert register.proxy.rowCount() == 8
    register.group_check.setChecked(True)
    qtmodeltester.check(register.groups)


def test_reminders_model_passes_the_model_tester(demo, qtmodeltester):
    services, summary = demo
    reminders = services.chasing.reminders(board_id=summary.board_id, today=DEMO_TODAY)
    model = RemindersModel(reminders)
    qtmodeltester.check(model)
    first = model.index(0, 0)
    assert model.setData(first, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.data(first, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked


def test_opens_on_outstanding_actions_oldest_first(register):
    assert register.table.rowCount() == 6  # only the outstanding ones were read
    assert register.proxy.rowCount() == 6
    minutes = [r.minute_reference for r in register.visible_rows()]
    assert minutes == ["2/26", "3/26", "6/26", "7/26", "11/26", "14/26"]
    assert register.count_label.text().startswith("Showing 6 of 6 outstanding actions")
    assert register.word_button.isHidden()  # until an exporter is plugged in


def test_typing_filters_the_cached_rows_without_reading_again(register, monkeypatch):
    calls = []
    real = register._services.action_register.rows
    monkeypatch.setattr(
        register._services.action_register,
        "rows",
        lambda *a, **k: calls.append(1) or real(*a, **k),
    )
    for text in ("o", "ok", "oka", "okaf", "okafor"):
        register.search_edit.setText(text)
    assert calls == []
    assert sorted(texts(register)) == sorted(
        [
            "Convene a meeting of the Commissioner, the Chair and the chair of the Children's "
            "Partnership to consider a specialist support service and report back to the Board.",
            "Submit the overview report and action plan to the Home Office.",
        ]
    )
    register.search_edit.setText("okafor home")
    assert texts(register) == ["Submit the overview report and action plan to the Home Office."]
    assert register.count_label.text().startswith("Showing 1 of 6")


def test_showing_closed_actions_reads_once_then_filters(register, monkeypatch, qtbot):
    calls = []
    real = register._services.action_register.rows
    monkeypatch.setattr(
        register._services.action_register,
        "rows",
        lambda *a, **k: calls.append(k.get("states")) or real(*a, **k),
    )
    register.state_combo.setCurrentIndex(register.state_combo.findText("All states"))
    assert register.loading()
    assert "reading the closed actions too…" in register.count_label.text()
    assert register.proxy.rowCount() == 6  # meanwhile: the outstanding rows in hand
    read_in(register, qtbot)
    assert calls == [None]
    assert register.proxy.rowCount() == 8
    assert register.count_label.text().startswith("Showing 8 of 8 actions")
    register.state_combo.setCurrentIndex(register.state_combo.findText("Done"))
    register.state_combo.setCurrentIndex(register.state_combo.findText("Outstanding"))
    assert calls == [None]  # everything is already in hand
    assert register.proxy.rowCount() == 6


def test_a_read_overtaken_by_a_newer_one_is_dropped(register, monkeypatch, qtbot):
    started = []
    monkeypatch.setattr(
        "scbmeet.gui.actions.register_reads.run_task",
        lambda fn, on_done, on_error: started.append((fn, on_done)),
    )
    loads = []
    register.loaded.connect(lambda: loads.append(register.table.rowCount()))
    register.state_combo.setCurrentIndex(register.state_combo.findText("All states"))
    register.state_combo.setCurrentIndex(register.state_combo.findText("Outstanding"))
    register.reload()  # a change elsewhere: read the outstanding ones again
    assert len(started) == 2  # the second filter was served by the read already coming
    (read_all, all_done), (read_again, again_done) = started
    again_done(read_again())
    assert loads == [6] and not register.loading()
    all_done(read_all())  # the older read comes last: dropped, not shown
    assert loads == [6]
    assert register.table.rowCount() == 6
    assert register.count_label.text().startswith("Showing 6 of 6 outstanding actions")


def test_filtering_keeps_the_selection_and_the_history_pane_follows(register):
    row = find_row(register, "Home Office")
    select(register, row)
    assert "Home Office" in register.history_browser.toPlainText()
    register.search_edit.setText("o")
    register.search_edit.setText("okafor")  # still shown: still selected, at its new place
    assert [r.id for r in register.selected_rows()] == [row.id]
    assert register.view.selectionModel().selectedRows()[0].row() == next(
        n for n, r in enumerate(register.visible_rows()) if r.id == row.id
    )
    assert "Home Office" in register.history_browser.toPlainText()
    register.search_edit.setText("okafor convene")  # hidden by the filter: the pane clears
    assert register.selected_rows() == []
    assert register.history_browser.toPlainText() == ""
    assert not register.progress_button.isEnabled()


def test_owner_filter_person_and_organisation(register):
    combo = register.owner_combo
    combo.setCurrentIndex(combo.findText("Rachel Okafor"))
    assert len(texts(register)) == 2
    council = next(
        i for i in range(combo.count()) if combo.itemText(i).startswith("Marlshire County Council")
    )
    combo.setCurrentIndex(council)
    # Rachel, Tom Ellery (council) and the research team (part of the council).
    assert len(texts(register)) == 4
    register.set_owner_filter(None)
    assert len(texts(register)) == 6


def test_theme_and_due_before_filters(register, demo, qtbot):
    services, _summary = demo
    theme = register.theme_combo
    theme.setCurrentIndex(theme.findText("Alcohol and drugs"))
    assert [r.minute_reference for r in register.visible_rows()] == ["6/26"]
    theme.setCurrentIndex(0)
    row = find_row(register, "move-on accommodation")
    services.actions.update_action(row.id, {"due_date": date(2026, 12, 1)})
    register.reload()
    read_in(register, qtbot)
    register.due_before_edit.setDate(register.due_before_edit.date().addDays(30))
    register.due_before_check.setChecked(True)
    assert register.due_before_edit.isEnabled()
    assert [r.id for r in register.visible_rows()] == [row.id]


def test_overdue_actions_stand_out(register, demo, qtbot):
    services, _summary = demo
    row = find_row(register, "Home Office")
    services.actions.update_action(row.id, {"due_date": DEMO_TODAY - timedelta(days=10)})
    qtbot.waitUntil(lambda: find_row(register, "Home Office").is_overdue, timeout=2000)
    n = next(i for i, r in enumerate(register.visible_rows()) if r.id == row.id)
    state = register.proxy.index(n, register.table.column_of("state"))
    assert state.data() == "Open - overdue"
    assert state.data(Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BACKGROUND
    assert "Overdue by 10 days" in state.data(Qt.ItemDataRole.ToolTipRole)
    register.overdue_check.setChecked(True)
    assert [r.id for r in register.visible_rows()] == [row.id]
    assert "1 overdue" in register.count_label.text()


def test_actions_carried_three_times_are_flagged(demo, qtbot):
    services, summary = demo
    after_next = services.meetings.meeting(summary.upcoming_meeting_id).date + timedelta(days=1)
    widget = ActionsRegisterWidget(services, summary.board_id, today=after_next)
    qtbot.addWidget(widget)
    read_in(widget, qtbot)
    row = find_row(widget, "Convene a meeting")
    assert row.carried == 3
    n = next(i for i, r in enumerate(widget.visible_rows()) if r.id == row.id)
    carried = widget.proxy.index(n, widget.table.column_of("carried"))
    assert carried.data() == "3 ⚑"
    assert "Carried across 3 meetings" in carried.data(Qt.ItemDataRole.ToolTipRole)
    widget.carried_check.setChecked(True)
    assert {r.id for r in widget.visible_rows()} == {
        r.id for r in widget.table.rows() if r.carried >= 3
    }


def test_sorting_by_a_header_is_done_by_the_model(register, qtbot):
    due = register.table.column_of("due")
    rows = register.table.rows()
    register._services.actions.update_action(rows[2].id, {"due_date": date(2027, 1, 1)})
    register._services.actions.update_action(rows[4].id, {"due_date": date(2026, 12, 24)})
    register.reload()
    read_in(register, qtbot)
    register.view.sortByColumn(due, Qt.SortOrder.AscendingOrder)
    ordered = register.visible_rows()
    assert [r.due for r in ordered[:2]] == [date(2026, 12, 24), date(2027, 1, 1)]
    register.view.sortByColumn(due, Qt.SortOrder.DescendingOrder)
    ordered = register.visible_rows()
    assert [r.due for r in ordered[:2]] == [date(2027, 1, 1), date(2026, 12, 24)]
    assert ordered[-1].due is None  # no date: last, either way round


def test_group_by_owner(register):
    register.group_check.setChecked(True)
    groups = register.groups
    assert register.view.model() is groups
    names = [groups.group_at(i).name for i in range(groups.rowCount())]
    expected = [g.name for g in group_by_owner(register.visible_rows())]
    assert names == expected
    rachel = names.index("Rachel Okafor")
    heading = groups.index(rachel, 0)
    assert heading.data().startswith("Rachel Okafor - 2 actions")
    assert groups.rowCount(heading) == 2
    assert register.view.isFirstColumnSpanned(rachel, QModelIndex())
    register.search_edit.setText("Home Office")
    assert [groups.group_at(i).name for i in range(groups.rowCount())] == ["Rachel Okafor"]
    register.group_check.setChecked(False)
    assert register.view.model() is register.proxy


def test_selecting_an_action_shows_its_history(register):
    row = find_row(register, "Convene a meeting")
    select(register, row)
    text = register.history_browser.toPlainText()
    assert "Carried forward" in text
    assert "MSCB 10 June 2026" in text
    assert "From minute 2/26" in text
    assert register.progress_button.isEnabled()
    assert register.state_button.isEnabled()


def test_history_escapes_stored_text(demo):
    services, _summary = demo
    row = services.action_register.rows(today=DEMO_TODAY)[1]
    services.actions.add_update(row.id, "<img src=x onerror=alert(1)> & done")
    page = history_html(services.action_register.history(row.id, today=DEMO_TODAY))
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; done" in page


def test_history_link_and_double_click_open_the_minute(register, qtbot):
    row = find_row(register, "Convene a meeting")
    with qtbot.waitSignal(register.openRequested) as signal:
        register.history_browser.anchorClicked.emit(QUrl(f"scbmeet:minute/{row.minute_item_id}"))
    assert signal.args == ["minute", row.minute_item_id]
    n = next(i for i, r in enumerate(register.visible_rows()) if r.id == row.id)
    with qtbot.waitSignal(register.openRequested) as signal:
        register.view.doubleClicked.emit(register.proxy.index(n, 0))
    assert signal.args == ["minute", row.minute_item_id]


def test_record_progress(register, demo, qtbot):
    services, _summary = demo
    row = find_row(register, "move-on accommodation")
    meetings = services.meetings.meetings(row.board_id)
    dialog = ProgressDialog(services, row, meetings, DEMO_TODAY, register)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label.text() == "Write what progress has been made."
    assert services.actions.updates(row.id) == []
    dialog.progress_edit.setPlainText("Two sites identified.")
    dialog.meeting_combo.setCurrentIndex(dialog.meeting_combo.findData(meetings[1].id))
    assert dialog.date_edit.date().toPython() == meetings[1].date
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    [update] = services.actions.updates(row.id)
    assert (update.text, update.meeting_id, update.on_date) == (
        "Two sites identified.",
        meetings[1].id,
        meetings[1].date,
    )


def test_change_several_actions_state_at_once(register, demo, qtbot):
    services, _summary = demo
    first, second = register.visible_rows()[:2]
    dialog = StateDialog(services, [first, second], [], DEMO_TODAY, register)
    qtbot.addWidget(dialog)
    assert not dialog.note_edit.isEnabled()  # notes and meetings: one action at a time
    dialog.state_combo.setCurrentIndex(dialog.state_combo.findData("dropped"))
    dialog.accept()
    assert {services.actions.action(r.id).state for r in (first, second)} == {"dropped"}
    qtbot.waitUntil(lambda: register.proxy.rowCount() == 4, timeout=2000)


def test_change_one_state_with_a_note(register, demo, qtbot):
    services, _summary = demo
    row = find_row(register, "Home Office")
    dialog = StateDialog(services, [row], [], DEMO_TODAY, register)
    qtbot.addWidget(dialog)
    dialog.note_edit.setPlainText("Submitted on 1 November.")
    dialog.accept()
    assert services.actions.action(row.id).state == "done"
    assert [u.text for u in services.actions.updates(row.id)] == ["Submitted on 1 November."]


def test_export_csv_of_the_rows_shown(register, tmp_path):
    register.search_edit.setText("okafor")
    path = register.export_csv(str(tmp_path / "shown.csv"))
    with path.open(encoding="utf-8-sig") as handle:
        table = list(csv.reader(handle))
    assert table[0][:4] == ["Board", "Minute", "Meeting", "Action"]
    assert [line[1] for line in table[1:]] == [r.minute_reference for r in register.visible_rows()]
    assert len(table) == 3


def test_word_export_hook_gets_the_ids_shown_and_the_filter(register, qtbot):
    got = []
    register.set_word_exporter(lambda ids, action_filter: got.append((ids, action_filter)))
    assert not register.word_button.isHidden()
    register.search_edit.setText("okafor")
    register.word_button.click()
    [(ids, action_filter)] = got
    assert ids == register.visible_action_ids() and len(ids) == 2
    assert isinstance(action_filter, ActionFilter) and action_filter.text == "okafor"


def test_chase_owners_dialog(register, qtbot, tmp_path):
    dialog = register.chase_dialog()
    qtbot.addWidget(dialog)
    owners = [dialog.model.reminder(i).owner_name for i in range(dialog.model.rowCount())]
    assert "Rachel Okafor" in owners and "SMRI" in owners
    assert "Dear" in dialog.preview.toPlainText()
    assert "SMRI" in dialog.warning_label.text()  # a team has no address
    dialog._choose_folder = lambda _parent: str(tmp_path)
    written = dialog.save_drafts()
    assert len(written) == len([r for r in dialog.model.ticked()])
    assert all(p.suffix == ".eml" and p.parent == tmp_path for p in written)
    opened = []
    dialog._open_url = lambda url: opened.append(url.toString()) or True
    dialog.open_in_mail()
    assert opened and opened[0].startswith("mailto:")


def test_chase_dialog_with_no_mail_program(demo, qtbot, monkeypatch):
    services, summary = demo
    reminders = services.chasing.reminders(board_id=summary.board_id, today=DEMO_TODAY)
    warned = []
    monkeypatch.setattr(
        "scbmeet.gui.actions.action_dialogs.QMessageBox.warning", lambda *a: warned.append(a[2])
    )
    dialog = ChaseDialog(reminders, open_url=lambda _url: False)
    qtbot.addWidget(dialog)
    dialog.open_in_mail()
    assert warned and "No mail program" in warned[0]


def test_show_action_widens_the_filter_when_needed(register, qtbot):
    done = next(r for r in register._services.action_register.rows(today=DEMO_TODAY) if r.is_closed)
    register.search_edit.setText("okafor")
    assert register.show_action(done.id)  # a closed action: selected once it has been read
    qtbot.waitUntil(lambda: [r.id for r in register.selected_rows()] == [done.id])
    assert register.search_edit.text() == ""
    assert register.state_combo.currentText() == "All states"
    assert "Done" in register.history_browser.toPlainText()
    shown = register.visible_rows()[0]
    assert register.show_action(shown.id)
    assert [r.id for r in register.selected_rows()] == [shown.id]
    assert not register.show_action(99999)


def test_all_boards_shows_a_board_column(demo, qtbot):
    services, _summary = demo
    widget = ActionsRegisterWidget(services, None, today=DEMO_TODAY)
    qtbot.addWidget(widget)
    read_in(widget, qtbot)
    assert widget.table.headerData(0, Qt.Orientation.Horizontal) == "Board"
    assert widget.board_combo.currentData() is None
    assert widget.proxy.rowCount() == 6


def test_table_model_sort_keeps_selection(demo, qtbot):
    services, summary = demo
    model = ActionsTableModel()
    model.set_rows(services.action_register.rows(summary.board_id, today=DEMO_TODAY))
    text = model.column_of("text")
    model.sort(text, Qt.SortOrder.AscendingOrder)
    names = [model.row_at(i).text for i in range(model.rowCount())]
    assert names == sorted(names, key=str.casefold)


@pytest.mark.parametrize(
    ("days", "text"),
    [(1, "1 day"), (5, "5 days"), (20, "2 weeks"), (100, "3 months"), (800, "2 years")],
)
def test_human_age(days, text):
    assert human_age(days) == text


def test_typing_on_narrows_and_deleting_widens_to_exactly_what_a_fresh_filter_shows(
    register, qtbot
):
    register.state_combo.setCurrentIndex(register.state_combo.findText("All states"))
    read_in(register, qtbot)
    every = register.table.rows()
    shown_counts = []
    for typed in ["r", "re", "rep", "repo", "rep", "re", "r", "", "o", "ov"]:
        register.search_edit.setText(typed)
        wanted = {r.id for r in every if ActionFilter(states=frozenset(), text=typed).matches(r)}
        assert {r.id for r in register.visible_rows()} == wanted, typed
        assert register.proxy.rowCount() == len(wanted)
        shown_counts.append(len(wanted))
    assert shown_counts[0] > shown_counts[3] > 0  # the words narrowed the rows, and matched some

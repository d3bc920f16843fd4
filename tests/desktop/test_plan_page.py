"""The Partnership plan page through the main window: the demo plan, adding, recording
progress, refusals in the dialog, and undo."""

from __future__ import annotations

import pytest

from scbmeet.gui.plans.page import STATUS_COLUMN, PlanPage
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_services):
    w = MainWindow(demo_services, demo=True)
    install_extensions(w)
    qtbot.addWidget(w)
    return w


def open_plan_page(window, board_id) -> PlanPage:
    window.navigate("plan", board_id)
    page = window.current_page()
    assert isinstance(page, PlanPage)
    return page


def rows(page: PlanPage) -> list[tuple[str, ...]]:
    return [tuple(item.text(c) for c in range(5)) for item in page._items()]


def test_the_page_shows_the_plan_with_statuses_in_words_and_colour(window, demo):
    _services, summary = demo
    page = open_plan_page(window, summary.board_id)
    assert page.heading.text() == "Partnership Plan 2026-2029 (MSCB)"
    shown = rows(page)
    assert shown[0][0] == "Anti-social behaviour"
    training = next(r for r in shown if r[0].startswith("Train frontline staff"))
    assert training[1:4] == (
        "Rachel Okafor / MFRS",
        "Commissioning delayed; no sessions held yet.",
        "Off track",
    )
    item = next(i for i in page._items() if i.text(0).startswith("Train frontline"))
    assert item.background(STATUS_COLUMN).color().name() == "#f4b6b6"
    assert "4 actions" in page.summary.text() and "1 off track" in page.summary.text()


def test_adding_an_action_and_recording_progress_can_be_undone(window, demo, prompts, qtbot):
    services, summary = demo
    page = open_plan_page(window, summary.board_id)
    page.select("priority", page.table.priorities[1].priority.id)  # Domestic abuse

    def fill_action(dialog):
        dialog.text.setPlainText("Open a second refuge in Northmoor")
        dialog.owners.setText("Gareth Price")
        dialog.target.setText("31/03/2028")
        return dialog.try_accept()

    prompts.on_dialog(fill_action)
    page.add_action()
    assert page.selected_action().text == "Open a second refuge in Northmoor"
    assert page.selected_action().status_words == "No update"

    def fill_progress(dialog):
        dialog.status.setCurrentIndex(dialog.status.findText("At risk"))
        dialog.text.setPlainText("Site found; planning permission pending.")
        return dialog.try_accept()

    prompts.on_dialog(fill_progress)
    page.record_progress()
    qtbot.waitUntil(lambda: any(r[3] == "At risk" and "planning" in r[2] for r in rows(page)))
    stack = window.undo_group
    assert stack.undoText() == "Record progress: at risk"
    stack.undo()
    qtbot.waitUntil(lambda: not any("planning" in r[2] for r in rows(page)))
    stack.undo()
    qtbot.waitUntil(lambda: not any("second refuge" in r[0] for r in rows(page)))
    stack.redo()
    stack.redo()  # the action comes back under a new id, and its progress with it
    qtbot.waitUntil(lambda: any("planning" in r[2] for r in rows(page)))
    assert prompts.errors == []
    plan = services.plans.current_plan(summary.board_id)
    actions = services.plans.table(plan.id).priorities[1].actions
    assert [a.status_words for a in actions] == ["Off track", "At risk"]


def test_a_refusal_shows_in_the_dialog_and_keeps_the_typing(window, demo, prompts):
    _services, summary = demo
    page = open_plan_page(window, summary.board_id)
    page.select("priority", page.table.priorities[0].priority.id)
    seen = {}

    def fill(dialog):
        dialog.text.setPlainText("Patrol the parks")
        dialog.owners.setText("Nobody Known")
        assert not dialog.try_accept()
        dialog.target.setText("31/02/2027")
        assert not dialog.try_accept()
        seen["message"] = dialog.message.text()
        seen["typed"] = dialog.text.toPlainText()
        return False

    prompts.on_dialog(fill)
    page.add_action()
    assert "31/02/2027" in seen["message"] and seen["typed"] == "Patrol the parks"
    assert not any("Patrol" in r[0] for r in rows(page))
    assert window.undo_group.undoText() == ""


def test_a_board_without_a_plan_starts_one(window, demo, prompts, qtbot):
    services, summary = demo
    other = next(b for b in services.register.boards() if b.id != summary.board_id)
    page = open_plan_page(window, other.id)
    assert "no partnership plan yet" in page.summary.text()
    assert not page.buttons["add_priority"].isEnabled()

    def fill(dialog):
        dialog.period.setText("2027-2030")
        return dialog.try_accept()

    prompts.on_dialog(fill)
    page.new_plan()
    qtbot.waitUntil(lambda: page.heading.text() == "Partnership Plan 2027-2030 (ECSP)")
    assert page.buttons["add_priority"].isEnabled()


def test_a_duty_falling_due_is_on_the_forward_plan_when_it_opens(window, demo, qtbot):
    """A statutory duty due within its notice goes on the board's forward plan page, once."""
    from tests.desktop.test_pages import rows as table_rows

    services, summary = demo
    services.plan_duties.add_duty(summary.board_id, "Information-sharing agreement renewed", 1)
    window.navigate("forward_plan", summary.board_id)
    page = window.current_page()
    page.waiting_only.setChecked(True)
    shown = [r for r in table_rows(page.view) if r[0] == "Information-sharing agreement renewed"]
    assert len(shown) == 1, table_rows(page.view)
    assert any("Statutory duty (due 1 January 2027)" in cell for cell in shown[0])
    assert any(r[0] == "Annual strategic assessment" for r in table_rows(page.view))  # the demo's
    assert services.plan_duties.place_due(summary.board_id) == []  # all placed already
    window.navigate("forward_plan", summary.board_id)  # again: not twice
    titles = [e.title for e in services.forward_plan.entries(summary.board_id)]
    assert titles.count("Information-sharing agreement renewed") == 1

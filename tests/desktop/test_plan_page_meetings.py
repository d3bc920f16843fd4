"""The Partnership plan page with the meetings, through the main window: reviewing the plan
at a meeting, linking a meeting action, actions put to the board for support; all undoable."""

from __future__ import annotations

import pytest

from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.main_window import MainWindow
from tests.desktop.test_plan_page import open_plan_page, rows


@pytest.fixture
def window(qtbot, demo_services):
    w = MainWindow(demo_services, demo=True)
    install_extensions(w)
    qtbot.addWidget(w)
    return w


def test_the_plan_goes_on_a_meeting_agenda_and_comes_off_with_undo(window, demo, prompts, qtbot):
    services, summary = demo
    page = open_plan_page(window, summary.board_id)

    def choose(dialog):
        assert dialog.meeting.itemData(0) == summary.upcoming_meeting_id  # the next one first
        dialog.title.setText("Partnership plan: quarter 3 progress")
        return dialog.try_accept()

    prompts.on_dialog(choose)
    demo_reviews = services.plan_meetings.review_items(summary.upcoming_meeting_id)
    page.review_at_meeting()
    reviews = services.plan_meetings.review_items(summary.upcoming_meeting_id)
    added = [r.item_title for r in reviews if r not in demo_reviews]
    assert added == ["Partnership plan: quarter 3 progress"]
    window.undo_group.undo()
    assert services.plan_meetings.review_items(summary.upcoming_meeting_id) == demo_reviews
    window.undo_group.redo()
    assert (
        len(services.plan_meetings.review_items(summary.upcoming_meeting_id))
        == len(demo_reviews) + 1
    )


def test_a_linked_meeting_action_shows_under_the_plan_action(window, demo, prompts, qtbot):
    services, summary = demo
    page = open_plan_page(window, summary.board_id)
    training = next(
        a for g in page.table.priorities for a in g.actions if a.text.startswith("Train frontline")
    )
    page.select("action", training.id)
    chosen = {}

    def link(dialog):
        chosen["id"] = dialog.action.currentData()
        return dialog.try_accept()

    prompts.on_dialog(link)
    page.link_action()
    linked = services.plan_meetings.linked_actions(training.id)
    assert [a.action_id for a in linked] == [chosen["id"]]
    services.actions.add_update(chosen["id"], "Two trainers booked for January.")
    qtbot.waitUntil(lambda: "Two trainers booked" in page.detail.text() or page._show_detail())
    assert "Meeting actions:" in page.detail.text()
    window.undo_group.undo()
    assert services.plan_meetings.linked_actions(training.id) == []


def test_an_action_for_support_is_listed_under_its_priority(window, demo, prompts, qtbot):
    services, summary = demo
    page = open_plan_page(window, summary.board_id)
    page.select("priority", page.table.priorities[2].priority.id)  # Reducing reoffending

    def fill(dialog):
        assert dialog.priority.currentText() == "Reducing reoffending"
        dialog.text.setPlainText("Partners fund the Southbrook cohort for another year")
        dialog.in_progress.setText("Yes")
        return dialog.try_accept()

    prompts.on_dialog(fill)
    page.add_recommendation()
    qtbot.waitUntil(lambda: any("Southbrook cohort for another" in r[0] for r in rows(page)))
    row = next(r for r in rows(page) if "Southbrook cohort for another" in r[0])
    assert row[2:4] == ("Yes", "Not yet decided")

    def empty(dialog):
        return dialog.try_accept()  # nothing typed: refused in the dialog, nothing stored

    prompts.on_dialog(empty)
    page.add_recommendation()
    plan = services.plans.current_plan(summary.board_id)
    assert len(services.plan_decisions.recommendations(plan.id)) == 3
    window.undo_group.undo()
    qtbot.waitUntil(lambda: not any("Southbrook cohort for another" in r[0] for r in rows(page)))


def test_a_search_hit_of_the_plan_opens_the_plan_page_at_its_action(window, demo):
    from scbmeet.gui.plans.page import PlanPage
    from scbmeet.gui.shell.place_opening import open_place

    services, _summary = demo
    hit = next(h for h in services.search.search("commissioning") if h.kind == "plan_progress")
    open_place(window, hit.kind, hit.id)
    page = window.current_page()
    assert isinstance(page, PlanPage)
    assert page.selected_action().text.startswith("Train frontline staff")


def test_the_next_plan_starts_from_the_page_and_undo_takes_it_back(window, demo, prompts):
    services, summary = demo
    page = open_plan_page(window, summary.board_id)
    old = page.plan_id

    def fill(dialog):
        dialog.name.setText("Partnership Plan 2027")
        dialog.period.setText("2027-2030")
        dialog.priorities.setPlainText("Domestic abuse\nSerious violence")
        return dialog.try_accept()

    prompts.on_dialog(fill)
    page.next_plan()
    assert page.heading.text() == "Partnership Plan 2027 2027-2030 (MSCB)"
    assert [r[0] for r in rows(page)][:2] == [
        "Domestic abuse",
        "Train frontline staff of every partner to recognise and refer domestic abuse",
    ]
    assert services.plans.plan(old).status == "finished"
    window.undo_group.undo()
    assert [p.id for p in services.plans.plans(summary.board_id)] == [old]
    assert services.plans.plan(old).status == "active"


def test_a_spreadsheet_plan_is_mapped_in_the_preview_and_imported_whole(
    window, demo, prompts, tmp_path, qtbot
):
    from tests.test_plan_csv import SHEET

    services, summary = demo
    page = open_plan_page(window, summary.board_id)
    sheet = tmp_path / "plan.csv"
    sheet.write_text(SHEET.replace("Lead", "Who"), encoding="utf-8")
    prompts.open_files = [sheet]
    seen = {}

    def map_and_import(dialog):
        seen["before"] = dialog.summary.text()
        assert not dialog.try_accept()  # no owner column yet: refused, nothing imported
        owner = dialog.columns["owner"]
        owner.setCurrentIndex(owner.findData("Who"))
        seen["after"] = dialog.summary.text()
        return dialog.try_accept()

    prompts.on_dialog(map_and_import)
    page.import_csv()
    assert seen["before"].startswith("1 problem(s)")
    assert seen["after"].startswith("3 action(s) under 2 priority(ies), ready to import")
    qtbot.waitUntil(lambda: any(r[0] == "Hate crime" for r in rows(page)))
    window.undo_group.undo()
    qtbot.waitUntil(lambda: not any(r[0] == "Hate crime" for r in rows(page)))
    plan = services.plans.current_plan(summary.board_id)
    assert [p.theme for p in services.plans.priorities(plan.id)] == [
        "Anti-social behaviour", "Domestic abuse", "Reducing reoffending",
    ]  # fmt: skip

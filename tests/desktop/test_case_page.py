"""The Case reviews page through the main window: the demo's review, a new one with its
stage, costs, a recommendation and its progress, its update on a closed agenda, refusals in
the dialog (nothing stored), and undo of every step."""

from __future__ import annotations

import pytest

from scbmeet.gui.plans.case_page import STATUS_COLUMN, CaseReviewsPage
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_services):
    w = MainWindow(demo_services, demo=True)
    install_extensions(w)
    qtbot.addWidget(w)
    return w


def open_cases(window, board_id) -> CaseReviewsPage:
    window.navigate("cases", board_id)
    page = window.current_page()
    assert isinstance(page, CaseReviewsPage)
    return page


def rows(page: CaseReviewsPage) -> list[tuple[str, ...]]:
    return [tuple(item.text(c) for c in range(5)) for item in page.items()]


def test_the_page_shows_the_demo_review_as_closed_business(window, demo):
    _services, summary = demo
    page = open_cases(window, summary.board_id)
    assert page.heading.text() == "Case reviews of MSCB (closed business)"
    assert "closed session" in page.note.text()
    review = rows(page)[0]
    assert review[0] == "DHR-2025-03 – DV Homicide Review"
    assert review[2].startswith("Overview report approved for the Home Office since ")
    assert review[3:] == ("1 on track, 1 at risk", "£9,850.00")
    sharing = next(i for i in page.items() if i.text(0).startswith("Share risk assessments"))
    assert (sharing.text(1), sharing.text(3)) == ("Rachel Okafor", "At risk")
    assert sharing.background(STATUS_COLUMN).color().name() != "#000000"
    page.select("review", page.reviews[0].id)
    assert "Independent chair appointed" in page.detail.text()


def test_a_new_review_is_staged_costed_recommended_and_put_on_a_closed_agenda_with_undo(
    window, demo, prompts, qtbot
):
    services, summary = demo
    page = open_cases(window, summary.board_id)
    stack = window.undo_group

    def new_review(dialog):
        dialog.reference.setText("DHR-2026-04")
        dialog.title.setText("DV Homicide Review")
        dialog.notified.setText("02/11/2026")
        return dialog.try_accept()

    prompts.on_dialog(new_review)
    page.buttons["new"].click()
    qtbot.waitUntil(lambda: any(r[0] == "DHR-2026-04 – DV Homicide Review" for r in rows(page)))
    assert page.selected_review().reference == "DHR-2026-04"

    def stage(dialog):
        dialog.stage.setText("Panel appointed")
        dialog.on.setText("16/11/2026")
        return dialog.try_accept()

    prompts.on_dialog(stage)
    page.buttons["stage"].click()

    def refused_then_cost(dialog):
        dialog.amount.setText("lots")
        assert not dialog.try_accept()  # one line under the fields, the dialog stays open
        assert dialog.message.text() == "'lots' is not an amount in pounds (e.g. 1,250.50)."
        dialog.amount.setText("2,400")
        return dialog.try_accept()

    prompts.on_dialog(refused_then_cost)
    page.buttons["cost"].click()
    qtbot.waitUntil(
        lambda: (
            ("Panel appointed since 16 Nov 2026", "£2,400.00") in [(r[2], r[4]) for r in rows(page)]
        )
    )

    def recommend(dialog):
        dialog.text.setPlainText("Brief every GP practice on coercive control")
        dialog.owners.setText("Rachel Okafor")
        return dialog.try_accept()

    prompts.on_dialog(recommend)
    page.buttons["recommend"].click()
    assert page.selected_recommendation().text == "Brief every GP practice on coercive control"

    def progress(dialog):
        dialog.status.setCurrentIndex(dialog.status.findText("Off track"))
        dialog.text.setPlainText("No practice briefed yet.")
        return dialog.try_accept()

    prompts.on_dialog(progress)
    page.buttons["progress"].click()
    qtbot.waitUntil(lambda: any(r[3] == "Off track" and "No practice" in r[2] for r in rows(page)))

    def closed_agenda(dialog):
        assert dialog.meeting.itemData(0) == summary.upcoming_meeting_id
        return dialog.try_accept()

    prompts.on_dialog(closed_agenda)
    page.buttons["agenda"].click()
    item = next(
        i
        for i in services.agenda.agenda(summary.upcoming_meeting_id)
        if i.closed_reference == "DHR-2026-04"
    )
    assert (
        item.is_closed and item.title == "Update on DV Homicide Review Ref: DHR-2026-04 inc costs"
    )
    assert prompts.errors == []

    # Undo, step by step, back to before the review; then redo it all.
    assert stack.undoText() == "Put on a closed agenda"
    stack.undo()
    assert all(i.closed_reference != "DHR-2026-04"
               for i in services.agenda.agenda(summary.upcoming_meeting_id))  # fmt: skip
    stack.undo()  # the progress
    qtbot.waitUntil(lambda: not any("No practice" in r[2] for r in rows(page)))
    stack.undo()  # the recommendation
    qtbot.waitUntil(lambda: not any(r[0].startswith("Brief every GP") for r in rows(page)))
    stack.undo()  # the costs
    qtbot.waitUntil(lambda: any(r[4] == "£0.00" for r in rows(page)))
    stack.undo()  # the stage
    qtbot.waitUntil(lambda: any(r[2].startswith("Notified since 2 Nov 2026") for r in rows(page)))
    stack.undo()  # the review
    qtbot.waitUntil(lambda: [r[0] for r in rows(page) if r[0].startswith("DHR")] == [
        "DHR-2025-03 – DV Homicide Review"
    ])  # fmt: skip
    assert [r.reference for r in services.case_reviews.reviews(summary.board_id)] == ["DHR-2025-03"]
    for _ in range(6):
        stack.redo()
    qtbot.waitUntil(lambda: any(r[3] == "Off track" and "No practice" in r[2] for r in rows(page)))
    again = services.case_reviews.find(summary.board_id, "DHR-2026-04")
    assert (again.stage, again.costs) == ("Panel appointed", "£2,400.00")
    assert any(i.closed_reference == "DHR-2026-04"
               for i in services.agenda.agenda(summary.upcoming_meeting_id))  # fmt: skip
    assert prompts.errors == []


def test_a_reference_taken_is_refused_in_the_dialog_and_nothing_is_stored(window, demo, prompts):
    services, summary = demo
    page = open_cases(window, summary.board_id)
    said = []

    def taken(dialog):
        dialog.reference.setText("dhr-2025-03")
        accepted = dialog.try_accept()
        said.append(dialog.message.text())
        return accepted

    prompts.on_dialog(taken)
    page.buttons["new"].click()
    assert said == ["The board already has a case review 'dhr-2025-03'."]
    assert len(services.case_reviews.reviews(summary.board_id)) == 1
    assert window.undo_group.undoText() == ""

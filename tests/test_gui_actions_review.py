"""The chair's review view and its charts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QModelIndex, QPointF

from scbmeet.domain.dto import OwnerRef
from scbmeet.gui.actions.review import ChairReviewWidget, Column, ReviewTableModel
from scbmeet.gui.actions.review_charts import AgeChart, OpenActionsChart, nice_step
from scbmeet.services.chair_review import AgeBand, MeetingPoint

DEMO_TODAY = date(2026, 11, 21)


@pytest.fixture
def review(undated_demo, qtbot):
    demo = undated_demo
    services, summary = demo
    late = next(
        r for r in services.action_register.rows(today=DEMO_TODAY) if "Home Office" in r.text
    )
    services.actions.update_action(late.id, {"due_date": DEMO_TODAY - timedelta(days=30)})
    widget = ChairReviewWidget(services, summary.board_id, today=DEMO_TODAY)
    qtbot.addWidget(widget)
    widget.resize(1100, 1200)
    qtbot.waitUntil(lambda: widget.review() is not None)  # read off the GUI thread
    return widget


def test_models_pass_the_model_tester(review, qtmodeltester):
    for model in (
        review.owners,
        review.overdue,
        review.closed,
        review.forward,
        review.resolutions,
        review.ages,
        review.trend,
    ):
        qtmodeltester.check(model)


def test_header_and_tiles(review):
    assert review.title_label.text() == "Chair's review - Marlshire Safer Communities Board"
    assert "Last meeting: 9 September 2026" in review.meetings_label.text()
    assert "Next meeting: 9 December 2026" in review.meetings_label.text()
    assert review.tiles["outstanding"].accessibleDescription() == "6 outstanding"
    assert review.tiles["overdue"].accessibleDescription() == "1 overdue"
    assert review.tiles["closed"].accessibleDescription() == "1 closed since the last meeting"


def test_tables_show_the_review(review):
    owners = [review.owners.index(r, 0).data() for r in range(review.owners.rowCount())]
    assert owners[0] == "Rachel Okafor"  # two outstanding: the most
    assert review.overdue.rowCount() == 1
    assert review.overdue.index(0, 1).data().startswith("Submit the overview report")
    assert review.overdue.index(0, 4).data() == "4 weeks"
    assert review.closed.index(0, 3).data() == "Done, 9 Sep 2026"
    assert [review.forward.index(r, 0).data() for r in range(review.forward.rowCount())] == [
        "Alcohol-tagged data - progress report from police and health"
    ]
    assert review.resolutions.rowCount() == 4  # the last meeting decided four things
    assert review.boxes["overdue"].title() == "Overdue (1)"


def test_charts_get_the_figures_and_describe_them(review):
    points = review.review().open_per_meeting
    assert [p.open for p in points] == [4, 5, 6]
    assert review.trend_chart.summary().startswith(
        "After the last meeting (MSCB 9 September 2026) 6 actions were open, 0 of them overdue."
    )
    assert review.trend_chart.accessibleDescription() == review.trend_chart.summary()
    assert "under 3 months: 2" in review.age_chart.summary()


def test_figures_as_tables(review):
    assert review.age_stack.currentIndex() == 0
    review.figures_check.setChecked(True)
    assert review.age_stack.currentIndex() == 1 and review.trend_stack.currentIndex() == 1
    assert review.trend.index(2, 1).data() == "6"


def test_activating_rows_opens_places(review, qtbot):
    view = review.views["overdueView"]
    action_id = review.overdue.item(0).id
    with qtbot.waitSignal(review.openRequested) as signal:
        view.activated.emit(review.overdue.index(0, 0))
    assert signal.args == ["action", action_id]
    owners = review.views["ownersView"]
    kind, ident = review.owners.item(0).key
    with qtbot.waitSignal(review.openRequested) as signal:
        owners.activated.emit(review.owners.index(0, 0))
    assert signal.args == [kind, ident]
    with qtbot.waitSignal(review.openRequested) as signal:
        review.views["resolutionsView"].activated.emit(review.resolutions.index(0, 0))
    assert signal.args == ["minute", review.resolutions.item(0).minute_id]


def test_review_follows_changes(review, demo, qtbot):
    services, _summary = demo
    row = review.overdue.item(0)
    services.actions.set_state(row.id, "done")
    qtbot.waitUntil(lambda: review.overdue.rowCount() == 0, timeout=2000)
    assert review.boxes["overdue"].title() == "Overdue (none)"


def test_charts_paint_and_explain_the_bar_under_the_pointer(qtbot):
    chart = OpenActionsChart()
    qtbot.addWidget(chart)
    chart.resize(500, 220)
    points = [
        MeetingPoint(i, date(2026, 1, 1) + timedelta(days=60 * i), f"M{i}", i * 3, i)
        for i in range(1, 6)
    ]
    chart.set_points(points)
    assert not chart.grab().isNull()
    area = chart.plot_area()
    assert chart.point_at(area.left() + 1) == points[0]
    assert chart.point_at(area.right() - 1) == points[-1]
    assert chart.point_at(0) is None
    ages = AgeChart()
    qtbot.addWidget(ages)
    ages.resize(400, 200)
    bands = [AgeBand("Young", 0, 10, 3), AgeBand("Old", 10, None, 7)]
    ages.set_bands(bands)
    assert not ages.grab().isNull()
    rows = ages._rows()
    assert ages.band_at(rows[1][0].center().y()) == bands[1]
    assert rows[1][0].width() > rows[0][0].width()
    assert ages.summary() == "Outstanding actions by age: young: 3; old: 7."


def test_empty_charts_say_so(qtbot):
    chart = OpenActionsChart()
    qtbot.addWidget(chart)
    assert chart.summary() == "No meetings have been held yet."
    assert not chart.grab().isNull()
    ages = AgeChart()
    qtbot.addWidget(ages)
    assert ages.summary() == "No outstanding actions."
    assert chart.point_at(QPointF(10, 10).x()) is None


@pytest.mark.parametrize(
    ("maximum", "step"), [(0, 1), (4, 1), (9, 2), (23, 5), (180, 50), (1117, 500)]
)
def test_nice_step(maximum, step):
    assert nice_step(maximum) == step


def test_review_table_model(qtmodeltester):
    model = ReviewTableModel(
        [Column("Name", str), Column("Length", lambda s: str(len(s)), right=True)]
    )
    model.set_items(["alpha", "be"])
    qtmodeltester.check(model)
    assert model.index(1, 1).data() == "2"


def test_a_long_list_shows_the_top_rows_and_counts_the_rest(qtmodeltester):
    model = ReviewTableModel([Column("Name", str), Column("Length", lambda s: str(len(s)))])
    names = [f"owner {n}" for n in range(60)]
    model.set_items(names, limit=25)
    qtmodeltester.check(model)
    assert model.rowCount() == 26  # the top 25 and a line for the rest
    assert model.index(24, 0).data() == "owner 24"
    assert model.index(25, 0).data() == "and 35 more (the actions register lists them all)"
    assert model.item(25) is None and model.more() == 35 and model.more_row() == 25
    model.set_items(names[:5], limit=25)
    assert model.rowCount() == 5 and model.more_row() is None


class _CountingModel(ReviewTableModel[str]):
    """Counts the cells the view asks for."""

    asked = 0

    def data(self, index, role=0):  # type: ignore[no-untyped-def]
        type(self).asked += 1
        return super().data(index, role)


def test_a_review_table_of_thousands_asks_only_for_what_it_shows(qtbot):
    from PySide6.QtWidgets import QTreeView

    from scbmeet.gui.actions.review import ChairReviewWidget as Page

    view = QTreeView()
    qtbot.addWidget(view)
    model = _CountingModel([Column("Name", str), Column("Length", lambda s: str(len(s)))])
    model.set_items([f"row {n}" for n in range(5000)])
    view.setModel(model)
    view.setUniformRowHeights(True)
    Page._fit_columns(view, None)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    view.grab()
    # 5,000 rows of 2 columns is 10,000 cells, and several roles each: a view that sized
    # itself to its contents would ask for all of them.
    assert 0 < _CountingModel.asked < 2000


def test_the_review_of_a_long_history_lists_the_top_owners_and_a_count(undated_demo, qtbot):
    services, summary = undated_demo
    meeting = services.meetings.meetings(summary.board_id)[0]
    minute = services.minutes.add_minute(meeting.id, "Many owners")
    people = [
        services.register.create_person(f"Owner{n:02d}", given_names="Many") for n in range(30)
    ]
    for person in people:
        services.actions.add_action(
            minute.id, f"Report from {person.family_name}", [OwnerRef(person_id=person.id)]
        )
    widget = ChairReviewWidget(services, summary.board_id, today=DEMO_TODAY)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.review() is not None)
    owners = widget.review().by_owner
    assert len(owners) > 25
    assert widget.owners.rowCount() == 26
    assert (
        widget.owners.index(25, 0).data()
        == f"and {len(owners) - 25:,} more (the actions register lists them all)"
    )
    assert widget.boxes["owners"].title().endswith(f"({len(owners):,})")
    assert widget.views["ownersView"].isFirstColumnSpanned(25, QModelIndex())


def test_the_page_says_it_is_reading_until_the_review_arrives(undated_demo, qtbot):
    services, summary = undated_demo
    widget = ChairReviewWidget(services, summary.board_id, today=DEMO_TODAY)
    qtbot.addWidget(widget)
    # Read off the GUI thread: nothing has arrived before the event loop runs.
    assert widget.review() is None and widget.loading()
    assert widget.meetings_label.text() == "Reading the review…"
    assert widget.trend_chart.waiting_text == "Reading the review…"
    assert not widget.refresh_button.isEnabled()
    with qtbot.waitSignal(widget.shown):
        pass
    assert not widget.loading() and widget.refresh_button.isEnabled()
    assert widget.trend_chart.waiting_text is None
    assert "Last meeting: 9 September 2026" in widget.meetings_label.text()

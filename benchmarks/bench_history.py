"""Benchmarks of issue 14: the screens and commands a long history slows, each beside a
bare baseline measured in the same run, on 5, 20 and 60 years of one board.

    python benchmarks/bench_history.py [--years 5 20 60] [--repeat 5] [--cold 3]
                                       [--only review,arising,...] [--keep-dbs DIR]

The databases come from :mod:`build_large_db` (``years`` of ten meetings a year). Every
figure is measured two ways:

* **cold**: the first run in a fresh process, as the user meets it (imports, SQLite's and
  SQLAlchemy's caches all cold). The figure and its baseline run in separate fresh
  processes, alternately, ``--cold`` times each; medians.
* **warm**: after two warm-up runs, the figure and its baseline run alternately
  ``--repeat`` times in one process; medians, by the clock and in CPU time (printed as a
  note: on a shared machine the CPU ratio swings less than the clock's).

Alternating means both see the same machine load: on a shared machine the ratio is what
to read, not the milliseconds.

Figures (``--only`` takes these names):

``review``    click the chair's review in the main window (once the app's warm-up after
              start-up, which makes the page ahead, is done) until its review and plan box
              are shown and painted; warm runs make the page anew (on the answers kept
              since). Baseline: a bare SELECT of the outstanding actions and a bare Qt view
              of as many rows as the page lists. The longest the GUI thread was held up
              meanwhile is printed too, and how soon after the first page the warm-up had
              made the review.
``review_first`` the same before the app's warm-up after start-up: a click on the page at
              once, its module imported, its statements compiled and its reads done on the
              way.
``arising``   minutes mode, a new meeting: go to Matters arising until its list (read off
              the GUI thread) is shown; baseline: a bare SELECT of the actions open when the
              meeting began and a bare Qt view of them. GUI held up: printed too.
``step``      minutes mode: the next item after Matters arising; baseline: moving the
              current row of a bare Qt view of the same actions.
``allstates`` actions register, just opened on the outstanding actions: switch to all
              states, until every action is shown (read off the GUI thread; the longest
              the GUI was held up is printed too); baseline: a bare SELECT of every action
              and a bare Qt model and view of them.
``keystroke`` actions register on all states: type a word key by key (real key events),
              each until repainted (per key: the median key, cold and warm; the worst key,
              when the letter showed, and the CPU time per key are printed too); baseline:
              a bare Python filter of the same rows, per key.
``import``    ``import-json`` of the history's export into an empty database; baseline:
              a bare ``executemany`` of the same rows in one transaction.
``csv``       member CSV import of 2,000 rows; baseline: a bare ``executemany`` of the same
              people and memberships.
``attendance`` the attendance report over the whole history; baseline: a bare SELECT of
              the rows it is made of (attendance with meeting dates, memberships).
``cli``       ``scbmeet meetings``, ``check``, ``backup`` and ``backups`` as processes
              (CPU time), with what ``python -X importtime`` says each imports;
              baseline: ``scbmeet --version``. Every run is a fresh process, so cold and
              warm differ only in the disk cache.

These are benchmarks, not tests: they print figures and never fail a build.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
FIGURES = (
    "review",
    "review_first",
    "arising",
    "step",
    "allstates",
    "keystroke",
    "import",
    "csv",
    "attendance",
    "cli",
)
TARGETS = {
    "review": "<= 3x bare",
    "review_first": "<= 3x bare",
    "arising": "<= 3x bare",
    "step": "< 100 ms",
    "allstates": "<= 3x bare",
    "keystroke": "< 30 ms",
    "import": "<= 3x bare",
    "csv": "<= 5x bare",
    "attendance": "<= 5x bare",
    "cli": "only what it uses",
}
TODAY = date(2025, 11, 30)  # build_large_db.TODAY: the day after the last meeting
NEW_MEETING = date(2025, 12, 10)
TYPED = "partnership"
CSV_ROWS = 2000
WINDOW_SIZE = (1280, 960)  # the main window the chair's review is clicked in

Pair = tuple[Callable[[], object], Callable[[], object]]


# -- what each figure runs (in a child process) ------------------------------------------------
class Figure:
    """``prepare()`` (untimed) before each run; ``measured()`` and ``baseline()``."""

    def __init__(self, db: Path, scratch: Path) -> None:
        self.db = db
        self.scratch = scratch

    def prepare(self) -> None:
        """Untimed set-up before each run of either side."""

    def measured(self) -> object:
        raise NotImplementedError

    def baseline(self) -> object:
        raise NotImplementedError


def _app() -> Any:
    from scbmeet.gui.shell.app import create_application

    return create_application([])


def _services(path: Path) -> Any:
    """The services over ``path``, opened as the app opens a file (what it loads ahead on
    its database thread is loaded here too, untimed)."""
    from scbmeet.gui.shell.opening import open_services

    return open_services(str(path))


def bare_view(app: Any, rows: list[tuple[Any, ...]], keep: list[Any]) -> None:
    """A bare QTreeView over a bare table model of ``rows``, shown and painted."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QTreeView

    width = len(rows[0]) if rows else 1

    class Bare(QAbstractTableModel):
        def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(rows)

        def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else width

        def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(rows[index.row()][index.column()])
            return None

    view = QTreeView()
    model = Bare(view)
    view.setModel(model)
    view.setUniformRowHeights(True)
    view.resize(1100, 700)
    view.show()
    app.processEvents()
    view.grab()
    for old in keep:
        old.deleteLater()
    keep[:] = [view]


OUTSTANDING_SQL = """
    SELECT a.id, mi.number, mi.numbering_year, a.text, a.due_date, a.state, a.created_on
    FROM action a LEFT JOIN minuteitem mi ON mi.id = a.minute_item_id
    WHERE a.board_id = 1 AND a.state IN ('open', 'in_progress')
"""
ALL_SQL = OUTSTANDING_SQL.replace("AND a.state IN ('open', 'in_progress')", "")


class CpuTimed(Figure):
    """A figure that notes the CPU time (``time.process_time``: every thread of the
    process, so a read in the thread pool counts too) of each run of either side: on a
    shared machine the wall clock also measures the other jobs."""

    def __init__(self, db: Path, scratch: Path) -> None:
        super().__init__(db, scratch)
        self.cpu: dict[str, list[float]] = {"measured": [], "baseline": []}

    def timed_cpu(self, side: str, run: Callable[[], object]) -> object:
        started = time.process_time()
        result = run()
        self.cpu[side].append((time.process_time() - started) * 1000)
        return result

    def cpu_summary(self) -> dict[str, Any]:
        """The first run of each side noted (cold) and the medians after two warm-ups."""
        ours, bare = self.cpu["measured"], self.cpu["baseline"]
        first = ours[0] if ours else bare[0]
        if not (ours[1:] and bare):
            return {"cold": first, "warm": None}
        warm = [statistics.median(ours[3:] or ours[1:]), statistics.median(bare[2:] or bare)]
        return {"cold": first, "warm": warm}

    def note(self) -> str:
        """Anything else the figure measured, for the report."""
        return ""

    def measured(self) -> object:
        return self.timed_cpu("measured", self.run_measured)

    def baseline(self) -> object:
        return self.timed_cpu("baseline", self.run_baseline)

    def run_measured(self) -> object:
        raise NotImplementedError

    def run_baseline(self) -> object:
        raise NotImplementedError


def until(done: Callable[[], bool], *signals: Any) -> None:
    """Run the event loop until ``done()``, checking each time one of ``signals`` comes
    (no polling: a busy loop would add its own CPU time to the figure)."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()

    def check(*_args: object) -> None:
        if done():
            loop.quit()

    for signal in signals:
        signal.connect(check)
    if not done():
        loop.exec()
    for signal in signals:
        signal.disconnect(check)


class GuiWatch:
    """How long the GUI thread was kept from its events while a run went on: the widest
    gap between two ticks of a 2 ms timer (what a user feels as a frozen window; on a
    loaded machine it also counts the waits for a core), and the CPU time of the GUI
    thread alone (``time.thread_time``: what it did itself, whatever the load)."""

    def __init__(self) -> None:
        self.worst: list[float] = []  # one per run
        self.gui_cpu: list[float] = []

    def run(self, body: Callable[[], object]) -> object:
        from PySide6.QtCore import QTimer

        gaps, last = [0.0], [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append((now - last[0]) * 1000)
            last[0] = now

        timer = QTimer()
        timer.setInterval(2)
        timer.timeout.connect(tick)
        timer.start()
        cpu = time.thread_time()
        try:
            return body()
        finally:
            tick()
            timer.stop()
            self.gui_cpu.append((time.thread_time() - cpu) * 1000)
            self.worst.append(max(gaps))

    def note(self) -> str:
        if not self.worst:
            return ""
        note = f"GUI held up cold {self.worst[0]:.0f} ms (GUI thread CPU {self.gui_cpu[0]:.0f})"
        if self.worst[1:]:
            note += (
                f", warm at most {max(self.worst[1:]):.0f} ms"
                f" (GUI thread CPU {statistics.median(self.gui_cpu[1:]):.0f})"
            )
        return note


def _main_window(app: Any, services: Any) -> Any:
    """The main window as the app shows it once its database is open: extensions in, the
    services attached, its first page up (the board's)."""
    from scbmeet.gui.shell.extensions import install_extensions
    from scbmeet.gui.shell.main_window import MainWindow

    window = MainWindow()
    install_extensions(window)
    window.resize(*WINDOW_SIZE)
    window.show()
    window.attach(services)
    app.processEvents()
    return window


def _warmed_up(window: Any, services: Any) -> float:
    """The app's warm-up after start-up (``gui/shell/warm_up.py``), run to its end; the ms
    from its start (when the first page is ready) until the review page made ahead was."""
    from scbmeet.gui.shell.app import start_warm_up

    started, made = time.perf_counter(), [0.0]
    warm_up = start_warm_up(window, services)
    warm_up.page_made_ahead.connect(lambda: made.__setitem__(0, time.perf_counter()))
    until(lambda: warm_up.done, warm_up.finished)
    assert warm_up.made_ahead is not None, "the warm-up made no review page ahead"
    return (made[0] - started) * 1000


class Review(CpuTimed):
    """The chair's review clicked in the main window, until its review and its plan box
    (both read off the GUI thread, or kept from a read a moment ago) are on it and painted;
    cold, in a window whose warm-up after start-up is done (:func:`_warmed_up`: the page
    made ahead), as a click on the page meets it a moment after start-up. The warm runs
    make the page anew each time (the last one dropped), on the answers kept since. A page
    that opened on kept answers reads afresh behind them: untimed, waited for before the
    next run, and noted (when it was done)."""

    warm_up_first = True

    def __init__(self, db: Path, scratch: Path) -> None:
        super().__init__(db, scratch)
        self.app = _app()
        self.services = _services(db)
        self.window = _main_window(self.app, self.services)
        self.made_ahead_after = (
            _warmed_up(self.window, self.services) if self.warm_up_first else None
        )
        self.raw = sqlite3.connect(db)
        self.page: Any = None
        self.views: list[Any] = []
        self.listed = 0
        self.watch = GuiWatch()
        self.opened_at = self.fresh_at = 0.0
        self.fresh_after: list[float] = []  # ms from the click to the fresh read's end

    def note(self) -> str:
        note = self.watch.note()
        if self.made_ahead_after is not None:
            note += f"; page made ahead {self.made_ahead_after:.0f} ms after the first page"
        if self.fresh_after:
            note += (
                f"; read afresh behind it, done {statistics.median(self.fresh_after):.0f} ms"
                " after the click (median)"
            )
        return note

    def prepare(self) -> None:
        """The last page's fresh read (behind kept answers) done, and the page dropped
        (the board's shown instead), before the next run."""
        from scbmeet.gui.shell.pages import page_key

        page, self.page = self.page, None
        if page is None:
            return
        box = page.plan_status
        if page.loading() or box.loading():
            until(lambda: not page.loading() and not box.loading(), page.shown, box.statusShown)
            self.fresh_after.append((self.fresh_at - self.opened_at) * 1000)
        self.window.show_page("board", 1)
        self.window.pages.drop(page_key("review", 1))
        self.app.processEvents()

    def run_measured(self) -> object:
        return self.watch.run(self._open_page)

    def _fresh_answer(self) -> None:
        self.fresh_at = time.perf_counter()

    def _open_page(self) -> object:
        self.opened_at = time.perf_counter()
        page = self.window.show_page("review", 1)
        box = page.plan_status
        for answered in (page.shown, box.statusShown):
            answered.connect(self._fresh_answer)
        until(lambda: page.review() is not None and box.showing(), page.shown, box.statusShown)
        self.app.processEvents()
        self.listed = sum(m.rowCount() for m in (page.owners, page.overdue, page.closed))
        self.listed += page.trend.rowCount() + page.resolutions.rowCount()
        self.page = page
        return page

    def run_baseline(self) -> object:
        rows = self.raw.execute(OUTSTANDING_SQL).fetchall()
        bare_view(self.app, rows[: max(self.listed, 1)], self.views)
        return rows


class ReviewFirst(Review):
    """The chair's review opened before the app's warm-up after start-up is done (a click
    on it at once): its module imported and its statements compiled on the way."""

    warm_up_first = False


class Arising(CpuTimed):
    """A minutes window on a new meeting (made once, untimed), moving to Matters arising
    until its list (read off the GUI thread) is shown."""

    def __init__(self, db: Path, scratch: Path) -> None:
        super().__init__(db, scratch)
        from scbmeet.gui.minutes import MinutesWindow
        from scbmeet.storage.recovery import RecoveryStore

        work = scratch / "minutes.sqlite3"
        shutil.copy(db, work)
        self.app = _app()
        self.services = _services(work)
        meeting = self.services.meetings.create_meeting(1, NEW_MEETING, standard_agenda=True)
        self.meeting_id = meeting.id
        self.window = MinutesWindow(
            self.services, meeting.id, recovery_store=RecoveryStore(scratch / "recovery")
        )
        self.window.show()
        self.app.processEvents()
        self.arising = self.window.row_titled("Matters arising")
        self.raw = sqlite3.connect(work)
        self.views: list[Any] = []
        self.watch = GuiWatch()

    def note(self) -> str:
        return self.watch.note()

    def until_listed(self) -> None:
        pane = self.window.arising
        until(lambda: not pane.loading(), pane.read)
        self.app.processEvents()

    def prepare(self) -> None:
        # The first row: "Attendance and apologies", or "... and declarations".
        self.window.go_to(self.window.row_titled("Attendance"))
        self.app.processEvents()

    def run_measured(self) -> object:
        def go() -> object:
            self.window.go_to(self.arising)
            self.until_listed()
            return self.window.arising.model.rowCount()

        return self.watch.run(go)

    def run_baseline(self) -> object:
        rows = self.raw.execute(
            OUTSTANDING_SQL.replace(
                "a.state IN ('open', 'in_progress')",
                "(a.state IN ('open', 'in_progress') OR a.closed_on >= ?) AND a.created_on < ?",
            ),
            (NEW_MEETING.isoformat(), NEW_MEETING.isoformat()),
        ).fetchall()
        bare_view(self.app, rows, self.views)
        return rows


class Step(Arising):
    """From Matters arising (its list shown, untimed) to the next item."""

    def prepare(self) -> None:
        self.window.go_to(self.arising)
        self.until_listed()
        if not self.views:
            rows = self.raw.execute(OUTSTANDING_SQL).fetchall()
            bare_view(self.app, rows, self.views)
            self.bare_row = 0

    def run_measured(self) -> object:
        def step() -> None:
            self.window.step(1)
            self.app.processEvents()

        return self.watch.run(step)

    def run_baseline(self) -> object:
        view = self.views[0]
        self.bare_row = (self.bare_row + 1) % 50
        view.setCurrentIndex(view.model().index(self.bare_row, 0))
        self.app.processEvents()
        return None


class AllStates(Figure):
    """A register freshly opened on the outstanding actions (untimed), switched to all
    states: the closed ones are read (off the GUI thread) until they are shown. The longest
    the GUI thread was kept from its events meanwhile is noted too."""

    def __init__(self, db: Path, scratch: Path) -> None:
        super().__init__(db, scratch)
        self.app = _app()
        self.services = _services(db)
        self.raw = sqlite3.connect(db)
        self.register: Any = None
        self.views: list[Any] = []
        self.stalls: list[float] = []
        self.cpu: dict[str, list[float]] = {"measured": [], "baseline": []}  # ms, both threads

    def _open_register(self) -> None:
        from scbmeet.gui.actions.register import ActionsRegisterWidget

        if self.register is not None:
            self.register.deleteLater()
        self.register = ActionsRegisterWidget(self.services, 1, today=TODAY)
        self.register.resize(1200, 800)
        self.register.show()
        self._until_read()

    def _until_read(self, step: Callable[[], object] = lambda: None) -> float:
        """Do ``step``, then run the event loop until the register's read is shown; the
        longest gap between two ticks of a 2 ms timer (how long the GUI was held up)."""
        from PySide6.QtCore import QEventLoop, QTimer

        gaps, last = [0.0], [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append((now - last[0]) * 1000)
            last[0] = now

        timer = QTimer()
        timer.setInterval(2)
        timer.timeout.connect(tick)
        timer.start()
        step()
        if self.register.loading():
            loop = QEventLoop()
            self.register.loaded.connect(loop.quit)
            loop.exec()
        self.app.processEvents()
        tick()
        timer.stop()
        return max(gaps)

    def prepare(self) -> None:
        self._open_register()

    def measured(self) -> object:
        combo = self.register.state_combo
        cpu = time.process_time()
        self.stalls.append(
            self._until_read(lambda: combo.setCurrentIndex(combo.findText("All states")))
        )
        self.cpu["measured"].append((time.process_time() - cpu) * 1000)
        return self.register.proxy.rowCount()

    def baseline(self) -> object:
        cpu = time.process_time()
        rows = self.raw.execute(ALL_SQL).fetchall()
        bare_view(self.app, rows, self.views)
        self.cpu["baseline"].append((time.process_time() - cpu) * 1000)
        return rows


class Keystroke(AllStates):
    """One run types the whole word, key by key (real key events, as a user's: the
    register filters once the waiting keys are in); each key is timed until the table has
    repainted, or until it is clear that nothing on screen changes. The figures are per key:
    the median and the worst key, and when the typed letter showed (the line edit's paint)."""

    def __init__(self, db: Path, scratch: Path) -> None:
        super().__init__(db, scratch)
        self._open_register()
        combo = self.register.state_combo
        combo.setCurrentIndex(combo.findText("All states"))
        self._until_read()
        self.rows = self.register.table.rows()
        self.runs: list[list[float]] = []  # per run, each key until repainted (ms)
        self.bare_runs: list[list[float]] = []  # per run, the bare filter of each key (ms)
        self.echoes: list[float] = []  # each key until its letter was painted (ms)
        self.each_cpu: list[float] = []  # CPU time: what the load of the machine leaves out

    def prepare(self) -> None:
        self.register.search_edit.clear()
        self._until_painted()

    def measured(self) -> object:
        from PySide6.QtTest import QTest

        edit = self.register.search_edit
        keys = []
        for letter in TYPED:
            started, cpu = time.perf_counter(), time.process_time()
            QTest.keyClick(edit, letter)
            echoed = self._until_painted()
            keys.append((time.perf_counter() - started) * 1000)
            self.echoes.append((echoed - started) * 1000)
            self.each_cpu.append((time.process_time() - cpu) * 1000)
        assert edit.text() == TYPED and self.register.action_filter().text == TYPED
        self.runs.append(keys)
        return None

    def _until_painted(self) -> float:
        """Process events until the table has repainted (Qt paints a pass after the
        change: one ``processEvents`` would leave the paint to the next key); when the
        line edit painted (the letter shown)."""
        from PySide6.QtCore import QEvent, QObject

        painted: dict[str, float] = {}
        edit, viewport = self.register.search_edit, self.register.view.viewport()

        class Watch(QObject):
            def eventFilter(self, watched: Any, event: Any) -> bool:
                if event.type() == QEvent.Type.Paint:
                    name = "table" if watched is viewport else "edit"
                    painted.setdefault(name, time.perf_counter())
                return False

        watch = Watch()
        viewport.installEventFilter(watch)
        edit.installEventFilter(watch)
        for _ in range(5):  # a key that changes nothing on screen paints no table
            self.app.processEvents()
            if "table" in painted:
                break
        viewport.removeEventFilter(watch)
        edit.removeEventFilter(watch)
        return painted.get("edit", time.perf_counter())

    def baseline(self) -> object:
        from scbmeet.services.action_filters import ActionFilter, filter_rows

        keys = []
        for end in range(1, len(TYPED) + 1):
            started = time.perf_counter()
            filter_rows(self.rows, ActionFilter(states=frozenset(), text=TYPED[:end]))
            keys.append((time.perf_counter() - started) * 1000)
        self.bare_runs.append(keys)
        return None


def _empty_copy(scratch: Path, name: str) -> Path:
    """A fresh empty, migrated database (made once, then copied for each run)."""
    template = scratch / "empty.sqlite3"
    if not template.exists():
        from scbmeet.storage.database import open_database
        from scbmeet.storage.engine import sqlite_url

        open_database(sqlite_url(template)).dispose()
    target = scratch / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copy(template, target)
    return target


class Import(Figure):
    def __init__(self, db: Path, scratch: Path) -> None:
        super().__init__(db, scratch)
        from scbmeet import jsonio

        source = _services(db)
        self.data = json.loads(json.dumps(jsonio.export_data(source.db)))
        source.db.dispose()
        self.rows = {name: rows for name, rows in self.data["tables"].items() if rows}

    def prepare(self) -> None:
        from scbmeet.storage.database import open_database
        from scbmeet.storage.engine import sqlite_url

        self.ours = open_database(sqlite_url(_empty_copy(self.scratch, "ours.sqlite3")))
        self.bare = sqlite3.connect(_empty_copy(self.scratch, "bare.sqlite3"))

    def measured(self) -> object:
        from scbmeet import jsonio

        counts = jsonio.import_data(self.ours, self.data)
        self.ours.dispose()
        return counts

    def baseline(self) -> object:
        from scbmeet import jsonio

        with self.bare:
            for table in jsonio.tables():
                rows = self.rows.get(table.name)
                if not rows:
                    continue
                columns = list(rows[0])
                marks = ", ".join("?" for _ in columns)
                names = ", ".join(f'"{c}"' for c in columns)
                self.bare.executemany(
                    f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})',
                    [tuple(r[c] for c in columns) for r in rows],
                )
        self.bare.close()
        return None


class Csv(Figure):
    def __init__(self, db: Path, scratch: Path) -> None:
        super().__init__(db, scratch)
        lines = ["given_names,family_name,organisation,email,role,start_date"]
        self.people = []
        for n in range(CSV_ROWS):
            lines.append(f"Csv{n},Member{n:04d},ORG01,csv{n}@example.org,member,2025-01-01")
            self.people.append((f"Csv{n}", f"Member{n:04d}", f"csv{n}@example.org"))
        self.text = "\n".join(lines) + "\n"
        self.round = 0

    def prepare(self) -> None:
        self.round += 1
        self.ours = _services(_copy(self.db, self.scratch / "csv-ours.sqlite3"))
        self.bare = sqlite3.connect(_copy(self.db, self.scratch / "csv-bare.sqlite3"))

    def measured(self) -> object:
        count = self.ours.member_csv.import_members(1, self.text)
        self.ours.db.dispose()
        return count

    def baseline(self) -> object:
        with self.bare:
            first = self.bare.execute("SELECT coalesce(max(id), 0) + 1 FROM person").fetchone()[0]
            self.bare.executemany(
                "INSERT INTO person (id, title, given_names, family_name, job_title,"
                " organisation_id, email, active) VALUES (?, '', ?, ?, '', 1, ?, 1)",
                [(first + n, g, f, e) for n, (g, f, e) in enumerate(self.people)],
            )
            self.bare.executemany(
                "INSERT INTO membership (board_id, person_id, role, start_date)"
                " VALUES (1, ?, 'member', '2025-01-01')",
                [(first + n,) for n in range(len(self.people))],
            )
        self.bare.close()
        return None


def _copy(source: Path, target: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copy(source, target)
    return target


class Attendance(Figure):
    def __init__(self, db: Path, scratch: Path) -> None:
        super().__init__(db, scratch)
        self.services = _services(db)
        self.raw = sqlite3.connect(db)

    def measured(self) -> object:
        return self.services.attendance.report(1, date(1900, 1, 1), TODAY, today=TODAY)

    def baseline(self) -> object:
        # The rows the report is made of: every attendance with its meeting's date, and
        # the memberships.
        attendance = self.raw.execute(
            "SELECT m.id, m.date, a.person_id, a.status, a.substitute_for_id FROM attendance a"
            " JOIN meeting m ON m.id = a.meeting_id WHERE m.board_id = 1 ORDER BY m.date"
        ).fetchall()
        terms = self.raw.execute(
            "SELECT id, person_id, role, start_date, end_date FROM membership WHERE board_id = 1"
        ).fetchall()
        return attendance, terms


KINDS: dict[str, type[Figure]] = {
    "review": Review,
    "review_first": ReviewFirst,
    "arising": Arising,
    "step": Step,
    "allstates": AllStates,
    "keystroke": Keystroke,
    "import": Import,
    "csv": Csv,
    "attendance": Attendance,
}


def _timed(run: Callable[[], object]) -> float:
    return _timed_cpu(run)[0]


def _timed_cpu(run: Callable[[], object]) -> tuple[float, float]:
    """(wall ms, CPU ms) of one run; CPU time is what the machine's load leaves out."""
    started, cpu = time.perf_counter(), time.process_time()
    run()
    return (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000


def child(figure: str, db: Path, side: str, repeat: int) -> dict[str, Any]:
    """In a fresh process: the first run of ``side`` (cold), then, on the measured side,
    warm runs alternating with the baseline."""
    with tempfile.TemporaryDirectory(prefix="scbmeet-bench-child-") as folder:
        os.environ["SCBMEET_DATA_DIR"] = folder
        scratch = Path(folder)
        fig = KINDS[figure](db, scratch)
        run = fig.measured if side == "measured" else fig.baseline
        fig.prepare()
        cold = _timed(run)
        out: dict[str, Any] = {"cold": cold}
        if side == "measured" and repeat:
            ours, theirs, cpu_ours, cpu_theirs = [], [], [], []
            for n in range(2 + repeat):
                fig.prepare()
                a, a_cpu = _timed_cpu(fig.measured)
                fig.prepare()
                b, b_cpu = _timed_cpu(fig.baseline)
                if n >= 2:
                    ours.append(a)
                    theirs.append(b)
                    cpu_ours.append(a_cpu)
                    cpu_theirs.append(b_cpu)
            out["warm"] = [statistics.median(ours), statistics.median(theirs)]
            mine, bare = statistics.median(cpu_ours), statistics.median(cpu_theirs)
            ratio = f" {mine / bare:.1f}x" if bare else ""
            out["note"] = f"warm CPU {mine:.1f} ms (bare {bare:.1f} ms){ratio}"
        if isinstance(fig, Keystroke):
            out.update(_keystroke_figures(fig, side))
        elif isinstance(fig, AllStates) and fig.stalls:
            out["note"] = f"GUI held up at most {max(fig.stalls):.0f} ms"
            ours, bare = fig.cpu["measured"][1:][2:], fig.cpu["baseline"][2:]  # warm runs
            if ours and bare:  # CPU time: what the load of a shared machine leaves out
                ratio = statistics.median(ours) / statistics.median(bare)
                out["note"] += (
                    f"; CPU warm {statistics.median(ours):.0f} ms vs bare"
                    f" {statistics.median(bare):.0f} ms ({ratio:.1f}x)"
                )
        if isinstance(fig, CpuTimed):
            out["cpu"] = fig.cpu_summary()
            out["note"] = fig.note()
        return out


def _keystroke_figures(fig: Keystroke, side: str) -> dict[str, Any]:
    """Per key: the median key of the first run (cold) and of the warm runs, beside the
    bare filter's; the worst key cold and warm; when the letters showed; CPU per key."""
    runs = fig.runs if side == "measured" else fig.bare_runs
    out: dict[str, Any] = {"cold": statistics.median(runs[0])}
    if side != "measured":
        return out
    warm = [k for run in fig.runs[1:][2:] for k in run]  # after the two warm-up runs
    bare = [k for run in fig.bare_runs[2:] for k in run]
    if warm and bare:
        out["warm"] = [statistics.median(warm), statistics.median(bare)]
        out["worst"] = max(warm)
    out["cold_worst"] = max(runs[0])
    cpu, echoes = fig.each_cpu, fig.echoes
    out["note"] = (
        f"worst key warm {max(warm or [0]):.0f} ms; letter shown"
        f" within {max(echoes):.0f} ms (median {statistics.median(echoes):.1f}); CPU per key"
        f" median {statistics.median(cpu):.1f} ms, worst {max(cpu):.0f}"
    )
    return out


# -- the parent: processes, alternation, report ------------------------------------------------
def _spawn(figure: str, db: Path, side: str, repeat: int) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", figure, str(db), side]
    command += ["--repeat", str(repeat)]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"{figure} {side} failed:\n{proc.stdout}\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


@dataclass
class Row:
    years: int
    figure: str
    cold: float
    cold_bare: float
    warm: float
    warm_bare: float
    note: str = ""


def _cpu_note(cold: list[float], cold_bare: list[float], warm: list[float] | None) -> str:
    """CPU time beside the wall clock: what a loaded machine's other jobs leave out."""
    if not cold or not cold_bare:
        return ""
    a, b = statistics.median(cold), statistics.median(cold_bare)
    note = f"CPU cold {a:.0f} ms ({b:.0f}) {a / b if b else 0:.1f}x"
    if warm:
        note += (
            f", warm {warm[0]:.0f} ms ({warm[1]:.0f}) {warm[0] / warm[1] if warm[1] else 0:.1f}x"
        )
    return note


def run_figure(figure: str, years: int, db: Path, repeat: int, cold_runs: int) -> Row:
    cold, cold_bare, warm, worst, notes = [], [], None, [], []
    cpu_cold, cpu_bare, cpu_warm = [], [], None
    for n in range(cold_runs):
        ours = _spawn(figure, db, "measured", repeat if n == 0 else 0)
        cold.append(ours["cold"])
        if "warm" in ours:
            warm = ours["warm"]
            notes.append(ours.get("note", ""))  # of the run with the warm figures
            cpu_warm = ours.get("cpu", {}).get("warm")
        if "cold_worst" in ours:
            worst.append(ours["cold_worst"])  # the worst key of each fresh process
        bare = _spawn(figure, db, "baseline", 0)
        cold_bare.append(bare["cold"])
        if "cpu" in ours and "cpu" in bare:
            cpu_cold.append(ours["cpu"]["cold"])
            cpu_bare.append(bare["cpu"]["cold"])
    assert warm is not None
    notes.append(_cpu_note(cpu_cold, cpu_bare, cpu_warm))
    note = "; ".join(
        ([f"worst key of {len(worst)} cold runs {max(worst):.0f} ms"] if worst else [])
        + [n for n in notes if n]
    )
    return Row(
        years,
        figure,
        statistics.median(cold),
        statistics.median(cold_bare),
        warm[0],
        warm[1],
        note,
    )


def _cpu_ms(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(CPU ms, wall ms) of one process run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, capture_output=True, timeout=300, check=False)
    wall = (time.perf_counter() - started) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return cpu, wall


CLI_COMMANDS = ("meetings", "check", "backup", "backups")


def _cli_command(name: str, db: Path, folder: Path, run: int) -> list[str]:
    command = [sys.executable, "-m", "scbmeet", name, "--db", str(db)]
    if name == "backup":  # a fresh file each run, not a manual backup kept per run
        command += ["--to", str(folder / f"backup-{run}.sqlite3")]
    return command


def _imports(command: list[str], env: dict[str, str]) -> str:
    """What ``python -X importtime`` says the command imports: modules and their time."""
    proc = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    top = [
        line.split("|")
        for line in proc.stderr.splitlines()
        if line.startswith("import time:") and "self [us]" not in line
    ]
    # Top-level imports (no indentation before the name) add up to the whole import time.
    total = sum(int(cum) for _self, cum, name in top if not name.startswith("  ", 1))
    return f"imports {len(top)} modules in {total / 1000:.0f} ms wall"


def run_cli(years: int, db: Path, runs: int) -> list[Row]:
    """Each command and ``scbmeet --version`` as fresh processes, alternating; CPU time.
    An untimed ``check`` first takes the day's automatic backup, which the first open of
    a day makes and which is no part of a command's fixed cost."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="scbmeet-bench-cli-") as name:
        folder = Path(name)
        env = {**os.environ, "SCBMEET_DATA_DIR": str(folder)}
        env.pop("SCBMEET_DATABASE_URL", None)
        version = [sys.executable, "-m", "scbmeet", "--version"]
        _cpu_ms(_cli_command("check", db, folder, 0), env)
        for name in CLI_COMMANDS:
            ours, bare = [], []
            for run in range(runs + 1):  # the first of each is the cold one
                ours.append(_cpu_ms(_cli_command(name, db, folder, run), env)[0])
                bare.append(_cpu_ms(version, env)[0])
                Path(folder / f"backup-{run}.sqlite3").unlink(missing_ok=True)
            rows.append(
                Row(
                    years,
                    f"cli {name} (CPU)",
                    ours[0],
                    bare[0],
                    statistics.median(ours[1:]),
                    statistics.median(bare[1:]),
                    _imports(_cli_command(name, db, folder, 0), env),
                )
            )
            Path(folder / "backup-0.sqlite3").unlink(missing_ok=True)
    return rows


def report(rows: list[Row]) -> None:
    print(
        f"\n{'years':>5} {'figure':<22} {'cold':>9} {'bare':>9} {'ratio':>6}"
        f" {'warm':>9} {'bare':>9} {'ratio':>6}  target"
    )
    for r in rows:
        key = r.figure.split()[0]
        print(
            f"{r.years:>5} {r.figure:<22} {r.cold:7.1f}ms {r.cold_bare:7.1f}ms"
            f" {r.cold / r.cold_bare if r.cold_bare else 0:5.1f}x"
            f" {r.warm:7.1f}ms {r.warm_bare:7.1f}ms"
            f" {r.warm / r.warm_bare if r.warm_bare else 0:5.1f}x  {TARGETS.get(key, '')}"
            f"{'  ' + r.note if r.note else ''}",
            flush=True,
        )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, nargs="+", default=[5, 20, 60])
    parser.add_argument("--repeat", type=int, default=5, help="warm runs of each (median)")
    parser.add_argument("--cold", type=int, default=3, help="fresh processes of each (median)")
    parser.add_argument("--only", default=",".join(FIGURES), help="figures, comma-separated")
    parser.add_argument("--keep-dbs", type=Path, help="build (or reuse) the databases here")
    parser.add_argument(
        "--child", nargs=3, metavar=("FIGURE", "DB", "SIDE"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.child:
        figure, db, side = args.child
        print(json.dumps(child(figure, Path(db), side, args.repeat)))
        return 0
    from cold_start import compile_scbmeet  # cold runs as an installed copy meets them

    compile_scbmeet()
    sys.path.insert(0, str(HERE))
    from build_large_db import build_large_db

    wanted = [f for f in args.only.split(",") if f]
    with tempfile.TemporaryDirectory(prefix="scbmeet-bench-") as folder:
        os.environ["SCBMEET_DATA_DIR"] = folder
        home = args.keep_dbs or Path(folder)
        home.mkdir(parents=True, exist_ok=True)
        rows: list[Row] = []
        print(
            f"medians; cold: {args.cold} fresh processes of each side, alternating; "
            f"warm: {args.repeat} alternating runs after 2 warm-ups",
            flush=True,
        )
        for years in args.years:
            db = home / f"history-{years}.sqlite3"
            if not db.exists():
                built = build_large_db(db, years)
                print(f"built {years} years in {built.seconds:.1f} s: {built.counts}", flush=True)
            for figure in wanted:
                if figure == "cli":
                    done = run_cli(years, db, args.cold)
                else:
                    done = [run_figure(figure, years, db, args.repeat, args.cold)]
                rows += done
                report(done)
        report(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Screenshots of minutes mode for the README: ``python scripts/screenshots_minutes.py [OUT_DIR]``.

Builds the demo board in a temporary folder (dated 21 November 2026, so the upcoming meeting
is on 9 December 2026), opens its upcoming meeting in minutes mode, takes part of the
meeting through the window - attendance, the last minutes confirmed, matters arising, an
item with a resolution, actions and an update request, a deferred item - and saves PNGs to
``docs/screenshots/`` (or OUT_DIR). Runs offscreen unless QT_QPA_PLATFORM says otherwise.
:func:`take_screenshots` can be called from another script.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

DEMO_TODAY = date(2026, 11, 21)
SIZE = (1280, 800)


def take_screenshots(out_dir: Path) -> list[Path]:
    """Write the minutes-mode screenshots into ``out_dir``; returns their paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="scbmeet-shots-") as work:
        os.environ["SCBMEET_DATA_DIR"] = work
        os.environ.setdefault("SCBMEET_USER", "Owen Price-Jones")
        return _shoot(Path(work), out_dir)


def _shoot(work: Path, out_dir: Path) -> list[Path]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from scbmeet.demo import build_demo
    from scbmeet.gui.minutes import MinutesWindow
    from scbmeet.gui.shell.app import create_application
    from scbmeet.services import Services
    from scbmeet.storage.database import open_database
    from scbmeet.storage.engine import sqlite_url
    from scbmeet.storage.recovery import RecoveryStore

    out_dir.mkdir(parents=True, exist_ok=True)
    db = open_database(sqlite_url(work / "demo.sqlite3"))
    services = Services(db)
    summary = build_demo(services, today=DEMO_TODAY)
    app = create_application()
    window = MinutesWindow(
        services, summary.upcoming_meeting_id, recovery_store=RecoveryStore(work / "recovery")
    )
    window.resize(*SIZE)
    window.show()
    window.activateWindow()
    app.processEvents()
    shots: list[Path] = []

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def shot(name: str, widget=None) -> None:  # type: ignore[no-untyped-def]
        settle()
        path = out_dir / f"{name}.png"
        (widget or window).grab().save(str(path))
        shots.append(path)

    def keys(text: str) -> None:
        QTest.keyClicks(QApplication.focusWidget() or window.narrative, text)

    def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(QApplication.focusWidget() or window.narrative, key, modifiers)

    _take_attendance(window, press)
    window.go_to(window.row_titled("Performance report"))
    window.attendance.select_person(services.register.people()[0].id)
    window.go_to(window.row_titled("Minutes of the meeting"))
    window.steps.confirm_previous_minutes()
    window.go_to(window.row_titled("Matters arising"))
    window.arising.set_state("done")
    _type_items(window, keys, press)
    window.go_to(window.row_titled("Strategic assessment"))
    window.steps.toggle_deferred()
    window.go_to(window.row_titled("Integrated offender"))  # the item being taken
    window.go_to(window.row_titled("Attendance"))
    _substitute_and_guest(window, services, app)
    _late_arrival(window, services, press)
    shot("minutes-attendance")
    window.go_to(window.row_titled("Matters arising"))
    shot("minutes-matters-arising")
    window.go_to(window.row_titled("Performance report"))
    window.records_view.setCurrentIndex(window.records_model.index(1, 0))
    window.narrative.setFocus()
    shot("minutes-item")
    window.overlay.toggle()
    shot("minutes-shortcuts")
    window.overlay.toggle()
    keys("#action Nadia Rahman/Rachel Okafer: publish the dashboard (due 3 months)")
    press(Qt.Key.Key_Return)
    keys("The chair asked for the dashboard to be shared with the district partnerships.")
    window.records_view.setCurrentIndex(window.records_model.index(3, 0))
    window.narrative.setFocus()
    shot("minutes-owner-to-confirm")  # no dialog: the action waits for its owner beside the list
    window.owner_confirm.confirm(window.owner_confirm.candidates("Rachel Okafer")[0])
    window.notice_frame.hide()
    window.go_to(window.row_titled("Integrated offender"))
    window.save_now()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{work / 'demo.sqlite3'}{suffix}").unlink(missing_ok=True)
    keys(" The review would go to the Reducing Reoffending Board.")
    window.save_now()
    shot("minutes-not-saved")
    window.close()
    db.dispose()
    return shots


def _take_attendance(window, press) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    window.go_to(window.row_titled("Attendance"))
    marks = "PAPPPPPPPAPPPPPAPPPP"
    for mark in marks:
        press(getattr(Qt.Key, f"Key_{mark}"))


def _substitute_and_guest(window, services, app) -> None:  # type: ignore[no-untyped-def]
    """S and G in the attendance list, answering the dialog as the secretary would."""
    from scbmeet.gui.minutes.dialogs import PersonDialog

    def answer(name: str) -> None:
        for _ in range(5):
            app.processEvents()
        dialog = next(
            w for w in app.topLevelWidgets() if isinstance(w, PersonDialog) and w.isVisible()
        )
        dialog.name_edit.setText(name)
        dialog.accept()
        for _ in range(5):
            app.processEvents()

    denholm = next(p for p in services.register.people() if p.family_name == "Denholm")
    window.attendance.select_person(denholm.id)
    window.attendance.add_substitute()
    answer("Priya Natarajan")
    window.attendance.add_guest()
    answer("Sam Fielding")


def _late_arrival(window, services, press) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    walsh = next(p for p in services.register.people() if p.family_name == "Walsh")
    window.attendance.select_person(walsh.id)
    press(Qt.Key.Key_L)
    window.attendance.select_person(walsh.id)


def _type_items(window, keys, press) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    window.go_to(window.row_titled("Matters arising"))
    window.narrative.setFocus()
    keys("The Board reviewed the actions from its previous meetings.")
    window.go_to(window.row_titled("Alcohol-tagged data"))
    keys(
        "Tom Ellery reported that police and A&E records now tag alcohol-related incidents "
        "in the same way."
    )
    press(Qt.Key.Key_Return)
    keys("#resolved to note the report")
    press(Qt.Key.Key_Return)
    window.go_to(window.row_titled("Performance report"))
    keys(
        "Nadia Rahman presented performance for quarter 2. Anti-social behaviour continued to "
        "fall across the county; domestic abuse incidents recorded by the police rose by 4%, "
        "which partners attributed to the recent awareness campaign."
    )
    press(Qt.Key.Key_Return)
    keys("Members asked for the figures to be broken down by crime type and by district.")
    press(Qt.Key.Key_Return)
    keys("#resolved to note performance for quarter 2")
    press(Qt.Key.Key_Return)
    keys(
        "#action Nadia Rahman/Kieran Walsh: break the figures down by crime type and district (due 3 months)"
    )
    press(Qt.Key.Key_Return)
    keys("#action SMRI/Claire Bassett: add a domestic abuse panel to the dashboard (due 1 month)")
    press(Qt.Key.Key_Return)
    keys("#update 6 months: domestic abuse trends and the awareness campaign")
    press(Qt.Key.Key_Return)
    window.go_to(window.row_titled("Integrated offender"))
    keys("Helen Carver and Supt Walsh introduced the annual review of the scheme.")
    window.save_now()


def main(argv: list[str]) -> int:
    out = (
        Path(argv[1])
        if len(argv) > 1
        else Path(__file__).resolve().parent.parent / "docs" / "screenshots"
    )
    for path in take_screenshots(out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

"""Open the demo board and save PNGs of the main views into ``docs/screenshots``.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [OUTPUT_FOLDER]

The demo is built for a fixed date (21 November 2026) and the app's clock pinned to it,
so the pictures do not change from one run to the next. Settings go to a temporary
folder: the script never touches the user's own scbmeet settings or data.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
SCRATCH = Path(tempfile.mkdtemp(prefix="scbmeet-screenshots-"))
os.environ["SCBMEET_DATA_DIR"] = str(SCRATCH / "data")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QWidget  # noqa: E402

from scbmeet.demo import build_demo  # noqa: E402
from scbmeet.gui.agenda.dialogs import AgendaItemDialog, PaperDialog  # noqa: E402
from scbmeet.gui.agenda.meeting_dialog import MeetingDialog  # noqa: E402
from scbmeet.gui.register.csv_import import CsvImportDialog  # noqa: E402
from scbmeet.gui.register.dialogs import MemberDialog  # noqa: E402
from scbmeet.gui.shell.app import create_application  # noqa: E402
from scbmeet.gui.shell.extensions import install_extensions  # noqa: E402
from scbmeet.gui.shell.main_window import MainWindow  # noqa: E402
from scbmeet.gui.widgets import clock, dialogs  # noqa: E402
from scbmeet.services import Services  # noqa: E402
from scbmeet.storage.database import open_database  # noqa: E402
from scbmeet.storage.engine import sqlite_url  # noqa: E402

DEMO_TODAY = date(2026, 11, 21)
WINDOW_SIZE = (1440, 900)
MEMBERS_CSV = (
    "Title,First name,Surname,Organisation,Email,Role,Start date\n"
    "Cllr,Jo,Baxter,EBC,jo.baxter@ebc.example.org,member,2026-12-01\n"
    ",Sam,Idris,Marlshire Constabulary,sam.idris@mp.example.org,adviser,\n"
    ",Rachel,Okafor,MCC,rachel.okafor@mcc.example.org,officer,\n"
    "Dr,Ama,Mensah,ICB,ama.mensah@icb,member,2026-13-01\n"
    ",Ali,Khan,Marlshire County Council,ali.khan@mcc.example.org,member,\n"
)


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def save(widget: QWidget, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    print(f"saved {path}")


def shoot_dialog(
    app: QApplication,
    dialog: QDialog,
    folder: Path,
    name: str,
    prepare: Callable[[QDialog], None] | None = None,
) -> None:
    dialog.show()
    if prepare is not None:
        prepare(dialog)
    settle(app)
    save(dialog, folder, name)
    dialog.hide()
    dialog.deleteLater()


def main(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    app = create_application([sys.argv[0]])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(SCRATCH / "qsettings")
    )
    clock.set_today(DEMO_TODAY)
    services = Services(open_database(sqlite_url(SCRATCH / "demo.sqlite3")))
    summary = build_demo(services, today=DEMO_TODAY)
    # One entry still waiting for an agenda, so New meeting has something to offer.
    services.forward_plan.add_entry(
        summary.board_id,
        "Knife crime - partnership plan",
        due_month=date(2027, 2, 1),
        source_text="Chair's request",
    )

    window = MainWindow(services, demo=True)
    install_extensions(window)
    window.resize(*WINDOW_SIZE)
    window.show()
    settle(app)
    meeting_page = window.current_page()
    builder = meeting_page.builder
    iom = next(i for i in builder.model.items() if i.title.startswith("Integrated offender"))
    builder.select(iom.id)
    settle(app)
    save(window, folder, "agenda-builder")
    meeting_page.tabs.setCurrentIndex(1)
    settle(app)
    save(window, folder, "papers-tracker")
    meeting_page.tabs.setCurrentIndex(0)

    window.navigate("board", summary.board_id)
    settle(app)
    save(window, folder, "board")
    window.navigate("members", summary.board_id)
    settle(app)
    save(window, folder, "members")
    members_page = window.current_page()
    members_page.tabs.setCurrentIndex(2)
    settle(app)
    save(window, folder, "attendance")
    window.navigate("forward_plan", summary.board_id)
    settle(app)
    save(window, folder, "forward-plan")
    window.navigate("actions", summary.board_id)
    settle(app)
    save(window, folder, "actions-register")
    window.navigate("review", summary.board_id)
    settle(app)
    save(window, folder, "chair-review")
    window.show_page("search", None)
    search = window.current_page()
    search.search("alcohol")
    settle(app)
    save(window, folder, "search")

    shoot_dialog(
        app,
        MeetingDialog(services, board_id=summary.board_id, parent=window),
        folder,
        "new-meeting",
    )

    def impossible_date(dialog: QDialog) -> None:
        assert isinstance(dialog, MeetingDialog)
        dialog.date.edit.setText("31/02/2027")
        dialog.try_accept()

    shoot_dialog(
        app,
        MeetingDialog(services, board_id=summary.board_id, parent=window),
        folder,
        "new-meeting-refused",
        impossible_date,
    )
    item = services.agenda.item(iom.id)
    shoot_dialog(
        app,
        AgendaItemDialog(services, item=item, on_save=lambda _v: None, parent=window),
        folder,
        "agenda-item",
    )
    paper = next(p for p in item.papers)
    shoot_dialog(
        app,
        PaperDialog(services, summary.upcoming_meeting_id, paper=paper, parent=window),
        folder,
        "paper",
    )
    membership = next(
        m
        for m in services.register.memberships(summary.board_id)
        if m.person.family_name == "Brennan"
    )
    shoot_dialog(
        app,
        MemberDialog(services, summary.board_id, membership=membership, parent=window),
        folder,
        "member",
    )

    csv_path = SCRATCH / "new members.csv"
    csv_path.write_text(MEMBERS_CSV, encoding="utf-8")
    importer = CsvImportDialog(services, summary.board_id, parent=window)
    importer.resize(1150, 420)
    importer.show()
    importer.load_file(csv_path)
    while importer.preview is None:
        settle(app, 1)
    settle(app)
    save(importer, folder, "csv-import")
    importer.hide()

    dialogs.ask_discard = lambda _parent: True  # nothing to keep: close without asking
    window.close()
    services.db.dispose()
    return 0


if __name__ == "__main__":
    out = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parent.parent / "docs" / "screenshots"
    )
    raise SystemExit(main(out))

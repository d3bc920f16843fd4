"""Benchmark: scbmeet's minutes export against bare python-docx writing the same document.

Builds a meeting of 40 minutes (narrative, decisions, actions, 24 members present) in a
fresh SQLite database, then times, in the same run:

* scbmeet: ``export_minutes`` - reading the records through the services, the house-style
  template, the accessible structure, the atomic write;
* bare python-docx: the same paragraphs and runs written from plain Python lists into
  ``docx.Document()`` and saved, with no scbmeet code at all.

It prints both times and their ratio; the target is at most 2x. **Warm**: after one
untimed run of each, the two run alternately (so both see the same machine load), each
going first in turn, and the medians are reported. **Cold**: the first export in a fresh
process, each side in its own process, alternately ``--cold`` times (medians); each side
imports what it writes with (scbmeet's export, python-docx) inside its timing.

    .venv/bin/python benchmarks/bench_minutes_export.py [--items 40] [--repeat 7] [--cold 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scbmeet.services import Services

ORGANISATIONS = [f"Borough Council {n}" for n in "ABCDEFGH"] + [
    "County Police",
    "Fire and Rescue Service",
    "Probation Service",
    "Integrated Care Board",
]
SENTENCE = (
    "The Board considered the report and asked partners to share data on repeat locations, "
    "noting that incidents had fallen overall but risen in two neighbourhoods. "
)


@dataclass
class Minute:
    title: str
    paragraphs: list[str]
    resolutions: list[str]
    actions: list[tuple[str, str]]  # (text, owner)


@dataclass
class MeetingData:
    """The meeting as plain data, so the bare python-docx writer needs nothing of scbmeet."""

    board: str = "Benchmark Safer Communities Board"
    venue: str = "Council Chamber, County Hall"
    on: date = date(2026, 6, 10)
    members: list[tuple[str, str, str]] = field(default_factory=list)  # given, family, org
    minutes: list[Minute] = field(default_factory=list)


def make_data(items: int) -> MeetingData:
    data = MeetingData()
    for index in range(24):
        org = ORGANISATIONS[index % len(ORGANISATIONS)]
        data.members.append((f"Alex{index}", f"Member{index:02d}", org))
    for n in range(1, items + 1):
        data.minutes.append(
            Minute(
                title=f"Item {n}: partnership update on theme {n}",
                paragraphs=[SENTENCE * 3, SENTENCE * 2, SENTENCE * 4],
                resolutions=[f"that the update on theme {n} be noted."],
                actions=[(f"Report back on theme {n} at the next meeting.", "Alex0 Member00")],
            )
        )
    return data


def build_database(data: MeetingData, folder: Path) -> tuple[Services, int]:
    """Store ``data`` through the services (not timed); returns (services, meeting id)."""
    from scbmeet.services import Services
    from scbmeet.storage.database import open_database
    from scbmeet.storage.engine import sqlite_url

    services = Services(open_database(sqlite_url(folder / "bench.sqlite3")))
    reg = services.register
    board = reg.create_board(data.board, "BENCH", default_venue=data.venue)
    orgs = {name: reg.create_organisation(name).id for name in ORGANISATIONS}
    meeting = services.meetings.create_meeting(board.id, data.on, standard_agenda=False)
    for given, family, org in data.members:
        person = reg.create_person(family, given_names=given, organisation_id=orgs[org])
        reg.add_membership(board.id, person.id, role="chair" if family == "Member00" else "member")
        services.meetings.set_attendance(meeting.id, person.id, "present")
    for minute in data.minutes:
        info = services.minutes.add_minute(
            meeting.id, minute.title, narrative="\n\n".join(minute.paragraphs)
        )
        for resolution in minute.resolutions:
            services.minutes.add_resolution(info.id, resolution)
        for text, owner in minute.actions:
            services.actions.add_action(info.id, text, owner)
    return services, meeting.id


def bare_python_docx(data: MeetingData, out: Path) -> None:
    """The same paragraphs and runs, straight into python-docx's default document."""
    import docx  # here, so that a cold run pays its import, as scbmeet's pays its own

    doc = docx.Document()
    doc.add_paragraph("Draft: not yet approved by the Board")
    opening = doc.add_paragraph()
    opening.add_run("Minutes").bold = True
    opening.add_run(" of a meeting of the ")
    opening.add_run(data.board).bold = True
    opening.add_run(f" held on {data.on:%d %B %Y} at {data.venue}")
    doc.add_heading("Present", 1)
    given, family, org = data.members[0]
    doc.add_paragraph(f"{given[0]} {family} \u2013 in the Chair ({org})")
    by_org: dict[str, list[str]] = {}
    for given, family, org in data.members[1:]:
        by_org.setdefault(org, []).append(f"{given[0]} {family}")
    for org in sorted(by_org):
        doc.add_paragraph(org).runs[0].underline = True
        for name in by_org[org]:
            doc.add_paragraph(name)
    doc.add_paragraph("There were no apologies for absence.")
    doc.add_heading("Declarations of interest", 1)
    doc.add_paragraph("No declarations of interest were made.")
    for number, minute in enumerate(data.minutes, start=1):
        title = doc.add_paragraph(style="Heading 1")
        title.add_run(f"{number}/26").bold = True
        title.add_run("\t")
        run = title.add_run(minute.title)
        run.bold = run.underline = True
        for text in minute.paragraphs:
            doc.add_paragraph(text)
        for resolution in minute.resolutions:
            p = doc.add_paragraph()
            p.add_run("RESOLVED").bold = True
            p.add_run(f" {resolution}")
        for text, owner in minute.actions:
            doc.add_paragraph(text)
            p = doc.add_paragraph()
            p.add_run("Action: ").bold = True
            p.add_run(owner).bold = True
    doc.add_paragraph("Chair ....................\tDate ..........")
    doc.core_properties.title = f"Minutes: {data.board}"
    doc.save(str(out))


def paired_medians(
    ours: Callable[[], object], bare: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Medians of ``ours`` and ``bare`` run alternately, each going first in turn (seconds)."""
    times: tuple[list[float], list[float]] = ([], [])
    for run in range(repeat):
        for side in _turns(run):
            start = time.perf_counter()
            (ours, bare)[side]()
            times[side].append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def _turns(run: int) -> tuple[int, int]:
    """The order of the two sides in round ``run``: 0 = scbmeet first, then bare first."""
    return (0, 1) if run % 2 == 0 else (1, 0)


def first_export(side: str, items: int) -> float:
    """In this (fresh) process: build the meeting untimed, then time the first export."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["SCBMEET_DATA_DIR"] = str(folder)
        data = make_data(items)
        services, meeting_id = build_database(data, folder)
        start = time.perf_counter()
        if side == "ours":
            from scbmeet.exports.minutes import export_minutes

            export_minutes(services, meeting_id, folder / "scbmeet.docx")
        else:
            bare_python_docx(data, folder / "bare.docx")
        return time.perf_counter() - start


def cold_medians(items: int, runs: int) -> tuple[float, float]:
    times: tuple[list[float], list[float]] = ([], [])
    for run in range(runs):
        for side in _turns(run):
            name = ("ours", "bare")[side]
            command = [sys.executable, __file__, "--first", name, "--items", str(items)]
            out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
            times[side].append(float(out.split()[-1]))
    return statistics.median(times[0]), statistics.median(times[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=40, help="minutes in the meeting")
    parser.add_argument("--repeat", type=int, default=7, help="warm runs of each (median)")
    parser.add_argument("--cold", type=int, default=3, help="fresh processes of each (median)")
    parser.add_argument("--first", choices=("ours", "bare"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.first:
        print(f"first {first_export(args.first, args.items)}")
        return 0
    from cold_start import compile_scbmeet  # cold runs as an installed copy meets them

    compile_scbmeet()
    cold_ours, cold_bare = cold_medians(args.items, args.cold)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["SCBMEET_DATA_DIR"] = str(folder)  # keep backups out of the user's folders
        from scbmeet.exports.minutes import export_minutes

        data = make_data(args.items)
        services, meeting_id = build_database(data, folder)
        scbmeet_out, bare_out = folder / "scbmeet.docx", folder / "bare.docx"
        # One untimed run of each warms caches (template bytes, imports) for both alike.
        export_minutes(services, meeting_id, scbmeet_out)
        bare_python_docx(data, bare_out)
        ours, bare = paired_medians(
            lambda: export_minutes(services, meeting_id, scbmeet_out),
            lambda: bare_python_docx(data, bare_out),
            args.repeat,
        )
        import docx

        paragraphs = len(docx.Document(str(scbmeet_out)).paragraphs)
    print(f"meeting: {args.items} minutes, {paragraphs} paragraphs")
    print(
        f"{'':24}{'cold':>10}{'warm':>10}  (cold: {args.cold} fresh processes each; warm: {args.repeat} alternating runs; medians)"
    )
    print(f"{'scbmeet export_minutes':24}{cold_ours * 1000:8.1f}ms{ours * 1000:8.1f}ms")
    print(f"{'bare python-docx':24}{cold_bare * 1000:8.1f}ms{bare * 1000:8.1f}ms")
    print(f"{'ratio':24}{cold_ours / cold_bare:9.2f}x{ours / bare:9.2f}x  (target: at most 2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

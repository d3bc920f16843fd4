"""Benchmark: the PDF agenda pack against bare LibreOffice conversion plus bare pypdf merging.

Builds a meeting of 25 items in a fresh SQLite database: 20 with a Word paper (three pages
or so: headings, paragraphs, a table) and 5 with a PDF paper. Then times, alternating in
the same run so both see the same machine load:

* scbmeet: ``build_pdf_pack`` - the records read through the services, the agenda and 25
  cover sheets written and converted with the 20 papers in one LibreOffice run (the papers
  merged, tags and all, as they come out of it), the agenda converted again with its page
  references, bookmarks, every page numbered, the title and language set, the atomic
  write; both LibreOffice runs are handed to one LibreOffice started ahead (stopped after);
* bare: the 20 Word files converted by one LibreOffice run (same filter, own profile),
  then the 20 results and the 5 PDFs appended into one file with pypdf, and nothing else.

Each is timed warm (in this process) and cold (in a fresh Python process: for scbmeet the
command a secretary runs, ``scbmeet --db DB export pack DATE --out pack.pdf``, which also
runs the accessibility check and starts its LibreOffice before it imports the database
stack; for bare, the function above in a fresh process importing only pypdf and docx),
alternating. It prints the medians of wall time and of CPU time (this process and every
process it waited for, LibreOffice included - a LibreOffice scbmeet stops is reparented to
this process, which reaps it, so its time counts too: the machine may be shared, and CPU
time says how much work was done whatever the load) and their ratios; the target is at
most 1.5x. Both sides start LibreOffice in a fresh profile every time.

    .venv/bin/python benchmarks/bench_pdf_pack.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import ctypes
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import docx
from pypdf import PdfWriter

if TYPE_CHECKING:
    from scbmeet.services import Services

MEETING_DAY = date(2027, 6, 9)
WORD_PAPERS = 20
PDF_PAPERS = 5
SENTENCE = (
    "Partners reported that incidents had fallen overall but risen in two neighbourhoods, "
    "and agreed to share data on repeat locations before the next meeting. "
)


def word_paper(n: int) -> bytes:
    paper = docx.Document()
    paper.add_heading(f"Partnership report {n}", 1)
    for section in ("Purpose of the report", "Background", "Performance", "Recommendations"):
        paper.add_heading(section, 2)
        for _ in range(4):
            paper.add_paragraph(SENTENCE * 4)
    table = paper.add_table(rows=11, cols=4)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = ("Measure", "Q1", "Q2", "Change")[c] if r == 0 else f"{r * (c + 1)}"
    buffer = io.BytesIO()
    paper.save(buffer)
    return buffer.getvalue()


def make_papers(folder: Path) -> tuple[list[Path], list[Path]]:
    """20 Word papers and 5 PDF papers (made from Word papers by LibreOffice; not timed)."""
    from scbmeet.exports.pdf import convert_to_pdf

    words = []
    for n in range(WORD_PAPERS + PDF_PAPERS):
        path = folder / f"paper-{n:02d}.docx"
        path.write_bytes(word_paper(n))
        words.append(path)
    pdfs = convert_to_pdf(words[WORD_PAPERS:], folder / "pdf-papers")
    return words[:WORD_PAPERS], pdfs


def build_database(folder: Path, words: list[Path], pdfs: list[Path]) -> tuple[Services, int]:
    from scbmeet.services import Services
    from scbmeet.storage.database import open_database
    from scbmeet.storage.engine import sqlite_url

    services = Services(open_database(sqlite_url(folder / "bench.sqlite3"), daily_backup=False))
    board = services.register.create_board("Benchmark Safer Communities Board", "BENCH")
    meeting = services.meetings.create_meeting(board.id, MEETING_DAY, standard_agenda=False)
    for n, path in enumerate([*words, *pdfs], start=1):
        item = services.agenda.add_item(meeting.id, f"Partnership report {n}")
        paper = services.agenda.add_paper(item.id, f"Partnership report {n}")
        services.agenda.attach_file(paper.id, path.name, path.read_bytes())
    return services, meeting.id


def bare(words: list[Path], pdfs: list[Path], out: Path) -> None:
    """One LibreOffice run for the Word papers, then pypdf appends everything: no scbmeet."""
    from scbmeet.exports.pdf import PDF_FILTER, find_soffice

    with tempfile.TemporaryDirectory() as work:
        subprocess.run(
            [
                str(find_soffice()),
                f"-env:UserInstallation={Path(work, 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                PDF_FILTER,
                "--outdir",
                work,
                *map(str, words),
            ],
            check=True,
            capture_output=True,
        )
        writer = PdfWriter()
        for pdf in [*(Path(work) / f"{w.stem}.pdf" for w in words), *pdfs]:
            writer.append(pdf)
        with out.open("wb") as stream:
            writer.write(stream)


def cpu_seconds() -> float:
    """CPU time of this process and of every child it has waited for (LibreOffice too)."""
    own, children = (
        resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


PR_SET_CHILD_SUBREAPER = 36


def adopt_orphans() -> None:
    """Be the parent of any process whose parent dies under us (Linux), so that the
    CPU time of a LibreOffice stopped by scbmeet reaches :func:`cpu_seconds` when reaped."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def reap_orphans() -> None:
    """Wait for every child left (only orphans: no run is going on), counting their time."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds that ``fn()`` took, until the processes it started are gone."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    fn()
    reap_orphans()
    return time.perf_counter() - wall, cpu_seconds() - cpu


def cold(command: list[str]) -> tuple[float, float]:
    """The work in a fresh process (imports and all)."""
    return timed(lambda: subprocess.run(command, check=True, capture_output=True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from cold_start import compile_scbmeet  # cold runs as an installed copy meets them

    compile_scbmeet()
    adopt_orphans()
    from scbmeet.exports.pdf_pack import build_pdf_pack

    with tempfile.TemporaryDirectory(prefix="bench-pdf-pack-") as folder_name:
        folder = Path(folder_name)
        words, pdfs = make_papers(folder)
        services, meeting_id = build_database(folder, words, pdfs)
        pack, baseline = folder / "pack.pdf", folder / "bare.pdf"
        cold_pack = [
            *(str(Path(sys.executable).parent / "scbmeet"),),
            "--db",
            str(folder / "bench.sqlite3"),
            "export",
            "pack",
            MEETING_DAY.isoformat(),
            "--out",
            str(pack),
        ]
        cold_bare = [
            sys.executable,
            "-c",
            (
                "import sys; from pathlib import Path; "
                f"sys.path.insert(0, {str(Path(__file__).parent)!r}); "
                "from bench_pdf_pack import bare; "
                f"bare([Path(p) for p in {[str(w) for w in words]!r}], "
                f"[Path(p) for p in {[str(p) for p in pdfs]!r}], Path({str(baseline)!r}))"
            ),
        ]
        results: dict[str, list[tuple[float, float]]] = {
            k: [] for k in ("warm", "bare", "cold", "cold bare")
        }
        for _ in range(args.repeat):
            results["warm"].append(timed(lambda: build_pdf_pack(services, meeting_id, pack)))
            results["bare"].append(timed(lambda: bare(words, pdfs, baseline)))
            results["cold"].append(cold(cold_pack))
            results["cold bare"].append(cold(cold_bare))
        from pypdf import PdfReader

        pages, bare_pages = len(PdfReader(pack).pages), len(PdfReader(baseline).pages)
    wall = {k: statistics.median(w for w, _ in v) for k, v in results.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in results.items()}
    print(f"PDF pack of {WORD_PAPERS} Word and {PDF_PAPERS} PDF papers (medians of {args.repeat})")
    print(f"  scbmeet: {pages} pages; bare: {bare_pages} pages (no agenda or covers)")
    for kind, base in (("warm", "bare"), ("cold", "cold bare")):
        print(
            f"  {kind:4}: scbmeet {wall[kind]:.2f} s, bare LibreOffice + pypdf "
            f"{wall[base]:.2f} s: {wall[kind] / wall[base]:.2f}x (target at most 1.5x); "
            f"CPU {cpu[kind]:.2f} s against {cpu[base]:.2f} s: {cpu[kind] / cpu[base]:.2f}x"
        )
    for kind, runs in results.items():
        print(f"  {kind:9} runs: " + ", ".join(f"{w:.2f} s ({c:.2f} s CPU)" for w, c in runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

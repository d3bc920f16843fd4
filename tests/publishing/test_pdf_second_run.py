"""A LibreOffice run that ends having stored nothing is tried once more before the export
gives up (CI met one that printed only its java warning and stored no PDF)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from scbmeet.exports import pdf

# A stand-in soffice: its first run stores nothing (as the failing LibreOffice did), and
# every later run stores a one-page PDF for each source it is given.
FLAKY_SOFFICE = """#!{python}
import sys
from pathlib import Path
from pypdf import PdfWriter
runs = Path(__file__).with_name("runs")
count = int(runs.read_text()) + 1 if runs.exists() else 1
runs.write_text(str(count))
print("Warning: failed to launch javaldx - java may not function correctly")
if count > {fail_runs}:
    args = sys.argv[1:]
    outdir = Path(args[args.index("--outdir") + 1])
    for source in args[args.index("--outdir") + 2:]:
        print(f"convert {{source}} -> {{outdir}}/{{Path(source).stem}}.pdf using filter")
        writer = PdfWriter()
        writer.add_blank_page(100, 100)
        with open(outdir / (Path(source).stem + ".pdf"), "wb") as out:
            writer.write(out)
"""


def _flaky_soffice(folder: Path, fail_runs: int, monkeypatch: pytest.MonkeyPatch) -> Path:
    program = folder / "soffice"
    program.write_text(FLAKY_SOFFICE.format(python=sys.executable, fail_runs=fail_runs))
    program.chmod(0o755)
    monkeypatch.setenv("SCBMEET_SOFFICE", str(program))
    return folder / "runs"


def _sources(folder: Path, *names: str) -> list[Path]:
    for name in names:
        (folder / name).write_bytes(b"a Word file")
    return [folder / name for name in names]


def test_a_run_that_stores_nothing_is_run_once_more(tmp_path, monkeypatch):
    runs = _flaky_soffice(tmp_path, fail_runs=1, monkeypatch=monkeypatch)
    sources = _sources(tmp_path, "agenda.docx", "covers.docx", "paper.docx")
    heard: list[int] = []
    made = pdf.convert_to_pdf(sources, tmp_path / "out", required=2, on_done=heard.append)
    assert runs.read_text() == "2"
    assert [p.name if p else None for p in made] == ["agenda.pdf", "covers.pdf", "paper.pdf"]
    assert heard[-3:] == [0, 1, 2]  # told again of each file the second run stored


def test_two_failed_runs_give_one_line_naming_the_file(tmp_path, monkeypatch):
    runs = _flaky_soffice(tmp_path, fail_runs=2, monkeypatch=monkeypatch)
    sources = _sources(tmp_path, "agenda.docx")
    with pytest.raises(pdf.ConversionError, match=r"could not convert agenda\.docx to PDF"):
        pdf.convert_to_pdf(sources, tmp_path / "out")
    assert runs.read_text() == "2"  # tried twice, not more


def test_a_paper_alone_failing_is_not_run_again(tmp_path, monkeypatch):
    program = tmp_path / "soffice"
    # Stores every source but the paper: the run worked, the paper did not convert.
    program.write_text(
        FLAKY_SOFFICE.format(python=sys.executable, fail_runs=0).replace(
            '    for source in args[args.index("--outdir") + 2:]:',
            '    for source in args[args.index("--outdir") + 2:-1]:',
        )
    )
    program.chmod(0o755)
    monkeypatch.setenv("SCBMEET_SOFFICE", str(program))
    sources = _sources(tmp_path, "agenda.docx", "paper.docx")
    made = pdf.convert_to_pdf(sources, tmp_path / "out", required=1)
    assert made[1] is None and made[0] is not None
    assert (tmp_path / "runs").read_text() == "1"  # a paper that will not convert costs no rerun

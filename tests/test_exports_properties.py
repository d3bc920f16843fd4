"""Every kind of document carries valid properties, read back in a fresh process and by LibreOffice.

Reading back in the writing process proves nothing: python-docx there shares whatever
prefix table the writer used. A subprocess starts clean, as Word does.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx.oxml import ns
from lxml import etree

from scbmeet.exports.action_log import export_action_log, export_owner_logs
from scbmeet.exports.agenda import export_agenda
from scbmeet.exports.chair_brief import export_chair_brief
from scbmeet.exports.minutes import export_minutes
from scbmeet.exports.pack import export_pack
from scbmeet.exports.register_log import export_register_log
from scbmeet.services.action_filters import ActionFilter

TODAY = date(2026, 11, 21)
CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
READER = """
import json, sys, docx
out = {}
for path in sys.argv[1:]:
    p = docx.Document(path).core_properties
    out[path] = {"title": p.title, "status": p.content_status, "keywords": p.keywords,
                 "category": p.category, "revision": p.revision, "language": p.language}
print(json.dumps(out))
"""


def every_kind(services, summary, folder: Path) -> dict[str, Path]:
    upcoming, held = summary.upcoming_meeting_id, summary.meeting_ids[2]
    rows = services.action_register.query(ActionFilter(), today=TODAY)
    owners = export_owner_logs(services, held, folder / "owners", today=TODAY)
    return {
        "agenda": export_agenda(services, upcoming, folder / "agenda.docx"),
        "public agenda": export_agenda(services, upcoming, folder / "agenda-p.docx", public=True),
        "pack": export_pack(services, upcoming, folder / "pack.docx"),
        "minutes": export_minutes(services, held, folder / "minutes.docx"),
        "actions": export_action_log(services, held, folder / "actions.docx", today=TODAY),
        "owner log": owners[0],
        "brief": export_chair_brief(services, upcoming, folder / "brief.docx", today=TODAY),
        "register log": export_register_log(
            services, [r.id for r in rows], ActionFilter(), folder / "reg.docx", today=TODAY
        ),
    }


def read_in_fresh_process(paths: list[Path]) -> dict[str, dict[str, object]]:
    result = subprocess.run(
        [sys.executable, "-c", READER, *map(str, paths)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout)


def test_importing_the_pack_leaves_python_docx_prefixes_alone():
    import scbmeet.exports.pack  # noqa: F401  (docxcompose comes in with it)

    assert ns.nsmap["cp"] == CORE


def test_every_document_reads_back_with_its_properties_in_a_fresh_process(demo, tmp_path):
    services, summary = demo
    documents = every_kind(services, summary, tmp_path)
    read = read_in_fresh_process(list(documents.values()))
    for kind, path in documents.items():
        props = read[str(path)]
        assert props["title"], kind
        assert props["language"] == "en-GB", kind
        assert props["revision"] == 1, kind
        assert props["keywords"] or kind in ("owner log", "register log", "brief"), kind
        with zipfile.ZipFile(path) as z:
            core = etree.fromstring(z.read("docProps/core.xml"))
            names = [child.tag for child in core]
            assert len(names) == len(set(names)), f"{kind}: duplicate properties {names}"
            assert {etree.QName(t).namespace for t in names} <= {
                CORE,
                "http://purl.org/dc/elements/1.1/",
                "http://purl.org/dc/terms/",
            }, kind
            assert "docProps/custom.xml" not in z.namelist(), kind
    assert read[str(documents["minutes"])]["status"] == "Draft"
    assert read[str(documents["public agenda"])]["status"] == "Public version"
    assert read[str(documents["pack"])]["category"] == "Agenda pack"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_every_document_and_its_title(demo, tmp_path):
    services, summary = demo
    documents = every_kind(services, summary, tmp_path)
    out = tmp_path / "pdf"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, documents.values()),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    read = read_in_fresh_process(list(documents.values()))
    for kind, path in documents.items():
        pdf = out / (path.stem + ".pdf")
        assert pdf.exists(), kind
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        title = next(line for line in info.splitlines() if line.startswith("Title:"))
        assert title.split(":", 1)[1].strip() == read[str(path)]["title"], kind

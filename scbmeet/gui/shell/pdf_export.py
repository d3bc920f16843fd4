"""The desktop app's PDF exports: the documents of :mod:`scbmeet.exports` written as PDF.

Installed as :func:`scbmeet.gui.hooks.export_pdf` and
:func:`scbmeet.gui.hooks.accessibility_problems` by
:func:`scbmeet.gui.shell.extensions.install_extensions`. Both run off the GUI thread: the
pack becomes one PDF (:mod:`scbmeet.exports.pdf_pack`), every other document is written as
Word and converted (:mod:`scbmeet.exports.pdf`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from scbmeet.services import Services

Progress = Callable[[int, str], None]


def export_pdf(
    services: Services, kind: str, meeting_id: int, public: bool, path: Path, progress: Progress
) -> Path:
    """Write the meeting's ``kind`` of document as the PDF ``path``; returns it."""
    from scbmeet.exports.pdf import export_as_pdf
    from scbmeet.exports.pdf_pack import build_pdf_pack
    from scbmeet.gui.shell.word_export import export_document

    if kind == "pack":
        return build_pdf_pack(services, meeting_id, path, public=public, progress=progress)
    progress(10, "Writing the Word document…")

    def write_docx(docx_path: Path) -> Path:
        written = export_document(services, kind, meeting_id, public, docx_path)
        progress(40, "Converting it to PDF with LibreOffice…")
        return written

    return export_as_pdf(write_docx, path)


def accessibility_problems(
    services: Services, kind: str, meeting_id: int, public: bool
) -> list[str]:
    """What the accessibility check finds in the document (for the pack: in its papers)."""
    from scbmeet.exports.accessibility_check import docx_problems, pack_problems
    from scbmeet.gui.shell.word_export import export_document

    if kind == "pack":
        return [str(p) for p in pack_problems(services, meeting_id, public=public)]
    with tempfile.TemporaryDirectory(prefix="scbmeet-check-") as folder:
        docx_path = export_document(services, kind, meeting_id, public, Path(folder) / "d.docx")
        return [str(p) for p in docx_problems(docx_path.read_bytes(), f"The {kind}")]

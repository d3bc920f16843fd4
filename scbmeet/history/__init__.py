"""Reading a board's past minutes and agendas (Word ``.docx``, or ``.pdf`` with a text layer)
into plain data, and matching the people and organisations they name to the register.

Qt-free; sits above the services (matching asks the register). :func:`read_document` reads
one file; :func:`scbmeet.history.matching.plan_import` turns documents into an import plan.
"""

from __future__ import annotations

from pathlib import Path

from scbmeet.domain.errors import ImportFormatError
from scbmeet.domain.history import RecognisedDocument
from scbmeet.history.docx_reader import read_docx_blocks
from scbmeet.history.recognise import recognise

MAX_FILE_BYTES = 50 * 1024 * 1024


def read_document(path: str | Path) -> RecognisedDocument:
    """What ``path`` holds, or an :class:`ImportFormatError` with one line naming the problem."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFormatError(f"{path.name}: cannot be read ({exc.strerror}).") from None
    if size > MAX_FILE_BYTES:
        raise ImportFormatError(
            f"{path.name}: is too large ({size // (1024 * 1024)} MB; at most "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB)."
        )
    suffix = path.suffix.lower()
    if suffix == ".docx":
        blocks = read_docx_blocks(path)
    elif suffix == ".pdf":
        from scbmeet.history.pdf_reader import read_pdf_blocks  # pypdf only when needed

        blocks = read_pdf_blocks(path)
    else:
        raise ImportFormatError(f"{path.name}: is not a .docx or .pdf document.")
    return recognise(path.name, blocks)


__all__ = ["read_document"]

"""The points where work from other parts of scbmeet plugs into the desktop app.

Each hook is one module-level function, looked up at call time, so wiring one in is a
single assignment (``hooks.export_document = word.export_document``) in
:func:`scbmeet.gui.shell.extensions.install_extensions`, and tests can replace them with
monkeypatch.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from scbmeet.domain.errors import ScbmeetError

if TYPE_CHECKING:  # the database stack loads after the window is on screen
    from scbmeet.services import Services

# What the Export menu offers: (kind, public, menu text, default file name part).
EXPORTS = (
    ("agenda", False, "&Agenda…", "agenda"),
    ("agenda", True, "&Public agenda…", "public agenda"),
    ("pack", False, "Agenda &pack…", "pack"),
    ("minutes", False, "&Minutes…", "minutes"),
    ("minutes", True, "P&ublic minutes…", "public minutes"),
    ("actions", False, "Action &log…", "action log"),
    ("brief", False, "&Chair's brief…", "chair's brief"),
    ("decisions", True, "&Decision notice…", "decisions"),
    ("decisions", False, "Decision notice (&full)…", "decisions (full)"),
)

# What the Export ▸ PDF menu offers (the public versions first: they are what is published).
PDF_EXPORTS = (
    ("agenda", True, "Public &agenda (PDF)…", "public agenda"),
    ("pack", True, "Public agenda &pack (PDF)…", "public agenda pack"),
    ("minutes", True, "Public &minutes (PDF)…", "public minutes"),
    ("agenda", False, "A&genda (PDF)…", "agenda"),
    ("pack", False, "Agenda pac&k (PDF)…", "agenda pack"),
    ("minutes", False, "M&inutes (PDF)…", "minutes"),
    ("actions", False, "Action &log (PDF)…", "action log"),
    ("brief", False, "&Chair's brief (PDF)…", "chair's brief"),
    ("decisions", True, "&Decision notice (PDF)…", "decisions"),
)


def export_document(
    services: Services,
    kind: str,
    meeting_id: int,
    public: bool,
    path: Path,
    *,
    accept_changes: bool = False,
) -> Path:
    """Write a meeting's Word document (``kind``: one of :data:`EXPORTS`) to ``path``.

    ``public`` leaves out the closed-session items; ``accept_changes`` accepts the papers'
    tracked changes in a pack. Runs off the GUI thread. Returns the file written.
    Replaced by the Word documents' exporter when that is installed.
    """
    raise ScbmeetError("Word export is not available yet.")


def check_export(services: Services, kind: str, meeting_id: int) -> None:
    """Raise a ``ScbmeetError`` saying why the meeting's ``kind`` of document cannot be
    written (minutes of a meeting not yet held), before the user is asked where to save it.
    Replaced by the Word documents' check when that is installed."""
    del services, kind, meeting_id


def export_pdf(
    services: Services,
    kind: str,
    meeting_id: int,
    public: bool,
    path: Path,
    progress: Callable[[int, str], None],
) -> Path:
    """Write a meeting's document (``kind``: one of :data:`PDF_EXPORTS`) as the PDF ``path``.

    Runs off the GUI thread, reporting ``progress(percent, message)``. Replaced by the PDF
    exporter when that is installed.
    """
    raise ScbmeetError("PDF export is not available yet.")


def accessibility_problems(
    services: Services, kind: str, meeting_id: int, public: bool
) -> list[str]:
    """What would stop the document meeting the accessibility regulations, one line each.

    Runs off the GUI thread before a PDF is written. Replaced with the real check.
    """
    return []


def open_file(path: Path) -> bool:
    """Open a file with the desktop's usual program (Word for a .docx)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

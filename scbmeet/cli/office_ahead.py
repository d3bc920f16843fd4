"""A PDF export's LibreOffice is started before anything else the command does.

LibreOffice takes a second or more to start; Python takes about as long to import the
database stack and read the meeting. Started first (:func:`start_for`, called by
:func:`scbmeet.cli.main` before the command line is parsed), it starts while the rest
happens instead of after it. Only the words of the command line are looked at here, so a
guess that is wrong costs a LibreOffice that is stopped at exit, never a wrong export.
"""

from __future__ import annotations

from collections.abc import Sequence

OUT_OPTIONS = ("--out", "--format")


def wants_office(argv: Sequence[str]) -> bool:
    """Whether the command line ``argv`` is an ``export`` that writes PDF (converted by one
    LibreOffice, the PDF pack's two runs included)."""
    words = list(argv)
    if "export" not in words:
        return False
    values = []
    for n, word in enumerate(words):
        name, equals, value = word.partition("=")
        if name in OUT_OPTIONS:
            values.append(value if equals else (words[n + 1] if n + 1 < len(words) else ""))
    return any(v.lower().endswith(".pdf") or v.lower() == "pdf" for v in values)


def start_for(argv: Sequence[str]) -> None:
    """Start the LibreOffice the command line ``argv`` will want (see the module)."""
    if wants_office(argv):
        from scbmeet.exports.pdf_office import start_ahead

        start_ahead()

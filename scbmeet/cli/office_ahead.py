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


def offices_wanted(argv: Sequence[str]) -> int:
    """How many LibreOffices the ``export`` command line ``argv`` will convert with: two for
    the PDF pack (its papers, then the numbered agenda), one for any other PDF, else 0."""
    words = list(argv)
    if "export" not in words:
        return 0
    values = []
    for n, word in enumerate(words):
        name, equals, value = word.partition("=")
        if name in OUT_OPTIONS:
            values.append(value if equals else (words[n + 1] if n + 1 < len(words) else ""))
    if not any(v.lower().endswith(".pdf") or v.lower() == "pdf" for v in values):
        return 0
    after = words[words.index("export") + 1 :]
    return 2 if after[:1] == ["pack"] else 1


def start_for(argv: Sequence[str]) -> None:
    """Start the LibreOffices the command line ``argv`` will want (see the module)."""
    count = offices_wanted(argv)
    if count:
        from scbmeet.exports.pdf_office import start_ahead

        start_ahead(count)

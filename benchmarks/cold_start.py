"""Cold figures as a user meets them: scbmeet's bytecode compiled, as ``pip install .``
leaves it.

A development shell may set ``PYTHONDONTWRITEBYTECODE`` (the development machine's does),
and an editable install has no compiled files until a module is imported with writing
allowed; a "cold" run would then compile scbmeet's own source each time, which no installed
copy does (about 0.2 s of a start-up). Each benchmark with cold figures compiles the package
first - the files are written whatever the variable says - and its fresh processes read them.
"""

from __future__ import annotations

import compileall
from pathlib import Path

import scbmeet


def compile_scbmeet() -> None:
    """Write the compiled files of every scbmeet module (the ones already current are kept)."""
    compileall.compile_dir(Path(scbmeet.__file__).parent, quiet=1)

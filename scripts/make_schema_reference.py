"""Write ``scbmeet/storage/schema_reference.json``, the head revision's reference schema.

    .venv/bin/python scripts/make_schema_reference.py [--check]

``scbmeet check`` and a restore compare a database's schema with the one the migrations
make; for the head revision they read it from this file instead of running every migration
through Alembic. Run this after adding or changing a migration; ``--check`` exits 1 if the
file on disk is not the migrations' own (the tests run it).
"""

from __future__ import annotations

import sys

from scbmeet.storage.revisions import head_revision
from scbmeet.storage.schema_match import (
    STORED_REFERENCE,
    built_reference_schema,
    stored_reference_text,
)


def current_text() -> str:
    head = head_revision()
    return stored_reference_text(head, built_reference_schema(head))


def main(argv: list[str]) -> int:
    text = current_text()
    if "--check" in argv:
        on_disk = STORED_REFERENCE.read_text(encoding="utf-8") if STORED_REFERENCE.exists() else ""
        if on_disk != text:
            print(f"{STORED_REFERENCE} is out of date: run scripts/make_schema_reference.py")
            return 1
        return 0
    STORED_REFERENCE.write_text(text, encoding="utf-8")
    print(f"wrote {STORED_REFERENCE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

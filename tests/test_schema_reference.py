"""The stored reference schema (``scbmeet/storage/schema_reference.json``) is exactly what the
migrations make at head, so that ``scbmeet check`` and a restore can compare against it
without running Alembic; any other revision is still built from the scripts (issue 14)."""

from __future__ import annotations

from scbmeet.storage import schema_match
from scbmeet.storage.revisions import head_revision, known_revisions
from tests.scripts_load import load_script


def load_generator():
    return load_script("make_schema_reference")


def test_the_stored_reference_is_the_migrations_own_at_head():
    stored = schema_match.stored_reference()
    assert stored is not None
    revision, schema = stored
    assert revision == head_revision(), "run scripts/make_schema_reference.py"
    assert schema == schema_match.built_reference_schema(revision)
    assert schema_match.STORED_REFERENCE.read_text(encoding="utf-8") == (
        load_generator().current_text()
    ), "scbmeet/storage/schema_reference.json is out of date: run scripts/make_schema_reference.py"


def test_the_head_revision_is_read_from_the_stored_file_and_others_are_built(monkeypatch):
    built: list[str] = []
    real = schema_match.built_reference_schema

    def counting(revision: str) -> schema_match.Schema:
        built.append(revision)
        return real(revision)

    monkeypatch.setattr(schema_match, "built_reference_schema", counting)
    schema_match.reference_schema.cache_clear()
    try:
        head = head_revision()
        older = sorted(known_revisions() - {head})[0]
        assert schema_match.reference_schema(head) == schema_match.stored_reference()[1]
        assert schema_match.reference_schema(older) != schema_match.reference_schema(head)
        assert built == [older]
    finally:
        schema_match.reference_schema.cache_clear()

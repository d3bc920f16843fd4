"""Alembic migrations for the scbmeet schema (run by :mod:`scbmeet.storage.schema`)."""

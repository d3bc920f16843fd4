"""Word documents and calendar files from a board's records.

Each export reads its data through the services only (plain dataclasses), starts from a
house-style template (:mod:`scbmeet.exports.template`) and writes its file atomically
(:mod:`scbmeet.storage.atomic`).
"""

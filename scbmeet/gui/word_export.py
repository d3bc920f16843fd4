"""The desktop app's Word exports: one entry point over the documents of :mod:`scbmeet.exports`.

Installed as :func:`scbmeet.gui.hooks.export_document` by :func:`scbmeet.gui.app.install_extensions`;
it runs off the GUI thread, and the exporters read the meeting through the services.
"""

from __future__ import annotations

from pathlib import Path

from scbmeet.errors import ValidationError
from scbmeet.services import Services


def export_document(
    services: Services, kind: str, meeting_id: int, public: bool, path: Path
) -> Path:
    """Write the meeting's ``kind`` of document to ``path`` (atomically); returns it."""
    from scbmeet.exports.action_log import export_action_log
    from scbmeet.exports.agenda import export_agenda
    from scbmeet.exports.chair_brief import export_chair_brief
    from scbmeet.exports.minutes import export_minutes
    from scbmeet.exports.pack import export_pack

    if kind == "agenda":
        return export_agenda(services, meeting_id, path, public=public)
    if kind == "pack":
        return export_pack(services, meeting_id, path, public=public)
    if kind == "minutes":
        return export_minutes(services, meeting_id, path, public=public)
    if kind == "actions":
        return export_action_log(services, meeting_id, path, public=public)
    if kind == "brief":
        return export_chair_brief(services, meeting_id, path)
    raise ValidationError(f"scbmeet cannot export a {kind!r} document.")

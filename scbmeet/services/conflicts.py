"""Keeping the version that lost a save conflict, so that neither of two saves is lost.

When two windows save the same record, the second save is refused (the services check the
version it read); what it tried to save is written to the audit trail as ``save_conflict``
before :class:`~scbmeet.domain.errors.ConflictError` reaches the window, so it survives even
if that window is closed without choosing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from scbmeet.domain import dto
from scbmeet.domain.models import Action, MinuteItem
from scbmeet.services.base import get_or_fail, record_audit, snapshot
from scbmeet.storage.engine import Database

REFUSED_REASON = "saved at the same time as another change; this version was not saved"


def keep_refused_action(
    db: Database,
    action_id: int,
    changes: Mapping[str, Any],
    owners: Sequence[dto.OwnerRef] | None,
) -> None:
    """Put the refused change of an action in the audit trail."""
    refused: dict[str, Any] = {k: _plain(v) for k, v in changes.items()}
    if owners is not None:
        refused["owners"] = [
            {"person_id": o.person_id, "organisation_id": o.organisation_id, "name": o.name}
            for o in owners
        ]
    with db.transaction() as s:
        action = get_or_fail(s, Action, action_id, "action")
        minute = s.get(MinuteItem, action.minute_item_id) if action.minute_item_id else None
        record_audit(
            s,
            db,
            entity="action",
            entity_id=action_id,
            operation="save_conflict",
            meeting_id=minute.meeting_id if minute else None,
            action_id=action_id,
            reason=REFUSED_REASON,
            before=snapshot(action),
            after=json.dumps(refused, ensure_ascii=False),
        )


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value

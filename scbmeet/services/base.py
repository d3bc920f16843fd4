"""What every service shares: the database, lookups, validation, audit and change notices."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel

from scbmeet.domain.dto import Change
from scbmeet.domain.errors import NotFoundError, ValidationError
from scbmeet.domain.models import AuditEntry
from scbmeet.services.kept_reads import KeptReads
from scbmeet.storage.engine import Database

M = TypeVar("M", bound=SQLModel)
Listener = Callable[[Change], None]


@dataclass
class Context:
    """Shared by all services of one :class:`~scbmeet.services.Services`."""

    db: Database
    listeners: list[Listener] = field(default_factory=list)
    pending: list[Change] = field(default_factory=list)
    kept: KeptReads = field(default_factory=KeptReads)  # costly reads' last answers

    def announce(self, change: Change) -> None:
        self.kept.changed()  # before the listeners: one may ask for a kept read
        for listener in list(self.listeners):
            listener(change)


class ServiceBase:
    """Base for the services; subclasses add one area's operations."""

    def __init__(self, context: Context) -> None:
        self._ctx = context

    @property
    def db(self) -> Database:
        return self._ctx.db

    def _changed(self, entity: str, *ids: int | None) -> None:
        """Tell listeners (views) about a committed change; call after the transaction."""
        self._ctx.announce(Change(entity, tuple(i for i in ids if i is not None)))


def get_or_fail(session: Session, model: type[M], ident: int | None, label: str) -> M:
    """The row with ``ident``, or a :class:`NotFoundError` naming what was looked for."""
    row = session.get(model, ident) if ident is not None else None
    if row is None:
        raise NotFoundError(f"There is no {label} with id {ident}.")
    return row


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str | None) -> str:
    """Text without control characters (tabs and line breaks stay): NUL cannot be stored in
    PostgreSQL, and the others break Word documents."""
    return CONTROL_CHARACTERS.sub("", value or "")


def require_text(value: str | None, what: str, *, max_length: int | None = None) -> str:
    """A trimmed, non-empty string, or a :class:`ValidationError` naming the field."""
    text = clean_text(value).strip()
    if not text:
        raise ValidationError(f"The {what} must not be empty.")
    if max_length is not None and len(text) > max_length:
        raise ValidationError(
            f"The {what} is too long ({len(text)} characters; at most {max_length})."
        )
    return text


def optional_text(value: str | None, what: str, *, max_length: int | None = None) -> str:
    text = clean_text(value).strip()
    if max_length is not None and len(text) > max_length:
        raise ValidationError(
            f"The {what} is too long ({len(text)} characters; at most {max_length})."
        )
    return text


def require_choice(value: str, vocabulary: type[StrEnum], what: str) -> str:
    try:
        return vocabulary(value).value
    except ValueError:
        allowed = ", ".join(v.value for v in vocabulary)
        raise ValidationError(f"{value!r} is not a valid {what} (use one of: {allowed}).") from None


def apply_changes(
    row: SQLModel, changes: Mapping[str, Any], allowed: Iterable[str], what: str
) -> dict[str, tuple[Any, Any]]:
    """Set the allowed fields from ``changes``; return {field: (before, after)} of real changes."""
    allowed_set = set(allowed)
    unknown = set(changes) - allowed_set
    if unknown:
        raise ValidationError(f"Cannot change {', '.join(sorted(unknown))} of a {what}.")
    done: dict[str, tuple[Any, Any]] = {}
    for name, value in changes.items():
        before = getattr(row, name)
        if before != value:
            setattr(row, name, value)
            done[name] = (before, value)
    return done


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def snapshot(row: SQLModel | None, extra: Mapping[str, Any] | None = None) -> str:
    """A row as JSON, for the before/after of an audit entry; ``extra`` adds what a reader
    needs that lives in other tables (an action's owners)."""
    if row is None:
        return ""
    data = {k: _jsonable(v) for k, v in row.model_dump().items()}
    data.update({k: _jsonable(v) for k, v in (extra or {}).items()})
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def record_audit(
    session: Session,
    db: Database,
    *,
    entity: str,
    entity_id: int | None,
    operation: str,
    meeting_id: int | None = None,
    action_id: int | None = None,
    reason: str = "",
    before: str = "",
    after: str = "",
) -> None:
    """Add an audit entry to the current transaction (dated by the database's clock)."""
    entry = AuditEntry(
        user=db.user,
        entity=entity,
        entity_id=entity_id,
        operation=operation,
        meeting_id=meeting_id,
        action_id=action_id,
        reason=reason,
        before=before,
        after=after,
    )
    if db.clock is not None:
        entry.at = db.clock()
    session.add(entry)

"""Actions: who agreed to do what, carried from meeting to meeting until done or dropped."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import case, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, or_, select

from scbmeet.domain import dto
from scbmeet.domain.enums import CLOSED_ACTION_STATES, OPEN_ACTION_STATES, ActionState
from scbmeet.domain.errors import ConflictError, NotFoundError, ValidationError
from scbmeet.domain.models import (
    Action,
    ActionOwner,
    ActionTheme,
    ActionUpdate,
    AuditEntry,
    Meeting,
    MinuteItem,
    Theme,
)
from scbmeet.services.action_infos_plain import action_infos_where
from scbmeet.services.action_restore import ActionRestorePart
from scbmeet.services.action_updates import ActionUpdatesPart
from scbmeet.services.audit import action_snapshot
from scbmeet.services.base import (
    ServiceBase,
    get_or_fail,
    record_audit,
    require_choice,
    require_text,
    snapshot,
)
from scbmeet.services.conflicts import keep_refused_action
from scbmeet.services.convert import action_infos
from scbmeet.services.meetings import audit_info, ensure_minutes_editable, was_reopened
from scbmeet.services.register_owners import distinct_owners

OwnerSpec = Sequence[dto.OwnerRef] | str


class ActionService(ActionUpdatesPart, ActionRestorePart, ServiceBase):
    """Recording actions and following them up (progress updates: :mod:`.action_updates`;
    putting states back: :mod:`.action_restore`)."""

    def _owners(self, owners: OwnerSpec, *, to_confirm: str = "") -> list[dto.OwnerRef]:
        """The owners; none is allowed while an owner typed is still to be confirmed."""
        if isinstance(owners, str):
            from scbmeet.services.register import RegisterService

            return RegisterService(self._ctx).resolve_owners(owners)
        if not owners and not to_confirm.strip():
            raise ValidationError("Name at least one owner for the action.")
        return list(owners)

    @staticmethod
    def _write_owners(s: Session, action_id: int, owners: Sequence[dto.OwnerRef]) -> None:
        for row in s.exec(select(ActionOwner).where(ActionOwner.action_id == action_id)).all():
            s.delete(row)
        s.flush()
        for pos, owner in enumerate(distinct_owners(s, owners)):
            s.add(
                ActionOwner(
                    action_id=action_id,
                    position=pos,
                    person_id=owner.person_id,
                    organisation_id=owner.organisation_id,
                )
            )

    def add_action(
        self,
        minute_id: int,
        text: str,
        owners: OwnerSpec,
        *,
        due_date: date | None = None,
        due_meeting_id: int | None = None,
        theme_ids: Sequence[int] = (),
        owner_to_confirm: str = "",
        after_line: int | None = None,
    ) -> dto.ActionInfo:
        """Record an action under a minute; ``owners`` may be ``"Sally Goodwin/Kul Mahay"``.

        ``owner_to_confirm`` is an owner as typed that the register does not (yet) match:
        the action is stored with it, its owner "to be confirmed". ``after_line``: how many
        lines of the narrative's text came before the action when it was taken (the minutes
        print it there); None prints it after the narrative.
        """
        text = require_text(text, "action")
        if after_line is not None and after_line < 0:
            raise ValidationError("An action is taken after a line of the minute's text, or none.")
        owner_to_confirm = " ".join(owner_to_confirm.split())
        resolved = self._owners(owners, to_confirm=owner_to_confirm)
        with self.db.transaction() as s:
            minute = get_or_fail(s, MinuteItem, minute_id, "minute")
            meeting = get_or_fail(s, Meeting, minute.meeting_id, "meeting")
            ensure_minutes_editable(meeting)
            if due_meeting_id is not None:
                due_meeting = get_or_fail(s, Meeting, due_meeting_id, "meeting")
                if due_meeting.board_id != meeting.board_id:
                    raise ValidationError("An action is due at a meeting of its own board.")
            positions = s.exec(
                select(Action.position).where(Action.minute_item_id == minute_id)
            ).all()
            action = Action(
                board_id=meeting.board_id,
                minute_item_id=minute_id,
                position=max([0, *positions]) + 1,
                text=text,
                due_date=due_date,
                due_meeting_id=due_meeting_id,
                created_on=meeting.date,
                owner_to_confirm=owner_to_confirm,
                after_line=after_line,
            )
            s.add(action)
            s.flush()
            assert action.id is not None
            self._write_owners(s, action.id, resolved)
            self._write_themes(s, action.id, theme_ids)
            if was_reopened(s, meeting.id or 0):
                record_audit(
                    s,
                    self.db,
                    entity="action",
                    entity_id=action.id,
                    operation="add_after_approval",
                    meeting_id=meeting.id,
                    action_id=action.id,
                    after=snapshot(action),
                )
            s.flush()
            info = action_infos(s, [action])[0]
        self._changed("action", info.id)
        return info

    @staticmethod
    def _write_themes(s: Session, action_id: int, theme_ids: Sequence[int]) -> None:
        for row in s.exec(select(ActionTheme).where(ActionTheme.action_id == action_id)).all():
            s.delete(row)
        s.flush()
        for tid in dict.fromkeys(theme_ids):
            get_or_fail(s, Theme, tid, "theme")
            s.add(ActionTheme(action_id=action_id, theme_id=tid))

    def update_action(
        self,
        action_id: int,
        changes: Mapping[str, Any],
        *,
        owners: OwnerSpec | None = None,
        theme_ids: Sequence[int] | None = None,
        expected_version: int | None = None,
    ) -> dto.ActionInfo:
        """Change an action's text, due date or due meeting, owners or themes.

        ``changes["owner_to_confirm"]`` sets the owner still to be confirmed (``""``: none);
        owners given without it replace every owner, so none is left to be confirmed.

        The text and owners are part of the minutes and lock with them; the due date and
        themes can change at any time.
        """
        unknown = set(changes) - {"text", "due_date", "due_meeting_id", "owner_to_confirm"}
        if unknown:
            raise ValidationError(f"Cannot change {', '.join(sorted(unknown))} of an action.")
        to_confirm = changes.get("owner_to_confirm")
        to_confirm = " ".join(to_confirm.split()) if isinstance(to_confirm, str) else None
        if owners is not None and to_confirm is None:
            to_confirm = ""  # owners given in full: none is left to be confirmed
        resolved = self._owners(owners, to_confirm=to_confirm or "") if owners is not None else None
        try:
            return self._save_action(
                action_id, changes, resolved, to_confirm, theme_ids, expected_version
            )
        except ConflictError:
            keep_refused_action(self.db, action_id, changes, resolved)
            raise

    def _save_action(
        self,
        action_id: int,
        changes: Mapping[str, Any],
        resolved: list[dto.OwnerRef] | None,
        to_confirm: str | None,
        theme_ids: Sequence[int] | None,
        expected_version: int | None,
    ) -> dto.ActionInfo:
        with self.db.transaction() as s:
            # FOR UPDATE (on PostgreSQL; SQLite's write lock already serialises) so that the
            # version check and the write cannot interleave with another save.
            action = s.get(Action, action_id, with_for_update=True)
            if action is None:
                raise NotFoundError(f"There is no action with id {action_id}.")
            if expected_version is not None and action.version != expected_version:
                raise ConflictError(
                    "This action was changed by someone else since you opened it, so yours "
                    "was not saved over theirs; both are kept: choose one.",
                    theirs=action.text,
                    theirs_version=action.version,
                    mine=str(changes.get("text", action.text)),
                )
            meeting = self._meeting_of(s, action)
            owners_change = resolved is not None or to_confirm is not None
            if ("text" in changes or owners_change) and meeting is not None:
                ensure_minutes_editable(meeting)
            before = snapshot(action)
            if "text" in changes:
                action.text = require_text(changes["text"], "action")
            if "due_date" in changes:
                action.due_date = changes["due_date"]
            if "due_meeting_id" in changes:
                if changes["due_meeting_id"] is not None:
                    due = get_or_fail(s, Meeting, changes["due_meeting_id"], "meeting")
                    if due.board_id != action.board_id:
                        raise ValidationError("An action is due at a meeting of its own board.")
                action.due_meeting_id = changes["due_meeting_id"]
            if to_confirm is not None:
                action.owner_to_confirm = to_confirm
            if resolved is not None:
                self._write_owners(s, action_id, resolved)
            if theme_ids is not None:
                self._write_themes(s, action_id, theme_ids)
            action.version += 1
            if meeting is not None and was_reopened(s, meeting.id or 0):
                record_audit(
                    s,
                    self.db,
                    entity="action",
                    entity_id=action_id,
                    operation="edit",
                    meeting_id=meeting.id,
                    action_id=action_id,
                    before=before,
                    after=snapshot(action),
                )
            s.flush()
            info = action_infos(s, [action])[0]
        self._changed("action", action_id)
        return info

    @staticmethod
    def _meeting_of(s: Session, action: Action) -> Meeting | None:
        if action.minute_item_id is None:
            return None
        minute = s.get(MinuteItem, action.minute_item_id)
        return s.get(Meeting, minute.meeting_id) if minute else None

    def set_state(
        self,
        action_id: int,
        state: str,
        *,
        at_meeting_id: int | None = None,
        on: date | None = None,
        note: str = "",
    ) -> dto.ActionInfo:
        """Mark an action open, in progress, done or dropped (recorded in the audit trail).

        Closing at a meeting dates it with that meeting; ``note`` is kept as a progress update.
        """
        state = require_choice(state, ActionState, "action state")
        with self.db.transaction() as s:
            action = get_or_fail(s, Action, action_id, "action")
            self._state_change(s, action, state, at_meeting_id, on, note)
            s.flush()
            info = action_infos(s, [action])[0]
        self._changed("action", action_id)
        return info

    def set_states(self, action_ids: Sequence[int], state: str, *, on: date | None = None) -> int:
        """Change several actions' state at once, all or nothing; returns how many changed."""
        state = require_choice(state, ActionState, "action state")
        with self.db.transaction() as s:
            for action_id in action_ids:
                action = get_or_fail(s, Action, action_id, "action")
                self._state_change(s, action, state, None, on, "")
        self._changed("action", *action_ids)
        return len(action_ids)

    def _state_change(
        self,
        s: Session,
        action: Action,
        state: str,
        at_meeting_id: int | None,
        on: date | None,
        note: str,
    ) -> None:
        when = on
        if at_meeting_id is not None:
            meeting = get_or_fail(s, Meeting, at_meeting_id, "meeting")
            if meeting.board_id != action.board_id:
                raise ValidationError("That meeting belongs to another board.")
            when = when or meeting.date
        when = when or date.today()
        before = snapshot(action)
        old = action.state
        action.state = state
        if state in CLOSED_ACTION_STATES:
            if old not in CLOSED_ACTION_STATES:
                action.closed_on = when
                action.closed_at_meeting_id = at_meeting_id
        else:
            action.closed_on = None
            action.closed_at_meeting_id = None
        action.version += 1
        if note.strip():
            s.add(
                ActionUpdate(
                    action_id=action.id or 0,
                    on_date=when,
                    text=note.strip(),
                    meeting_id=at_meeting_id,
                )
            )
        if old != state:
            record_audit(
                s,
                self.db,
                entity="action",
                entity_id=action.id,
                operation="state_change",
                meeting_id=at_meeting_id,
                action_id=action.id,
                reason=note.strip(),
                before=before,
                after=snapshot(action),
            )

    def audit(self, action_id: int) -> list[dto.AuditInfo]:
        with self.db.reading() as s:
            rows = s.exec(
                select(AuditEntry)
                .where(AuditEntry.action_id == action_id)
                .order_by(col(AuditEntry.id))
            ).all()
            return [audit_info(r) for r in rows]

    def delete_action(self, action_id: int, *, reason: str = "") -> None:
        with self.db.transaction() as s:
            action = get_or_fail(s, Action, action_id, "action")
            meeting = self._meeting_of(s, action)
            if meeting is not None:
                ensure_minutes_editable(meeting)
            record_audit(
                s,
                self.db,
                entity="action",
                entity_id=action_id,
                operation="delete",
                meeting_id=meeting.id if meeting else None,
                action_id=action_id,
                reason=reason,
                before=action_snapshot(s, action),
            )
            s.delete(action)
        self._changed("action", action_id)

    def action(self, action_id: int) -> dto.ActionInfo:
        with self.db.reading() as s:
            return action_infos(s, [get_or_fail(s, Action, action_id, "action")])[0]

    def actions(
        self,
        *,
        board_id: int | None = None,
        states: Sequence[str] | None = None,
        owner_person_id: int | None = None,
        owner_organisation_id: int | None = None,
        meeting_id: int | None = None,
    ) -> list[dto.ActionInfo]:
        """Actions, filtered, oldest first."""
        with self.db.reading() as s:
            query = select(Action)
            if board_id is not None:
                query = query.where(Action.board_id == board_id)
            if states:
                query = query.where(col(Action.state).in_(list(states)))
            query = self._owner_filter(query, owner_person_id, owner_organisation_id)
            if meeting_id is not None:
                minute_ids = select(MinuteItem.id).where(MinuteItem.meeting_id == meeting_id)
                query = query.where(col(Action.minute_item_id).in_(minute_ids))
            rows = s.exec(query.order_by(col(Action.created_on), col(Action.id))).all()
            return action_infos(s, rows)

    @staticmethod
    def _owner_filter(query: Any, person_id: int | None, organisation_id: int | None) -> Any:
        return query.where(*ActionService._owner_conditions(person_id, organisation_id))

    @staticmethod
    def _owner_conditions(person_id: int | None, organisation_id: int | None) -> list[Any]:
        conditions = []
        if person_id is not None:
            owned = select(ActionOwner.action_id).where(ActionOwner.person_id == person_id)
            conditions.append(col(Action.id).in_(owned))
        if organisation_id is not None:
            owned = select(ActionOwner.action_id).where(
                ActionOwner.organisation_id == organisation_id
            )
            conditions.append(col(Action.id).in_(owned))
        return conditions

    def outstanding_counts(self, board_id: int, today: date) -> tuple[int, int]:
        """(outstanding, of which overdue) for a board, counted in the database: cheap
        enough for a summary line however many actions twenty years have left."""
        due_meeting = aliased(Meeting)
        due = func.coalesce(Action.due_date, due_meeting.date)
        query = (
            select(
                func.count(),
                func.coalesce(func.sum(case((due < today, 1), else_=0)), 0),
            )
            .select_from(Action)
            .outerjoin(due_meeting, col(due_meeting.id) == Action.due_meeting_id)
            .where(Action.board_id == board_id, col(Action.state).in_(OPEN_ACTION_STATES))
        )
        with self.db.reading() as s:
            total, overdue = s.exec(query).one()
        return int(total), int(overdue)

    def outstanding(
        self,
        *,
        board_id: int | None = None,
        as_of_meeting_id: int | None = None,
        owner_person_id: int | None = None,
        owner_organisation_id: int | None = None,
    ) -> list[dto.ActionInfo]:
        """Actions not done or dropped.

        As of a meeting: every action of that board from an *earlier* meeting that was still
        open when the meeting began - including ones closed at that meeting or later, so
        that matters arising shows what was dealt with there.
        """
        with self.db.reading() as s:
            conditions: list[Any] = []
            if as_of_meeting_id is not None:
                meeting = get_or_fail(s, Meeting, as_of_meeting_id, "meeting")
                board_id = meeting.board_id
                conditions += [
                    col(Action.created_on) < meeting.date,
                    or_(
                        col(Action.state).in_(OPEN_ACTION_STATES),
                        col(Action.closed_on) >= meeting.date,
                        col(Action.closed_at_meeting_id) == meeting.id,
                    ),
                ]
            else:
                conditions.append(col(Action.state).in_(OPEN_ACTION_STATES))
            if board_id is not None:
                conditions.append(col(Action.board_id) == board_id)
            conditions += self._owner_conditions(owner_person_id, owner_organisation_id)
            # Plain rows, not ORM objects: on a long history thousands are still open.
            return action_infos_where(s, conditions)

"""Chasing owners: a ready-to-send reminder for each owner of outstanding actions.

Each :class:`Reminder` lists one owner's actions with minute references, due dates and
the latest progress. It becomes a ``.eml`` draft (built with the standard ``email``
package and marked ``X-Unsent`` so that Outlook and others open it ready to edit and send)
or a ``mailto:`` link. scbmeet itself never sends mail: the secretary reads and sends it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from email import policy
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import quote

from scbmeet.domain import dto
from scbmeet.domain.errors import ValidationError
from scbmeet.services.action_filters import OwnerGroup, group_by_owner
from scbmeet.services.action_rows import OUTSTANDING, ActionRow, Scope, load_rows
from scbmeet.services.base import ServiceBase
from scbmeet.services.meetings import MeetingService
from scbmeet.services.register import RegisterService

# CRLF as in a message on the wire. Lines up to RFC 5322's hard limit: the stdlib folds a
# long Subject right after "Subject:" at the usual 78, which some readers show with a
# leading space.
EML_POLICY = policy.default.clone(linesep="\r\n", max_line_length=998)


@dataclass(frozen=True)
class Reminder:
    """A reminder to one owner; ``to`` is empty when the register has no address for them."""

    owner_name: str
    person_id: int | None
    organisation_id: int | None
    to: tuple[tuple[str, str], ...]  # (display name, address)
    subject: str
    body: str
    actions: tuple[ActionRow, ...] = ()
    papers: tuple[dto.PaperInfo, ...] = ()  # a paper author's reminder
    file_prefix: str = "Actions"  # "Actions - Rachel Okafor.eml"

    @property
    def has_address(self) -> bool:
        return bool(self.to)


def salutation(person: dto.PersonInfo | None) -> str:
    """``Dear Rachel``; ``Dear Dr Qureshi`` without given names; colleagues for a team."""
    if person is None:
        return "Dear colleagues"
    first = person.given_names.split()[0] if person.given_names.split() else ""
    if first:
        return f"Dear {first}"
    return f"Dear {' '.join(p for p in (person.title, person.family_name) if p)}"


def _action_lines(number: int, row: ActionRow, today: date) -> list[str]:
    source = f"Minute {row.minute_reference}" if row.minute_reference else "Action"
    if row.meeting_label:
        source += f" ({row.meeting_label})"
    lines = [f"{number}. {source}: {row.text}"]
    if row.due is not None:
        due = f"   Due {dto.long_date(row.due)}"
        if row.is_overdue:
            due += f" - overdue by {row.overdue_days} day{'s' if row.overdue_days != 1 else ''}"
        lines.append(due + ".")
    else:
        lines.append("   No due date was set.")
    if row.latest_update:
        when = f" ({dto.long_date(row.latest_update_on)})" if row.latest_update_on else ""
        lines.append(f"   Latest progress{when}: {row.latest_update}")
    return lines


def compose_body(
    greeting: str,
    rows: Sequence[ActionRow],
    *,
    board_names: Sequence[str],
    next_meeting: dto.MeetingInfo | None,
    sender_name: str,
    today: date,
) -> str:
    """The text of a reminder: plain text, one line per paragraph (mail programs wrap it)."""
    boards = " and the ".join(board_names)
    if next_meeting is not None:
        opening = (
            f"Ahead of the next meeting of the {boards} on {dto.long_date(next_meeting.date)}, "
            "the minutes record these actions with you as outstanding:"
        )
    else:
        opening = f"The minutes of the {boards} record these actions with you as outstanding:"
    parts = [f"{greeting},", "", opening, ""]
    for number, row in enumerate(rows, start=1):
        parts.extend(_action_lines(number, row, today))
        parts.append("")
    parts.append(
        "Please let me know where each of these has got to, or whether any is now "
        "complete, so that I can update the action log before the meeting."
    )
    parts.extend(["", "Kind regards,"])
    if sender_name.strip():
        parts.extend(["", sender_name.strip()])
    return "\n".join(parts) + "\n"


def address_for(person: dto.PersonInfo) -> tuple[str, str] | None:
    """Where a reminder to ``person`` goes, if the register has a usable address."""
    return _address(person.full_name, person.email)


def _address(name: str, email: str) -> tuple[str, str] | None:
    """``(name, address)`` if the address is one a mail program will accept."""
    try:
        Address(display_name=name, addr_spec=email.strip())
    except (ValueError, IndexError, HeaderParseError):
        return None
    return (name, email.strip()) if email.strip() else None


class ChasingService(ServiceBase):
    """Reminders to owners; writing them as .eml drafts or mailto links."""

    def reminders(
        self,
        rows: Sequence[ActionRow] | None = None,
        *,
        board_id: int | None = None,
        today: date | None = None,
        sender_name: str = "",
    ) -> list[Reminder]:
        """One reminder per owner of the outstanding actions among ``rows``.

        Without ``rows``, every outstanding action of ``board_id`` (or of all boards).
        """
        today = today or date.today()
        if rows is None:
            with self.db.reading() as s:
                rows = load_rows(s, Scope(board_id, OUTSTANDING), today)
        outstanding = [r for r in rows if not r.is_closed]
        register = RegisterService(self._ctx)
        people = {p.id: p for p in register.people()} if outstanding else {}
        boards = {b.id: b for b in register.boards()} if outstanding else {}
        meetings = MeetingService(self._ctx)
        next_meetings = {
            b: meetings.next_meeting(b, today - timedelta(days=1))
            for b in {r.board_id for r in outstanding}
        }
        return [
            self._reminder(group, people, boards, next_meetings, sender_name, today)
            for group in group_by_owner(outstanding)
            if group.key[0] != "none"
        ]

    @staticmethod
    def _reminder(
        group: OwnerGroup,
        people: dict[int, dto.PersonInfo],
        boards: dict[int, dto.BoardInfo],
        next_meetings: dict[int, dto.MeetingInfo | None],
        sender_name: str,
        today: date,
    ) -> Reminder:
        kind, ident = group.key
        person = people.get(ident) if kind == "person" else None
        board_ids = list(dict.fromkeys(r.board_id for r in group.rows))
        names = [boards[b].name for b in board_ids if b in boards]
        upcoming = next_meetings.get(board_ids[0]) if len(board_ids) == 1 else None
        address = address_for(person) if person else None
        shorts = ", ".join(boards[b].short_name for b in board_ids if b in boards)
        subject = f"Outstanding actions for {group.name} - {shorts}"
        if upcoming is not None:
            subject += f" meeting on {dto.long_date(upcoming.date)}"
        body = compose_body(
            salutation(person),
            group.rows,
            board_names=names,
            next_meeting=upcoming,
            sender_name=sender_name,
            today=today,
        )
        return Reminder(
            owner_name=group.name,
            person_id=ident if kind == "person" else None,
            organisation_id=ident if kind == "organisation" else None,
            to=(address,) if address else (),
            subject=subject,
            body=body,
            actions=group.rows,
        )


def eml_bytes(reminder: Reminder, *, sender: tuple[str, str] | None = None) -> bytes:
    """The reminder as an unsent e-mail message (RFC 5322, UTF-8, CRLF line ends)."""
    message = EmailMessage(policy=EML_POLICY)
    message["Subject"] = reminder.subject
    if reminder.to:
        message["To"] = [Address(display_name=n, addr_spec=a) for n, a in reminder.to]
    if sender is not None and _address(*sender):
        message["From"] = Address(display_name=sender[0], addr_spec=sender[1].strip())
    message["X-Unsent"] = "1"  # opened as a draft to edit and send, not as received mail
    message.set_content(reminder.body)
    return message.as_bytes()


def mailto_url(reminder: Reminder) -> str:
    """A ``mailto:`` link (RFC 6068) with the subject and body filled in."""
    recipients = ",".join(quote(address, safe="@") for _name, address in reminder.to)
    body = reminder.body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{recipients}?subject={quote(reminder.subject, safe='')}&body={quote(body, safe='')}"


_UNSAFE_FILENAME = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def eml_filename(reminder: Reminder) -> str:
    """``Actions - Rachel Okafor.eml`` (``Papers - ...`` for an author), safe on Windows,
    macOS and Linux."""
    name = " ".join(_UNSAFE_FILENAME.sub(" ", reminder.owner_name).split()).strip(" .") or "owner"
    return f"{reminder.file_prefix} - {name[:80]}.eml"


def write_eml_files(reminders: Sequence[Reminder], folder: Path) -> list[Path]:
    """Write one draft per reminder into ``folder`` (never overwriting a file there)."""
    if not folder.is_dir():
        raise ValidationError(f"{folder} is not a folder.")
    written = []
    for reminder in reminders:
        path = _free_path(folder / eml_filename(reminder))
        try:
            path.write_bytes(eml_bytes(reminder))
        except OSError as exc:
            raise ValidationError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
        written.append(path)
    return written


def _free_path(path: Path) -> Path:
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
        number += 1
    return candidate

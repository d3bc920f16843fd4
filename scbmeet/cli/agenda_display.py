"""A meeting's agenda as lines of text, for ``scbmeet show`` and ``scbmeet agenda show``:
each item's number, title, paper mark, presenters and session, its bullet points under it."""

from __future__ import annotations

from scbmeet.cli.public_commands import closed_grounds
from scbmeet.services import Services


def agenda_lines(services: Services, meeting_id: int) -> list[str]:
    lines: list[str] = []
    for item in services.agenda.agenda(meeting_id):
        closed = f"  (closed: {closed_grounds(item)})" if item.is_closed else ""
        closed += f"  (supplementary: {item.urgency_reason})" if item.supplementary else ""
        paper = " *" if item.papers else ""
        presenter = f"  - {item.presenters}" if item.presenters else ""
        lines.append(f"  {item.number:<5} {item.title}{paper}{presenter}{closed}")
        lines.extend(f"{'':8}\u2022 {bullet}" for bullet in item.bullets)
    return lines

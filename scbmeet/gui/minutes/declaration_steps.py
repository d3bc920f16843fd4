"""Declarations of interest as undoable steps of minutes mode, and how the pane words them.

A declaration is recorded (and removed) through the services as one step of the window's
undo stack; its label in the pane names who, at which item, the interest, its kind and
whether it is kept against the member's register of interests.
"""

from __future__ import annotations

from scbmeet.domain import dto
from scbmeet.domain.access_rules import INTEREST_KIND_LABELS
from scbmeet.domain.public_dto import InterestInfo
from scbmeet.gui.minutes.commands import Host, ServiceCommand


class AddDeclaration(ServiceCommand):
    def __init__(self, host: Host, person_id: int, fields: dict[str, object]) -> None:
        super().__init__(host, "record a declaration of interest")
        self.person_id, self.fields = person_id, fields
        self.declaration_id: int | None = None

    def do(self) -> None:
        info = self.services.declarations.add(
            self.host.meeting.id,
            self.person_id,
            str(self.fields["nature"]),
            agenda_item_id=self.fields["agenda_item_id"],  # type: ignore[arg-type]
            left_room=bool(self.fields["left_room"]),
            interest_id=self.fields.get("interest_id"),  # type: ignore[arg-type]
            kind=str(self.fields.get("kind") or ""),
        )
        if self.declaration_id is not None:
            previous = self.host.ids.current("declaration", self.declaration_id)
            self.host.ids.moved("declaration", previous, info.id)
        else:
            self.declaration_id = info.id

    def revert(self) -> None:
        assert self.declaration_id is not None
        self.services.declarations.delete(self.host.ids.current("declaration", self.declaration_id))


class RemoveDeclaration(AddDeclaration):
    def __init__(self, host: Host, declaration: dto.DeclarationInfo) -> None:
        fields: dict[str, object] = {
            "nature": declaration.nature,
            "agenda_item_id": declaration.agenda_item_id,
            "left_room": declaration.left_room,
            "interest_id": declaration.interest_id,
            "kind": declaration.kind,
        }
        super().__init__(host, declaration.person_id, fields)
        self.setText("remove a declaration of interest")
        self.declaration_id = declaration.id

    def do(self) -> None:
        AddDeclaration.revert(self)

    def revert(self) -> None:
        AddDeclaration.do(self)


def declaration_label(declaration: dto.DeclarationInfo, items: dict[int, str]) -> str:
    where = items.get(declaration.agenda_item_id or -1, "")
    left = "; left the room" if declaration.left_room else ""
    at = f" — {where}" if where else ""
    kind = INTEREST_KIND_LABELS.get(declaration.kind, "")
    registered = " (registered)" if declaration.interest_id is not None else ""
    of_kind = f" [{kind}{registered}]" if kind else ""
    return f"{declaration.person_name}{at}: {declaration.nature}{of_kind}{left}"


def interest_label(interest: InterestInfo) -> str:
    """``Marlbury Faith Centre (trustee) - other registrable``: a register entry to pick."""
    short = INTEREST_KIND_LABELS.get(interest.kind, interest.kind).removesuffix(" interest")
    return f"{interest.matter} - {short}"

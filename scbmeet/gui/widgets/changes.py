"""Change notices from the services, delivered on the GUI thread.

The services call their listeners in whichever thread made the change (a background
import, say). :func:`hub_for` gives the one :class:`ChangeHub` of a ``Services``; its
``changed`` signal is emitted from that thread and Qt queues it to the views' thread, so a
view may connect to it and simply reload.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # the database stack loads after the window is on screen
    from scbmeet.domain.dto import Change
    from scbmeet.services import Services


class ChangeHub(QObject):
    """Re-emits every committed change of one ``Services`` as a Qt signal."""

    changed = Signal(object)  # a scbmeet.domain.dto.Change

    def __init__(self, services: Services) -> None:
        super().__init__()
        self._unsubscribe = services.subscribe(self.changed.emit)

    def close(self) -> None:
        self._unsubscribe()


_hubs: weakref.WeakKeyDictionary[Services, ChangeHub] = weakref.WeakKeyDictionary()


def hub_for(services: Services) -> ChangeHub:
    """The change hub of ``services`` (created on first use, on the GUI thread)."""
    hub = _hubs.get(services)
    if hub is None:
        hub = ChangeHub(services)
        _hubs[services] = hub
    return hub


def concerns(change: Change, entities: Iterable[str], ident: int | None = None) -> bool:
    """Whether ``change`` is about one of ``entities`` (and about ``ident``, if it names ids)."""
    if change.entity not in set(entities):
        return False
    return ident is None or not change.ids or ident in change.ids

"""The main window's pages: how a kind of page is registered and made, and the pages the
window shows when nothing is registered, while the database opens, and in an empty database.

A page factory is called as ``factory(services, ident)`` and returns a QWidget;
:func:`lazy_page` names one by module and attribute so that it is imported only when the
first such page is made. :class:`PageRegistry` holds the factories per navigator *kind*
and the pages made so far. Like the window, this module imports nothing of the database
stack.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoGroup, QUndoStack
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QWidget

from scbmeet.gui.shell.navigator import node_key
from scbmeet.gui.widgets.icons import icon

if TYPE_CHECKING:
    from scbmeet.services import Services

PageFactory = Callable[["Services", int | None], QWidget]
MAX_CACHED_PAGES = 12


class PageHost(Protocol):
    """What pages plug into (the main window): extensions need no more than this."""

    def register_page(self, kind: str, title: str, factory: PageFactory) -> None: ...


def page_key(kind: str, ident: int | None) -> str:
    return node_key(kind, ident)


class LazyPage:
    """A page factory named by module and attribute: the module is imported when the first
    such page is made, so that neither start-up nor a page never visited pays for it (the
    warm-up after start-up may import it ahead: :attr:`module`)."""

    def __init__(self, module: str, name: str) -> None:
        self.module = module
        self.name = name

    def __call__(self, services: Services, ident: int | None) -> QWidget:
        factory: PageFactory = getattr(import_module(self.module), self.name)
        return factory(services, ident)


def lazy_page(module: str, name: str) -> PageFactory:
    """The factory ``module.name``, imported when the first such page is made."""
    return LazyPage(module, name)


class PageRegistry:
    """The factories per kind of page, and the pages made so far.

    The last :data:`MAX_CACHED_PAGES` pages made stay in the window's stack, so going back
    to one is instant; while a page is kept, its ``undo_stack`` (if it has one) is in the
    window's undo group, and is the active one while the page is shown.
    """

    def __init__(self, stack: QStackedWidget, undo_group: QUndoGroup) -> None:
        self.stack = stack
        self.undo_group = undo_group
        self._factories: dict[str, tuple[str, PageFactory]] = {}
        self._pages: OrderedDict[str, QWidget] = OrderedDict()

    def register(self, kind: str, title: str, factory: PageFactory) -> None:
        """Make pages of ``kind`` with ``factory`` from now on (dropping those made before)."""
        self._factories[kind] = (title, factory)
        for key in [k for k in self._pages if k.split(":")[0] == kind]:
            self.drop(key)

    def has(self, kind: str) -> bool:
        return kind in self._factories

    def lazy_modules(self, first: str | None = None) -> list[str]:
        """The modules of the registered pages not imported until a first page is made,
        once each, in the order the pages were registered, but that of the pages of kind
        ``first`` (if lazy) first."""
        lazy = {kind: f for kind, (_title, f) in self._factories.items() if isinstance(f, LazyPage)}
        leading = [lazy[first].module] if first in lazy else []
        return list(dict.fromkeys([*leading, *(f.module for f in lazy.values())]))

    def entry(self, kind: str) -> tuple[str, PageFactory] | None:
        """The title and factory registered for ``kind``, if any."""
        return self._factories.get(kind)

    def title(self, kind: str) -> str:
        entry = self._factories.get(kind)
        return entry[0] if entry is not None else kind

    def holds(self, key: str) -> bool:
        """Whether the page of ``key`` has been made and is still kept."""
        return key in self._pages

    def hold(self, kind: str, ident: int | None, page: QWidget) -> None:
        """Keep ``page`` as the page of ``kind`` for ``ident``, in the stack, without
        showing it (:meth:`show` does that): a page made ahead, as the warm-up makes the
        chair's review, then costs only its paint when first shown."""
        key = page_key(kind, ident)
        self.drop(key)
        self._pages[key] = page
        self.stack.addWidget(page)
        while len(self._pages) > MAX_CACHED_PAGES:
            self.drop(next(iter(self._pages)))

    def show(self, kind: str, ident: int | None, make: Callable[[], QWidget]) -> QWidget:
        """Show the page of ``kind`` for ``ident``, calling ``make()`` if it is not kept."""
        key = page_key(kind, ident)
        page = self._pages.get(key)
        if page is None:
            page = make()
            self.hold(kind, ident, page)
        else:
            self._pages.move_to_end(key)
        self.stack.setCurrentWidget(page)
        stack = getattr(page, "undo_stack", None)
        if isinstance(stack, QUndoStack):
            if stack not in self.undo_group.stacks():
                self.undo_group.addStack(stack)
            self.undo_group.setActiveStack(stack)
        else:
            self.undo_group.setActiveStack(None)
        return page

    def drop(self, key: str) -> None:
        page = self._pages.pop(key, None)
        if page is None:
            return
        stack = getattr(page, "undo_stack", None)
        if isinstance(stack, QUndoStack):
            self.undo_group.removeStack(stack)
        self.stack.removeWidget(page)
        page.deleteLater()


class PlaceholderPage(QWidget):
    """What the window shows for a kind of page nobody has registered (yet)."""

    def __init__(self, title: str, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from scbmeet.gui.widgets.forms import child, load_form

        form = load_form("placeholder_page", self)
        child(form, QLabel, "titleLabel").setText(title)
        child(form, QLabel, "messageLabel").setText(message)


class OpeningPage(QWidget):
    """What the window shows while its database opens: what is being opened, and that
    something is happening."""

    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from scbmeet.gui.widgets.forms import child, load_form

        form = load_form("opening_page", self)
        child(form, QLabel, "messageLabel").setText(message)


class WelcomePage(QWidget):
    """What a database without boards shows: where to start."""

    new_board_requested = Signal()
    new_organisation_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from scbmeet.gui.widgets.forms import child, load_form

        form = load_form("welcome_page", self)
        board = child(form, QPushButton, "newBoardButton")
        board.setIcon(icon("board"))
        board.clicked.connect(self.new_board_requested)
        organisation = child(form, QPushButton, "newOrganisationButton")
        organisation.setIcon(icon("organisation"))
        organisation.clicked.connect(self.new_organisation_requested)

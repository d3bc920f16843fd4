"""Loading the Qt Designer forms in ``ui/`` at run time.

A dialog or pane class builds itself, then calls :func:`load_form` to put the form's
widgets inside it; :func:`child` fetches a named widget and fails loudly if the form and
the code disagree (a test of every form catches that early).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtCore import QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QAbstractButton, QVBoxLayout, QWidget

from scbmeet.gui.widgets.icons import icon
from scbmeet.storage.paths import forms_dir

W = TypeVar("W", bound=QWidget)


def form_path(name: str) -> str:
    path = forms_dir() / f"{name}.ui"
    if not path.is_file():
        raise FileNotFoundError(f"form {name}.ui is missing from {forms_dir()}")
    return str(path)


def load_form(name: str, host: QWidget) -> QWidget:
    """Load ``ui/<name>.ui`` and place it, margin-free, as the whole content of ``host``."""
    file = QFile(form_path(name))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise OSError(f"cannot read form {name}.ui")
    try:
        form = QUiLoader().load(file, host)
    finally:
        file.close()
    if form is None:
        raise RuntimeError(f"form {name}.ui could not be loaded")
    layout = host.layout()
    if layout is None:
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(form)
    if form.windowTitle() and not host.windowTitle():
        host.setWindowTitle(form.windowTitle())
    return form


def child(form: QWidget, kind: type[W], name: str) -> W:
    """The widget called ``name`` in ``form``; an error naming it if it is missing."""
    found = form.findChild(kind, name)
    if found is None:
        raise LookupError(f"{type(form).__name__} has no {kind.__name__} named {name!r}")
    return found


# (object name of a button in the form, icon name or "" for none, what a click does)
ButtonSpec = tuple[str, str, Callable[[], object]]


def wire_buttons(form: QWidget, buttons: Iterable[ButtonSpec]) -> None:
    """Give each named button of ``form`` its icon and what clicking it does."""
    for name, icon_name, slot in buttons:
        button = child(form, QAbstractButton, name)
        if icon_name:
            button.setIcon(icon(icon_name))
        button.clicked.connect(slot)

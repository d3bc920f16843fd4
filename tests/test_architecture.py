"""The design card's rules that code review alone would let slip."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import scbmeet
from scbmeet.storage.paths import forms_dir, resources_dir

PACKAGE = Path(scbmeet.__file__).resolve().parent
CHECKOUT = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def python_files(*, gui: bool) -> list[Path]:
    files = [
        p for p in PACKAGE.rglob("*.py") if "_forms" not in p.parts and "_resources" not in p.parts
    ]
    return [p for p in files if ("gui" in p.relative_to(PACKAGE).parts) == gui]


def test_the_core_never_imports_qt():
    offenders = {
        str(p.relative_to(PACKAGE)): sorted(
            m for m in imported_modules(p) if m.startswith(("PySide6", "shiboken6"))
        )
        for p in python_files(gui=False)
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_gui_talks_only_to_services():
    forbidden = ("sqlalchemy", "sqlmodel", "scbmeet.domain.models", "alembic")
    offenders = {
        str(p.relative_to(PACKAGE)): sorted(
            m for m in imported_modules(p) if m.startswith(forbidden)
        )
        for p in python_files(gui=True)
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_every_module_has_a_docstring():
    missing = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None
    ]
    assert missing == []


def test_forms_and_resources_are_installed_with_the_package():
    assert forms_dir().is_dir()
    assert resources_dir().is_dir()
    assert (PACKAGE / "storage" / "migrations" / "script.py.mako").is_file()


def test_ci_runs_exactly_the_readme_test_command():
    readme = (CHECKOUT / "README.md").read_text(encoding="utf-8")
    ci = (CHECKOUT / ".ci" / "run").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.+?)\n```", readme, flags=re.S)
    test_command = next(b for b in blocks if "pytest" in b)
    assert test_command.strip() in ci.splitlines()

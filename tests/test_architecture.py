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


def _apt_packages(text: str) -> set[str]:
    return set(re.findall(r"\b(lib[a-z0-9][a-z0-9.+-]*)", text))


def test_the_readme_names_every_library_ci_installs_for_qt():
    readme = (CHECKOUT / "README.md").read_text(encoding="utf-8")
    ci = (CHECKOUT / ".ci" / "run").read_text(encoding="utf-8")
    ci_qt = re.search(r'QT_PACKAGES="([^"]+)"', ci)
    assert ci_qt is not None, ".ci/run names Qt's packages in QT_PACKAGES"
    wanted = _apt_packages(ci_qt.group(1))
    assert {"libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0"} <= wanted
    readme_line = next(
        line for line in readme.splitlines() if line.startswith("apt-get install libegl1")
    )
    assert wanted - _apt_packages(readme_line) == set()


# -- the layout (issue 11) ---------------------------------------------------------------------
MAX_CLASS_LINES = 500
MAX_MODULES_PER_FOLDER = 8
# The storage package's layers, bottom first: a module may import only those before it.
STORAGE_LAYERS = (
    "paths",
    "urls",
    "atomic",
    "journal",
    "netfs",
    "revisions",
    "schema_match",
    "backup",
    "damage",
    "server",
    "engine",
    "schema",
    "database",
    "recovery",
    "files",
    "office_files",
)


def module_name(path: Path) -> str:
    parts = ("scbmeet", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_modules() -> dict[str, Path]:
    return {module_name(p): p for p in python_files(gui=False) + python_files(gui=True)}


def scbmeet_imports(path: Path, known: dict[str, Path]) -> set[str]:
    """The scbmeet modules ``path`` imports anywhere (in functions and under TYPE_CHECKING too):
    ``from scbmeet.x import y`` counts as importing ``scbmeet.x.y`` when that is a module."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            candidates = [f"{node.module}.{alias.name}" for alias in node.names]
            candidates = [c if c in known else node.module for c in candidates]
        else:
            continue
        for name in candidates:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
    found.discard(module_name(path))
    return found


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in graph.get(module, ()):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return circles


def test_import_circles_are_found():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_circles(graph) == [["a", "b", "c"]]
    assert import_circles({"a": {"b"}, "b": set()}) == []


def test_there_are_no_import_circles():
    known = package_modules()
    graph = {
        name: {m for m in scbmeet_imports(path, known) if m != "scbmeet"}
        for name, path in known.items()
    }
    assert import_circles(graph) == []


def test_storage_layers_import_downward_only():
    known = package_modules()
    storage = "scbmeet.storage."
    on_disk = {
        m.removeprefix(storage)
        for m in known
        if m.startswith(storage) and not m.startswith(storage + "migrations")
    }
    assert on_disk == set(STORAGE_LAYERS)
    upward = {}
    for layer, name in enumerate(STORAGE_LAYERS):
        allowed = {storage + below for below in STORAGE_LAYERS[:layer]} | {"scbmeet.storage"}
        imported = scbmeet_imports(known[storage + name], known)
        wrong = sorted(
            m
            for m in imported
            if m not in allowed and not m.startswith(("scbmeet.domain", "scbmeet.settings"))
        )
        if wrong:
            upward[name] = wrong
    assert upward == {}


def test_no_class_is_over_500_lines():
    long_classes = {
        f"{p.relative_to(PACKAGE)}:{node.name}": node.end_lineno - node.lineno + 1
        for p in python_files(gui=False) + python_files(gui=True)
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_CLASS_LINES
    }
    assert long_classes == {}


def test_the_top_folders_hold_few_modules_and_every_subpackage_says_what_it_holds():
    for folder in (PACKAGE, PACKAGE / "gui"):
        modules = sorted(p.name for p in folder.glob("*.py"))
        assert len(modules) <= MAX_MODULES_PER_FOLDER, (folder, modules)
    for package in PACKAGE.rglob("__init__.py"):
        if "_forms" in package.parts or "_resources" in package.parts:
            continue
        docstring = ast.get_docstring(ast.parse(package.read_text(encoding="utf-8")))
        assert docstring and len(docstring.split()) >= 5, package


# What each part of the core may import, besides itself: the layers read bottom up.
CORE_LAYERS = {
    "scbmeet.domain": set(),
    "scbmeet.text": {"scbmeet.domain"},
    "scbmeet.storage": {"scbmeet.domain", "scbmeet.settings"},
    "scbmeet.settings": {"scbmeet.storage"},
    "scbmeet.services": {"scbmeet.domain", "scbmeet.storage", "scbmeet.text"},
    "scbmeet.exports": {"scbmeet.domain", "scbmeet.storage", "scbmeet.text", "scbmeet.services"},
    "scbmeet.history": {"scbmeet.domain", "scbmeet.storage", "scbmeet.text", "scbmeet.services"},
    "scbmeet.jsonio": {"scbmeet.domain", "scbmeet.storage", "scbmeet.services"},
    "scbmeet.demo": {"scbmeet.domain", "scbmeet.services"},
}


def part_of(module: str) -> str:
    return ".".join(module.split(".")[:2])


def test_the_core_imports_only_the_layers_below():
    known = package_modules()
    upward = {
        name: sorted(
            imported
            for imported in scbmeet_imports(path, known)
            if part_of(imported) != part_of(name)
            and part_of(imported) not in CORE_LAYERS[part_of(name)]
        )
        for name, path in known.items()
        if part_of(name) in CORE_LAYERS
    }
    assert {name: wrong for name, wrong in upward.items() if wrong} == {}

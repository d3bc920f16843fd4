"""The schema revisions this scbmeet ships, read from its migration scripts.

The scripts' ``revision`` and ``down_revision`` are read with :mod:`ast`, so knowing the head (or
whether a stamp is one of ours) costs no Alembic import; Alembic is asked only when a script
cannot be read that way. The bottom of the storage layers: it imports nothing of scbmeet.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from alembic.config import Config


VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "scbmeet.storage:migrations")
    return cfg


def _literal_assignments(tree: ast.Module) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            target, value = node.target.id, node.value
        elif (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            target, value = node.targets[0].id, node.value
        else:
            continue
        if target in ("revision", "down_revision"):
            values[target] = ast.literal_eval(value)
    return values


@functools.cache
def revision_graph() -> dict[str, tuple[str, ...]] | None:
    """{revision: the revisions it follows}, read from the scripts without Alembic; None
    if any script cannot be read that way (then Alembic is asked)."""
    graph: dict[str, tuple[str, ...]] = {}
    try:
        for path in sorted(VERSIONS_DIR.glob("*.py")):
            values = _literal_assignments(ast.parse(path.read_text(encoding="utf-8")))
            if path.name == "__init__.py" and not values:
                continue
            down = values.get("down_revision")
            graph[str(values["revision"])] = (
                tuple(down) if isinstance(down, tuple | list) else ((down,) if down else ())
            )
    except (OSError, SyntaxError, ValueError, KeyError):
        return None
    return graph or None


def head_revision() -> str:
    graph = revision_graph()
    if graph is not None:
        followed = {down for downs in graph.values() for down in downs}
        heads = [revision for revision in graph if revision not in followed]
        if len(heads) == 1:
            return heads[0]
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "scbmeet ships at least one migration"
    return head


@functools.cache
def known_revisions() -> frozenset[str]:
    """Every revision this scbmeet ships (read once: the scripts do not change at run time)."""
    graph = revision_graph()
    if graph is not None:
        return frozenset(graph)
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(r.revision for r in script.walk_revisions())


def is_known_revision(revision: str) -> bool:
    """Whether ``revision`` is one of this scbmeet's migrations (else a newer one wrote it)."""
    return revision in known_revisions()

"""A command's fixed cost: the parser loads only the module of the command given, and
each command imports only what it uses (``meetings`` and ``check`` never the JSON module,
Word exports, the ORM or the table classes; ``backup`` and ``backups`` never the services,
the tables or SQLAlchemy)."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest

from scbmeet.cli import COMMAND_MODULES, COMMANDS

PROBE = """
import json, sys
from scbmeet.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _modules_after(argv: list[str], data_dir: Path) -> set[str]:
    env = {**os.environ, "SCBMEET_DATA_DIR": str(data_dir)}
    env.pop("SCBMEET_DATABASE_URL", None)
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], env=env, capture_output=True, text=True, timeout=120
    )
    last = proc.stdout.strip().splitlines()[-1]
    report = json.loads(last)
    assert report["code"] == 0, proc.stderr
    return set(report["modules"])


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-imports")
    path = folder / "board.sqlite3"
    env = {**os.environ, "SCBMEET_DATA_DIR": str(folder)}
    env.pop("SCBMEET_DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "scbmeet", "init", "--db", str(path)],
        env=env,
        check=True,
        capture_output=True,
    )
    return folder, path


def test_every_command_is_found_in_the_module_the_table_names():
    for module in COMMAND_MODULES:
        parser = argparse.ArgumentParser()
        subparsers = parser.add_subparsers(dest="command")
        import_module(module).register(subparsers)
        for name in subparsers.choices:
            assert COMMANDS.get(name) == module, name
    assert set(COMMANDS.values()) == set(COMMAND_MODULES)


@pytest.mark.parametrize("command", ["meetings", "check"])
def test_reading_commands_leave_the_json_module_and_exports_alone(database, command):
    folder, path = database
    loaded = _modules_after([command, "--db", str(path)], folder)
    assert "scbmeet.services" in loaded  # they do use the database
    unused = {"scbmeet.jsonio", "scbmeet.exports", "docx", "scbmeet.cli.export_commands"}
    assert not unused & loaded
    # nor the services of other areas (each service is made when first used)
    others = {
        "scbmeet.services.action_register",
        "scbmeet.services.history_import",
        "scbmeet.services.plans",
        "scbmeet.services.search",
        "scbmeet.services.chair_review",
    }
    assert not others & loaded


def test_backup_commands_never_load_the_services_or_the_tables(database):
    folder, path = database
    for argv in (["backup", "--db", str(path)], ["backups", "--db", str(path)]):
        loaded = _modules_after(argv, folder)
        assert "scbmeet.storage.backup" in loaded
        assert not {"scbmeet.services", "scbmeet.domain.models", "scbmeet.jsonio"} & loaded
        # SQLite's own backup API: not even SQLAlchemy, a third of a second to import
        assert not {m for m in loaded if m.split(".")[0] in ("sqlalchemy", "sqlmodel", "alembic")}


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-imports-demo")
    path = folder / "demo.sqlite3"
    env = {**os.environ, "SCBMEET_DATA_DIR": str(folder)}
    env.pop("SCBMEET_DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "scbmeet", "demo", "--db", str(path)],
        env=env,
        check=True,
        capture_output=True,
    )
    return folder, path


def _run(argv: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SCBMEET_DATA_DIR": str(data_dir)}
    env.pop("SCBMEET_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "scbmeet", *argv], env=env, capture_output=True, text=True
    )


@pytest.mark.parametrize("command", ["meetings", "check", "backups"])
def test_lean_commands_print_the_same_with_options_in_either_order(demo_database, command):
    folder, path = demo_database
    after = _run([command, "--db", str(path)], folder)
    before = _run(["--db", str(path), command], folder)
    assert after.returncode == before.returncode == 0, after.stderr + before.stderr
    assert after.stdout == before.stdout and after.stdout.strip()
    first = after.stdout.splitlines()[0]
    expected = {
        "meetings": r"^\d{4}-\d\d-\d\d  \d\d:\d\d  MSCB ",
        "check": rf"^{re.escape(str(path))}: no problems found$",
        "backups": r"^(No backups of |\d{4}-\d\d-\d\d \d\d:\d\d:\d\d  )",
    }[command]
    assert re.match(expected, first), first


def test_backup_writes_a_checked_copy_with_options_in_either_order(demo_database, tmp_path):
    folder, path = demo_database
    for n, argv in enumerate(
        (["backup", "--db", str(path), "--to"], ["--db", str(path), "backup", "--to"])
    ):
        target = tmp_path / f"copy-{n}.sqlite3"
        done = _run([*argv, str(target)], folder)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"Backed up {path} to {target}"
        listed = _run(["meetings", "--db", str(target)], folder)
        assert listed.stdout == _run(["meetings", "--db", str(path)], folder).stdout


def test_check_compares_the_schema_without_alembic(database):
    """The head revision's reference schema is stored: no Alembic, no migrated copy."""
    folder, path = database
    loaded = _modules_after(["check", "--db", str(path)], folder)
    assert "scbmeet.storage.schema_match" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("alembic", "mako")}


def test_meetings_lists_without_the_orm_or_the_table_classes(database):
    """Five columns read with SQLAlchemy Core: no ORM, SQLModel, pydantic or table classes."""
    folder, path = database
    for argv in (["meetings", "--db", str(path)], ["--db", str(path), "meetings", "--board", ""]):
        loaded = _modules_after(argv, folder)
        assert "scbmeet.services.meeting_lines" in loaded
        heavy = {"scbmeet.domain.models", "scbmeet.domain.dto", "scbmeet.services.base"}
        assert not heavy & loaded
        assert not {m for m in loaded if m.split(".")[0] in ("sqlmodel", "pydantic", "alembic")}
        assert not {m for m in loaded if m.startswith("sqlalchemy.orm")}


def test_check_reads_plain_rows_without_the_orm_or_the_table_classes(demo_database):
    """Its rules read the columns they need with SQLAlchemy Core: no ORM, SQLModel, pydantic
    or table classes (the demo has a case review on an agenda, so every rule reads rows)."""
    folder, path = demo_database
    for argv in (["check", "--db", str(path)], ["--db", str(path), "check"]):
        loaded = _modules_after(argv, folder)
        assert "scbmeet.services.integrity" in loaded
        heavy = {
            "scbmeet.domain.models",
            "scbmeet.domain.plan_models",
            "scbmeet.domain.dto",
            "scbmeet.services.base",
        }
        assert not heavy & loaded
        assert not {m for m in loaded if m.split(".")[0] in ("sqlmodel", "pydantic", "alembic")}
        assert not {m for m in loaded if m.startswith("sqlalchemy.orm")}

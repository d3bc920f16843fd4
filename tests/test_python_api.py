"""The Python interface: its reference page is current, its examples run, and what is
public is said explicitly (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scbmeet import api
from scbmeet.domain.errors import ScbmeetError
from scbmeet.services import SERVICE_NAMES, Services
from scbmeet.services.base import ServiceBase
from tests.scripts_load import load_script

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "python-api.md"


def load_generator():
    return load_script("make_api_reference")


def examples() -> list[str]:
    return re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)


def test_the_reference_page_is_what_the_code_says():
    assert load_generator().page() == PAGE.read_text(encoding="utf-8"), (
        "docs/python-api.md is out of date: run scripts/make_api_reference.py"
    )


def test_every_service_is_public_or_said_to_be_internal(services):
    # Services are made on first use: every attribute that makes one is listed.
    on_services = {
        name for name in dir(services) if isinstance(getattr(services, name), ServiceBase)
    }
    assert on_services == set(SERVICE_NAMES) == set(api.PUBLIC_SERVICES)


@pytest.mark.parametrize("number", range(3))
def test_each_example_runs_on_the_demo(demo, number, capsys):
    services, _summary = demo
    code = examples()[number]
    exec(
        compile(code, f"docs/python-api.md example {number + 1}", "exec"),
        {"DATABASE": str(services.db.path)},
    )
    printed = capsys.readouterr().out
    assert printed.strip(), "every example shows what it did"
    if number == 2:
        assert printed.strip() == "There is no action with id 999999."


def test_open_board_database_refuses_a_missing_file_and_takes_urls(tmp_path):
    with pytest.raises(ScbmeetError, match=r"missing\.sqlite3"):
        api.open_board_database(tmp_path / "missing.sqlite3")
    created = api.open_board_database(tmp_path / "new.sqlite3", create=True)
    assert isinstance(created, Services) and created.register.boards() == []
    again = api.open_board_database(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    assert again.register.boards() == []


def test_the_interface_has_a_version():
    major, minor = api.API_VERSION.split(".")
    assert major.isdigit() and minor.isdigit()
    assert f"version {api.API_VERSION}" in PAGE.read_text(encoding="utf-8").splitlines()[0]

"""Write ``docs/python-api.md``, the reference of scbmeet's Python interface, from the code.

    .venv/bin/python scripts/make_api_reference.py [--check]

The page is generated from the docstrings and signatures of :mod:`scbmeet.api`'s public
services, so it says what the code does; ``--check`` exits 1 if the page on disk differs
(the tests run it). The examples at the top are run by the tests too.
"""

from __future__ import annotations

import dataclasses
import inspect
import sys
from pathlib import Path

from scbmeet import api
from scbmeet.domain import dto
from scbmeet.services import Services

PAGE = Path(__file__).resolve().parent.parent / "docs" / "python-api.md"

EXAMPLES = """\
## Examples

Each example runs as a test (`tests/test_python_api.py`) on a fresh demo database.

Create next year's first meeting with the standard agenda, then add an item and a paper:

```python
from datetime import date

from scbmeet.api import open_board_database

services = open_board_database(DATABASE)
board = services.register.board_by_short_name("MSCB")
meeting = services.meetings.create_meeting(board.id, date(2027, 3, 10))
item = services.agenda.add_item(meeting.id, "Serious violence duty: annual review")
services.agenda.add_paper(item.id, "Serious violence strategy refresh", author_text="SMRI")
print([i.title for i in services.agenda.agenda(meeting.id)][:3])
```

Pull every outstanding action into another system:

```python
import csv
import sys

from scbmeet.api import open_board_database

services = open_board_database(DATABASE)
writer = csv.writer(sys.stdout)
for action in services.actions.outstanding():
    writer.writerow([action.id, action.owner_line, action.text, action.due or ""])
```

Record attendance, then progress on an action, and handle a refusal:

```python
from scbmeet.api import open_board_database
from scbmeet.domain.dto import AttendanceMark
from scbmeet.domain.errors import ScbmeetError

services = open_board_database(DATABASE)
meeting = services.meetings.meetings(services.register.board_by_short_name("MSCB").id)[0]
chair = services.register.match_owner("Margaret Anne Holloway")[0]
services.meetings.set_attendances(meeting.id, [AttendanceMark(chair.person_id, "present")])
try:
    services.actions.add_update(999_999, "Done")
except ScbmeetError as problem:
    print(problem)  # "There is no action with id 999999."
```
"""


def first_paragraph(doc: str | None) -> str:
    text = inspect.cleandoc(doc or "")
    return text.split("\n\n")[0].replace("\n", " ").strip()


def method_entries(service: object) -> list[str]:
    entries = []
    for name, member in sorted(inspect.getmembers(type(service), inspect.isfunction)):
        if name.startswith("_"):
            continue
        signature = plain_signature(member)
        doc = inspect.cleandoc(member.__doc__ or "").strip()
        entries.append(f"- **`{name}{signature}`**" + (f"\n\n  {_indent(doc)}" if doc else ""))
    return entries


def plain_signature(function: object) -> str:
    """``(meeting_id: int, *, public: bool = False) -> Path``: annotations (strings, as
    they are postponed) without quotes, defaults as Python writes them, no ``self``."""
    signature = inspect.signature(function)  # type: ignore[arg-type]
    parts, star_done = [], False
    for param in signature.parameters.values():
        if param.name == "self":
            continue
        if param.kind is param.KEYWORD_ONLY and not star_done:
            parts.append("*")
            star_done = True
        if param.kind is param.VAR_POSITIONAL:
            star_done = True
        text = {param.VAR_POSITIONAL: "*", param.VAR_KEYWORD: "**"}.get(param.kind, "")
        text += param.name
        if param.annotation is not param.empty:
            text += f": {param.annotation}"
        if param.default is not param.empty:
            text += f" = {param.default!r}"
        parts.append(text)
    returns = signature.return_annotation
    arrow = f" -> {returns}" if returns is not signature.empty else ""
    return f"({', '.join(parts)}){arrow}"


def _indent(text: str) -> str:
    return text.replace("\n", "\n  ")


def service_sections(services: Services) -> list[str]:
    sections = []
    for attribute in api.PUBLIC_SERVICES:
        service = getattr(services, attribute)
        about = first_paragraph(type(service).__doc__)
        sections.append(
            f"### `services.{attribute}`\n\n{about}\n\n" + "\n".join(method_entries(service))
        )
    return sections


def data_section() -> str:
    lines = ["## Plain data (`scbmeet.domain.dto`)", ""]
    classes = [
        c
        for _name, c in inspect.getmembers(dto, inspect.isclass)
        if dataclasses.is_dataclass(c) and c.__module__ == dto.__name__
    ]
    for cls in classes:
        fields = ", ".join(f.name for f in dataclasses.fields(cls))
        about = first_paragraph(cls.__doc__)
        if about.startswith(f"{cls.__name__}("):  # the dataclass's own repr, not a docstring
            about = ""
        lines.append(f"- **`{cls.__name__}`** ({fields})" + (f": {about}" if about else ""))
    return "\n".join(lines)


def page() -> str:
    services = Services.__new__(Services)  # for the services' types only: no database
    Services.__init__(services, db=None)  # type: ignore[arg-type]
    intro = inspect.cleandoc(api.__doc__ or "")
    return (
        f"# scbmeet's Python interface (version {api.API_VERSION})\n\n"
        "<!-- Generated by scripts/make_api_reference.py from the docstrings: do not edit. -->\n\n"
        f"{intro}\n\n{EXAMPLES}\n## The services\n\n"
        + "\n\n".join(service_sections(services))
        + "\n\n"
        + data_section()
        + "\n"
    )


def main(argv: list[str]) -> int:
    text = page()
    if "--check" in argv:
        current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
        if current != text:
            print(f"{PAGE} is out of date: run scripts/make_api_reference.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    print(f"Wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

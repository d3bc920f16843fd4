"""``scbmeet search WORDS``: find anything ever minuted, from the command line."""

from __future__ import annotations

import argparse
import sys

from scbmeet.cli.common import add_db_option, open_services
from scbmeet.domain.errors import ValidationError
from scbmeet.services.search import DEFAULT_LIMIT, SearchHit

BOLD, PLAIN = "\033[1m", "\033[0m"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "search",
        help="search minutes, resolutions, actions, agenda items and papers",
        description="Words are matched whole (and by their stem), the last one also as the "
        'start of a word; every word must occur; "quoted words" must occur together.',
    )
    add_db_option(p)
    p.add_argument("words", nargs="+", help="what to look for")
    p.add_argument("--board", metavar="SHORT", help="only this board")
    p.add_argument(
        "--limit",
        metavar="N",
        type=int,
        default=DEFAULT_LIMIT,
        help=f"at most N results (default {DEFAULT_LIMIT})",
    )
    p.set_defaults(func=cmd_search)


def cmd_search(args: argparse.Namespace) -> int:
    words = " ".join(args.words)
    if not words.strip():
        raise ValidationError("Give some words to search for.")
    services = open_services(args)
    board_id = services.register.board_by_short_name(args.board).id if args.board else None
    hits = services.search.search(words, board_id=board_id, limit=args.limit)
    if not hits:
        print(f"Nothing found for {words!r}.")
        return 0
    marks = (BOLD, PLAIN) if sys.stdout.isatty() else ("[", "]")
    for hit in hits:
        print(format_hit(hit, *marks))
    return 0


def format_hit(hit: SearchHit, before: str, after: str) -> str:
    """Two lines: place, kind and heading; then the snippet, indented (if there is one)."""
    if hit.title.text:
        line = f"{hit.place}  {hit.kind_label}: {hit.title.marked(before, after)}"
    elif hit.context:
        line = f'{hit.place}  {hit.kind_label}, under "{hit.context}"'
    else:
        line = f"{hit.place}  {hit.kind_label}"
    snippet = hit.snippet.marked(before, after).replace("\n", " ").strip()
    return f"{line}\n    {snippet}" if snippet else line

"""Running the command line inside a test as a user's shell would: the exit code (argparse's
usage errors included), then what was printed to standard output and to standard error."""

from __future__ import annotations

from scbmeet.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err

"""Reading a document back in a fresh process, as another program would: no state of the
process that wrote it (python-docx's caches, the exporter's objects) can hide a defect."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any


def json_from_a_fresh_process(script: str, path: Path | str) -> Any:
    """What ``script`` (run as ``python -c script path``) prints as JSON about ``path``."""
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)

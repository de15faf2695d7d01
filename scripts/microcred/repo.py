"""Find the catalogue repository that a command works on."""

from __future__ import annotations

from pathlib import Path

from .errors import MicrocredError
from .governance import GOVERNANCE_FILE


def find_root(start: str | Path | None = None) -> Path:
    """Return the nearest folder at or above ``start`` that contains governance.yaml."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / GOVERNANCE_FILE).is_file():
            return folder
    raise MicrocredError(
        f"no {GOVERNANCE_FILE} found in {here} or any folder above it",
        "run the command inside a catalogue repository, or pass --root DIR",
    )

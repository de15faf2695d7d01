"""The award journal: an append-only, fsync'ed log of every batch sent to Canvas.

One JSON object per line. A batch is written as ``start`` (its recipients) before
the issue request, and as ``done`` (the assertion ids) or ``failed`` after it. A
``start`` without an end means the process stopped while the batch was in flight:
Canvas may or may not have stored it, so the next run lists the badge class's
assertions and reconciles before issuing anything. The journal contains recipients and
assertion ids, never scores.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import MicrocredError

log = logging.getLogger(__name__)

STATE_DIR_ENV = "MICROCRED_STATE_DIR"
STATE_DIR_NAME = ".microcred"


def state_dir(root: Path) -> Path:
    """Return the folder for local state: ``$MICROCRED_STATE_DIR`` or ``<root>/.microcred``."""
    configured = os.environ.get(STATE_DIR_ENV, "")
    folder = Path(configured) if configured else root / STATE_DIR_NAME
    if folder.exists() and not folder.is_dir():
        source = f"{STATE_DIR_ENV}={configured}" if configured else str(folder)
        raise MicrocredError(
            f"the state folder {source} is not a folder",
            f"remove that file or set {STATE_DIR_ENV} to a folder",
        )
    return folder


@dataclass(frozen=True)
class InFlightBatch:
    run: str
    batch: int
    recipients: tuple[str, ...]


class Journal:
    """The journal of one badge class, at ``<state dir>/journal/award-<badge class>.jsonl``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.run = uuid.uuid4().hex[:12]

    @classmethod
    def for_badge_class(cls, state: Path, badge_class: str) -> Journal:
        return cls(state / "journal" / f"award-{badge_class}.jsonl")

    def entries(self) -> list[dict[str, Any]]:
        """Read every entry; a line torn by a crash mid-write is skipped with a warning."""
        if not self.path.exists():
            return []
        found = []
        for number, line in enumerate(
            self.path.read_text(encoding="utf-8").splitlines(), start=1
        ):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                log.warning("%s:%d: skipping a torn journal line", self.path, number)
                continue
            if isinstance(entry, dict):
                found.append(entry)
        return found

    def in_flight(self) -> list[InFlightBatch]:
        """Return the batches that were started and never finished, in journal order."""
        started: dict[tuple[str, int], InFlightBatch] = {}
        for entry in self.entries():
            key = (str(entry.get("run")), int(entry.get("batch", -1)))
            if entry.get("event") == "start":
                started[key] = InFlightBatch(
                    key[0], key[1], tuple(entry.get("recipients", []))
                )
            elif entry.get("event") in ("done", "failed", "reconciled"):
                started.pop(key, None)
        return list(started.values())

    def start(self, batch: int, recipients: list[str]) -> None:
        self._append(
            {
                "event": "start",
                "run": self.run,
                "batch": batch,
                "recipients": recipients,
            }
        )

    def done(self, batch: int, assertions: dict[str, str]) -> None:
        self._append(
            {"event": "done", "run": self.run, "batch": batch, "assertions": assertions}
        )

    def failed(self, batch: int, error: str) -> None:
        self._append(
            {"event": "failed", "run": self.run, "batch": batch, "error": error}
        )

    def reconciled(self, run: str, batch: int, found: int, missing: int) -> None:
        """Close a batch after listing the badge class: ``found`` stored, ``missing`` not."""
        entry = {
            "event": "reconciled",
            "run": run,
            "batch": batch,
            "found": found,
            "missing": missing,
            "by": self.run,
        }
        self._append(entry)

    def _append(self, entry: dict[str, Any]) -> None:
        entry["at"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        new_file = not self.path.exists()
        with open(self.path, "ab") as handle:
            if handle.tell() and not _ends_with_newline(self.path):
                handle.write(b"\n")  # close a line torn by an earlier crash
            handle.write(json.dumps(entry, sort_keys=True).encode("utf-8") + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        if new_file:
            _fsync_folder(self.path.parent)


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)

"""Agenda items from the proposals in a checkout, for an agenda without GitHub.

Signatures and checks live on GitHub, so these items only carry what the files
and git history show: title, unit, submitter, summary, duplicate warnings and the
day the file was first committed.
"""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
from pathlib import Path

from ..catalogue import Catalogue
from .agenda_model import AgendaItem
from .duplicate_warnings import duplicate_warnings

log = logging.getLogger(__name__)


def items_from_checkout(root: Path, today: dt.date) -> list[AgendaItem]:
    catalogue = Catalogue.load(root)
    items = []
    for record in sorted(catalogue.proposals, key=lambda r: r.path):
        submitter = record.get("contacts", "submitter", "name")
        items.append(
            AgendaItem(
                number=0,
                url=record.path,
                title=record.title or record.id,
                unit=record.unit or record.folder_unit,
                submitter=submitter if isinstance(submitter, str) else "unknown",
                summary=" ".join(record.summary.split()),
                kind="proposal",
                opened_on=first_committed(root, record.path) or today,
                head_signed_on=None,
                signature_state="",
                signature_label="",
                checks_pass=False,
                checks="",
                warnings=duplicate_warnings(root, [record]),
            )
        )
    return items


def first_committed(root: Path, path: str) -> dt.date | None:
    """Return the day ``path`` was first committed, or None outside git or when uncommitted."""
    try:
        result = subprocess.run(
            ["git", "log", "--follow", "--diff-filter=A", "--format=%as", "--", path],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("git log failed for %s: %s", path, exc)
        return None
    days = result.stdout.split()
    return dt.date.fromisoformat(days[-1]) if result.returncode == 0 and days else None

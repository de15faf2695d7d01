"""Find the credential an award or revocation is for, by id or by path."""

from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass
from pathlib import Path

from ..catalogue import Catalogue
from ..errors import MicrocredError
from ..governance import Governance
from ..records import Record

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AwardTarget:
    catalogue: Catalogue
    governance: Governance
    record: Record
    badge_class: str

    @property
    def expires_after_months(self) -> int | None:
        months = self.record.get("badge", "expires_after_months")
        return (
            months
            if isinstance(months, int) and not isinstance(months, bool) and months > 0
            else None
        )


def load_target(root: Path, reference: str) -> AwardTarget:
    """Load the approved credential ``reference`` (an id or a record path) and its badge class."""
    catalogue = Catalogue.load(root)
    if catalogue.governance is None:
        raise MicrocredError(
            f"{root}/governance.yaml cannot be read",
            "run `microcred check` and fix what it reports",
        )
    record = _find(catalogue, root, reference)
    if record.kind != "credential":
        raise MicrocredError(
            f"{record.path} is a proposal, not an approved credential",
            "badges can be awarded only after the proposal is approved and moved to credentials/",
        )
    badge_class = record.get("canvas", "badge_class")
    has_badge_class = isinstance(badge_class, str) and bool(badge_class.strip())
    if not has_badge_class and record.status == "retired":
        raise MicrocredError(
            f"{record.path}: {record.id} is retired and never had a badge class"
            " in Canvas Credentials, so it has no awards to issue or revoke",
            "sync creates no badge class for a retired credential, so choose an active one",
        )
    if not isinstance(badge_class, str) or not has_badge_class:
        raise MicrocredError(
            f"{record.path}: canvas.badge_class is not recorded, so the badge class in Canvas Credentials is unknown",
            "run `microcred sync --apply` first; it creates the badge class and records its entityId",
        )
    if record.status == "retired":
        log.warning(
            "%s is retired; awarding it anyway to learners who finished before retirement",
            record.id,
        )
    return AwardTarget(catalogue, catalogue.governance, record, badge_class.strip())


def _find(catalogue: Catalogue, root: Path, reference: str) -> Record:
    path = Path(reference)
    if reference.endswith((".yaml", ".yml")) or path.exists():
        absolute = path if path.is_absolute() else Path.cwd() / path
        try:
            rel = absolute.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            raise MicrocredError(
                f"{reference} is outside the repository {root}",
                "pass a credential id or a file under credentials/",
            ) from None
        found = catalogue.record_at(rel)
        if found is None:
            raise MicrocredError(
                f"{reference}: no such record",
                "pass a credential id or a file under credentials/",
            )
        return found
    found = catalogue.find(reference)
    if found is None:
        raise MicrocredError(
            f"credential {reference!r} not found", _id_hint(catalogue, reference)
        )
    return found


def _id_hint(catalogue: Catalogue, reference: str) -> str:
    ids = sorted(record.id for record in catalogue.credentials)
    if not ids:
        return "check the id; credentials/ has no approved credential yet"
    close = difflib.get_close_matches(reference, ids, n=1)
    if close:
        return f"did you mean {close[0]!r}? Approved credentials: {', '.join(ids)}"
    return f"use one of: {', '.join(ids)}"

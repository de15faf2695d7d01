"""Find the credential an award or revocation is for, by id or by path."""

from __future__ import annotations

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
    if not isinstance(badge_class, str) or not badge_class.strip():
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
        ids = ", ".join(sorted(r.id for r in catalogue.credentials)[:10])
        raise MicrocredError(
            f"credential {reference!r} not found",
            f"use one of: {ids}" if ids else "check the id",
        )
    return found

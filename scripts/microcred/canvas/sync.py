"""Sync approved credentials to badge classes in Canvas Credentials.

``Syncer.plan()`` lists the issuer's badge classes once and decides, from hashes of
the local input, what each credential needs. ``Syncer.apply(plan)`` makes only
those writes and records each new entityId and input hash in the credential file
right after its write, so a crash loses nothing that a rerun could not find.

A create that timed out or failed with 5xx may have been stored. So it is followed
by a listing and a match on the ``microcred:<id>`` tag, and the create is sent
again only when no badge class carries the tag.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..catalogue import Catalogue
from ..errors import MicrocredError
from ..schema import PROPOSAL_SCHEMA, validate
from ..yamledit import update_fields
from .client import CanvasClient
from .errors import CanvasAuthError, CanvasError, WriteOutcomeUnknown
from .payload import Desired, build_desired
from .plan import Action, Plan, PlanItem, build_plan, index_by_tag

log = logging.getLogger(__name__)
#: Create requests per credential and run, each after a listing showed no match.
CREATE_ATTEMPTS = 3


@dataclass
class SyncResult:
    plan: Plan
    written: list[tuple[PlanItem, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0


class Syncer:
    """Plan and apply the badge classes of one catalogue."""

    def __init__(self, client: CanvasClient, catalogue: Catalogue) -> None:
        if catalogue.governance is None:
            raise MicrocredError(
                f"no governance.yaml in {catalogue.root}",
                "run the command in a catalogue repository",
            )
        self.client = client
        self.catalogue = catalogue
        self.governance = catalogue.governance
        self.errors: list[str] = []
        self.skipped_ids: set[str] = set()

    def desired(self) -> list[Desired]:
        """Build the wanted badge class of every approved credential; collect the problems."""
        broken = sorted(
            path
            for path in self.catalogue.broken_paths
            if path.startswith("credentials/")
        )
        self.errors.extend(
            f"{path}: the file cannot be loaded; run microcred check" for path in broken
        )
        self.skipped_ids.update(PurePosixPath(path).stem for path in broken)
        wanted = []
        for record in sorted(self.catalogue.credentials, key=lambda r: r.id):
            if validate(PROPOSAL_SCHEMA, record.doc.json_data(), plain=True):
                self.errors.append(
                    f"{record.path}: the record does not match the schema; run microcred check"
                )
                self.skipped_ids.add(record.id)
                continue
            try:
                wanted.append(
                    build_desired(
                        record,
                        self.governance,
                        self.catalogue.root,
                        self.client.issuer_id,
                    )
                )
            except MicrocredError as exc:
                self.errors.append(str(exc))
                self.skipped_ids.add(record.id)
        return wanted

    def plan(self) -> Plan:
        wanted = self.desired()
        log.info(
            "sync started: %d credentials, issuer %s",
            len(wanted),
            self.client.issuer_id,
        )
        listing = self.client.list_badge_classes()
        log.info("issuer %s has %d badge classes", self.client.issuer_id, len(listing))
        return build_plan(wanted, listing, self.skipped_ids)

    def apply(self, plan: Plan) -> SyncResult:
        """Make the writes the plan lists; a failed credential does not stop the others."""
        result = SyncResult(plan, errors=list(self.errors))
        for item in plan.writes:
            try:
                entity_id = self.write(item)
            except CanvasAuthError:
                raise
            except MicrocredError as exc:
                log.error(
                    "sync of credential %s failed: %s", item.credential_id, exc.message
                )
                result.errors.append(str(exc))
                continue
            self.record(item.desired, entity_id)
            result.written.append((item, entity_id))
        return result

    def write(self, item: PlanItem) -> str:
        about = f"credential {item.credential_id}"
        if item.action is Action.CREATE:
            return self.create(item.desired)
        assert item.badge_class is not None
        self.client.update_badge_class(item.badge_class, item.desired.body, about=about)
        if item.action is Action.RETIRE:
            log.info("marked badge class %s retired for %s", item.badge_class, about)
        return item.badge_class

    def create(self, desired: Desired) -> str:
        about = f"credential {desired.record.id}"
        for attempt in range(1, CREATE_ATTEMPTS + 1):
            try:
                return str(
                    self.client.create_badge_class(desired.body, about=about)[
                        "entityId"
                    ]
                )
            except WriteOutcomeUnknown:
                found = self.find_by_tag(desired.tag)
                if found is not None:
                    log.info(
                        "the failed create for %s was stored as badge class %s; using it",
                        about,
                        found,
                    )
                    return found
                log.warning(
                    "no badge class carries %s after attempt %d; creating it again",
                    desired.tag,
                    attempt,
                )
        raise CanvasError(
            f"creating the badge class for {about} failed {CREATE_ATTEMPTS} times with no badge class stored",
            "run microcred sync --apply again later",
        )

    def find_by_tag(self, tag: str) -> str | None:
        """List the issuer's badge classes and return the oldest carrying ``tag``."""
        matches = index_by_tag(self.client.list_badge_classes()).get(tag, [])
        return str(matches[0]["entityId"]) if matches else None

    def record(self, desired: Desired, entity_id: str) -> None:
        """Write the entityId and the input hash into the credential file."""
        canvas: dict[str, Any] = {
            "badge_class": entity_id,
            "synced_hash": desired.input_hash,
        }
        update_fields(self.catalogue.root / desired.record.path, {"canvas": canvas})
        log.info("recorded badge class %s in %s", entity_id, desired.record.path)


def run_sync(root: Path, client: CanvasClient, apply: bool) -> tuple[Plan, SyncResult]:
    """Plan, and with ``apply`` make the writes; return the plan and the result."""
    syncer = Syncer(client, Catalogue.load(root))
    plan = syncer.plan()
    if not apply:
        return plan, SyncResult(plan, errors=list(syncer.errors))
    return plan, syncer.apply(plan)

"""The sync, build and announce steps of ``microcred publish``, each behind one call."""

from __future__ import annotations

import logging
from pathlib import Path

from ..catalogue import Catalogue
from ..errors import MicrocredError
from ..findings import Severity
from ..mail import MailSettings
from .pipeline import Step

log = logging.getLogger(__name__)


def sync_step(root: Path) -> list[str]:
    """Run ``microcred sync --apply``; return its errors."""
    from ..canvas.client import CanvasClient
    from ..canvas.sync import run_sync

    catalogue = Catalogue.load(root)
    if catalogue.governance is None:
        return ["sync: governance.yaml cannot be loaded"]
    try:
        client = CanvasClient.from_governance(catalogue.governance)
        _, result = run_sync(root, client, apply=True)
    except MicrocredError as exc:
        return [f"sync: {exc}"]
    for item, entity_id in result.written:
        log.info(
            "sync: %s badge class %s for %s",
            item.action.value,
            entity_id,
            item.credential_id,
        )
    return [f"sync: {message}" for message in result.errors]


def build_step(site_dir: Path | None = None) -> Step:
    """Return a step that checks the catalogue and builds the site, as ``microcred build``."""

    def build(root: Path) -> list[str]:
        from ..check import CheckOptions, run_check
        from ..commands.build import build_site

        findings = run_check(CheckOptions(root=root)).findings
        errors = [
            f"build: {f.location}: {f.message}"
            for f in findings
            if f.severity is Severity.ERROR
        ]
        if errors:
            return errors + [
                "build: the site was not built because the catalogue has errors"
            ]
        try:
            build_site(root, site_dir)
        except MicrocredError as exc:
            return [f"build: {exc}"]
        return []

    return build


def announce_step(outbox: Path | None = None) -> Step:
    """Return a step that runs ``microcred announce`` with the environment's settings."""

    def announce(root: Path) -> list[str]:
        from ..github.client import GitHubSettings, open_repository
        from .announce import AnnounceOptions, run_announce

        try:
            options = AnnounceOptions(
                root=root,
                repository=open_repository(GitHubSettings.from_env()),
                mail=MailSettings.from_env(outbox),
            )
            return [f"announce: {e}" for e in run_announce(options).errors]
        except MicrocredError as exc:
            return [f"announce: {exc}"]

    return announce

"""``microcred revoke``: revoke a learner's award of a credential, with a reason.

An issued award cannot be edited, so a correction is a revocation (and, when the
learner did earn the badge, a new award by ``microcred award``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..errors import MicrocredError
from .credential import load_target
from .remote import AwardsApi, connect
from .rows import EMAIL_PATTERN

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RevokeOptions:
    root: Path
    credential: str
    email: str
    reason: str
    apply: bool = False


def run_revoke(
    options: RevokeOptions, out: TextIO, api: AwardsApi | None = None
) -> int:
    """Print the assertions to revoke; with ``apply``, revoke them."""
    email = options.email.strip().lower()
    if not EMAIL_PATTERN.match(email):
        raise MicrocredError(
            f"{options.email!r} is not an email address",
            "pass the learner's email address as the award recipient",
        )
    reason = options.reason.strip()
    if not reason:
        raise MicrocredError(
            "--reason is empty",
            "say why the award is revoked; Canvas Credentials shows the reason publicly",
        )
    target = load_target(options.root, options.credential)
    api = api or connect(target.governance)

    awards = [
        a
        for a in api.list_awards(target.badge_class, [email], recipient=email)
        if a.email == email
    ]
    if not awards:
        raise MicrocredError(
            f"{email} has no award of {target.record.id} (badge class {target.badge_class})",
            "check the address; `microcred award` prints who has the badge",
        )
    revocable = [a for a in awards if a.state != "revoked"]
    if not revocable:
        ids = ", ".join(a.assertion_id for a in awards)
        raise MicrocredError(
            f"every award of {target.record.id} to {email} is already revoked ({ids})",
            "nothing to do",
        )

    verb = "Revoking" if options.apply else "Would revoke"
    for award in revocable:
        out.write(
            f"{verb} {award.state} award {award.assertion_id} of {target.record.id} to {email}: {reason}\n"
        )
    if not options.apply:
        out.write("Nothing was revoked. Run again with --apply to revoke.\n")
        return 0
    for award in revocable:
        api.revoke(award.assertion_id, reason)
        log.info(
            "revoked assertion %s of badge class %s",
            award.assertion_id,
            target.badge_class,
        )
    out.write(f"Revoked {len(revocable)} award(s).\n")
    return 0

"""``microcred revoke``: revoke a learner's award, for corrections."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..awards.progress import configure_logging
from ..awards.revoke import RevokeOptions, run_revoke
from ..repo import find_root
from ._options import root_option


@click.command("revoke")
@click.argument("credential")
@click.argument("email")
@click.option(
    "--reason",
    required=True,
    help="Why the award is revoked; Canvas Credentials shows it on the public badge.",
)
@click.option(
    "--apply",
    "apply_",
    is_flag=True,
    help="Revoke; without it only the awards found are printed.",
)
@root_option
def command(
    credential: str, email: str, reason: str, apply_: bool, root: Path | None
) -> int:
    """Revoke the award of CREDENTIAL held by EMAIL.

    An issued award cannot be edited: revoke it, then issue a new one by hand in
    Canvas Credentials if needed, because `microcred award` never awards a learner
    who has a revoked award.
    Fails when the learner has no award or every award is already revoked.
    """
    configure_logging()
    options = RevokeOptions(find_root(root), credential, email, reason, apply_)
    return run_revoke(options, sys.stdout)

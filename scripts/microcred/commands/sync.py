"""``microcred sync``: create and update the badge classes in Canvas Credentials."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from ._options import root_option


@click.command("sync")
@click.option(
    "--apply",
    "apply_changes",
    is_flag=True,
    help="Make the changes the plan lists; without it only the plan is printed.",
)
@root_option
def command(apply_changes: bool, root: Path | None) -> int:
    """Compare every approved credential with its badge class and print the plan.

    The API base URL comes from canvas.region in governance.yaml or from
    CANVAS_CREDENTIALS_URL; the credential from CANVAS_CREDENTIALS_TOKEN, or
    CANVAS_CREDENTIALS_USERNAME and CANVAS_CREDENTIALS_PASSWORD. With --apply, new
    badge class ids and input hashes are written into the credential files.
    Exit codes: 0 done, 1 a credential or the API failed, 2 usage error.
    """
    from ..canvas.client import CanvasClient
    from ..canvas.plan import render_plan
    from ..canvas.sync import Syncer, SyncResult
    from ..catalogue import Catalogue
    from ..errors import MicrocredError
    from ..repo import find_root

    logging.basicConfig(
        level=logging.INFO, format="%(levelname)s %(name)s: %(message)s"
    )
    catalogue = Catalogue.load(find_root(root))
    if catalogue.governance is None:
        raise MicrocredError(
            "governance.yaml cannot be loaded", "run microcred check to see why"
        )
    client = CanvasClient.from_governance(catalogue.governance)
    syncer = Syncer(client, catalogue)
    plan = syncer.plan()
    click.echo(
        render_plan(plan, client.issuer_id, client.settings.base_url, apply_changes),
        nl=False,
    )
    result = (
        syncer.apply(plan)
        if apply_changes
        else SyncResult(plan, errors=list(syncer.errors))
    )
    for item, entity_id in result.written:
        done = {"create": "created", "update": "updated", "retire": "retired"}
        click.echo(
            f"{done[item.action.value]} badge class {entity_id} for {item.credential_id}"
        )
    for message in result.errors:
        click.echo(f"error: {message}", err=True)
    if apply_changes:
        click.echo(
            f"Sync done: {len(result.written)} written, {len(result.errors)} failed."
        )
    return result.exit_code

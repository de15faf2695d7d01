"""``microcred promote``: move merged, signed proposals to credentials/ and record revisions."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from ..publish.options import git_options, promote_options
from ..publish.promote import PromoteResult, run_promote
from ..repo import find_root

log = logging.getLogger(__name__)


@click.command("promote")
@git_options
def command(root: Path | None, remote: str, branch: str, push: bool) -> int:
    """Record every merged proposal and revision in git as the bot.

    For each proposal on the branch, find the pull request that merged it, collect the
    signatures the signature check counted, mint a CTID once, move the file to
    credentials/<unit>/<id>.yaml with its approval block, commit and push. Edits to
    approved credentials get revised_on and an approval.revisions entry. A rerun finds
    nothing to do. Needs GITHUB_TOKEN and GITHUB_REPOSITORY; MICROCRED_PUSH_TOKEN, when
    set, authenticates the fetch and the push.
    """
    logging.basicConfig(
        level=logging.INFO, format="%(levelname)s %(name)s: %(message)s"
    )
    options = promote_options(find_root(root), remote, branch, push)
    result = run_promote(options)
    return report(result)


def report(result: PromoteResult) -> int:
    for change in result.changes:
        verb = "promoted" if change.kind == "promote" else "recorded a revision of"
        click.echo(
            f"{verb} {change.record_id} (pull request #{change.pull_request}, {change.approved_on}) -> {change.target}"
        )
    if not result.changes:
        click.echo("nothing to promote")
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    for error in result.errors:
        click.echo(f"error: {error}", err=True)
    return 1 if result.errors else 0

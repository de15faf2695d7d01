"""``microcred publish``: promote, sync, commit, push, build and announce in order."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import click

from ..publish.git import Git
from ..publish.options import git_options, promote_options
from ..publish.pipeline import PublishOptions, PublishResult, run_publish
from ..publish.steps import announce_step, build_step, sync_step
from ..repo import find_root
from .announce import drop_empty_settings

log = logging.getLogger(__name__)


@click.command("publish")
@git_options
@click.option(
    "--sync/--no-sync",
    "sync",
    default=True,
    show_default=True,
    help="Sync badge classes to Canvas Credentials (microcred sync --apply).",
)
@click.option(
    "--build/--no-build",
    "build",
    default=True,
    show_default=True,
    help="Build the site after the push.",
)
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to build the site; by default site/.",
)
@click.option(
    "--announce/--no-announce",
    "announce",
    default=True,
    show_default=True,
    help="Announce newly approved credentials after the build.",
)
@click.option(
    "--outbox",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for .eml files when no SMTP_HOST is set; default outbox/.",
)
def command(
    root: Path | None,
    remote: str,
    branch: str,
    push: bool,
    sync: bool,
    build: bool,
    site_dir: Path | None,
    announce: bool,
    outbox: Path | None,
) -> int:
    """Publish what was merged: the whole order in one run.

    promote -> sync --apply -> one bot commit -> push -> build -> announce. The
    publish workflow runs it with --no-build --no-announce and does the build, the
    Pages deploy and the announcement in later jobs. Exit code 1 when any step
    reported an error; the steps after it still ran.
    """
    logging.basicConfig(
        level=logging.INFO, format="%(levelname)s %(name)s: %(message)s"
    )
    drop_empty_settings("SMTP_")
    drop_empty_settings("CANVAS_CREDENTIALS_")
    drop_empty_settings("MICROCRED_")
    options = PublishOptions(
        promote=promote_options(find_root(root), remote, branch, push),
        push=push,
        sync=sync_step if sync else None,
        build=build_step(site_dir) if build else None,
        announce=announce_step(outbox) if announce else None,
    )
    result = run_publish(options)
    write_github_output(options.promote.root, result)
    for change in result.promoted.changes:
        click.echo(
            f"{'promoted' if change.kind == 'promote' else 'recorded a revision of'} {change.record_id} (pull request #{change.pull_request})"
        )
    click.echo(
        f"bot commit: {'pushed' if result.pushed else 'made, not pushed' if result.committed else 'none needed'}"
    )
    for warning in result.promoted.warnings:
        click.echo(f"warning: {warning}", err=True)
    for error in result.errors:
        click.echo(f"error: {error}", err=True)
    return 1 if result.errors else 0


def write_github_output(root: Path, result: PublishResult) -> None:
    """Tell later workflow steps the commit to build and whether main has it."""
    target = os.environ.get("GITHUB_OUTPUT")
    if not target:
        return
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(f"sha={Git(root).head()}\n")
        handle.write(f"published={'true' if result.published else 'false'}\n")

"""``microcred signatures``: the department head and committee signature check."""

from __future__ import annotations

import logging

import click

from ..errors import MicrocredError
from ..github.client import GitHubSettings, open_repository
from ..github.signature_check import (
    STATUS_CONTEXT,
    check_pull,
    find_pull_by_head,
    publish,
    report_error,
)

log = logging.getLogger(__name__)


@click.command("signatures")
@click.option(
    "--pr",
    "number",
    type=click.IntRange(min=1),
    help="Pull request number.",
)
@click.option(
    "--head-sha",
    help="Find the open pull request by its head commit instead of --pr.",
)
@click.option("--repository", help="owner/name; by default GITHUB_REPOSITORY.")
@click.option(
    "--dry-run",
    is_flag=True,
    help="Print the decision and the comment; write nothing to GitHub.",
)
def command(
    number: int | None, head_sha: str | None, repository: str | None, dry_run: bool
) -> int:
    """Check the signatures on a pull request and report them on GitHub.

    Reads governance.yaml from the base branch, the changed files and the reviews,
    then sets the commit status `signatures` (pending, success or failure), keeps one
    comment with the signature table and sets one of the labels
    awaiting-department-head, ready-for-committee, changes-requested, signed.
    Needs GITHUB_TOKEN (pull requests, issues and statuses: write) and
    GITHUB_REPOSITORY or --repository. Exit code 0 whatever the decision: the status
    carries it.
    """
    if (number is None) == (head_sha is None):
        raise click.UsageError("give exactly one of --pr and --head-sha")
    repo = open_repository(GitHubSettings.from_env(repository))
    if number is None:
        number = find_pull_by_head(repo, str(head_sha))
        click.echo(f"head commit {head_sha} belongs to pull request #{number}")
    try:
        run = check_pull(repo, number)
    except MicrocredError as exc:
        if not dry_run:
            report_error(repo, number, f"Signature check failed: {exc.message}")
        raise
    decision = run.decision
    click.echo(
        f"{STATUS_CONTEXT}: {decision.state} ({decision.label}) - {decision.description}"
    )
    if dry_run:
        click.echo("")
        click.echo(run.comment, nl=False)
        return 0
    for action in publish(repo, run):
        click.echo(f"  {action}")
    return 0

"""``microcred announce``: one PR comment and one email per newly approved credential."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import click

from ..github.client import GitHubSettings, open_repository
from ..mail import MailSettings
from ..publish.announce import (
    DEFAULT_WINDOW_DAYS,
    AnnounceOptions,
    AnnounceResult,
    run_announce,
)
from ..repo import find_root
from ._options import root_option

log = logging.getLogger(__name__)


@click.command("announce")
@root_option
@click.option(
    "--since",
    metavar="REF",
    help="Only credentials whose file changed after this git revision.",
)
@click.option(
    "--window-days",
    type=click.IntRange(min=1),
    default=DEFAULT_WINDOW_DAYS,
    show_default=True,
    help="Only credentials first approved within this many days.",
)
@click.option(
    "--outbox",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for .eml files when no SMTP_HOST is set; default outbox/.",
)
def command(
    root: Path | None, since: str | None, window_days: int, outbox: Path | None
) -> int:
    """Announce newly approved credentials on their pull request and by email.

    Each gets one sticky comment that mentions the submitter and the unit contact,
    with next steps and a ready announcement for the unit's faculty and staff. The
    submitter gets one email, copied to the unit contact, the registrar and the
    office for the credential's level. Mail goes through SMTP_* settings, or to .eml
    files without them. A credential is announced once: the comment records it.
    Needs GITHUB_TOKEN and GITHUB_REPOSITORY.
    """
    logging.basicConfig(
        level=logging.INFO, format="%(levelname)s %(name)s: %(message)s"
    )
    drop_empty_settings("SMTP_")
    options = AnnounceOptions(
        root=find_root(root),
        repository=open_repository(GitHubSettings.from_env()),
        mail=MailSettings.from_env(outbox),
        since=since,
        window_days=window_days,
    )
    return report(run_announce(options))


def report(result: AnnounceResult) -> int:
    for record_id in result.sent:
        click.echo(f"announced {record_id}")
    for record_id in result.skipped:
        click.echo(f"already announced {record_id}")
    if not (result.sent or result.skipped or result.errors):
        click.echo("nothing to announce")
    for error in result.errors:
        click.echo(f"error: {error}", err=True)
    return 1 if result.errors else 0


def drop_empty_settings(prefix: str) -> None:
    """Forget empty ``prefix*`` variables: a workflow passes unset secrets as ''."""
    for name in [n for n, v in os.environ.items() if n.startswith(prefix) and not v]:
        del os.environ[name]

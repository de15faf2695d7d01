"""``microcred agenda``: the committee's agenda for a meeting."""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

import click

from ..catalogue import Catalogue
from ..errors import MicrocredError
from ..repo import find_root
from ._options import root_option

log = logging.getLogger(__name__)


@click.command("agenda")
@click.option(
    "--meeting",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Meeting date, YYYY-MM-DD; by default the next meeting in review_calendar.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the agenda as Markdown to this file; it is then printed only"
    " with --dry-run.",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Print the agenda and the planned GitHub writes; write nothing to GitHub.",
)
@click.option(
    "--local",
    is_flag=True,
    help="Use the proposals in this checkout instead of GitHub's open pull requests.",
)
@click.option("--repository", help="owner/name; by default GITHUB_REPOSITORY.")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Compute as of this day, YYYY-MM-DD; by default today.",
)
@root_option
def command(
    meeting: dt.datetime | None,
    output: Path | None,
    dry_run: bool,
    local: bool,
    repository: str | None,
    today: dt.datetime | None,
    root: Path | None,
) -> int:
    """Build the agenda of the next committee meeting and keep its issue current.

    With GITHUB_TOKEN set, reads the open pull requests. Proposals whose department
    head signed by the cut-off and whose checks pass are for decision. The others
    are listed as awaiting a department head, not ready, or after the cut-off, and
    those past a meeting's decision window as overdue. Then updates one issue per
    meeting, labels the pull requests on it agenda-YYYY-MM-DD and reminds each
    overdue pull request once. Without GITHUB_TOKEN, or with --local, lists the
    proposals in this checkout and prints or writes Markdown only.
    """
    from ..github.agenda_model import build_agenda
    from ..github.agenda_render import render_agenda
    from ..github.calendar import ReviewCalendar

    base = find_root(root)
    catalogue = Catalogue.load(base)
    gov = catalogue.governance
    if gov is None:
        raise MicrocredError(
            "cannot read governance.yaml",
            "run `microcred check governance.yaml` to see why",
        )
    cal = ReviewCalendar.from_governance(gov)
    day = today.date() if today else dt.date.today()
    date = _meeting(cal, meeting, day)
    use_github = not local and (
        bool(os.environ.get("GITHUB_TOKEN")) or repository is not None
    )
    if use_github:
        from ..github.agenda_sources import items_from_github
        from ..github.client import GitHubSettings, open_repository

        repo = open_repository(GitHubSettings.from_env(repository))
        agenda = build_agenda(items_from_github(repo, gov, base), cal, date, day)
    else:
        from ..github.agenda_local import items_from_checkout

        agenda = build_agenda([], cal, date, day)
        agenda.local_items = items_from_checkout(base, day)
    section = gov.section("review_calendar")
    body = render_agenda(
        agenda, str(section.get("time") or ""), str(section.get("timezone") or "")
    )
    if output:
        _write(output, body)
        click.echo(f"wrote {output}")
    if dry_run or (not use_github and not output):
        click.echo(body, nl=False)
    if use_github:
        from ..github.agenda_publish import publish_agenda
        from ..github.signatures import Signatories

        for action in publish_agenda(
            repo, agenda, body, Signatories.from_governance(gov).is_bot, dry_run
        ):
            click.echo(action)
    return 0


def _meeting(cal: object, meeting: dt.datetime | None, today: dt.date) -> dt.date:
    from ..github.calendar import ReviewCalendar

    assert isinstance(cal, ReviewCalendar)
    if meeting is None:
        return cal.next_meeting(today)
    date = meeting.date()
    if not cal.is_meeting(date):
        upcoming = ", ".join(
            d.isoformat() for d in cal.meetings(date, date + dt.timedelta(days=92))
        )
        raise MicrocredError(
            f"{date} is not a committee meeting in governance.yaml review_calendar",
            f"meetings from that day on: {upcoming or 'none'}",
        )
    return date


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(target)

"""``microcred award``: award a credential's badge from a grade export."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..awards.grades import ColumnOptions
from ..awards.progress import configure_logging
from ..awards.run import AwardOptions, run_award
from ..repo import find_root
from ._options import root_option


@click.command("award")
@click.argument("credential")
@click.argument("grades", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--apply",
    "apply_",
    is_flag=True,
    help="Issue the new awards; without it only the plan is printed.",
)
@click.option(
    "--email-column",
    default="",
    help="Header of the column with email addresses or logins.",
)
@click.option(
    "--score-column",
    default="",
    help="Header of the column with the score in percent (default: Final Score, score, grade).",
)
@click.option(
    "--email-domain",
    default="",
    help="Mail domain that turns logins into addresses, such as example.edu.",
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the coordinator's CSV report (default: .microcred/reports/)."
    " Without --apply, the report of the plan is written there.",
)
@click.option(
    "--notify-coordinator",
    is_flag=True,
    help="Email the report to coordinator.email from governance.yaml; without"
    " --apply, the report of the plan is sent.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 500),
    help="Awards per issue request (default: canvas.batch_size in governance.yaml).",
)
@root_option
def command(
    credential: str,
    grades: Path,
    apply_: bool,
    email_column: str,
    score_column: str,
    email_domain: str,
    report: Path | None,
    notify_coordinator: bool,
    batch_size: int | None,
    root: Path | None,
) -> int:
    """Award CREDENTIAL (an id or a record path) to learners in GRADES.csv at or above its passing score.

    Prints the plan first: eligible, already awarded, below the score and
    unreadable rows. With --apply, issues only the new awards, with notification
    on, and writes the coordinator's report outside the files git tracks. A rerun
    after a crash or a failure issues nothing twice.
    """
    configure_logging()
    options = AwardOptions(
        root=find_root(root),
        credential=credential,
        grades=grades,
        apply=apply_,
        columns=ColumnOptions(email_column, score_column, email_domain),
        report=report,
        notify_coordinator=notify_coordinator,
        batch_size=batch_size,
    )
    return run_award(options, sys.stdout)

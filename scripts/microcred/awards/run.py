"""``microcred award``: read the export, plan against Canvas, apply, report."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..errors import MicrocredError
from ..mail import MailSettings
from .apply import ApplyOptions, AwardRun
from .credential import load_target
from .gitpaths import ensure_untracked, git, work_tree_of
from .grades import ColumnOptions, read_grades
from .journal import Journal, state_dir
from .plan import AwardPlan, ExistingAward, Status, build_plan
from .progress import progress
from .remote import AwardsApi, connect
from .render import render_plan, render_totals
from .report import default_report_path, email_report, write_report

log = logging.getLogger(__name__)

MAX_BATCH_SIZE = 500


@dataclass
class AwardOptions:
    root: Path
    credential: str
    grades: Path
    apply: bool = False
    columns: ColumnOptions = field(default_factory=ColumnOptions)
    report: Path | None = None
    notify_coordinator: bool = False
    batch_size: int | None = None


def run_award(options: AwardOptions, out: TextIO, api: AwardsApi | None = None) -> int:
    """Print the plan; with ``apply``, issue the new awards and write the report."""
    target = load_target(options.root, options.credential)
    sheet = read_grades(options.grades, options.columns)
    warn_if_tracked(options.grades)
    api = api or connect(target.governance)
    batch_size = _batch_size(options.batch_size, api.batch_size)
    journal = Journal.for_badge_class(state_dir(options.root), target.badge_class)
    writes_report = (
        options.apply or options.report is not None or options.notify_coordinator
    )
    report_path = options.report or default_report_path(
        state_dir(options.root), target.record.id
    )
    if writes_report:
        ensure_untracked(report_path, "the award report")
    if options.apply:
        ensure_untracked(journal.path, "the award journal")

    emails = [row.email for row in sheet.rows if row.email]
    existing = api.list_awards(target.badge_class, emails)
    notes = reconcile_in_flight(journal, existing, record=options.apply)
    plan = build_plan(
        target.record.id,
        target.badge_class,
        target.record.passing_score,
        sheet,
        existing,
    )
    log.info("plan for %s: %s", plan.credential_id, _counts(plan))
    out.write(render_plan(plan, options.apply))
    for note in notes:
        out.write(f"note: {note}\n")

    if options.apply and plan.new:
        run = AwardRun(
            api, plan, journal, ApplyOptions(batch_size, target.expires_after_months)
        )
        with progress(len(plan.new), f"Issuing {plan.credential_id}") as advance:
            run.run(advance)
        issued = len(plan.with_status(Status.ISSUED))
        out.write(f"\nIssued {issued} award(s) in {run.requests} issue request(s).\n")
        out.write("\n".join(render_totals(plan)) + "\n")
    if writes_report:
        report = write_report(report_path, plan)
        out.write(f"Report for the coordinator: {report}\n")
        if options.notify_coordinator:
            where = email_report(
                report, plan, target.governance, MailSettings.from_env()
            )
            out.write(f"Report sent to the coordinator ({where}).\n")

    failed = plan.with_status(Status.FAILED)
    if failed:
        raise MicrocredError(
            f"{len(failed)} award(s) were not issued; the report lists them as {Status.FAILED.value!r}",
            "run the same command again: it lists what Canvas Credentials stored and issues only the rest",
        )
    return 0


def reconcile_in_flight(
    journal: Journal, existing: list[ExistingAward], record: bool
) -> list[str]:
    """Compare batches an earlier run left in flight with the awards listed now."""
    listed = {award.email for award in existing}
    notes = []
    for batch in journal.in_flight():
        found = sum(1 for email in batch.recipients if email in listed)
        missing = len(batch.recipients) - found
        notes.append(
            f"a batch of {len(batch.recipients)} award(s) from an earlier run was in flight when it stopped: "
            f"{found} are in Canvas Credentials, {missing} were not stored and are planned again"
        )
        log.warning(
            "journal %s: batch %d of run %s: %d found, %d missing",
            journal.path,
            batch.batch,
            batch.run,
            found,
            missing,
        )
        if record:
            journal.reconciled(batch.run, batch.batch, found, missing)
    return notes


def warn_if_tracked(grades: Path) -> None:
    top = work_tree_of(grades.resolve())
    if top is None:
        return
    rel = grades.resolve().relative_to(top).as_posix()
    if git(top, "ls-files", "--error-unmatch", "--", rel).returncode == 0:
        log.warning(
            "the grade export %s is tracked by git; remove it with `git rm --cached` and purge it from the history",
            grades,
        )


def _batch_size(requested: int | None, configured: int) -> int:
    size = requested or configured
    if not 1 <= size <= MAX_BATCH_SIZE:
        raise MicrocredError(
            f"--batch-size {size} is outside 1..{MAX_BATCH_SIZE}",
            "use a batch size such as 100",
        )
    return size


def _counts(plan: AwardPlan) -> str:
    totals = plan.totals()
    return ", ".join(f"{status.value} {count}" for status, count in totals.items())

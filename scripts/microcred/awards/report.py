"""The coordinator's award report: one CSV row per learner, then the totals.

The report contains grades, so it is written with owner-only permissions, only outside
the files git tracks, and by an atomic rename so a crash never leaves half a file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import os
from email.message import EmailMessage
from pathlib import Path

from ..errors import MicrocredError
from ..governance import Governance
from ..mail import MailSettings, build_message, deliver
from .gitpaths import ensure_untracked
from .plan import AwardPlan
from .render import PLAN_ORDER

log = logging.getLogger(__name__)

#: First characters that make Excel, LibreOffice and Google Sheets read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = (
    "line",
    "recipient",
    "name",
    "score",
    "status",
    "assertion_id",
    "assertion_url",
    "detail",
)


def default_report_path(state: Path, credential_id: str) -> Path:
    """Return a new report path under ``state``/reports, stamped with the UTC time.

    A rerun within the same second gets a numbered name, so it never replaces the
    report of the run that issued the awards.
    """
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    stem = f"award-{credential_id}-{stamp}"
    path = state / "reports" / f"{stem}.csv"
    number = 2
    while path.exists():
        path = path.with_name(f"{stem}-{number}.csv")
        number += 1
    return path


def report_text(plan: AwardPlan) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for entry in sorted(plan.entries, key=lambda e: e.line):
        score = "" if entry.percent is None else f"{entry.percent:g}"
        writer.writerow(
            [
                entry.line,
                safe_cell(entry.email),
                safe_cell(entry.name),
                score,
                entry.status.value,
                entry.assertion_id,
                entry.url,
                safe_cell(entry.detail),
            ]
        )
    writer.writerow([])
    totals = plan.totals()
    for status in PLAN_ORDER:
        if totals[status]:
            writer.writerow(["total", status.value, totals[status]])
    writer.writerow(["total", "learner rows", len(plan.entries)])
    return buffer.getvalue()


def safe_cell(text: str) -> str:
    """Quote text that a spreadsheet would run as a formula (CSV injection)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_report(path: Path, plan: AwardPlan) -> Path:
    """Write the report to ``path`` (never into git's tracked files) and return it."""
    ensure_untracked(path, "the award report")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
        handle.write(report_text(plan))
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(path)
    log.info(
        "wrote the award report for %s to %s (%d rows)",
        plan.credential_id,
        path,
        len(plan.entries),
    )
    return path


def email_report(
    path: Path, plan: AwardPlan, governance: Governance, settings: MailSettings
) -> str:
    """Send the report to the coordinator from governance.yaml, with the CSV attached."""
    recipient = governance.section("coordinator").get("email")
    if not isinstance(recipient, str) or "@" not in recipient:
        raise MicrocredError(
            "governance.yaml has no coordinator.email",
            "add coordinator: {email: ...} to governance.yaml",
        )
    message = _message(path, plan, settings.sender, recipient)
    if not settings.sends:
        ensure_untracked(
            settings.outbox / "report.eml", "the report email (it contains grades)"
        )
    # The report's own name keeps each run's .eml apart in the outbox.
    outbox_name = "award-report-" + path.stem.removeprefix("award-")
    return deliver(message, settings, outbox_name)


def _message(path: Path, plan: AwardPlan, sender: str, recipient: str) -> EmailMessage:
    totals = plan.totals()
    counts = "\n".join(
        f"- {status.value}: {totals[status]}" for status in PLAN_ORDER if totals[status]
    )
    body = (
        f"The award run for {plan.credential_id} (badge class {plan.badge_class}) has finished.\n\n"
        f"{counts}\n\nThe attached CSV lists every learner with score, status and assertion link.\n"
        "It contains grades: keep it out of shared folders and repositories.\n"
    )
    message = build_message(
        sender, [recipient], [], f"Award report: {plan.credential_id}", body
    )
    message.add_attachment(
        path.read_bytes(), maintype="text", subtype="csv", filename=path.name
    )
    return message

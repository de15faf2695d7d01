"""Agenda items from open pull requests, read through the GitHub API."""

from __future__ import annotations

import datetime as dt
import logging
import zoneinfo
from pathlib import Path

from github.PullRequest import PullRequest
from github.Repository import Repository

from github import GithubException

from ..catalogue import record_from_text
from ..governance import Governance
from ..loader import LoadError
from ..records import CREDENTIALS_DIR, PROPOSALS_DIR, Record
from .agenda_model import AgendaItem
from .duplicate_warnings import duplicate_warnings
from .signature_check import STATUS_CONTEXT, pull_facts
from .signatures import DEPARTMENT_HEAD, Decision, Signatories, evaluate

log = logging.getLogger(__name__)
PASSING_CONCLUSIONS = ("success", "neutral", "skipped")
RECORD_SUFFIXES = (".yaml", ".yml")


def meeting_zone(gov: Governance) -> dt.tzinfo:
    """Return the meeting's time zone from ``review_calendar.timezone``, or UTC."""
    name = gov.section("review_calendar").get("timezone")
    if isinstance(name, str):
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            log.warning(
                "review_calendar.timezone %r is not a known time zone; using UTC", name
            )
    return dt.UTC


def items_from_github(
    repo: Repository, gov: Governance, root: Path
) -> list[AgendaItem]:
    """Build one item per open pull request that adds or changes a record file."""
    signatories = Signatories.from_governance(gov)
    zone = meeting_zone(gov)
    gathered = []
    for pr in repo.get_pulls(state="open", base=repo.default_branch):
        paths = [
            f.filename
            for f in pr.get_files()
            if f.status != "removed" and _is_record(f.filename)
        ]
        if not paths:
            continue
        log.info("reading pull request #%s (%s)", pr.number, ", ".join(paths))
        records = _records(repo, pr, paths)
        decision = evaluate(pull_facts(pr), signatories)
        passing, checks = checks_state(repo, pr.head.sha)
        if pr.draft:
            passing, checks = False, "draft pull request; mark it ready for review"
        gathered.append((pr, paths, records, decision, passing, checks))
    everything = [
        r for entry in gathered for r in entry[2].values() if isinstance(r, Record)
    ]
    items = []
    for pr, paths, records, decision, passing, checks in gathered:
        own = [r for r in records.values() if isinstance(r, Record)]
        others = [r for r in everything if all(r is not o for o in own)]
        warnings = [r for r in records.values() if isinstance(r, str)]
        warnings += duplicate_warnings(root, own, others)
        items.append(_item(pr, paths, own, decision, zone, passing, checks, warnings))
    return items


def _is_record(path: str) -> bool:
    parts = path.split("/")
    return (
        len(parts) == 3
        and parts[0] in (PROPOSALS_DIR, CREDENTIALS_DIR)
        and path.endswith(RECORD_SUFFIXES)
    )


def _records(
    repo: Repository, pr: PullRequest, paths: list[str]
) -> dict[str, Record | str]:
    """Read each record at the head commit, or the reason it could not be read."""
    found: dict[str, Record | str] = {}
    for path in paths:
        try:
            content = repo.get_contents(path, ref=pr.head.sha)
            text = content.decoded_content.decode("utf-8")  # type: ignore[union-attr]
            found[path] = record_from_text(path, text)
        except LoadError as exc:
            found[path] = f"{path}:{exc.problem.line}: {exc.problem.message}"
        except (GithubException, UnicodeDecodeError, AttributeError) as exc:
            found[path] = f"{path} could not be read at {pr.head.sha[:7]}: {exc}"
    return found


def checks_state(repo: Repository, sha: str) -> tuple[bool, str]:
    """Return whether every commit status (except ``signatures``) and check run passed."""
    commit = repo.get_commit(sha)
    latest: dict[str, str] = {}
    for status in commit.get_statuses():
        if status.context != STATUS_CONTEXT:
            latest.setdefault(status.context, status.state)
    for run in commit.get_check_runs():
        latest.setdefault(run.name, run.conclusion or run.status)
    if not latest:
        return False, "no checks reported yet"
    failing = sorted(
        name
        for name, state in latest.items()
        if state in ("failure", "error", "cancelled", "timed_out", "action_required")
    )
    pending = sorted(
        name
        for name, state in latest.items()
        if name not in failing and state not in PASSING_CONCLUSIONS
    )
    if failing:
        return False, "failing: " + ", ".join(failing)
    if pending:
        return False, "still running: " + ", ".join(pending)
    return True, "passing: " + ", ".join(sorted(latest))


def _item(
    pr: PullRequest,
    paths: list[str],
    records: list[Record],
    decision: Decision,
    zone: dt.tzinfo,
    passing: bool,
    checks: str,
    warnings: list[str],
) -> AgendaItem:
    first = records[0] if records else None
    heads = [s.submitted_at for s in decision.signatures if s.role == DEPARTMENT_HEAD]
    heads_done = heads and not any(m.role == DEPARTMENT_HEAD for m in decision.missing)
    return AgendaItem(
        number=pr.number,
        url=pr.html_url,
        title=(first.title if first and first.title else pr.title),
        unit=", ".join(decision.units) or "-",
        submitter=_submitter(pr, first),
        summary=" ".join((first.summary if first else "").split()),
        kind="revision"
        if all(p.startswith(CREDENTIALS_DIR + "/") for p in paths)
        else "proposal",
        opened_on=pr.created_at.astimezone(zone).date(),
        head_signed_on=max(heads).astimezone(zone).date() if heads_done else None,
        signature_state=decision.description,
        signature_label=decision.label,
        checks_pass=passing,
        checks=checks,
        warnings=warnings,
        labels=[label.name for label in pr.labels],
    )


def _submitter(pr: PullRequest, record: Record | None) -> str:
    name = record.get("contacts", "submitter", "name") if record else None
    login = pr.user.login
    return f"{name} (@{login})" if isinstance(name, str) and name else f"@{login}"

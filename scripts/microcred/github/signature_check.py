"""Run the signature check on one pull request: read through the API, then write.

Reads the pull request, its files and reviews, and governance.yaml from the base
branch through the contents API (never the pull request's copy, never a checkout);
writes the ``signatures`` commit status, the sticky comment and one stage label.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from github.PullRequest import PullRequest
from github.Repository import Repository

from github import GithubException, UnknownObjectException

from ..errors import MicrocredError
from ..governance import GOVERNANCE_FILE, Governance
from ..loader import LoadError, parse
from .signature_report import MARKER, render_comment
from .signatures import (
    LABELS,
    Decision,
    PullFacts,
    ReviewEvent,
    Signatories,
    evaluate,
    shorten,
)
from .sticky import LabelSpec, ensure_labels, set_one_label, upsert_comment

log = logging.getLogger(__name__)
STATUS_CONTEXT = "signatures"
LABEL_SPECS = (
    LabelSpec(
        "awaiting-department-head",
        "fbca04",
        "Waiting for the department head's approving review",
    ),
    LabelSpec(
        "ready-for-committee",
        "0e8a16",
        "Department head signed; waiting for the committee",
    ),
    LabelSpec("changes-requested", "d93f0b", "A signatory requested changes"),
    LabelSpec("signed", "5319e7", "Department head and committee signed"),
)


@dataclass
class CheckRun:
    """One evaluated pull request and what the check would write."""

    pr: PullRequest
    signatories: Signatories
    decision: Decision
    comment: str
    head_sha: str
    actions: list[str] = field(default_factory=list)

    @property
    def target_url(self) -> str:
        return self.pr.html_url


def pull_facts(pr: PullRequest) -> PullFacts:
    """Collect the pull request's author, head, changed paths and submitted reviews."""
    paths: list[str] = []
    for item in pr.get_files():
        paths.append(item.filename)
        if item.previous_filename:
            paths.append(item.previous_filename)
    reviews = []
    for review in pr.get_reviews():
        if review.user is None or review.submitted_at is None:
            continue  # deleted accounts and pending reviews have neither
        reviews.append(
            ReviewEvent(
                review.user.login,
                review.state,
                review.commit_id,
                review.submitted_at,
                review.user.type or "User",
            )
        )
    return PullFacts(
        pr.number, pr.user.login, pr.head.sha, tuple(paths), tuple(reviews)
    )


def base_governance(repo: Repository, ref: str) -> Governance:
    """Read governance.yaml as it is on ``ref``, through the contents API."""
    try:
        content = repo.get_contents(GOVERNANCE_FILE, ref=ref)
    except UnknownObjectException:
        raise MicrocredError(
            f"{GOVERNANCE_FILE} not found on branch {ref} of {repo.full_name}",
            "commit governance.yaml to the default branch first",
        ) from None
    if isinstance(content, list):
        raise MicrocredError(f"{GOVERNANCE_FILE} on {ref} is a folder, expected a file")
    try:
        return Governance.from_document(parse(content.decoded_content.decode("utf-8")))
    except LoadError as exc:
        problem = exc.problem
        raise MicrocredError(
            f"{GOVERNANCE_FILE}:{problem.line} on {ref}: {problem.message}",
            problem.hint,
        ) from None
    except UnicodeDecodeError:
        raise MicrocredError(
            f"{GOVERNANCE_FILE} on {ref} is not UTF-8 text", "save it as UTF-8"
        ) from None


def find_pull_by_head(repo: Repository, sha: str) -> int:
    """Return the number of the open pull request whose head commit is ``sha``.

    Used for review events relayed through ``workflow_run``, whose payload lists no
    pull request when the pull request comes from a fork.
    """
    try:
        for pr in repo.get_commit(sha).get_pulls():
            if pr.state == "open" and pr.head.sha == sha:
                return pr.number
    except GithubException as exc:
        # GitHub answers 422 (or 404) for a sha that names no commit in the
        # repository. The scan of open pull requests below then reports the error.
        if exc.status not in (404, 422):
            raise
        log.info("commit %s not found in %s (HTTP %s)", sha, repo.full_name, exc.status)
    for pr in repo.get_pulls(state="open"):
        if pr.head.sha == sha:
            return pr.number
    raise MicrocredError(
        f"no open pull request in {repo.full_name} has head commit {sha}",
        "the pull request may have been closed or received a new push; "
        "the next event checks it again",
    )


def check_pull(repo: Repository, number: int) -> CheckRun:
    """Evaluate pull request ``number`` without writing anything."""
    try:
        pr = repo.get_pull(number)
    except UnknownObjectException:
        raise MicrocredError(
            f"pull request #{number} not found in {repo.full_name}",
            "check --pr and --repository",
        ) from None
    governance = base_governance(repo, pr.base.ref)
    facts = pull_facts(pr)
    signatories = Signatories.from_governance(governance)
    decision = evaluate(facts, signatories)
    comment = render_comment(decision, facts.head_sha, pr.base.ref)
    return CheckRun(pr, signatories, decision, comment, facts.head_sha)


def publish(repo: Repository, run: CheckRun) -> list[str]:
    """Write the status, the sticky comment and the stage label; returns what changed."""
    pr = run.pr
    actions = []
    commit = repo.get_commit(run.head_sha)
    latest = next(
        (s for s in commit.get_statuses() if s.context == STATUS_CONTEXT), None
    )
    description = shorten(run.decision.description)
    if latest is None or (latest.state, latest.description, latest.target_url) != (
        run.decision.state,
        description,
        run.target_url,
    ):
        commit.create_status(
            run.decision.state,
            target_url=run.target_url,
            description=description,
            context=STATUS_CONTEXT,
        )
        actions.append(f"status {STATUS_CONTEXT}: {run.decision.state}")
    outcome = upsert_comment(pr, MARKER, run.comment, run.signatories.is_bot)
    if outcome != "unchanged":
        actions.append(f"comment {outcome}")
    for name in ensure_labels(repo, LABEL_SPECS):
        actions.append(f"label {name} created")
    added, removed = set_one_label(pr, run.decision.label, LABELS)
    actions += [f"label {name} added" for name in added]
    actions += [f"label {name} removed" for name in removed]
    return actions


def report_error(repo: Repository, number: int, message: str) -> None:
    """Set the status to ``error`` when the check itself could not run."""
    try:
        pr = repo.get_pull(number)
        repo.get_commit(pr.head.sha).create_status(
            "error",
            target_url=pr.html_url,
            description=shorten(message),
            context=STATUS_CONTEXT,
        )
    except GithubException as exc:
        log.error("could not set the error status on #%s: %s", number, exc.status)

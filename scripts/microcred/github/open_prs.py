"""Proposals in other open pull requests, so that two units cannot propose the same
credential at once without either check noticing.

``records_from_open_prs`` lists the open pull requests of ``GITHUB_REPOSITORY``,
skips the current one (``MICROCRED_PR``, or ``pull_request.number`` in the event
file at ``GITHUB_EVENT_PATH``), and reads each proposal file the others add or
change at their head commit. The check compares them with its targets but never
reports on them.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import requests
from github.PullRequest import PullRequest
from github.Repository import Repository

from github import BadCredentialsException, GithubException, UnknownObjectException

from ..catalogue import RECORD_SUFFIXES
from ..errors import MicrocredError
from ..loader import LoadError, decode, parse
from ..records import PROPOSALS_DIR, Record
from .client import GitHubSettings, open_repository

log = logging.getLogger(__name__)

PR_VARIABLE = "MICROCRED_PR"


@dataclass
class PullRequestRecord(Record):
    """A proposal read from another open pull request."""

    pull_request: int = 0


def records_from_open_prs(root: Path) -> list[Record]:
    """Return the proposals that other open pull requests add or change.

    ``root`` is the repository being checked; files are read from GitHub, not from it.
    """
    settings = GitHubSettings.from_env()
    current = current_pull_number()
    try:
        repository = open_repository(settings)
        records = _collect(repository, current)
    except BadCredentialsException:
        raise MicrocredError(
            f"GitHub at {settings.api_url} rejected GITHUB_TOKEN (401 Bad credentials)",
            "export a valid token with read access to the repository",
        ) from None
    except UnknownObjectException:
        raise MicrocredError(
            f"repository {settings.repository} not found at {settings.api_url}",
            "check GITHUB_REPOSITORY and that the token can read it",
        ) from None
    except GithubException as exc:
        raise MicrocredError(
            f"reading the open pull requests of {settings.repository} failed: HTTP {exc.status}",
            "retry later, or run the check without --against-open-prs",
        ) from None
    except requests.RequestException as exc:
        raise MicrocredError(
            f"cannot reach GitHub at {settings.api_url}: {type(exc).__name__}",
            "check GITHUB_API_URL and the network, or run without --against-open-prs",
        ) from None
    log.info(
        "read %d proposals from other open pull requests of %s to compare with %s",
        len(records),
        settings.repository,
        root,
    )
    return records


def current_pull_number() -> int | None:
    """Return the number of the pull request being checked, or None outside one."""
    raw = os.environ.get(PR_VARIABLE, "").strip()
    if raw:
        if not raw.isdigit():
            raise MicrocredError(
                f"{PR_VARIABLE} is {raw!r}, expected a pull request number",
                f"export {PR_VARIABLE}=123, or unset it",
            )
        return int(raw)
    event_path = os.environ.get("GITHUB_EVENT_PATH", "")
    if not event_path:
        return None
    try:
        event = json.loads(Path(event_path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise MicrocredError(
            f"cannot read the event file GITHUB_EVENT_PATH={event_path}: {exc}",
            f"unset GITHUB_EVENT_PATH or export {PR_VARIABLE}",
        ) from None
    pull = event.get("pull_request") if isinstance(event, dict) else None
    number = pull.get("number") if isinstance(pull, dict) else None
    return number if isinstance(number, int) else None


def _collect(repository: Repository, current: int | None) -> list[Record]:
    records: list[Record] = []
    for pull in repository.get_pulls(state="open"):
        if pull.number == current:
            continue
        records.extend(_proposals_of(repository, pull))
    return records


def _proposals_of(repository: Repository, pull: PullRequest) -> list[Record]:
    records: list[Record] = []
    for changed in pull.get_files():
        path = changed.filename
        if changed.status == "removed" or not is_proposal_path(path):
            continue
        record = _read(repository, pull, path)
        if record is not None:
            records.append(record)
    return records


def is_proposal_path(path: str) -> bool:
    parts = path.split("/")
    return (
        len(parts) == 3 and parts[0] == PROPOSALS_DIR and path.endswith(RECORD_SUFFIXES)
    )


def _read(repository: Repository, pull: PullRequest, path: str) -> Record | None:
    try:
        content = repository.get_contents(path, ref=pull.head.sha)
    except UnknownObjectException:
        log.warning(
            "skipped %s in pull request #%d: not found at its head commit",
            path,
            pull.number,
        )
        return None
    if isinstance(content, list) or content.encoding != "base64":
        log.warning(
            "skipped %s in pull request #%d: not a file GitHub returns inline",
            path,
            pull.number,
        )
        return None
    try:
        doc = parse(decode(content.decoded_content))
    except LoadError as exc:
        # The other pull request's own check reports this; it cannot compete yet.
        log.warning(
            "skipped %s in pull request #%d: line %d: %s",
            path,
            pull.number,
            exc.problem.line,
            exc.problem.message,
        )
        return None
    return PullRequestRecord(path=path, doc=doc, pull_request=pull.number)

"""Find the merged pull request behind a commit and collect its signatures.

The signatures are the ones the signature check counts: this module hands the pull
request to :func:`microcred.github.signatures.evaluate` with the governance.yaml the
base branch had when it merged, and records exactly the signatures it returns.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any, Protocol

from github.PullRequest import PullRequest
from github.Repository import Repository

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MergedPull:
    number: int
    url: str
    merged_at: dt.datetime
    author: str
    merge_commit_sha: str

    @property
    def approved_on(self) -> str:
        return self.merged_at.astimezone(dt.UTC).date().isoformat()


@dataclass
class Judgement:
    """The signature check's verdict on a merged pull request."""

    signed: bool
    signatures: list[dict[str, Any]] = field(default_factory=list)
    missing: str = ""


class PullSource(Protocol):
    def merged_pull(self, commit_sha: str, branch: str) -> MergedPull | None: ...

    def judge(self, pull: MergedPull, governance_text: str | None) -> Judgement: ...


class GitHubPulls:
    """:class:`PullSource` over the GitHub REST API through PyGithub."""

    def __init__(self, repository: Repository) -> None:
        self.repository = repository
        self._cache: dict[int, PullRequest] = {}

    def merged_pull(self, commit_sha: str, branch: str) -> MergedPull | None:
        merged: list[tuple[dt.datetime, PullRequest]] = []
        for pull in self.repository.get_commit(commit_sha).get_pulls():
            if pull.merged_at is not None and pull.base.ref == branch:
                merged.append((pull.merged_at, pull))
        if not merged:
            return None
        merged_at, pull = max(merged, key=lambda item: item[0])
        self._cache[pull.number] = pull
        return MergedPull(
            number=pull.number,
            url=pull.html_url,
            merged_at=merged_at,
            author=pull.user.login,
            merge_commit_sha=pull.merge_commit_sha or commit_sha,
        )

    def judge(self, pull: MergedPull, governance_text: str | None) -> Judgement:
        from .signatures_adapter import judge_pull

        request = self._cache.get(pull.number) or self.repository.get_pull(pull.number)
        return judge_pull(self.repository, request, governance_text)

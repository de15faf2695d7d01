"""Connect PyGithub to GitHub, or to any server that speaks its REST API.

Settings come from the environment that GitHub Actions sets: ``GITHUB_TOKEN``,
``GITHUB_REPOSITORY`` (owner/name) and ``GITHUB_API_URL``. Tests point
``GITHUB_API_URL`` at a local fake server; the code path is the same.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from github.Repository import Repository

from github import Auth, Github

from ..errors import MicrocredError

DEFAULT_API_URL = "https://api.github.com"
WRITE_DELAY_VARIABLE = "MICROCRED_GITHUB_WRITE_DELAY"
DEFAULT_WRITE_DELAY = 1.0


@dataclass(frozen=True)
class GitHubSettings:
    token: str
    repository: str
    api_url: str = DEFAULT_API_URL

    @classmethod
    def from_env(cls, repository: str | None = None) -> GitHubSettings:
        token = os.environ.get("GITHUB_TOKEN", "")
        repo = repository or os.environ.get("GITHUB_REPOSITORY", "")
        if not token:
            raise MicrocredError(
                "GITHUB_TOKEN is not set",
                "export a token with read access to the repository, "
                "or run this in GitHub Actions",
            )
        if "/" not in repo:
            raise MicrocredError(
                f"GITHUB_REPOSITORY is {repo!r}, expected owner/name",
                "export GITHUB_REPOSITORY=owner/name or pass --repository",
            )
        return cls(
            token=token,
            repository=repo,
            api_url=os.environ.get("GITHUB_API_URL", DEFAULT_API_URL).rstrip("/"),
        )


def connect(settings: GitHubSettings) -> Github:
    """Return a PyGithub client for ``settings``; retries are PyGithub's defaults.

    PyGithub waits ``MICROCRED_GITHUB_WRITE_DELAY`` seconds (default 1.0) between
    writes, which keeps bursts of comments and labels under GitHub's secondary rate
    limits; tests against a local server set it to 0.
    """
    return Github(
        auth=Auth.Token(settings.token),
        base_url=settings.api_url,
        per_page=100,
        timeout=30,
        seconds_between_writes=_write_delay(),
    )


def _write_delay() -> float:
    raw = os.environ.get(WRITE_DELAY_VARIABLE, "")
    if not raw:
        return DEFAULT_WRITE_DELAY
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value < 0:
        raise MicrocredError(
            f"{WRITE_DELAY_VARIABLE} is {raw!r}, expected a number of seconds >= 0",
            f"unset it to use the default of {DEFAULT_WRITE_DELAY} s",
        )
    return value


def open_repository(settings: GitHubSettings) -> Repository:
    return connect(settings).get_repo(settings.repository)

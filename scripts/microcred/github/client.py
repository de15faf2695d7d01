"""Connect PyGithub to GitHub, or to any server that speaks its REST API.

Settings come from the environment that GitHub Actions sets: ``GITHUB_TOKEN``,
``GITHUB_REPOSITORY`` (owner/name) and ``GITHUB_API_URL``. Tests point
``GITHUB_API_URL`` at a local fake server; the code path is the same.
"""

from __future__ import annotations

import math
import os
import re
import urllib.parse
from dataclasses import dataclass

import requests
from github.Repository import Repository

from github import (
    Auth,
    BadCredentialsException,
    Github,
    GithubException,
    UnknownObjectException,
)

from ..errors import MicrocredError

DEFAULT_API_URL = "https://api.github.com"
#: owner/name as GitHub allows them: letters, digits and hyphens in the owner,
#: also dots and underscores in the repository name.
REPOSITORY_PATTERN = re.compile(r"^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$")
REQUEST_DELAY_VARIABLE = "MICROCRED_GITHUB_REQUEST_DELAY"
WRITE_DELAY_VARIABLE = "MICROCRED_GITHUB_WRITE_DELAY"
# PyGithub 2.10's own defaults for seconds_between_requests and seconds_between_writes.
DEFAULT_REQUEST_DELAY = 0.25
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
        source = "--repository" if repository else "GITHUB_REPOSITORY"
        if not repo:
            raise MicrocredError(
                "GITHUB_REPOSITORY is not set",
                "export GITHUB_REPOSITORY=owner/name or pass --repository",
            )
        if not REPOSITORY_PATTERN.match(repo):
            raise MicrocredError(
                f"{source} is {repo!r}, expected owner/name",
                "give the repository as owner/name, such as example-university/microcredentials",
            )
        return cls(token=token, repository=repo, api_url=_api_url())


def connect(settings: GitHubSettings) -> Github:
    """Return a PyGithub client for ``settings``; retries are PyGithub's defaults.

    PyGithub spaces requests ``MICROCRED_GITHUB_REQUEST_DELAY`` seconds apart
    (default 0.25) and writes ``MICROCRED_GITHUB_WRITE_DELAY`` seconds apart (default
    1.0), so bursts of comments and labels stay under GitHub's secondary rate limits.
    Tests against a local server set both to 0.
    """
    return Github(
        auth=Auth.Token(settings.token),
        base_url=settings.api_url,
        per_page=100,
        timeout=30,
        seconds_between_requests=_delay(REQUEST_DELAY_VARIABLE, DEFAULT_REQUEST_DELAY),
        seconds_between_writes=_delay(WRITE_DELAY_VARIABLE, DEFAULT_WRITE_DELAY),
    )


def _api_url() -> str:
    raw = os.environ.get("GITHUB_API_URL", "").strip() or DEFAULT_API_URL
    parts = urllib.parse.urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise MicrocredError(
            f"GITHUB_API_URL is {raw!r}, not an http(s) URL",
            f"unset it to use {DEFAULT_API_URL}, or give the API root of your"
            " GitHub Enterprise server, such as https://github.example.edu/api/v3",
        )
    return raw.rstrip("/")


def _delay(variable: str, default: float) -> float:
    raw = os.environ.get(variable, "")
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not math.isfinite(value) or value < 0:
        raise MicrocredError(
            f"{variable} is {raw!r}, expected a number of seconds >= 0",
            f"unset it to use the default of {default} s",
        )
    return value


def open_repository(settings: GitHubSettings) -> Repository:
    """Return the repository, or raise a MicrocredError that names what to fix.

    This is the first request of every GitHub command, so a wrong token, repository
    name or API address is reported here instead of as a crash.
    """
    try:
        return connect(settings).get_repo(settings.repository)
    except BadCredentialsException:
        raise MicrocredError(
            f"GitHub at {settings.api_url} rejected GITHUB_TOKEN (401 Bad credentials)",
            "export a valid token with read access to the repository",
        ) from None
    except UnknownObjectException:
        raise MicrocredError(
            f"repository {settings.repository} not found at {settings.api_url}",
            "check GITHUB_REPOSITORY (or --repository) and that the token can read it",
        ) from None
    except GithubException as exc:
        raise MicrocredError(
            f"reading repository {settings.repository} from {settings.api_url}"
            f" failed: HTTP {exc.status}",
            "check that the token may read the repository, and retry later if GitHub is unavailable",
        ) from None
    except requests.RequestException as exc:
        raise MicrocredError(
            f"cannot reach GitHub at {settings.api_url}: {type(exc).__name__}",
            "check GITHUB_API_URL and the network connection",
        ) from None

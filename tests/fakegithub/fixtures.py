"""Pytest fixtures for the fake GitHub API (loaded as a plugin by tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from .server import FakeGitHub

DEFAULT_REPOSITORY = "example-university/microcredentials"


@pytest.fixture
def github_server() -> Iterator[FakeGitHub]:
    """A running fake GitHub; fails the test if a route handler crashed."""
    server = FakeGitHub().start()
    try:
        yield server
    finally:
        server.stop()
    assert not server.errors, f"the fake GitHub server failed: {server.errors}"


@pytest.fixture
def github_env(
    github_server: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., FakeGitHub]:
    """Point GITHUB_API_URL, GITHUB_TOKEN and GITHUB_REPOSITORY at the fake server.

    Call it as ``github_env()`` or ``github_env("owner/name")``; it returns the server.
    Requests and writes are not spaced out, so tests stay fast.
    """

    def apply(repository: str = DEFAULT_REPOSITORY) -> FakeGitHub:
        monkeypatch.setenv("GITHUB_API_URL", github_server.base_url)
        monkeypatch.setenv("GITHUB_TOKEN", github_server.token)
        monkeypatch.setenv("GITHUB_REPOSITORY", repository)
        monkeypatch.setenv("MICROCRED_GITHUB_REQUEST_DELAY", "0")
        monkeypatch.setenv("MICROCRED_GITHUB_WRITE_DELAY", "0")
        return github_server

    return apply

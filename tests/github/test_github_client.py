"""Connecting to GitHub: wrong settings end as user errors (exit 1), never as crashes."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from fakegithub import FakeGitHub, FakeRepo


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_wrong_token_is_user_error(
    catalogue: FakeRepo, microcred: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "not-the-token")

    result = microcred("signatures", "--pr", "1", "--dry-run")

    assert result.code == 1
    assert "rejected GITHUB_TOKEN (401 Bad credentials)" in result.err
    assert "Traceback" not in result.err


def test_unknown_repository_is_user_error(catalogue: FakeRepo, microcred: Any) -> None:
    result = microcred(
        "signatures", "--pr", "1", "--dry-run", "--repository", "example/missing"
    )

    assert result.code == 1
    assert "repository example/missing not found at http://127.0.0.1:" in result.err


def test_forbidden_is_user_error(
    github_server: FakeGitHub, catalogue: FakeRepo, microcred: Any
) -> None:
    github_server.fail(
        "GET",
        r"^/repos/[^/]+/[^/]+$",
        status=403,
        message="Resource not accessible by integration",
    )

    result = microcred("agenda", "--dry-run")

    assert result.code == 1
    assert "failed: HTTP 403" in result.err


def test_unreachable_api_is_user_error(
    catalogue: FakeRepo, microcred: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    address = f"http://127.0.0.1:{_closed_port()}"
    monkeypatch.setenv("GITHUB_API_URL", address)

    result = microcred("agenda", "--dry-run")

    assert result.code == 1
    assert f"cannot reach GitHub at {address}: ConnectionError" in result.err
    assert "check GITHUB_API_URL" in result.err


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("GITHUB_REPOSITORY", "", "GITHUB_REPOSITORY is not set"),
        ("GITHUB_REPOSITORY", "owner-only", "GITHUB_REPOSITORY is 'owner-only'"),
        ("GITHUB_REPOSITORY", "a/b/c", "GITHUB_REPOSITORY is 'a/b/c'"),
        ("GITHUB_REPOSITORY", "/name", "GITHUB_REPOSITORY is '/name'"),
    ],
)
def test_repository_setting_checked(
    catalogue: FakeRepo,
    microcred: Any,
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
    value: str,
    message: str,
) -> None:
    monkeypatch.setenv(variable, value)

    result = microcred("signatures", "--pr", "1", "--dry-run")

    assert result.code == 1
    assert message in result.err


def test_repository_option_named_in_error(catalogue: FakeRepo, microcred: Any) -> None:
    result = microcred("signatures", "--pr", "1", "--repository", "no-slash")

    assert result.code == 1
    assert "--repository is 'no-slash', expected owner/name" in result.err

"""Helpers for the GitHub tests: a sample catalogue repository on the fake server."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from fakegithub import FakeGitHub, FakeRepo
from microcred.cli import main

ROOT = Path(__file__).resolve().parents[2]
REPOSITORY = "example-university/microcredentials"


@pytest.fixture
def catalogue(github_env: Callable[..., FakeGitHub]) -> FakeRepo:
    """The sample governance.yaml on ``main`` of a repository on the fake server."""
    server = github_env(REPOSITORY)
    governance = (ROOT / "governance.yaml").read_text()
    return server.create_repo(
        REPOSITORY, {"governance.yaml": governance, "README.md": "catalogue\n"}
    )


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def microcred(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``microcred ARGS`` in-process, as the console script does."""

    def run(*args: str) -> CliResult:
        with pytest.raises(SystemExit) as stopped:
            main(list(args))
        captured = capsys.readouterr()
        return CliResult(int(stopped.value.code or 0), captured.out, captured.err)

    return run

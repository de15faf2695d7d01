"""Shared options of the publish commands and the objects they build."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..github.client import GitHubSettings, open_repository
from .git import BotIdentity
from .promote import PromoteOptions
from .pulls import GitHubPulls


def git_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add --root, --remote, --branch and --push/--no-push to a command."""
    decorators = [
        click.option(
            "--root",
            type=click.Path(file_okay=False, path_type=Path),
            help="Repository root; by default the nearest folder with governance.yaml.",
        ),
        click.option(
            "--remote",
            default="origin",
            show_default=True,
            help="Git remote to fetch from and push to.",
        ),
        click.option(
            "--branch",
            default="main",
            show_default=True,
            help="Branch that pull requests merge into.",
        ),
        click.option(
            "--push/--no-push",
            default=True,
            show_default=True,
            help="Push the bot commit; with --no-push it stays local.",
        ),
    ]
    return functools.reduce(lambda f, decorate: decorate(f), reversed(decorators), func)


def promote_options(root: Path, remote: str, branch: str, push: bool) -> PromoteOptions:
    repository = open_repository(GitHubSettings.from_env())
    return PromoteOptions(
        root=root,
        pulls=GitHubPulls(repository),
        remote=remote or None,
        branch=branch,
        push=push,
        identity=BotIdentity.from_env(),
    )

"""``microcred rules``: list the check rules, or write docs/rules.md."""

from __future__ import annotations

from pathlib import Path

import click

from ..docgen import rules_markdown
from ._generated import emit


@click.command("rules")
@click.option(
    "--write",
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the Markdown rule list to this file.",
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="With --write: exit 1 if the file is out of date instead of writing it.",
)
def command(target: Path | None, check_only: bool) -> int:
    """Print the rule catalogue as Markdown."""
    if check_only and target is None:
        raise click.UsageError(
            "--check needs --write FILE, such as --write docs/rules.md"
        )
    return emit(rules_markdown(), target, check_only, "microcred rules --write")

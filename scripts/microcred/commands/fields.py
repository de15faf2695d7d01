"""``microcred fields``: the field reference generated from the JSON Schemas."""

from __future__ import annotations

from pathlib import Path

import click

from ..docgen import fields_markdown
from ._generated import emit


@click.command("fields")
@click.option(
    "--write",
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the Markdown field reference to this file.",
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="With --write: exit 1 if the file is out of date instead of writing it.",
)
def command(target: Path | None, check_only: bool) -> int:
    """Print the field reference as Markdown."""
    if check_only and target is None:
        raise click.UsageError(
            "--check needs --write FILE, such as --write docs/fields.md"
        )
    return emit(fields_markdown(), target, check_only, "microcred fields --write")

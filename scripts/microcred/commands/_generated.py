"""The commands that generate a Markdown page: print it, write it, or check it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click


def emit(text: str, target: Path | None, check_only: bool, command: str) -> int:
    """Print ``text``, write it to ``target``, or with ``check_only`` compare them."""
    if target is None:
        click.echo(text, nl=False)
        return 0
    current = target.read_text(encoding="utf-8") if target.exists() else ""
    if check_only:
        if current != text:
            click.echo(
                f"{target} is out of date; regenerate it with `{command} {target}`",
                err=True,
            )
            return 1
        return 0
    if current != text:
        target.write_text(text, encoding="utf-8")
        click.echo(f"wrote {target}")
    return 0


def page_command(
    name: str, render: Callable[[], str], page: str, summary: str
) -> click.Command:
    """Build the click command ``microcred NAME`` that prints or writes ``page``."""

    @click.command(name, help=summary)
    @click.option(
        "--write",
        "target",
        type=click.Path(dir_okay=False, path_type=Path),
        help=f"Write the Markdown to this file, such as {page}.",
    )
    @click.option(
        "--check",
        "check_only",
        is_flag=True,
        help="With --write: exit 1 if the file is out of date instead of writing it.",
    )
    def command(target: Path | None, check_only: bool) -> int:
        if check_only and target is None:
            raise click.UsageError(
                f"--check needs --write FILE, such as --write {page}"
            )
        return emit(render(), target, check_only, f"microcred {name} --write")

    return command

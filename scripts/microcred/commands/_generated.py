"""Shared output step of the commands that generate a file."""

from __future__ import annotations

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

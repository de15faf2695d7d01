"""``microcred codeowners``: generate .github/CODEOWNERS from governance.yaml."""

from __future__ import annotations

from pathlib import Path

import click

from ..catalogue import Catalogue
from ..errors import MicrocredError
from ..github.codeowners import (
    CODEOWNERS_PATH,
    REGENERATE,
    CodeownersError,
    render_codeowners,
)
from ..repo import find_root
from ._options import root_option


@click.command("codeowners")
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Exit 1 if .github/CODEOWNERS differs from governance.yaml instead of writing it.",
)
@root_option
def command(check_only: bool, root: Path | None) -> int:
    """Write .github/CODEOWNERS: unit folders to department heads and the committee.

    governance.yaml, schema/, scripts/, .github/ and everything else go to the
    committee and the coordinator.
    """
    base = find_root(root)
    catalogue = Catalogue.load(base)
    if catalogue.governance is None:
        problems = "; ".join(
            f"{f.location}: {f.message}"
            for f in catalogue.load_findings
            if f.path == "governance.yaml"
        )
        raise MicrocredError(
            f"cannot read governance.yaml: {problems or 'not found'}",
            "fix governance.yaml; `microcred check governance.yaml` shows the problems",
        )
    try:
        text = render_codeowners(catalogue.governance)
    except CodeownersError as exc:
        raise MicrocredError(
            f"governance.yaml: {exc}",
            "fix the value; `microcred check governance.yaml` shows where it is",
        ) from None
    target = base / CODEOWNERS_PATH
    if target.exists() and not target.is_file():
        raise MicrocredError(
            f"{CODEOWNERS_PATH} exists but is not a regular file",
            f"remove it and run `{REGENERATE}`",
        )
    current = target.read_text(encoding="utf-8") if target.exists() else None
    if check_only:
        if current != text:
            state = (
                "is missing" if current is None else "does not match governance.yaml"
            )
            click.echo(
                f"{CODEOWNERS_PATH} {state}; regenerate it with `{REGENERATE}` and commit it",
                err=True,
            )
            return 1
        click.echo(f"{CODEOWNERS_PATH} is up to date")
        return 0
    if current == text:
        click.echo(f"{CODEOWNERS_PATH} is up to date")
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(target)
    click.echo(f"wrote {target}")
    return 0

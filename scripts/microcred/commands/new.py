"""``microcred new``: scaffold a proposal file for a unit."""

from __future__ import annotations

import datetime as dt
import difflib
import logging
import re
from pathlib import Path

import click

from ..catalogue import Catalogue
from ..errors import MicrocredError
from ..governance import Governance
from ..records import PROPOSALS_DIR
from ..repo import find_root
from ..scaffold import ProposalSeed, render_proposal
from ..schema import PROPOSAL_SCHEMA, load_schema
from ..yamledit import write_atomic
from ._options import root_option

log = logging.getLogger(__name__)


@click.command("new")
@click.argument("unit")
@click.argument("record_id", metavar="ID")
@click.option("--title", help="The learner-facing title, 5 to 80 characters.")
@root_option
@click.option("--force", is_flag=True, help="Overwrite an existing proposal file.")
def command(
    unit: str, record_id: str, title: str | None, root: Path | None, force: bool
) -> int:
    """Create proposals/UNIT/ID.yaml with every required field to fill in.

    Each field has a comment that explains it. Empty values are marked TODO, and
    `microcred check` reports each of them until it is written.
    """
    catalogue = Catalogue.load(find_root(root))
    governance = _governance(catalogue)
    _check_unit(unit, governance)
    _check_id(record_id)
    _check_title(title)
    target = catalogue.root / PROPOSALS_DIR / unit / f"{record_id}.yaml"
    relative = target.relative_to(catalogue.root).as_posix()
    _check_unused(record_id, relative, catalogue)
    if target.exists() and not force:
        raise MicrocredError(
            f"{relative} already exists",
            "edit the existing file, or pass --force to replace it with a new template",
        )

    details = governance.units[unit]
    seed = ProposalSeed(
        record_id=record_id,
        unit=unit,
        unit_name=details.name,
        unit_contact=details.contact,
        title=title.strip() if title else None,
        today=dt.date.today(),
    )
    write_atomic(target, render_proposal(seed))
    log.info("created %s", relative)
    click.echo(f"created {relative}")
    click.echo("next: fill in every line marked TODO, then run")
    click.echo(f"  microcred check {relative}")
    return 0


def _governance(catalogue: Catalogue) -> Governance:
    if catalogue.governance is None:
        raise MicrocredError(
            f"governance.yaml in {catalogue.root} could not be read",
            "run `microcred check governance.yaml` to see what is wrong with it",
        )
    return catalogue.governance


def _check_unit(unit: str, governance: Governance) -> None:
    if unit in governance.units:
        return
    known = sorted(governance.units)
    close = difflib.get_close_matches(unit, known, n=1)
    tip = f"did you mean `{close[0]}`? " if close else ""
    raise MicrocredError(
        f"unknown unit `{unit}`",
        f"{tip}known units: {', '.join(known)}",
    )


def _check_id(record_id: str) -> None:
    rule = load_schema(PROPOSAL_SCHEMA)["properties"]["id"]
    if re.fullmatch(rule["pattern"], record_id) and len(record_id) <= rule["maxLength"]:
        return
    suggestion = _suggest_id(record_id, rule["maxLength"])
    tip = f"for example `{suggestion}`" if suggestion else "for example `data-viz`"
    raise MicrocredError(
        f"invalid id `{record_id}`: use lowercase letters, digits and single hyphens, "
        f"at most {rule['maxLength']} characters",
        tip,
    )


def _suggest_id(record_id: str, max_length: int) -> str:
    """Return ``record_id`` in kebab-case, cut at a hyphen to fit ``max_length``."""
    suggestion = re.sub(r"[^a-z0-9]+", "-", record_id.lower()).strip("-")
    if len(suggestion) <= max_length:
        return suggestion
    cut = suggestion[: max_length + 1].rsplit("-", 1)[0]
    return cut if 0 < len(cut) <= max_length else suggestion[:max_length].rstrip("-")


def _check_title(title: str | None) -> None:
    if title is None:
        return
    rule = load_schema(PROPOSAL_SCHEMA)["properties"]["title"]
    if rule["minLength"] <= len(title.strip()) <= rule["maxLength"]:
        return
    raise MicrocredError(
        f"invalid title {title!r}: it has {len(title.strip())} characters",
        f"write a title of {rule['minLength']} to {rule['maxLength']} characters",
    )


def _check_unused(record_id: str, relative: str, catalogue: Catalogue) -> None:
    """Reject an id that another record, or an unreadable record file, uses."""
    users = [r.path for r in catalogue.records if r.id == record_id]
    users += [p for p in catalogue.broken_paths if Path(p).stem == record_id]
    others = sorted(set(users) - {relative})
    if others:
        raise MicrocredError(
            f"id `{record_id}` is already used by {others[0]}",
            "choose an id that no other proposal or credential uses",
        )

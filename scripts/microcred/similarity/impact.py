"""Impact report: a proposal's neighbourhood in the catalogue, for the job summary.

For each changed proposal it lists the records that share skills with it, the
records it stacks into, and the records that stack into it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..records import Record
from .profile import skill_key

#: Records listed under "shares skills" before the rest are counted only.
MAX_NEIGHBOURS = 10
#: Proposals that get an impact section in one run; an audit of a large catalogue
#: would otherwise fill the job summary.
MAX_SECTIONS = 20


def impact_sections(
    targets: Sequence[Record], pool: Sequence[Record]
) -> dict[str, str]:
    """Return one Markdown section per target proposal, keyed by section title."""
    proposals = [r for r in targets if r.kind == "proposal"]
    skills = {id(r): {skill_key(s): s for s in r.skills} for r in pool}
    for record in proposals:
        skills.setdefault(id(record), {skill_key(s): s for s in record.skills})
    sections = {}
    for record in proposals[:MAX_SECTIONS]:
        sections[f"Impact of `{record.id}`"] = _section(record, pool, skills)
    if len(proposals) > MAX_SECTIONS:
        rest = ", ".join(f"`{r.id}`" for r in proposals[MAX_SECTIONS:])
        sections["Impact of other proposals"] = (
            f"Not shown for {len(proposals) - MAX_SECTIONS} more proposals: {rest}.\n"
        )
    return sections


def _section(
    record: Record, pool: Sequence[Record], skills: dict[int, dict[str, str]]
) -> str:
    others = [r for r in pool if r.path != record.path]
    lines = [f"**{record.title or record.id}** (`{record.path}`)\n"]

    lines.append("Shares skills with:")
    lines.extend(_sharing(record, others, skills) or ["- no other record"])

    lines.append("\nStacks into:")
    by_id = {r.id: r for r in others}
    into = [
        _name(by_id[i]) if i in by_id else f"`{i}` (not found)"
        for i in record.stacks_into
    ]
    lines.extend(f"- {name}" for name in into or ["nothing"])

    lines.append("\nStacked into by:")
    feeders = [_name(o) for o in others if record.id in o.stacks_into]
    lines.extend(f"- {name}" for name in feeders or ["nothing"])
    return "\n".join(lines) + "\n"


def _sharing(
    record: Record, others: list[Record], skills: dict[int, dict[str, str]]
) -> list[str]:
    """List the records that share skills with ``record``, most shared skills first."""
    mine = skills[id(record)]
    sharing = []
    for other in others:
        common = [mine[k] for k in mine if k in skills[id(other)]]
        if common:
            sharing.append((len(common), other, common))
    sharing.sort(key=lambda item: (-item[0], item[1].id))
    lines = [f"- {_name(o)}: {', '.join(c)}" for _, o, c in sharing[:MAX_NEIGHBOURS]]
    if len(sharing) > MAX_NEIGHBOURS:
        lines.append(f"- and {len(sharing) - MAX_NEIGHBOURS} more records")
    return lines


def _name(record: Record) -> str:
    return f"{record.title or record.id} (`{record.path}`)"

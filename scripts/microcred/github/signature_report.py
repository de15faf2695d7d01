"""The sticky pull request comment that shows the signature table."""

from __future__ import annotations

import datetime as dt

from .signatures import Decision, Missing, Signature

MARKER = "<!-- microcred:signatures -->"
STATE_WORDS = {
    "pending": "waiting for signatures",
    "success": "signed",
    "failure": "blocked",
}


def render_comment(decision: Decision, head_sha: str, base_ref: str) -> str:
    """Return the Markdown of the signature comment for ``decision``."""
    lines = [
        MARKER,
        "### Signatures",
        "",
        f"**{STATE_WORDS.get(decision.state, decision.state).capitalize()}**: {decision.description}",
        "",
        "| Role | For | Who | When (UTC) | Commit |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [_signed_row(s) for s in decision.signatures]
    lines += [_missing_row(m) for m in decision.missing]
    lines.append("")
    if decision.blockers:
        lines.append(
            "Changes requested by: "
            + ", ".join(f"`{b.login}` ({b.role})" for b in decision.blockers)
            + ". They approve again, or a maintainer dismisses the review."
        )
        lines.append("")
    if decision.unknown_units:
        lines.append(
            "Unknown units: "
            + ", ".join(f"`{u}`" for u in decision.unknown_units)
            + f". Add them to governance.yaml on `{base_ref}` in a separate pull request first."
        )
        lines.append("")
    if decision.notes:
        lines.append("Reviews that do not count:")
        lines += [f"- {note}" for note in decision.notes]
        lines.append("")
    lines.append(
        f"Checked at head commit `{head_sha[:7]}` with governance.yaml from `{base_ref}`. "
        "Only approvals of the head commit count, in this order: department head, "
        "college reviewer (where the college has one), committee member. "
        "This comment updates itself after every push and review."
    )
    return "\n".join(lines) + "\n"


def _when(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")


def _signed_row(signature: Signature) -> str:
    scope = signature.scope or "-"
    return f"| {signature.role} | {scope} | `{signature.login}` | {_when(signature.submitted_at)} | `{signature.commit_id[:7]}` |"


def _missing_row(item: Missing) -> str:
    scope = item.scope or "-"
    who = (
        ", ".join(f"`{c}`" for c in item.candidates)
        or "no eligible signatory in governance.yaml"
    )
    return f"| {item.role} | {scope} | waiting for one of {who} | | |"

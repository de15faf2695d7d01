"""Render a new proposal file from the record schema, with a comment above each field.

Every field the author must write is left empty with a ``# TODO`` comment. An
empty value fails the schema's type check, so ``microcred check`` reports each
unfilled field at its line until the author writes it. Optional fields appear as
commented-out examples, and fields that the publish step writes are left out.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from typing import Any

import yaml

from .schema import PROPOSAL_SCHEMA, load_schema

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/proposal.schema.json"
TODO = "# TODO"
WIDTH = 88
#: Fields that ``microcred promote`` and ``microcred sync`` write after approval.
GENERATED_FIELDS = frozenset({"ctid", "approval", "canvas", "revised_on"})
#: Optional fields written with their default, because almost every record wants it.
DEFAULTED_FIELDS = frozenset(
    {"credential_type", "language", "passing_score", "currency"}
)
REVIEW_YEARS = 2


@dataclass(frozen=True)
class ProposalSeed:
    """The values ``microcred new`` fills in before the author writes anything."""

    record_id: str
    unit: str
    unit_name: str
    unit_contact: str
    title: str | None
    today: dt.date

    def known_values(self) -> dict[str, Any]:
        """Return the filled-in values as a nested mapping shaped like a record."""
        values: dict[str, Any] = {"id": self.record_id, "unit": self.unit}
        if self.title:
            values["title"] = self.title
        values["review_by"] = review_date(self.today).isoformat()
        values["status"] = "proposed"
        values["credit_bearing"] = False
        if self.unit_contact:
            contact = {"name": self.unit_name, "email": self.unit_contact}
            values["contacts"] = {"unit_contact": contact}
        return values


def review_date(today: dt.date) -> dt.date:
    """Return the default review-by date, two years after ``today``."""
    try:
        return today.replace(year=today.year + REVIEW_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year + REVIEW_YEARS, day=28)


def render_proposal(seed: ProposalSeed) -> str:
    """Return the text of a new proposal file for ``seed``."""
    schema = load_schema(PROPOSAL_SCHEMA)
    path = f"proposals/{seed.unit}/{seed.record_id}.yaml"
    lines = [
        SCHEMA_LINE,
        f"# A micro-credential proposal from {seed.unit_name}.",
        "# Replace every empty value marked TODO, then run",
        f"#   microcred check {path}",
        "# which lists each field that is still empty. Editors that read the line",
        "# above show this help and complete field names as you type.",
    ]
    _render_object(schema, seed.known_values(), 0, lines, top=True)
    return "\n".join(lines) + "\n"


def _render_object(
    node: dict[str, Any],
    known: dict[str, Any],
    indent: int,
    lines: list[str],
    top: bool = False,
) -> None:
    required = set(node.get("required", ()))
    for key, sub in node.get("properties", {}).items():
        if key in GENERATED_FIELDS:
            continue
        block: list[str] = []
        if key in required or key in known or key in DEFAULTED_FIELDS:
            _comment(sub, indent, block)
            _render_field(key, sub, known.get(key), indent, block)
        else:
            _render_optional(key, sub, indent, block)
        if top and block:
            lines.append("")
        lines.extend(block)


def _render_field(
    key: str, sub: dict[str, Any], value: Any, indent: int, lines: list[str]
) -> None:
    pad = " " * indent
    if value is not None and not isinstance(value, dict):
        lines.append(f"{pad}{key}: {_scalar(value)}")
    elif sub.get("type") == "object":
        lines.append(f"{pad}{key}:")
        _render_object(sub, value or {}, indent + 2, lines)
    elif sub.get("type") == "array":
        lines.append(f"{pad}{key}:")
        _render_items(sub, indent + 2, lines)
    elif "default" in sub:
        lines.append(f"{pad}{key}: {_scalar(sub['default'])}")
    else:
        lines.append(f"{pad}{key}:  {TODO}")


def _render_items(node: dict[str, Any], indent: int, lines: list[str]) -> None:
    """Write the minimum number of empty list items, at least one."""
    items = node.get("items", {})
    count = max(node.get("minItems", 1), 1)
    pad = " " * indent
    for number in range(count):
        if items.get("type") != "object":
            lines.append(f"{pad}-  {TODO}")
            continue
        item_lines: list[str] = []
        _render_object(items, {}, 0, item_lines)
        if number > 0:
            item_lines = [line for line in item_lines if not line.startswith("#")]
        first = next(i for i, line in enumerate(item_lines) if not line.startswith("#"))
        for index, line in enumerate(item_lines):
            if index < first:
                lines.append(f"{pad}{line}")
            elif index == first:
                lines.append(f"{pad}- {line}")
            else:
                lines.append(f"{pad}  {line}")


def _render_optional(
    key: str, sub: dict[str, Any], indent: int, lines: list[str]
) -> None:
    """Write an optional field as a commented-out example, or nothing without one."""
    examples = sub.get("examples")
    if not examples:
        return
    pad = " " * indent
    text = yaml.safe_dump({key: examples[0]}, sort_keys=False, allow_unicode=True)
    example = text.rstrip("\n").splitlines()
    about = _first_sentence(sub.get("description", ""))
    if len(example) == 1 and len(example[0]) + len(about) < WIDTH - indent - 16:
        lines.append(f"{pad}# {example[0]}  # optional: {about}")
        return
    _wrap(f"Optional. {sub.get('title', key)}: {about}", indent, lines)
    lines.extend(f"{pad}# {line}" for line in example)


def _comment(sub: dict[str, Any], indent: int, lines: list[str]) -> None:
    title = sub.get("title")
    description = sub.get("description", "")
    if not title and not description:
        return
    _wrap(f"{title}: {description}" if title else description, indent, lines)


def _wrap(text: str, indent: int, lines: list[str]) -> None:
    prefix = " " * indent + "# "
    lines.extend(
        textwrap.wrap(
            text,
            WIDTH,
            initial_indent=prefix,
            subsequent_indent=prefix,
            break_on_hyphens=False,
        )
    )


def _first_sentence(text: str) -> str:
    head, _, _ = text.partition(". ")
    return head.rstrip(".") + "."


def _scalar(value: Any) -> str:
    """Return ``value`` as a one-line YAML scalar, quoted where YAML needs it."""
    text = yaml.safe_dump(
        value, default_flow_style=True, width=10_000, allow_unicode=True
    )
    return text.removesuffix("\n").removesuffix("\n...").strip()

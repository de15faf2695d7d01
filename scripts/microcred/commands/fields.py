"""``microcred fields``: the field reference generated from the JSON Schemas."""

from __future__ import annotations

from ..docgen import fields_markdown
from ._generated import page_command

command = page_command(
    "fields",
    fields_markdown,
    "docs/fields.md",
    "Print the field reference as Markdown.",
)

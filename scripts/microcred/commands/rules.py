"""``microcred rules``: list the check rules, or write docs/rules.md."""

from __future__ import annotations

from ..docgen import rules_markdown
from ._generated import page_command

command = page_command(
    "rules", rules_markdown, "docs/rules.md", "Print the rule catalogue as Markdown."
)

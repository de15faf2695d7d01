"""Wording shared by the duplicate findings: names, scores and the YAML to add."""

from __future__ import annotations

import re

from ..records import Record
from .compare import Match

_TITLE_KEY = re.compile(r"^title[ \t]*:", re.MULTILINE)


def shorten(text: str, limit: int = 80) -> str:
    """Cut ``text`` to ``limit`` characters for a message, marking the cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def describe(record: Record) -> str:
    """Name a record for a message: its path, title and, if any, its pull request."""
    # Records fetched from other open pull requests carry the pull request number.
    number = getattr(record, "pull_request", 0)
    where = f" in open pull request #{number}" if number else ""
    return f'{record.path}{where} ("{shorten(record.title or record.id)}")'


def details(match: Match, threshold: str = "") -> str:
    """Return the score, its parts, the shared skills and any matches not listed."""
    score = match.score
    shared = ", ".join(score.shared_skills) if score.shared_skills else "none"
    bound = f", at or above the {threshold}" if threshold else ""
    text = f"similarity {score.total:.2f}{bound} ({score.breakdown()})"
    text += f"; shared skills: {shared}"
    if match.more:
        text += (
            f"; {match.more} more records score at or above the similar threshold "
            "and are not listed"
        )
    return text


def declare_yaml(match: Match) -> str:
    """Return the ``necessity.related`` entry that declares the relation, as YAML."""
    reason = '"<how this credential differs>"'
    entry = f"- {{id: {match.other.id}, relation: overlaps, differs: {reason}}}"
    return f"add this entry under `necessity.related`: `{entry}`"


def title_line(record: Record) -> int:
    """Return the line of the ``title`` key.

    ``Record.line`` parses the file again to map every field to its line, which an
    audit would do for nearly every record. A top-level key in block style starts
    its line, so a scan of the source finds it without that parse.
    """
    text = record.doc.text
    match = _TITLE_KEY.search(text) if text else None
    if match is None:
        return record.line("title")
    return text.count("\n", 0, match.start()) + 1

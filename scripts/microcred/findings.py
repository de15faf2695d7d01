"""Findings: every problem a check reports, as data."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place.

    ``path`` is relative to the repository root with forward slashes. ``line`` is
    1-based; 0 means the problem concerns the file as a whole. ``field`` is a dotted
    path into the record (``earning_criteria.passing_score``, ``skills[2].url``).
    """

    path: str
    line: int
    rule: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    hint: str = field(default="", compare=False)
    field: str = field(default="", compare=False)

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Sort by file, then line, then rule id, dropping exact repeats."""
    seen: set[tuple[str, int, str, str, str]] = set()
    unique = []
    for item in findings:
        key = (item.path, item.line, item.rule, item.field, item.message)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return sorted(unique)


def count_by_severity(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts = {Severity.ERROR: 0, Severity.WARNING: 0}
    for item in findings:
        counts[item.severity] += 1
    return counts


def format_field_path(parts: Iterable[str | int]) -> str:
    """Join ``("skills", 2, "url")`` into ``skills[2].url``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text

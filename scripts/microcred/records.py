"""Records: one credential file, parsed once, remembering the line of every field."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .loader import Document

PROPOSALS_DIR = "proposals"
CREDENTIALS_DIR = "credentials"
DEFAULT_PASSING_SCORE = 80


@dataclass
class Record:
    """A proposal or an approved credential.

    ``path`` is relative to the repository root, with forward slashes. ``data`` is
    the YAML mapping as loaded; the properties below read it defensively, because
    checks run on records that may not yet match the schema.
    """

    path: str
    doc: Document

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data

    @property
    def kind(self) -> str:
        """``proposal`` or ``credential``, from the top-level folder."""
        return (
            "credential" if self.path.startswith(CREDENTIALS_DIR + "/") else "proposal"
        )

    @property
    def file_id(self) -> str:
        return Path(self.path).stem

    @property
    def folder_unit(self) -> str:
        parts = self.path.split("/")
        return parts[1] if len(parts) == 3 else ""

    @property
    def id(self) -> str:
        value = self.data.get("id")
        return value if isinstance(value, str) else self.file_id

    @property
    def title(self) -> str:
        return _text(self.data.get("title"))

    @property
    def unit(self) -> str:
        return _text(self.data.get("unit"))

    @property
    def summary(self) -> str:
        return _text(self.data.get("summary"))

    @property
    def description(self) -> str:
        return _text(self.data.get("description"))

    @property
    def level(self) -> str:
        return _text(self.data.get("level"))

    @property
    def status(self) -> str:
        return _text(self.data.get("status")) or "proposed"

    @property
    def is_published(self) -> bool:
        """True for approved credentials that belong on the public site."""
        return self.kind == "credential"

    @property
    def is_listed(self) -> bool:
        """True when the credential appears in listings (retired ones keep only their page)."""
        return self.is_published and self.status != "retired"

    @property
    def skills(self) -> list[str]:
        names = []
        for item in _list(self.data.get("skills")):
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                names.append(item["name"])
        return names

    @property
    def competencies(self) -> list[str]:
        return [c for c in _list(self.data.get("competencies")) if isinstance(c, str)]

    @property
    def stacks_into(self) -> list[str]:
        return [c for c in _list(self.data.get("stacks_into")) if isinstance(c, str)]

    @property
    def related(self) -> list[dict[str, Any]]:
        necessity = self.data.get("necessity")
        if not isinstance(necessity, dict):
            return []
        return [r for r in _list(necessity.get("related")) if isinstance(r, dict)]

    @property
    def passing_score(self) -> float:
        """The passing score in percent, never below the floor of 80.

        The schema check reports a lower, missing or non-numeric value. Until it is
        fixed the floor applies, so no learner below 80 % is awarded.
        """
        criteria = self.data.get("earning_criteria")
        if isinstance(criteria, dict):
            score = criteria.get("passing_score")
            if (
                isinstance(score, int | float)
                and not isinstance(score, bool)
                and math.isfinite(score)
            ):
                return max(float(score), float(DEFAULT_PASSING_SCORE))
        return float(DEFAULT_PASSING_SCORE)

    def get(self, *path: str | int) -> Any:
        """Return the value at ``path`` or None when any step is missing."""
        value: Any = self.data
        for part in path:
            if (
                isinstance(part, int)
                and isinstance(value, list)
                and -len(value) <= part < len(value)
            ):
                value = value[part]
            elif isinstance(part, str) and isinstance(value, dict):
                value = value.get(part)
            else:
                return None
        return value

    def line(self, *path: str | int) -> int:
        return self.doc.line(*path)

    def review_by(self) -> dt.date | None:
        value = self.data.get("review_by")
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return None
        return None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []

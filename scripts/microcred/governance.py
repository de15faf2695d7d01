"""governance.yaml: colleges, units, signatories, calendar, offices, Canvas settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .loader import Document

GOVERNANCE_FILE = "governance.yaml"
DEFAULT_COMPETING = 0.6
DEFAULT_SIMILAR = 0.4
DEFAULT_BOTS = ("github-actions", "dependabot")


@dataclass(frozen=True)
class College:
    id: str
    name: str
    colour: str
    reviewers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    college: str
    department_heads: tuple[str, ...]
    contact: str
    url: str = ""


@dataclass
class Governance:
    """A read-only view of governance.yaml that tolerates a file with schema errors.

    Checks run on the raw document first. This view skips entries it cannot read,
    so its properties return defaults instead of raising on a malformed file.
    """

    doc: Document
    colleges: dict[str, College] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)

    @classmethod
    def from_document(cls, doc: Document) -> Governance:
        gov = cls(doc=doc)
        for item in _list(doc.data.get("colleges")):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                gov.colleges[item["id"]] = College(
                    id=item["id"],
                    name=_str(item.get("name"), item["id"]),
                    colour=_str(item.get("colour"), "#3d3d3d"),
                    reviewers=_logins(item.get("reviewers")),
                )
        for item in _list(doc.data.get("units")):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                gov.units[item["id"]] = Unit(
                    id=item["id"],
                    name=_str(item.get("name"), item["id"]),
                    college=_str(item.get("college"), ""),
                    department_heads=_logins(item.get("department_heads")),
                    contact=_str(item.get("contact"), ""),
                    url=_str(item.get("url"), ""),
                )
        return gov

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data

    def section(self, name: str) -> dict[str, Any]:
        value = self.data.get(name)
        return value if isinstance(value, dict) else {}

    @property
    def institution_name(self) -> str:
        return _str(self.section("institution").get("name"), "the institution")

    @property
    def site_url(self) -> str:
        url = _str(self.section("site").get("url"), "https://example.invalid/")
        return url if url.endswith("/") else url + "/"

    @property
    def repository(self) -> str:
        return _str(self.section("site").get("repository"), "")

    @property
    def committee_members(self) -> tuple[str, ...]:
        return _logins(self.section("committee").get("members"))

    @property
    def bots(self) -> tuple[str, ...]:
        configured = _logins(self.data.get("bots"))
        return configured or DEFAULT_BOTS

    @property
    def email_domain(self) -> str:
        return _str(self.section("institution").get("email_domain"), "")

    @property
    def competing_threshold(self) -> float:
        return _share(self.section("similarity").get("competing"), DEFAULT_COMPETING)

    @property
    def similar_threshold(self) -> float:
        return _share(self.section("similarity").get("similar"), DEFAULT_SIMILAR)

    def college_of(self, unit_id: str) -> College | None:
        unit = self.units.get(unit_id)
        return self.colleges.get(unit.college) if unit else None

    def office(self, name: str) -> dict[str, str]:
        value = self.section("offices").get(name)
        return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: Any, default: str) -> str:
    return value if isinstance(value, str) and value else default


def _number(value: Any, default: float) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return default


def _share(value: Any, default: float) -> float:
    """Return a threshold from 0 to 1, or ``default`` for anything else.

    The schema check reports the invalid value; using it would flag every pair
    (a negative threshold) or none (NaN).
    """
    number = _number(value, default)
    return number if 0.0 <= number <= 1.0 else default


def _logins(value: Any) -> tuple[str, ...]:
    return tuple(v for v in _list(value) if isinstance(v, str))

"""The site's view of one credential, read defensively from its record."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from ..governance import College, Governance, Unit
from ..records import Record

LEVEL_NAMES = {
    "undergraduate": "Undergraduate",
    "graduate": "Graduate",
    "professional": "Professional",
}
MODE_NAMES = {"online": "Online", "in-person": "In person", "hybrid": "Hybrid"}
SAFE_SCHEMES = ("http", "https")
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
#: Whitespace and control characters, which browsers strip from a URL scheme.
UNSAFE_URL_CHARACTERS = re.compile(r"[\s\x00-\x1f\x7f]")


@dataclass
class CredentialView:
    """One published credential with the values its page, card and exports need."""

    record: Record
    unit: Unit | None
    college: College | None
    badge_file: str = ""
    stacks_into: list[CredentialView] = field(default_factory=list)
    stacked_from: list[CredentialView] = field(default_factory=list)

    @cached_property
    def id(self) -> str:
        return self.record.id

    @cached_property
    def title(self) -> str:
        return self.record.title or self.record.id

    @cached_property
    def unit_name(self) -> str:
        return self.unit.name if self.unit else self.record.unit

    @cached_property
    def college_name(self) -> str:
        return self.college.name if self.college else ""

    @cached_property
    def colour(self) -> str:
        """Return the college colour when it is a #rrggbb value, else a neutral grey."""
        colour = self.college.colour if self.college else ""
        return colour if HEX_COLOUR.fullmatch(colour) else "#3d3d3d"

    @cached_property
    def level_name(self) -> str:
        return LEVEL_NAMES.get(self.record.level, self.record.level.capitalize())

    @cached_property
    def mode(self) -> str:
        return _text(self.record.get("delivery", "mode"))

    @cached_property
    def mode_name(self) -> str:
        return MODE_NAMES.get(self.mode, self.mode.capitalize())

    @cached_property
    def hours(self) -> float | None:
        return _number(self.record.get("delivery", "hours"))

    @cached_property
    def weeks(self) -> float | None:
        return _number(self.record.get("delivery", "weeks"))

    @cached_property
    def cost_amount(self) -> float:
        return _number(self.record.get("delivery", "cost", "amount")) or 0.0

    @cached_property
    def currency(self) -> str:
        return _text(self.record.get("delivery", "cost", "currency")) or "USD"

    @cached_property
    def cost_text(self) -> str:
        if self.cost_amount == 0:
            return "Free"
        amount = f"{self.cost_amount:,.2f}".removesuffix(".00")
        return f"${amount}" if self.currency == "USD" else f"{amount} {self.currency}"

    @cached_property
    def hours_text(self) -> str:
        if self.hours is None:
            return "Not stated"
        text = _count(self.hours, "hour")
        if self.weeks:
            text += f" over {_count(self.weeks, 'week')}"
        return text

    @cached_property
    def passing_score_text(self) -> str:
        return f"{self.record.passing_score:g}%"

    @cached_property
    def enrolment_url(self) -> str:
        return safe_url(self.record.get("delivery", "enrolment_url"))

    @cached_property
    def language(self) -> str:
        return _text(self.record.get("language")) or "en-US"

    @cached_property
    def approved_on(self) -> str:
        return _date_text(self.record.get("approval", "approved_on"))

    @cached_property
    def revised_on(self) -> str:
        return _date_text(self.record.get("revised_on"))

    @cached_property
    def is_retired(self) -> bool:
        return self.record.status == "retired"

    @cached_property
    def is_suspended(self) -> bool:
        return self.record.status == "suspended"

    @cached_property
    def badge_alt(self) -> str:
        supplied = _text(self.record.get("badge", "image_alt"))
        return supplied or f"Badge for {self.title}, issued by {self.unit_name}"

    @cached_property
    def skills_json(self) -> str:
        """Return the skill names as a JSON array, a plain string for autoescape to quote."""
        return json.dumps(self.record.skills, ensure_ascii=False)

    @cached_property
    def skill_items(self) -> list[dict[str, str]]:
        """Each skill with its framework, code and a link only if it is http(s)."""
        items = []
        for skill in _list(self.record.get("skills")):
            if isinstance(skill, dict) and isinstance(skill.get("name"), str):
                items.append(
                    {
                        "name": skill["name"],
                        "framework": _text(skill.get("framework")),
                        "code": _text(skill.get("code")),
                        "url": safe_url(skill.get("url")),
                    }
                )
        return items

    def texts(self, *path: str) -> list[str]:
        """Return the strings of the list at ``path``, skipping anything else."""
        return [item for item in _list(self.record.get(*path)) if isinstance(item, str)]

    def text(self, *path: str) -> str:
        return _text(self.record.get(*path))

    def contacts(self) -> list[dict[str, str]]:
        """Return the public contacts: the unit contact and the program administrator."""
        found = []
        for key, role in (
            ("unit_contact", "Questions about the credential"),
            ("program_administrator", "Enrolment and badge awards"),
        ):
            contact = self.record.get("contacts", key)
            if isinstance(contact, dict) and isinstance(contact.get("email"), str):
                found.append(
                    {
                        "role": role,
                        "name": _text(contact.get("name")),
                        "email": contact["email"],
                    }
                )
        return found

    def partners(self) -> list[dict[str, str]]:
        return [
            {
                "name": p["name"],
                "type": _text(p.get("type")),
                "url": safe_url(p.get("url")),
            }
            for p in _list(self.record.get("partners"))
            if isinstance(p, dict) and isinstance(p.get("name"), str)
        ]


def safe_url(value: Any) -> str:
    """Return ``value`` when it is an absolute http(s) URL, else an empty string."""
    if not isinstance(value, str) or UNSAFE_URL_CHARACTERS.search(value):
        return ""
    parts = urlsplit(value)
    return value if parts.scheme.lower() in SAFE_SCHEMES and parts.netloc else ""


def build_views(
    records: list[Record], governance: Governance | None
) -> list[CredentialView]:
    """Build a view per published record and link the stacking relations both ways."""
    views = []
    for record in records:
        unit = governance.units.get(record.unit) if governance else None
        college = governance.college_of(record.unit) if governance else None
        views.append(CredentialView(record=record, unit=unit, college=college))
    by_id = {view.id: view for view in views}
    for view in views:
        for target_id in view.record.stacks_into:
            target = by_id.get(target_id)
            if target is not None and target is not view:
                view.stacks_into.append(target)
                target.stacked_from.append(view)
    return sorted(views, key=lambda view: view.title.casefold())


def _count(number: float, noun: str) -> str:
    return f"{number:g} {noun}" if number == 1 else f"{number:g} {noun}s"


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _date_text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value if isinstance(value, str) else ""

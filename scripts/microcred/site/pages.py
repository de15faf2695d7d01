"""The HTML of generated pages: home listing, credential, unit and college pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup

from ..governance import College, Governance, Unit
from .model import LEVEL_NAMES, MODE_NAMES, CredentialView, safe_url
from .render import create_environment
from .schemaorg import schema_org_credential
from .urls import SiteUrls


@dataclass
class Filter:
    name: str
    label: str
    all_label: str
    options: list[tuple[str, str]]


#: Search indexes what learners look for: titles, outcomes, descriptions, skills and
#: earning criteria. The rest replaces this marker in the finished page, after
#: mkdocs-material's search plugin has read the content: card lists, a credential's
#: practical details (time, cost, enrolment, contacts, stacking, record) and its
#: JSON-LD. Parsing them for search would cost build time on a large catalogue.
LATE_MARKER = "<!-- microcred:late -->"
#: Stands for the relative path to the site root in cached cards. Autoescape turns
#: every "<" in record text into "&lt;", so only the template can write this token.
BASE_PLACEHOLDER = Markup("<mc-base>")


@dataclass
class Rendered:
    """A page's main content, with the HTML that replaces ``LATE_MARKER`` later."""

    content: str
    late: str = ""


@dataclass
class PageRenderer:
    """The renderer of every generated page, from the credential views and governance.yaml."""

    views: list[CredentialView]
    governance: Governance | None
    urls: SiteUrls
    env: jinja2.Environment = field(default_factory=create_environment)
    card_cache: dict[str, str] = field(default_factory=dict)

    @property
    def listed(self) -> list[CredentialView]:
        return [view for view in self.views if view.record.is_listed]

    @property
    def institution(self) -> str:
        return (
            self.governance.institution_name if self.governance else "the institution"
        )

    def home(self, base: str) -> Rendered:
        views = self.listed
        offering = {view.college.id for view in views if view.college}
        colleges = []
        if self.governance:
            colleges = [
                c for c in self.governance.colleges.values() if c.id in offering
            ]
        content = self._render(
            "home.html.j2", base, views=views, filters=self.filters(), colleges=colleges
        )
        return Rendered(content, self._cards(views, base, "mc-cards"))

    def credential(self, view: CredentialView, base: str) -> Rendered:
        content = self._render("credential.html.j2", base, view=view)
        json_ld = schema_org_credential(view, self.governance, self.urls)
        late = self._render(
            "credential_details.html.j2",
            base,
            view=view,
            json_ld=json_ld,
            institution=self.institution,
        )
        return Rendered(content, late)

    def unit(self, unit: Unit, base: str) -> Rendered:
        views = [view for view in self.listed if view.record.unit == unit.id]
        college = (
            self.governance.colleges.get(unit.college) if self.governance else None
        )
        content = self._render(
            "unit.html.j2",
            base,
            unit=unit,
            college=college,
            views=views,
            unit_url=safe_url(unit.url),
        )
        return Rendered(content, self._cards(views, base))

    def college(self, college: College, base: str) -> Rendered:
        units = []
        if self.governance:
            units = [
                u for u in self.governance.units.values() if u.college == college.id
            ]
        views = [
            view
            for view in self.listed
            if view.college and view.college.id == college.id
        ]
        content = self._render(
            "college.html.j2", base, college=college, units=units, views=views
        )
        return Rendered(content, self._cards(views, base))

    def filters(self) -> list[Filter]:
        """Return the home page filters with only the values some listed credential has."""
        listed = self.listed
        colleges = {v.college.id: v.college.name for v in listed if v.college}
        units = {v.record.unit: v.unit_name for v in listed}
        levels = {v.record.level: v.level_name for v in listed if v.record.level}
        modes = {v.mode: v.mode_name for v in listed if v.mode}
        skills = {skill: skill for v in listed for skill in v.record.skills}
        return [
            Filter("college", "College", "All colleges", _sorted_by_label(colleges)),
            Filter("unit", "Unit", "All units", _sorted_by_label(units)),
            Filter("level", "Level", "All levels", _ordered(levels, LEVEL_NAMES)),
            Filter("mode", "Delivery", "Any delivery", _ordered(modes, MODE_NAMES)),
            Filter("skill", "Skill", "Any skill", _sorted_by_label(skills)),
        ]

    def _cards(self, views: list[CredentialView], base: str, list_id: str = "") -> str:
        """Return the card list, rendering each card once for every page it is on."""
        if not views:
            return ""
        cards = []
        for view in views:
            card = self.card_cache.get(view.id)
            if card is None:
                card = self._render("card.html.j2", BASE_PLACEHOLDER, view=view)
                self.card_cache[view.id] = card
            cards.append(card)
        opening = (
            f'<ul class="mc-cards" id="{list_id}">'
            if list_id
            else '<ul class="mc-cards">'
        )
        return opening + "".join(cards).replace(BASE_PLACEHOLDER, base) + "</ul>"

    def _render(self, template: str, base: str, **context: Any) -> str:
        return self.env.get_template(template).render(
            base=base, urls=self.urls, late_marker=Markup(LATE_MARKER), **context
        )


def _sorted_by_label(values: dict[str, str]) -> list[tuple[str, str]]:
    return sorted(values.items(), key=lambda item: (item[1].casefold(), item[0]))


def _ordered(values: dict[str, str], known: dict[str, str]) -> list[tuple[str, str]]:
    order = list(known)

    def key(item: tuple[str, str]) -> tuple[int, str]:
        position = order.index(item[0]) if item[0] in order else len(order)
        return position, item[1]

    return sorted(values.items(), key=key)

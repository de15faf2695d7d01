"""axe-core finds no WCAG 2.1 A or AA violation on any page type, light or dark."""

from __future__ import annotations

from typing import Any

import pytest
from sitekit import AXE, RETIRED_ID

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = {
    "home": "",
    "home-filtered": "?level=professional&sort=cost",
    "credential": "credentials/engineering-mechanics-foundations/",
    "credential-retired": f"credentials/{RETIRED_ID}/",
    "unit": "units/computing/",
    "college": "colleges/engineering/",
    "docs": "proposing/",
}
SCHEMES = {"light": "default", "dark": "slate"}


def _violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return result["violations"]


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        targets = [node["target"] for node in violation["nodes"][:5]]
        lines.append(f"{violation['id']}: {violation['help']} at {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_has_no_axe_violations(
    sample_url: str, open_page: Any, name: str, scheme: str
) -> None:
    page = open_page(color_scheme=scheme)
    page.goto(sample_url + PAGES[name])
    page.wait_for_load_state("load")

    applied = page.get_attribute("body", "data-md-color-scheme")
    violations = _violations(page)

    assert applied == SCHEMES[scheme]
    assert violations == [], _describe(violations)

"""Markdown rendering of record text, and the JSON-LD serialiser."""

from __future__ import annotations

import markdown
import nh3
import pytest
import yaml
from sitekit import REPO

from microcred.site import render
from microcred.site.model import safe_url

PROSE = [
    "One paragraph.",
    'First paragraph.\n\nSecond paragraph, with (brackets), 50% and "quotes".',
    "A line\nand the next line of the same paragraph.\n",
    "Trailing spaces  \nmake a line break.",
    "    indented code",
    "- a list item",
    "1. a numbered item",
    "Heading\n=======",
    "R&D costs",
    "**bold** and _em_",
    "Tab\tinside a line.",
    "Windows\r\nline ends.",
    "One trailing space \nthen more.",
    "Ends with a colon: https://example.edu and <https://example.edu>",
    "Unicode \u00e9t\u00e9 and \u2014 dashes",
]


def _slow(text: str) -> str:
    html = markdown.markdown(text, extensions=["sane_lists", "tables"])
    return nh3.clean(
        html,
        tags=render.ALLOWED_TAGS,
        attributes=render.ALLOWED_ATTRIBUTES,
        url_schemes=render.ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def _sample_texts() -> list[str]:
    texts = []
    for path in sorted((REPO / "credentials").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        criteria = data.get("earning_criteria") or {}
        texts += [data.get("description", ""), criteria.get("assessment", "")]
        texts.append(criteria.get("evidence", ""))
    return [text for text in texts if text]


@pytest.mark.parametrize("text", PROSE + _sample_texts())
def test_fast_path_matches_markdown(text: str) -> None:
    assert str(render.render_markdown(text)) == _slow(text)


def test_headings_one_and_two_dropped() -> None:
    html = str(render.render_markdown("# Big\n\n## Smaller\n\n### Allowed"))
    assert "<h1>" not in html
    assert "<h2>" not in html
    assert "<h3>Allowed</h3>" in html


def test_images_dropped() -> None:
    html = str(render.render_markdown("![tracker](https://example.org/pixel.png)"))
    assert "<img" not in html


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.edu/enrol", "https://example.edu/enrol"),
        ("http://example.edu", "http://example.edu"),
        ("javascript:alert(1)", ""),
        ("java\nscript:alert(1)", ""),
        (" https://example.edu", ""),
        ("mailto:a@example.edu", ""),
        ("https:///no-host", ""),
        (42, ""),
    ],
)
def test_safe_url_allows_http_only(value: object, expected: str) -> None:
    assert safe_url(value) == expected

"""A catalogue full of injection attempts builds into a site where none of them works."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from injection_corpus import MARKER, PAYLOADS, poison_governance, write_corpus
from sitekit import BuiltSite, copy_catalogue, serve

from microcred.commands.build import build_site
from microcred.site.render import json_for_script, render_markdown

UNIT = "computing"
TEMPLATE = "credentials/computing/sql-for-data-analysis.yaml"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)

# Runs in the page: everything a payload could have left behind.
PROBE = """() => {
  const handlers = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith('on')) handlers.push(element.tagName + ' ' + attribute.name);
    }
  }
  const links = [...document.querySelectorAll('[href], [src], [action], [formaction]')]
    .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action') || '')
    .filter(v => /^\\s*(javascript|data|vbscript):/i.test(v) && !v.startsWith('data:image/'));
  const scripts = [...document.scripts]
    .filter(s => s.type !== 'application/ld+json' && /__xss|zqxj/.test(s.textContent));
  const ldErrors = [];
  for (const block of document.querySelectorAll('script[type="application/ld+json"]')) {
    try { JSON.parse(block.textContent); } catch (error) { ldErrors.push(String(error)); }
  }
  return {
    xss: window.__xss === undefined ? null : window.__xss,
    injected: document.querySelectorAll(
      '.injected, [data-injected], iframe, object, embed, style, ' +
      'form:not(.md-header__option):not(.md-search__form):not(#mc-filters)').length,
    handlers, links, scripts: scripts.length, ldErrors,
  };
}"""


@pytest.fixture(scope="module")
def injection_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = copy_catalogue(tmp_path_factory.mktemp("injection") / "repo")
    template = yaml.safe_load((root / TEMPLATE).read_text(encoding="utf-8"))
    for folder in ("credentials", "proposals"):
        for path in (root / folder).rglob("*.yaml"):
            path.unlink()
    write_corpus(root, template, UNIT)
    poison_governance(root / "governance.yaml", UNIT)
    site = root / "site"
    build_site(root, site)
    return BuiltSite(root=root, site=site)


@pytest.fixture(scope="module")
def injection_url(injection_site: BuiltSite) -> Iterator[str]:
    with serve(injection_site.site) as url:
        yield url


def _pages(site: Path) -> list[str]:
    pages = [""]
    pages += [
        f"credentials/{p.name}/" for p in sorted((site / "credentials").iterdir())
    ]
    pages += [f"units/{UNIT}/", "colleges/engineering/"]
    return pages


def test_markdown_drops_raw_html() -> None:
    for payload in PAYLOADS:
        html = str(render_markdown(payload)).lower()
        tags = set(re.findall(r"<([a-z0-9]+)", html))
        assert tags <= {"p", "a", "em", "strong", "code"}, payload
        assert not re.search(r"<[^>]*\son[a-z]+\s*=", html), payload
        assert not re.search(r'href="(?!https?:|mailto:)', html), payload


def test_markdown_keeps_formatting() -> None:
    html = str(render_markdown("**bold** and [a link](https://example.edu)"))
    assert "<strong>bold</strong>" in html
    assert (
        '<a href="https://example.edu" rel="noopener noreferrer nofollow">a link</a>'
        in html
    )


def test_json_for_script_escapes_markup() -> None:
    text = str(json_for_script({"name": "</script><!--&"}))
    assert "<" not in text
    assert ">" not in text
    assert "&" not in text
    assert json.loads(text) == {"name": "</script><!--&"}


@pytest.mark.browser
def test_no_payload_runs_in_browser(
    injection_site: BuiltSite, injection_url: str, open_page: Any
) -> None:
    dialogs: list[str] = []
    page = open_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    for rel in _pages(injection_site.site):
        page.goto(injection_url + rel)
        page.hover("h1")
        found = page.evaluate(PROBE)
        assert found["xss"] is None, rel
        assert found["injected"] == 0, rel
        assert found["handlers"] == [], rel
        assert found["links"] == [], rel
        assert found["scripts"] == 0, rel
        assert found["ldErrors"] == [], rel
    assert dialogs == []


@pytest.mark.browser
def test_search_results_stay_inert(injection_url: str, open_page: Any) -> None:
    dialogs: list[str] = []
    page = open_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(injection_url)

    page.keyboard.press("/")
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.trim()"
        " === 'Type to start searching'"
    )
    page.keyboard.type(MARKER)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.wait_for_timeout(500)
    found = page.evaluate(PROBE)

    assert found["xss"] is None
    assert found["injected"] == 0
    assert found["handlers"] == []
    assert dialogs == []


@pytest.mark.browser
def test_badge_svg_stays_inert(
    injection_site: BuiltSite, injection_url: str, open_page: Any
) -> None:
    dialogs: list[str] = []
    page = open_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for badge in sorted((injection_site.site / "badges").glob("*.svg")):
        page.goto(injection_url + f"badges/{badge.name}")
        assert page.evaluate("window.__xss === undefined")
        assert (
            page.evaluate("document.querySelectorAll('script, .injected').length") == 0
        )
    assert dialogs == []


def test_exports_parse_and_keep_text(injection_site: BuiltSite) -> None:
    site = injection_site.site
    for path in site.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    for path in [site / "feed.xml", *(site / "badges").glob("*.svg")]:
        ET.parse(path)
    catalogue = json.loads(
        (site / "api" / "catalogue.json").read_text(encoding="utf-8")
    )
    titles = {item["title"] for item in catalogue["credentials"]}
    assert titles <= set(PAYLOADS)


def test_json_ld_cannot_close_script(injection_site: BuiltSite) -> None:
    for page in (injection_site.site / "credentials").rglob("index.html"):
        blocks = JSON_LD.findall(page.read_text(encoding="utf-8"))
        assert len(blocks) == 1, page
        data = json.loads(blocks[0])
        assert data["name"] in PAYLOADS

"""Search entries of credential pages: the same as mkdocs-material's, and escaped."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser
from sitekit import BuiltSite

from microcred.site.search import INDEX_PATH, add_entries, page_entries


def _material_entries(content: str, url: str, title: str) -> list[dict[str, str]]:
    """Cut ``content`` into entries the way the search plugin's own parser does."""
    parser = Parser()
    parser.feed(content)
    parser.close()
    entries = []
    for section in parser.data:
        location = f"{url}#{section.id}" if section.id else url
        heading = "".join(section.title).strip() or title
        text = " ".join("".join(section.text).replace("\u00a0", " ").split())
        entries.append({"location": location, "title": heading, "text": text})
    return entries


def _index(site: Path) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = json.loads((site / INDEX_PATH).read_text("utf-8"))[
        "docs"
    ]
    return docs


def test_entries_match_search_plugin(sample_site: BuiltSite) -> None:
    page = sample_site.site / "credentials" / "data-visualization-python" / "index.html"
    html_text = page.read_text(encoding="utf-8")
    start = html_text.index('<article class="mc-credential"')
    end = html_text.index("</article>", start) + len("</article>")
    content = html_text[start:end]
    url = "credentials/data-visualization-python/"
    title = "Data Visualization with Python"
    ours = page_entries(content, url, title)
    theirs = _material_entries(content, url, title)
    assert [e["location"] for e in ours] == [e["location"] for e in theirs]
    assert [e["title"] for e in ours] == [e["title"] for e in theirs]
    for mine, reference in zip(ours[1:], theirs[1:], strict=True):
        assert mine["text"] == reference["text"]


def test_built_index_lists_credentials_once(sample_site: BuiltSite) -> None:
    docs = _index(sample_site.site)
    locations = [entry["location"] for entry in docs]
    assert len(locations) == len(set(locations))
    credentials = sorted(sample_site.root.glob("credentials/*/*.yaml"))
    for path in credentials:
        assert f"credentials/{path.stem}/" in locations
        assert f"credentials/{path.stem}/#skills" in locations


def test_page_entries_escape_titles_and_text() -> None:
    content = (
        "<h1>x</h1><p>Learn &lt;script&gt; safely</p>"
        '<h2 id="skills">Skills &amp; tools</h2><ul><li><a href="/x">Git</a></li></ul>'
    )
    entries = page_entries(content, "credentials/x/", "<img src=x onerror=alert(1)>")
    assert entries[0]["title"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert entries[0]["text"] == "x<p>Learn &lt;script&gt; safely</p>"
    assert entries[1] == {
        "location": "credentials/x/#skills",
        "title": "Skills &amp; tools",
        "text": "<ul><li>Git</li></ul>",
    }


def test_add_entries_appends_to_index(tmp_path: Path) -> None:
    index = tmp_path / INDEX_PATH
    index.parent.mkdir()
    index.write_text(
        json.dumps({"config": {"lang": ["en"]}, "docs": [{"location": "a/"}]}),
        encoding="utf-8",
    )
    add_entries(tmp_path, [{"location": "b/", "title": "B", "text": ""}])
    data = json.loads(index.read_text(encoding="utf-8"))
    assert data["config"] == {"lang": ["en"]}
    assert [entry["location"] for entry in data["docs"]] == ["a/", "b/"]
    assert list(index.parent.iterdir()) == [index]


def test_add_entries_without_search_index(tmp_path: Path) -> None:
    add_entries(tmp_path, [{"location": "b/", "title": "B", "text": ""}])
    assert not (tmp_path / INDEX_PATH).exists()


def test_add_entries_leaves_unreadable_index(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    index = tmp_path / INDEX_PATH
    index.parent.mkdir()
    index.write_text("[1, 2", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.microcred"):
        add_entries(tmp_path, [{"location": "b/", "title": "B", "text": ""}])
    assert index.read_text(encoding="utf-8") == "[1, 2"
    assert "left out of search" in caplog.text
    assert str(index) in caplog.text

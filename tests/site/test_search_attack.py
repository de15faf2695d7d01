"""Search entries of hostile credential text, with microcred listed before search."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser
from sitekit import REPO, build_with_cli, copy_catalogue

from microcred.site.search import INDEX_PATH
from microcred.yamledit import set_field

HOSTILE = '<img src=x onerror=alert(1)> </h2><h2 id="x">Pwn & "q" \'s'
RECORD = "data-visualization-python"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_catalogue(tmp_path_factory.mktemp("hostile") / "repo")
    record = next(root.glob(f"credentials/*/{RECORD}.yaml"))
    text = record.read_text(encoding="utf-8")
    text = set_field(text, "title", f"Charts {HOSTILE}")
    text = set_field(text, "summary", f"Summary {HOSTILE} <script>alert(2)</script>")
    quoted_skill = "'Zebrafish charting " + HOSTILE.replace("'", "''") + "'"
    text = re.sub(
        r"^  - name: .*$", f"  - name: {quoted_skill}", text, count=1, flags=re.M
    )
    record.write_text(text, encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    reordered = config.replace(
        "  - search\n  - microcred\n", "  - microcred\n  - search\n"
    )
    assert reordered != config
    (root / "mkdocs.yml").write_text(reordered, encoding="utf-8")
    return build_with_cli(root)


def _docs(site: Path) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = json.loads(
        (site / INDEX_PATH).read_text(encoding="utf-8")
    )["docs"]
    return docs


def _plugin_entries(page: Path, url: str) -> list[tuple[str, str, str]]:
    """Cut a credential page into entries the way the search plugin's parser does.

    The search plugin reads the page before its practical details, which start at
    "Time and cost", are added, so the page is cut there.
    """
    text = page.read_text(encoding="utf-8")
    start = text.index('<article class="mc-credential"')
    end = text.index('<h2 id="time-cost">', start)
    parser = Parser()
    parser.feed(text[start:end])
    parser.close()
    entries = []
    for section in parser.data:
        location = f"{url}#{section.id}" if section.id else url
        heading = html.unescape("".join(section.title).strip())
        body = " ".join("".join(section.text).replace("\u00a0", " ").split())
        entries.append((location, heading, body))
    return entries


def test_hostile_text_stays_escaped(hostile_site: Path) -> None:
    docs = _docs(hostile_site)
    ours = [doc for doc in docs if doc["location"].startswith(f"credentials/{RECORD}/")]
    assert ours[0]["title"].startswith("Charts &lt;img src=x onerror=alert(1)&gt;")
    for doc in docs:
        for value in (doc["title"], doc["text"]):
            assert "<img" not in value
            assert "<script" not in value
            assert "<h2" not in value
    skills = next(doc for doc in ours if doc["location"].endswith("#skills"))
    assert "Zebrafish charting &lt;img" in skills["text"]


def test_every_credential_indexed_like_search_plugin(hostile_site: Path) -> None:
    docs = _docs(hostile_site)
    locations = [doc["location"] for doc in docs]
    assert len(locations) == len(set(locations))
    credentials = sorted(path.stem for path in REPO.glob("credentials/*/*.yaml"))
    compared = 0
    for record in credentials:
        url = f"credentials/{record}/"
        page = hostile_site / "credentials" / record / "index.html"
        if not page.is_file():
            continue  # A record that is not published has no page.
        ours = [doc for doc in docs if doc["location"].split("#")[0] == url]
        theirs = _plugin_entries(page, url)
        assert [doc["location"] for doc in ours] == [entry[0] for entry in theirs]
        assert [html.unescape(doc["title"]) for doc in ours[1:]] == [
            entry[1] for entry in theirs[1:]
        ]
        texts = [" ".join(doc["text"].replace("\u00a0", " ").split()) for doc in ours]
        assert texts[1:] == [entry[2] for entry in theirs[1:]]
        compared += 1
    assert compared >= 2

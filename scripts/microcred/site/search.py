"""Search entries for credential pages, built from the HTML this plugin rendered.

mkdocs-material's search plugin indexes a page by running Python's HTML parser over
all of it. On a 2,000-credential build that cost about 2 s of CPU time. Credential
pages are therefore left out of that pass (``search: exclude`` in the page meta).
Their entries are cut from the content this plugin renders instead: one for the
page, then one for each ``<h2 id=...>`` section, in the search plugin's format.
They are added to ``search/search_index.json`` after the search plugin writes it.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
from pathlib import Path
from typing import Any

import nh3

log = logging.getLogger("mkdocs.plugins.microcred")

INDEX_PATH = Path("search") / "search_index.json"
#: Markup that the search plugin keeps in its entries; other tags are removed and
#: their text kept.
KEPT_TAGS = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}
_SECTION = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.S)


def page_entries(content: str, url: str, title: str) -> list[dict[str, str]]:
    """Return the search entries of one credential page's rendered ``content``.

    ``title`` is the plain credential title, escaped here because the search page
    shows titles as HTML. Section titles come from the ``<h2 id=...>`` elements of
    the credential template.
    """
    parts = _SECTION.split(content)
    page_title = html.escape(title, quote=False)
    entries = [{"location": url, "title": page_title, "text": _text(parts[0])}]
    for position in range(1, len(parts) - 2, 3):
        anchor, heading, body = parts[position : position + 3]
        entries.append(
            {
                "location": f"{url}#{anchor}",
                "title": _text(heading),
                "text": _text(body),
            }
        )
    return entries


def add_entries(site_dir: Path, entries: list[dict[str, str]]) -> None:
    """Append ``entries`` to the search index under ``site_dir``, if there is one."""
    path = site_dir / INDEX_PATH
    if not entries or not path.is_file():
        return
    try:
        index: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        docs = index["docs"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning(
            "microcred: credential pages left out of search, %s is unreadable: %s",
            path,
            exc,
        )
        return
    docs.extend(entries)
    text = json.dumps(index, separators=(",", ":"), ensure_ascii=False)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _text(fragment: str) -> str:
    """Return ``fragment`` with only the kept tags, escaped, on one line."""
    cleaned = nh3.clean(fragment, tags=KEPT_TAGS, attributes={})
    return " ".join(cleaned.replace("&nbsp;", " ").split())

"""The Atom feed of newly approved credentials, newest approval first."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .model import CredentialView
from .urls import SiteUrls

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50
#: Characters that XML 1.0 does not allow, which ElementTree would write unchanged.
INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def atom_feed(views: list[CredentialView], title: str, urls: SiteUrls) -> bytes:
    """Return the feed as UTF-8 XML. ElementTree escapes every text value."""
    ET.register_namespace("", ATOM)
    approved = sorted(
        (view for view in views if view.approved_on),
        key=lambda view: (view.approved_on, view.id),
        reverse=True,
    )[:MAX_ENTRIES]
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "title", f"New micro-credentials: {title}")
    _add(feed, "id", urls.absolute("feed.xml"))
    _add(
        feed,
        "updated",
        _timestamp(approved[0].approved_on) if approved else "1970-01-01T00:00:00Z",
    )
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=urls.absolute("feed.xml"))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=urls.site_url)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _add(author, "name", title)
    for view in approved:
        page_url = urls.absolute(urls.credential(view))
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _add(entry, "title", view.title)
        _add(entry, "id", page_url)
        _add(entry, "updated", _timestamp(view.revised_on or view.approved_on))
        _add(entry, "published", _timestamp(view.approved_on))
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=page_url)
        _add(entry, "summary", view.text("summary") or view.title)
        _add(entry, "category", "").set("term", view.level_name)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _add(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    if text:
        element.text = INVALID_XML.sub("", text)
    return element


def _timestamp(date_text: str) -> str:
    return f"{date_text[:10]}T00:00:00Z"

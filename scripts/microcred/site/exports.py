"""Open data written next to the pages: JSON, Open Badges, CTDL, schemas and feed.

Every file is JSON or XML produced by a serialiser, so record text cannot change
the structure of an export.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from typing import Any

from ..catalogue import Catalogue
from .ctdl import ctdl_credential, ctdl_document, ctdl_graph
from .feed import atom_feed
from .model import CredentialView
from .openbadges import ob2_badge_class, ob2_issuer, ob3_achievement
from .urls import SiteUrls

log = logging.getLogger("mkdocs.plugins.microcred")

#: Record fields kept out of the public JSON because they only matter to staff.
PRIVATE_FIELDS = ("canvas",)


def write_exports(
    site_dir: Path,
    root: Path,
    views: list[CredentialView],
    catalogue: Catalogue,
    urls: SiteUrls,
    badges: dict[str, bytes],
) -> None:
    """Write every export for ``views``, and the ``badges`` by path, under ``site_dir``."""
    governance = catalogue.governance
    for folder in (
        "api/credentials",
        "openbadges/v2",
        "openbadges/v3",
        "ctdl",
        "badges",
    ):
        (site_dir / folder).mkdir(parents=True, exist_ok=True)
    for path, data in badges.items():
        (site_dir / path).write_bytes(data)
    listed = [view for view in views if view.record.is_listed]
    summaries = []
    graph = []
    for view in views:
        ctdl = ctdl_credential(view, governance, urls)
        _write_json(
            site_dir / "api" / "credentials" / f"{view.id}.json",
            _full_record(view, urls),
        )
        _write_json(
            site_dir / "openbadges" / "v2" / f"{view.id}.json",
            ob2_badge_class(view, urls),
        )
        _write_json(
            site_dir / "openbadges" / "v3" / f"{view.id}.json",
            ob3_achievement(view, governance, urls),
        )
        _write_json(site_dir / "ctdl" / f"{view.id}.json", ctdl_document(ctdl))
        if view.record.is_listed:
            summaries.append(_summary(view, urls))
            graph.append(ctdl)

    _write_json(
        site_dir / "api" / "catalogue.json",
        {"credentials": summaries, "count": len(summaries)},
    )
    _write_json(site_dir / "ctdl" / "catalogue.json", ctdl_graph(graph))
    _write_json(site_dir / "openbadges" / "issuer.json", ob2_issuer(governance, urls))
    title = governance.institution_name if governance else "Micro-credentials"
    (site_dir / "feed.xml").write_bytes(atom_feed(listed, title, urls))
    _copy_schemas(root / "schema", site_dir / "schema")
    log.info(
        "microcred: wrote exports for %d credentials (%d listed)",
        len(views),
        len(listed),
    )


def _summary(view: CredentialView, urls: SiteUrls) -> dict[str, Any]:
    return {
        "id": view.id,
        "title": view.title,
        "summary": view.text("summary"),
        "unit": view.record.unit,
        "unit_name": view.unit_name,
        "college": view.college.id if view.college else "",
        "level": view.record.level,
        "delivery_mode": view.mode,
        "hours": view.hours,
        "cost": {"amount": view.cost_amount, "currency": view.currency},
        "passing_score": view.record.passing_score,
        "skills": view.record.skills,
        "status": view.record.status,
        "approved_on": view.approved_on,
        "url": urls.absolute(urls.credential(view)),
        "badge": urls.absolute(view.badge_file),
        "record": urls.absolute(f"api/credentials/{view.id}.json"),
    }


def _full_record(view: CredentialView, urls: SiteUrls) -> dict[str, Any]:
    data = {
        key: value
        for key, value in view.record.data.items()
        if key not in PRIVATE_FIELDS
    }
    return {
        "url": urls.absolute(urls.credential(view)),
        "badge": urls.absolute(view.badge_file),
        "record": data,
    }


def _write_json(path: Path, data: Any) -> None:
    # No indent: the C encoder only runs without one, and it is several times faster.
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    path.write_text(text + "\n", encoding="utf-8")


def _copy_schemas(source: Path, target: Path) -> None:
    if not source.is_dir():
        return
    target.mkdir(parents=True, exist_ok=True)
    for schema in sorted(source.glob("*.json")):
        shutil.copyfile(schema, target / schema.name)

"""Pages and open data of the built sample site: coverage, standards, no proposals."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource
from sitekit import REPO, RETIRED_ID, BuiltSite

from microcred.catalogue import Catalogue
from microcred.records import Record
from microcred.site.ctdl import ORGANIZATION_PROPERTIES, REQUIRED_PROPERTIES

OB3_SCHEMA = REPO / "tests" / "data" / "ob3" / "achievementcredential.json"
ATOM = "{http://www.w3.org/2005/Atom}"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def catalogue(sample_site: BuiltSite) -> Catalogue:
    return Catalogue.load(sample_site.root)


def _published(catalogue: Catalogue) -> list[Record]:
    return catalogue.published


def _load(site: Path, rel: str) -> Any:
    return json.loads((site / rel).read_text(encoding="utf-8"))


def test_every_credential_has_page(
    sample_site: BuiltSite, catalogue: Catalogue
) -> None:
    assert catalogue.published
    for record in catalogue.published:
        page = sample_site.site / "credentials" / record.id / "index.html"
        assert page.is_file(), record.id
        assert record.title in page.read_text(encoding="utf-8")


def test_unit_and_college_pages_exist(
    sample_site: BuiltSite, catalogue: Catalogue
) -> None:
    assert catalogue.governance is not None
    for unit in catalogue.governance.units:
        assert (sample_site.site / "units" / unit / "index.html").is_file()
    for college in catalogue.governance.colleges:
        assert (sample_site.site / "colleges" / college / "index.html").is_file()


def test_proposals_never_published(
    sample_site: BuiltSite, catalogue: Catalogue
) -> None:
    assert catalogue.proposals, "the sample catalogue should contain proposals"
    texts = [
        path.read_text(encoding="utf-8", errors="replace")
        for path in sample_site.site.rglob("*")
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".svg"}
    ]
    for proposal in catalogue.proposals:
        for text in texts:
            assert proposal.id not in text
            assert proposal.title not in text


def test_retired_credential_leaves_listings(sample_site: BuiltSite) -> None:
    site = sample_site.site
    page = (site / "credentials" / RETIRED_ID / "index.html").read_text(
        encoding="utf-8"
    )
    listed_ids = [
        item["id"] for item in _load(site, "api/catalogue.json")["credentials"]
    ]
    graph = json.dumps(_load(site, "ctdl/catalogue.json"))
    listings = [site / "index.html", site / "feed.xml"]
    listings += list((site / "units").rglob("index.html"))
    listings += list((site / "colleges").rglob("index.html"))

    assert "This credential is retired" in page
    assert RETIRED_ID not in listed_ids
    assert f"credentials/{RETIRED_ID}/" not in graph
    for listing in listings:
        assert f"credentials/{RETIRED_ID}/" not in listing.read_text(
            encoding="utf-8"
        ), listing
    assert (site / "api" / "credentials" / f"{RETIRED_ID}.json").is_file()


def test_catalogue_json_lists_listed(
    sample_site: BuiltSite, catalogue: Catalogue
) -> None:
    exported = _load(sample_site.site, "api/catalogue.json")
    listed = sorted(r.id for r in catalogue.published if r.is_listed)

    assert sorted(item["id"] for item in exported["credentials"]) == listed
    assert exported["count"] == len(listed)
    for record in catalogue.published:
        detail = _load(sample_site.site, f"api/credentials/{record.id}.json")
        assert detail["record"]["id"] == record.id
        assert detail["url"].endswith(f"/credentials/{record.id}/")


def test_ob3_achievements_validate(
    sample_site: BuiltSite, catalogue: Catalogue
) -> None:
    schema = json.loads(OB3_SCHEMA.read_text(encoding="utf-8"))
    resource = Resource.from_contents(schema)
    registry = Registry().with_resource(schema["$id"], resource)
    validator = jsonschema.Draft201909Validator(
        {"$ref": schema["$id"] + "#/$defs/Achievement"}, registry=registry
    )
    for record in catalogue.published:
        achievement = _load(sample_site.site, f"openbadges/v3/{record.id}.json")
        errors = [error.message for error in validator.iter_errors(achievement)]
        result = achievement["resultDescription"][0]

        assert errors == [], f"{record.id}: {errors}"
        assert achievement["achievementType"] == "MicroCredential"
        assert result["resultType"] == "Percent"
        assert float(result["requiredValue"]) == record.passing_score


def test_ob3_validator_rejects_broken(
    sample_site: BuiltSite, catalogue: Catalogue
) -> None:
    schema = json.loads(OB3_SCHEMA.read_text(encoding="utf-8"))
    registry = Registry().with_resource(schema["$id"], Resource.from_contents(schema))
    validator = jsonschema.Draft201909Validator(
        {"$ref": schema["$id"] + "#/$defs/Achievement"}, registry=registry
    )
    achievement = _load(
        sample_site.site, f"openbadges/v3/{catalogue.published[0].id}.json"
    )
    achievement["type"] = "Achievement"
    del achievement["criteria"]

    assert not validator.is_valid(achievement)


def test_ob2_badge_classes_complete(
    sample_site: BuiltSite, catalogue: Catalogue
) -> None:
    issuer = _load(sample_site.site, "openbadges/issuer.json")
    for record in catalogue.published:
        badge = _load(sample_site.site, f"openbadges/v2/{record.id}.json")
        assert badge["type"] == "BadgeClass"
        assert badge["issuer"] == issuer["id"]
        for key in ("id", "name", "description", "image", "criteria"):
            assert badge[key], f"{record.id}: {key}"
        assert (
            sample_site.site / badge["image"].split("/microcredentials/")[1]
        ).is_file()


def test_ctdl_has_required_properties(
    sample_site: BuiltSite, catalogue: Catalogue
) -> None:
    graph = _load(sample_site.site, "ctdl/catalogue.json")["@graph"]
    documents = [
        _load(sample_site.site, f"ctdl/{r.id}.json") for r in catalogue.published
    ]

    assert len(graph) == len([r for r in catalogue.published if r.is_listed])
    for record in graph + documents:
        for key in REQUIRED_PROPERTIES:
            assert record.get(key), f"{record.get('@id')}: {key}"
        assert any(record.get(key) for key in ORGANIZATION_PROPERTIES)
        assert record["@type"] == "ceterms:MicroCredential"
        assert re.fullmatch(r"ce-[0-9a-f-]{36}", record["ceterms:ctid"])
    for document in documents:
        assert document["@context"] == "https://credreg.net/ctdl/schema/context/json"


def test_json_ld_blocks_parse(sample_site: BuiltSite, catalogue: Catalogue) -> None:
    for record in catalogue.published:
        page = (sample_site.site / "credentials" / record.id / "index.html").read_text()
        blocks = JSON_LD.findall(page)
        assert len(blocks) == 1, record.id
        data = json.loads(blocks[0])
        assert data["@type"] == "EducationalOccupationalCredential"
        assert data["name"] == record.title


def test_feed_orders_by_approval(sample_site: BuiltSite, catalogue: Catalogue) -> None:
    feed = ET.parse(sample_site.site / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    published = [entry.findtext(f"{ATOM}published") for entry in entries]
    titles = {entry.findtext(f"{ATOM}title") for entry in entries}

    assert published == sorted(published, reverse=True)
    assert titles == {r.title for r in catalogue.published if r.is_listed}


def test_sitemap_and_schemas_published(
    sample_site: BuiltSite, catalogue: Catalogue
) -> None:
    sitemap = (sample_site.site / "sitemap.xml").read_text(encoding="utf-8")
    for record in catalogue.published:
        assert f"/credentials/{record.id}/</loc>" in sitemap
    for schema in (REPO / "schema").glob("*.json"):
        copied = sample_site.site / "schema" / schema.name
        assert json.loads(copied.read_text()) == json.loads(schema.read_text())

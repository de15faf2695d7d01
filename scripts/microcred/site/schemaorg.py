"""The schema.org EducationalOccupationalCredential block on each credential page."""

from __future__ import annotations

from typing import Any

from ..governance import Governance
from .model import CredentialView
from .urls import SiteUrls


def schema_org_credential(
    view: CredentialView, governance: Governance | None, urls: SiteUrls
) -> dict[str, Any]:
    """Return the JSON-LD object that describes ``view`` for search engines."""
    page_url = urls.absolute(urls.credential(view))
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalCredential",
        "@id": page_url,
        "url": page_url,
        "name": view.title,
        "description": view.text("summary") or view.text("description"),
        "credentialCategory": "Micro-credential",
        "educationalLevel": view.level_name,
        "inLanguage": view.language,
        "competencyRequired": [_defined_term(skill) for skill in view.skill_items],
        "image": urls.absolute(view.badge_file),
        "keywords": view.record.skills + view.texts("keywords"),
        "offers": {
            "@type": "Offer",
            "price": view.cost_amount,
            "priceCurrency": view.currency,
            "category": "Free" if view.cost_amount == 0 else "Paid",
        },
        "recognizedBy": _provider(view, governance),
    }
    if view.hours is not None:
        data["timeRequired"] = f"PT{view.hours:g}H"
    if view.record.get("ctid"):
        data["identifier"] = view.record.get("ctid")
    if view.enrolment_url:
        data["offers"]["url"] = view.enrolment_url
    return data


def _defined_term(skill: dict[str, str]) -> dict[str, Any]:
    term: dict[str, Any] = {"@type": "DefinedTerm", "name": skill["name"]}
    if skill["framework"] and skill["framework"] != "custom":
        term["inDefinedTermSet"] = skill["framework"]
    if skill["code"]:
        term["termCode"] = skill["code"]
    if skill["url"]:
        term["url"] = skill["url"]
    return term


def _provider(view: CredentialView, governance: Governance | None) -> dict[str, Any]:
    institution = governance.institution_name if governance else ""
    return {
        "@type": "Organization",
        "name": view.unit_name,
        "parentOrganization": {"@type": "CollegeOrUniversity", "name": institution},
    }

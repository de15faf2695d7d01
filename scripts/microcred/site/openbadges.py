"""Open Badges 2.0 BadgeClass and Open Badges 3.0 Achievement for each credential."""

from __future__ import annotations

from typing import Any

from ..governance import Governance
from .model import CredentialView
from .urls import SiteUrls

OB2_CONTEXT = "https://w3id.org/openbadges/v2"
OB3_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
ISSUER_PATH = "openbadges/issuer.json"


def ob2_issuer(governance: Governance | None, urls: SiteUrls) -> dict[str, Any]:
    """Return the Open Badges 2.0 issuer Profile that every BadgeClass points at."""
    institution = governance.section("institution") if governance else {}
    issuer: dict[str, Any] = {
        "@context": OB2_CONTEXT,
        "type": "Issuer",
        "id": urls.absolute(ISSUER_PATH),
        "name": governance.institution_name if governance else "",
        "url": institution.get("url") or urls.site_url,
    }
    coordinator = governance.section("coordinator") if governance else {}
    if isinstance(coordinator.get("email"), str):
        issuer["email"] = coordinator["email"]
    return issuer


def ob2_badge_class(view: CredentialView, urls: SiteUrls) -> dict[str, Any]:
    """Return the Open Badges 2.0 BadgeClass for ``view``."""
    page_url = urls.absolute(urls.credential(view))
    return {
        "@context": OB2_CONTEXT,
        "type": "BadgeClass",
        "id": urls.absolute(f"openbadges/v2/{view.id}.json"),
        "name": view.title,
        "description": view.text("summary") or view.text("description"),
        "image": urls.absolute(view.badge_file),
        "criteria": {
            "id": page_url + "#earning",
            "narrative": criteria_narrative(view),
        },
        "issuer": urls.absolute(ISSUER_PATH),
        "alignment": [
            {
                "targetName": skill["name"],
                "targetUrl": skill["url"],
                **(
                    {"targetFramework": skill["framework"]}
                    if skill["framework"]
                    else {}
                ),
                **({"targetCode": skill["code"]} if skill["code"] else {}),
            }
            for skill in view.skill_items
            if skill["url"]
        ],
        "tags": view.record.skills,
    }


def ob3_achievement(
    view: CredentialView, governance: Governance | None, urls: SiteUrls
) -> dict[str, Any]:
    """Return the Open Badges 3.0 Achievement for ``view``, with the passing score."""
    page_url = urls.absolute(urls.credential(view))
    achievement: dict[str, Any] = {
        "@context": OB3_CONTEXT,
        "id": urls.absolute(f"openbadges/v3/{view.id}.json"),
        "type": ["Achievement"],
        "achievementType": "MicroCredential",
        "name": view.title,
        "description": view.text("description") or view.text("summary") or view.title,
        "criteria": {
            "id": page_url + "#earning",
            "narrative": criteria_narrative(view),
        },
        "image": {
            "id": urls.absolute(view.badge_file),
            "type": "Image",
            "caption": view.badge_alt,
        },
        "creator": _ob3_creator(view, governance, urls),
        "humanCode": view.id,
        "inLanguage": view.language,
        "tag": view.record.skills,
        "resultDescription": [
            {
                "id": page_url + "#passing-score",
                "type": ["ResultDescription"],
                "name": "Final score",
                "resultType": "Percent",
                "valueMin": "0",
                "valueMax": "100",
                "requiredValue": f"{view.record.passing_score:g}",
            }
        ],
    }
    alignments = [_ob3_alignment(skill) for skill in view.skill_items if skill["url"]]
    if alignments:
        achievement["alignment"] = alignments
    ctid = view.record.get("ctid")
    if isinstance(ctid, str) and ctid:
        achievement["otherIdentifier"] = [
            {
                "type": "IdentifierEntry",
                "identifier": ctid,
                "identifierType": "identifier",
            }
        ]
    return achievement


def criteria_narrative(view: CredentialView) -> str:
    """Return the earning requirements and passing score as a Markdown list."""
    lines = [f"- {item}" for item in view.texts("earning_criteria", "requirements")]
    lines.append(f"- Score at least {view.passing_score_text} on the assessed work.")
    return "\n".join(lines)


def _ob3_creator(
    view: CredentialView, governance: Governance | None, urls: SiteUrls
) -> dict[str, Any]:
    creator: dict[str, Any] = {
        "id": urls.absolute(urls.unit(view.unit) if view.unit else ISSUER_PATH),
        "type": ["Profile"],
        "name": view.unit_name,
    }
    if view.unit and view.unit.contact:
        creator["email"] = view.unit.contact
    if governance is not None:
        creator["parentOrg"] = {
            "id": urls.absolute(ISSUER_PATH),
            "type": ["Profile"],
            "name": governance.institution_name,
        }
    return creator


def _ob3_alignment(skill: dict[str, str]) -> dict[str, Any]:
    alignment: dict[str, Any] = {
        "type": ["Alignment"],
        "targetName": skill["name"],
        "targetUrl": skill["url"],
        "targetType": "ceasn:Competency",
    }
    if skill["framework"]:
        alignment["targetFramework"] = skill["framework"]
    if skill["code"]:
        alignment["targetCode"] = skill["code"]
    return alignment

"""CTDL JSON-LD records (``ceterms:MicroCredential``) for the Credential Registry."""

from __future__ import annotations

import uuid
from typing import Any

from ..governance import Governance
from .model import CredentialView
from .urls import SiteUrls

CTDL_CONTEXT = "https://credreg.net/ctdl/schema/context/json"
REGISTRY_RESOURCES = "https://credentialengineregistry.org/resources/"
#: The properties the Credential Registry rejects a credential without.
REQUIRED_PROPERTIES = (
    "@type",
    "ceterms:ctid",
    "ceterms:name",
    "ceterms:description",
    "ceterms:subjectWebpage",
    "ceterms:credentialStatusType",
    "ceterms:inLanguage",
)
#: At least one of these must be present as well.
ORGANIZATION_PROPERTIES = ("ceterms:ownedBy", "ceterms:offeredBy")
STATUS_TERMS = {
    "active": "credentialStat:Active",
    "suspended": "credentialStat:Suspended",
    "retired": "credentialStat:Deprecated",
}
LEVEL_TERMS = {
    "undergraduate": "audLevel:UndergraduateLevel",
    "graduate": "audLevel:GraduateLevel",
    "professional": "audLevel:ProfessionalLevel",
}
DELIVERY_TERMS = {
    "online": "deliveryType:OnlineOnly",
    "in-person": "deliveryType:InPerson",
    "hybrid": "deliveryType:BlendedDelivery",
}


def ctdl_credential(
    view: CredentialView, governance: Governance | None, urls: SiteUrls
) -> dict[str, Any]:
    """Return the CTDL record for ``view``, without ``@context``."""
    language = view.language
    ctid = credential_ctid(view, urls)
    owner = {"@id": REGISTRY_RESOURCES + organization_ctid(governance, urls)}
    status = STATUS_TERMS.get(view.record.status, STATUS_TERMS["active"])
    record: dict[str, Any] = {
        "@id": REGISTRY_RESOURCES + ctid,
        "@type": "ceterms:MicroCredential",
        "ceterms:ctid": ctid,
        "ceterms:name": {language: view.title},
        "ceterms:description": {language: view.text("description") or view.title},
        "ceterms:ownedBy": [owner],
        "ceterms:offeredBy": [owner],
        "ceterms:subjectWebpage": urls.absolute(urls.credential(view)),
        "ceterms:credentialStatusType": _term("ceterms:CredentialStatus", status),
        "ceterms:inLanguage": [language],
    }

    record.update(_recommended(view, language, urls))
    return record


def _recommended(view: CredentialView, language: str, urls: SiteUrls) -> dict[str, Any]:
    """Return the Registry's recommended properties that the record can fill."""
    extra: dict[str, Any] = {
        "ceterms:image": urls.absolute(view.badge_file),
        "ceterms:keyword": {language: view.record.skills + view.texts("keywords")},
        "ceterms:requires": [_condition(view, language)],
        "ceterms:estimatedCost": [_cost(view, language)],
    }
    level = LEVEL_TERMS.get(view.record.level)
    if level:
        extra["ceterms:audienceLevelType"] = [_term("ceterms:AudienceLevel", level)]
    delivery = DELIVERY_TERMS.get(view.mode)
    if delivery:
        extra["ceterms:learningDeliveryType"] = [_term("ceterms:Delivery", delivery)]
    if view.hours is not None:
        duration = {
            "@type": "ceterms:DurationProfile",
            "ceterms:exactDuration": f"PT{view.hours:g}H",
        }
        extra["ceterms:estimatedDuration"] = [duration]
    if view.approved_on:
        extra["ceterms:dateEffective"] = view.approved_on
    if view.stacks_into:
        targets = [
            {"@id": REGISTRY_RESOURCES + credential_ctid(other, urls)}
            for other in view.stacks_into
        ]
        extra["ceterms:isPreparationFor"] = [
            {"@type": "ceterms:ConditionProfile", "ceterms:targetCredential": targets}
        ]
    return extra


def ctdl_document(record: dict[str, Any]) -> dict[str, Any]:
    return {"@context": CTDL_CONTEXT, **record}


def ctdl_graph(records: list[dict[str, Any]]) -> dict[str, Any]:
    return {"@context": CTDL_CONTEXT, "@graph": records}


def credential_ctid(view: CredentialView, urls: SiteUrls) -> str:
    """Return the record's CTID, or a stable one derived from its page URL."""
    ctid = view.record.get("ctid")
    if isinstance(ctid, str) and ctid:
        return ctid
    # NOTE: `microcred promote` mints the CTID at approval; this fallback only
    # covers records approved before that, and stays the same from build to build.
    return "ce-" + str(
        uuid.uuid5(uuid.NAMESPACE_URL, urls.absolute(urls.credential(view)))
    )


def organization_ctid(governance: Governance | None, urls: SiteUrls) -> str:
    ctid = governance.section("institution").get("ctid") if governance else None
    if isinstance(ctid, str) and ctid:
        return ctid
    return "ce-" + str(uuid.uuid5(uuid.NAMESPACE_URL, urls.site_url))


def _term(framework: str, target: str) -> dict[str, Any]:
    return {
        "@type": "ceterms:CredentialAlignmentObject",
        "ceterms:framework": f"https://credreg.net/ctdl/terms/{framework.split(':')[1]}",
        "ceterms:targetNode": target,
    }


def _condition(view: CredentialView, language: str) -> dict[str, Any]:
    requirements = view.texts("earning_criteria", "requirements")
    description = " ".join(requirements)
    description += (
        f" Learners must score at least {view.passing_score_text} on the assessed work."
    )
    condition: dict[str, Any] = {
        "@type": "ceterms:ConditionProfile",
        "ceterms:description": {language: description.strip()},
        "ceterms:condition": {language: requirements},
    }
    competencies = view.texts("competencies")
    if competencies:
        condition["ceterms:targetCompetency"] = [
            {
                "@type": "ceterms:CredentialAlignmentObject",
                "ceterms:targetNodeName": {language: text},
            }
            for text in competencies
        ]
    return condition


def _cost(view: CredentialView, language: str) -> dict[str, Any]:
    note = view.text("delivery", "cost", "note")
    cost: dict[str, Any] = {
        "@type": "ceterms:CostProfile",
        "ceterms:description": {language: note or f"Cost: {view.cost_text}"},
        "ceterms:currency": view.currency,
        "ceterms:price": view.cost_amount,
    }
    if view.enrolment_url:
        cost["ceterms:costDetails"] = view.enrolment_url
    return cost

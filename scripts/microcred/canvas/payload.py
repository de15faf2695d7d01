"""The badge class a credential should have, and the hash of that input.

Sync compares hashes of this local input, never the server's copy, because the
server rewrites what it stores (HTML stripped from text, the image replaced by a
URL, PNGs re-encoded), so a field-by-field diff would report changes every run.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..badge_image import badge_image, data_uri
from ..errors import MicrocredError
from ..governance import Governance
from ..records import Record

TAG_PREFIX = "microcred:"
STATUS_TAG_PREFIX = "microcred-status:"
NAME_MAX = 255
DESCRIPTION_MAX = 16384
RETIRED_NOTICE = (
    "**Retired:** this credential is no longer offered and no longer awarded."
)
SUSPENDED_NOTICE = "**Suspended:** this credential is not awarded at the moment."


@dataclass(frozen=True)
class Desired:
    """The badge class body for one credential and the hash of everything in it."""

    record: Record
    body: dict[str, Any]
    input_hash: str

    @property
    def tag(self) -> str:
        return identity_tag(self.record.id)


def identity_tag(credential_id: str) -> str:
    """Return the tag that marks a badge class as the one for ``credential_id``."""
    return f"{TAG_PREFIX}{credential_id}"


def credential_page(record: Record, governance: Governance) -> str:
    return f"{governance.site_url}credentials/{record.id}/"


def criteria_narrative(record: Record) -> str:
    """Write the criteria in Markdown: requirements, assessment and the passing score."""
    lines = []
    if record.status == "retired":
        lines += [RETIRED_NOTICE, ""]
    elif record.status == "suspended":
        lines += [SUSPENDED_NOTICE, ""]
    requirements = record.get("earning_criteria", "requirements")
    if isinstance(requirements, list) and requirements:
        lines.append("To earn this badge, a learner must:")
        lines += [f"- {item}" for item in requirements if isinstance(item, str)]
        lines.append("")
    assessment = record.get("earning_criteria", "assessment")
    if isinstance(assessment, str) and assessment.strip():
        lines += [assessment.strip(), ""]
    lines.append(
        f"The badge is awarded with a score of at least {record.passing_score:g} %."
    )
    # Canvas Credentials rejects Markdown image syntax in this field.
    return "\n".join(lines).replace("![", "! [")


def alignments(record: Record, page: str) -> list[dict[str, Any]]:
    """Map each skill to an Open Badges alignment; a skill without a URL points at the page."""
    items = []
    for skill in record.get("skills") or []:
        if not isinstance(skill, dict) or not isinstance(skill.get("name"), str):
            continue
        url = skill.get("url")
        item: dict[str, Any] = {
            "targetName": skill["name"],
            "targetUrl": url
            if isinstance(url, str) and url.startswith(("http://", "https://"))
            else f"{page}#skills",
        }
        if isinstance(skill.get("framework"), str):
            item["targetFramework"] = skill["framework"]
        if isinstance(skill.get("code"), str):
            item["targetCode"] = skill["code"]
        items.append(item)
    return items


def tags(record: Record) -> list[str]:
    found = [identity_tag(record.id), record.unit, record.level]
    keywords = record.get("keywords")
    if isinstance(keywords, list):
        found += [k for k in keywords if isinstance(k, str)]
    if record.status in ("retired", "suspended"):
        found.append(f"{STATUS_TAG_PREFIX}{record.status}")
    unique: list[str] = []
    for tag in found:
        if tag and tag not in unique:
            unique.append(tag)
    return unique


def expires(record: Record) -> dict[str, Any] | None:
    months = record.get("badge", "expires_after_months")
    if isinstance(months, int) and not isinstance(months, bool) and months >= 1:
        return {"amount": months, "duration": "months"}
    return None


def check_record(record: Record) -> None:
    """Raise an error naming the file, line and field when a badge class cannot be built."""
    if not record.title.strip() or len(record.title) > NAME_MAX:
        problem = (
            "is missing"
            if not record.title.strip()
            else f"is longer than {NAME_MAX} characters"
        )
        raise MicrocredError(
            f"{record.path}:{record.line('title')}: title {problem}; it becomes the badge class name",
            f"write a title of 1 to {NAME_MAX} characters",
        )
    if not (record.summary or record.description).strip():
        raise MicrocredError(
            f"{record.path}:{record.line('summary')}: summary is missing; it becomes the badge class description",
            "write a one-paragraph summary",
        )


def build_desired(
    record: Record, governance: Governance, root: Path, issuer: str
) -> Desired:
    """Build the badge class body for ``record`` and hash it with the issuer."""
    check_record(record)
    page = credential_page(record, governance)
    image, mime = badge_image(record, governance, root)
    body = {
        "name": record.title.strip(),
        "description": (record.summary or record.description).strip()[:DESCRIPTION_MAX],
        "image": data_uri(image, mime),
        "criteriaUrl": page,
        "criteriaNarrative": criteria_narrative(record),
        "alignments": alignments(record, page),
        "tags": tags(record),
        "expires": expires(record),
    }
    canonical = json.dumps(
        {"issuer": issuer, "badge_class": body}, sort_keys=True, ensure_ascii=False
    )
    return Desired(
        record, body, "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    )

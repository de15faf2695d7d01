"""Routes that issue assertions, one at a time or in an all-or-nothing batch."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from .api import (
    Request,
    Response,
    Route,
    bad_request,
    envelope,
    not_found,
    public,
)
from .badges import owned_badge_class, staff_issuer
from .store import Store, iso, new_entity_id, utc_now
from .validate import Problems, check_assertion, parse_datetime

HASHED_BY_DEFAULT = ("email", "telephone")
BADGE_CLASS_KEYS = ("badgeclass", "badgeclassOpenBadgeId", "badgeclassName")


def is_expired(assertion: dict[str, Any]) -> bool:
    expires = parse_datetime(assertion.get("expires"))
    return expires is not None and expires <= utc_now()


def is_live(assertion: dict[str, Any]) -> bool:
    return not assertion["revoked"] and not is_expired(assertion)


def duplicate_problem(
    store: Store, badge_class_id: str, body: dict[str, Any]
) -> str | None:
    """Return the duplicate-award message if ``allowDuplicateAwards`` is false."""
    if body.get("allowDuplicateAwards", True) is not False:
        return None
    # badgr-server compares the identifier as sent, before lower-casing, so a
    # mixed-case email slips past this check there too.
    sent = body["recipient"]["identity"]
    for existing in store.assertions.values():
        if existing["badgeclass"] == badge_class_id and is_live(existing):
            if existing["recipient"]["plaintextIdentity"] == sent:
                return (
                    "A previous award of this badge already exists for this recipient."
                )
    return None


def build_assertion(
    store: Store, request: Request, badge_class: dict[str, Any], body: dict[str, Any]
) -> dict[str, Any]:
    recipient = body["recipient"]
    kind = recipient.get("type", "email")
    identity = (
        recipient["identity"].lower() if kind == "email" else recipient["identity"]
    )
    hashed = recipient.get("hashed", kind in HASHED_BY_DEFAULT)
    salt = uuid.uuid4().hex
    shown = (
        "sha256$" + hashlib.sha256((identity + salt).encode()).hexdigest()
        if hashed
        else identity
    )
    entity_id = new_entity_id()
    now = utc_now()
    return {
        "entityType": "Assertion",
        "entityId": entity_id,
        "openBadgeId": f"{request.base_url}/public/assertions/{entity_id}",
        "createdAt": iso(now),
        "createdBy": request.user,
        "badgeclass": badge_class["entityId"],
        "badgeclassOpenBadgeId": badge_class["openBadgeId"],
        "issuer": badge_class["issuer"],
        "issuerOpenBadgeId": badge_class["issuerOpenBadgeId"],
        "image": f"{request.base_url}/public/assertions/{entity_id}/image",
        "recipient": {
            "identity": shown,
            "hashed": hashed,
            "type": kind,
            "salt": salt,
            "plaintextIdentity": identity,
        },
        "issuedOn": body.get("issuedOn") or iso(now),
        "narrative": body.get("narrative"),
        "evidence": body.get("evidence") or [],
        "revoked": False,
        "revocationReason": None,
        "acceptance": "Unaccepted",
        "expires": body.get("expires"),
        "extensions": body.get("extensions") or {},
        "_seq": store.next_sequence(),
    }


def store_assertion(store: Store, assertion: dict[str, Any], notify: bool) -> None:
    identity = assertion["recipient"]["plaintextIdentity"]
    first = not any(
        a["recipient"]["plaintextIdentity"] == identity
        for a in store.assertions.values()
    )
    store.assertions[assertion["entityId"]] = assertion
    store.record("issue_assertion", assertion["entityId"])
    # badgr-server notifies on the first award to an email address even without notify.
    if assertion["recipient"]["type"] == "email" and (notify or first):
        reason = "notify" if notify else "first award to this address"
        store.notifications.append(
            {
                "assertion": assertion["entityId"],
                "recipient": identity,
                "reason": reason,
            }
        )


def validate_issue(store: Store, badge_class_id: str, body: Any) -> Problems:
    if not isinstance(body, dict):
        problems = Problems()
        problems.general.append("Expected a JSON object.")
        return problems
    problems = check_assertion(body, utc_now())
    if not problems:
        duplicate = duplicate_problem(store, badge_class_id, body)
        if duplicate:
            problems.general.append(duplicate)
    return problems


def issue(
    store: Store, request: Request, badge_class: dict[str, Any], body: dict[str, Any]
) -> Response:
    problems = validate_issue(store, badge_class["entityId"], body)
    if problems:
        return bad_request(problems.fields, problems.general)
    assertion = build_assertion(store, request, badge_class, body)
    store_assertion(store, assertion, bool(body.get("notify", False)))
    return envelope(public(assertion), status=201)


def post_badge_class_assertion(store: Store, request: Request) -> Response:
    badge_class = owned_badge_class(store, request, request.params["badge_class"])
    return (
        issue(store, request, badge_class, request.body) if badge_class else not_found()
    )


def post_issuer_assertion(store: Store, request: Request) -> Response:
    issuer_id = request.params["issuer"]
    if staff_issuer(store, request, issuer_id) is None:
        return not_found()
    body = request.body if isinstance(request.body, dict) else {}
    given = [key for key in BADGE_CLASS_KEYS if body.get(key)]
    if len(given) != 1:
        return bad_request(
            general=[
                "Specify exactly one of badgeclass, badgeclassOpenBadgeId"
                " or badgeclassName."
            ]
        )
    value = body[given[0]]
    field = {
        "badgeclass": "entityId",
        "badgeclassOpenBadgeId": "openBadgeId",
        "badgeclassName": "name",
    }[given[0]]
    found = [
        b
        for b in store.badge_classes.values()
        if b["issuer"] == issuer_id and b.get(field) == value
    ]
    if len(found) != 1:
        return bad_request(general=["No matching BadgeClass found for this issuer."])
    return issue(store, request, found[0], body)


def post_batch(store: Store, request: Request) -> Response:
    badge_class = owned_badge_class(store, request, request.params["badge_class"])
    if badge_class is None:
        return not_found()
    body = request.body
    if not isinstance(body, dict) or not isinstance(body.get("assertions"), list):
        return Response(400)
    items = body["assertions"]
    problems = [validate_issue(store, badge_class["entityId"], item) for item in items]
    if any(problems):
        field_errors = [
            dict(p.fields, **({"non_field_errors": p.general} if p.general else {}))
            for p in problems
        ]
        return bad_request(field_errors, [])
    created = []
    for item in items:
        assertion = build_assertion(store, request, badge_class, item)
        store_assertion(store, assertion, bool(item.get("notify", False)))
        created.append(public(assertion))
    return envelope(created, status=201)


ROUTES = [
    Route(
        "POST",
        "/v2/badgeclasses/{badge_class}/assertions",
        post_badge_class_assertion,
    ),
    Route("POST", "/v2/badgeclasses/{badge_class}/issue", post_batch),
    Route("POST", "/v2/issuers/{issuer}/assertions", post_issuer_assertion),
]

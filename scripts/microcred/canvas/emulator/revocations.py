"""Routes that list, read and revoke assertions."""

from __future__ import annotations

from typing import Any

from .api import (
    Request,
    Response,
    Route,
    bad_request,
    envelope,
    json_response,
    not_found,
    paginate,
    public,
)
from .awards import is_expired
from .badges import owned_badge_class, staff_issuer
from .store import Store


def filtered(
    request: Request, assertions: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    recipients = set(request.query.get("recipient", []))
    keep = []
    for assertion in assertions:
        if recipients and assertion["recipient"]["plaintextIdentity"] not in recipients:
            continue
        if assertion["revoked"] and not request.flag("include_revoked"):
            continue
        if is_expired(assertion) and not request.flag("include_expired"):
            continue
        keep.append(assertion)
    return keep


def list_badge_class_assertions(store: Store, request: Request) -> Response:
    badge_class = owned_badge_class(store, request, request.params["badge_class"])
    if badge_class is None:
        return not_found()
    mine = [
        a
        for a in store.assertions.values()
        if a["badgeclass"] == badge_class["entityId"]
    ]
    return paginate(request, filtered(request, mine))


def list_issuer_assertions(store: Store, request: Request) -> Response:
    issuer_id = request.params["issuer"]
    if staff_issuer(store, request, issuer_id) is None:
        return not_found()
    mine = [a for a in store.assertions.values() if a["issuer"] == issuer_id]
    return paginate(request, filtered(request, mine))


def owned_assertion(
    store: Store, request: Request, entity_id: str
) -> dict[str, Any] | None:
    assertion = store.assertions.get(entity_id)
    if assertion is None or staff_issuer(store, request, assertion["issuer"]) is None:
        return None
    return assertion


def get_assertion(store: Store, request: Request) -> Response:
    assertion = owned_assertion(store, request, request.params["assertion"])
    return envelope(public(assertion)) if assertion else not_found()


def revoke(store: Store, assertion: dict[str, Any], reason: str) -> None:
    assertion["revoked"] = True
    assertion["revocationReason"] = reason
    store.record("revoke_assertion", assertion["entityId"])


def delete_assertion(store: Store, request: Request) -> Response:
    assertion = owned_assertion(store, request, request.params["assertion"])
    if assertion is None:
        return not_found()
    reason = (
        request.body.get("revocation_reason")
        if isinstance(request.body, dict)
        else None
    )
    if not isinstance(reason, str) or not reason.strip():
        return bad_request({"revocation_reason": ["This field is required."]})
    if assertion["revoked"]:
        return bad_request(general=["Assertion is already revoked"])
    revoke(store, assertion, reason)
    return envelope(public(assertion))


def post_revoke_batch(store: Store, request: Request) -> Response:
    if not isinstance(request.body, list):
        return bad_request(general=["Expected a list of revocations."])
    results = []
    for item in request.body:
        item = item if isinstance(item, dict) else {}
        entity_id, reason = item.get("entityId"), item.get("revocationReason")
        result = {"revoked": False, "entityId": entity_id, "revocationReason": reason}
        assertion = (
            owned_assertion(store, request, entity_id)
            if isinstance(entity_id, str)
            else None
        )
        if (
            not isinstance(entity_id, str)
            or not isinstance(reason, str)
            or not reason.strip()
        ):
            result["reason"] = "entityId and revocationReason are required"
        elif assertion is None:
            result["reason"] = "permission denied or object not found"
        elif assertion["revoked"]:
            result["reason"] = "Assertion is already revoked"
        else:
            revoke(store, assertion, reason)
            result["revoked"] = True
        results.append(result)
    return json_response(
        200, {"status": {"success": True, "description": "ok"}, "result": results}
    )


ROUTES = [
    Route(
        "GET",
        "/v2/badgeclasses/{badge_class}/assertions",
        list_badge_class_assertions,
    ),
    Route("GET", "/v2/issuers/{issuer}/assertions", list_issuer_assertions),
    Route("POST", "/v2/assertions/revoke", post_revoke_batch),
    Route("GET", "/v2/assertions/{assertion}", get_assertion),
    Route("DELETE", "/v2/assertions/{assertion}", delete_assertion),
]

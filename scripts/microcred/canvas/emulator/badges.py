"""Routes for issuers and badge classes."""

from __future__ import annotations

import hashlib
from typing import Any

from .api import (
    Request,
    Response,
    Route,
    bad_request,
    envelope,
    error,
    not_found,
    paginate,
    public,
)
from .store import Store, iso, new_entity_id, utc_now
from .validate import check_badge_class, strip_html

EDITABLE = (
    "criteriaUrl",
    "criteriaNarrative",
    "alignments",
    "tags",
    "expires",
    "extensions",
)


def staff_issuer(
    store: Store, request: Request, issuer_id: str
) -> dict[str, Any] | None:
    issuer = store.issuers.get(issuer_id)
    if issuer is None or not any(
        member["userProfile"] == request.user for member in issuer["staff"]
    ):
        return None
    return issuer


def owned_badge_class(
    store: Store, request: Request, entity_id: str
) -> dict[str, Any] | None:
    badge_class = store.badge_classes.get(entity_id)
    if (
        badge_class is None
        or staff_issuer(store, request, badge_class["issuer"]) is None
    ):
        return None
    return badge_class


def list_issuers(store: Store, request: Request) -> Response:
    mine = [
        public(i)
        for i in store.issuers.values()
        if staff_issuer(store, request, i["entityId"])
    ]
    return envelope(mine)


def get_issuer(store: Store, request: Request) -> Response:
    issuer = staff_issuer(store, request, request.params["issuer"])
    return envelope(public(issuer)) if issuer else not_found()


def user_self(store: Store, request: Request) -> Response:
    return envelope(
        {
            "entityType": "BadgeUser",
            "entityId": request.user,
            "emails": [{"email": request.user}],
        }
    )


def list_issuer_badge_classes(store: Store, request: Request) -> Response:
    issuer_id = request.params["issuer"]
    if staff_issuer(store, request, issuer_id) is None:
        return not_found()
    return paginate(
        request, [b for b in store.badge_classes.values() if b["issuer"] == issuer_id]
    )


def list_all_badge_classes(store: Store, request: Request) -> Response:
    mine = [
        b
        for b in store.badge_classes.values()
        if staff_issuer(store, request, b["issuer"])
    ]
    return paginate(request, mine)


def apply_fields(
    badge_class: dict[str, Any], body: dict[str, Any], image: tuple[str, bytes] | None
) -> None:
    badge_class["name"] = strip_html(body["name"])
    badge_class["description"] = strip_html(body["description"])
    for key in EDITABLE:
        if key in body:
            badge_class[key] = body[key]
    badge_class["tags"] = [strip_html(tag) for tag in badge_class.get("tags") or []]
    if not badge_class.get("expires"):
        badge_class["expires"] = None
    if image is not None:
        mime, data = image
        badge_class["_imageMime"] = mime
        badge_class["_imageSha256"] = hashlib.sha256(data).hexdigest()


def create_badge_class(store: Store, request: Request, issuer_id: str) -> Response:
    body = request.body
    if not isinstance(body, dict):
        return bad_request(general=["Expected a JSON object."])
    problems, image = check_badge_class(body, creating=True)
    if problems:
        return bad_request(problems.fields, problems.general)
    entity_id = new_entity_id()
    badge_class: dict[str, Any] = {
        "entityType": "BadgeClass",
        "entityId": entity_id,
        "openBadgeId": f"{request.base_url}/public/badges/{entity_id}",
        "createdAt": iso(utc_now()),
        "createdBy": request.user,
        "issuer": issuer_id,
        "issuerOpenBadgeId": f"{request.base_url}/public/issuers/{issuer_id}",
        "image": f"{request.base_url}/public/badges/{entity_id}/image",
        "criteriaUrl": None,
        "criteriaNarrative": None,
        "alignments": [],
        "tags": [],
        "expires": None,
        "extensions": {},
        "_seq": store.next_sequence(),
    }
    apply_fields(badge_class, body, image)
    store.badge_classes[entity_id] = badge_class
    store.record("create_badge_class", entity_id)
    return envelope(public(badge_class), status=201)


def post_issuer_badge_class(store: Store, request: Request) -> Response:
    issuer_id = request.params["issuer"]
    if staff_issuer(store, request, issuer_id) is None:
        return not_found()
    return create_badge_class(store, request, issuer_id)


def post_badge_class(store: Store, request: Request) -> Response:
    issuer_id = request.body.get("issuer") if isinstance(request.body, dict) else None
    if (
        not isinstance(issuer_id, str)
        or staff_issuer(store, request, issuer_id) is None
    ):
        return bad_request({"issuer": ["Invalid issuer or insufficient privileges."]})
    return create_badge_class(store, request, issuer_id)


def get_badge_class(store: Store, request: Request) -> Response:
    badge_class = owned_badge_class(store, request, request.params["badge_class"])
    return envelope(public(badge_class)) if badge_class else not_found()


def put_badge_class(store: Store, request: Request) -> Response:
    badge_class = owned_badge_class(store, request, request.params["badge_class"])
    if badge_class is None:
        return not_found()
    if not isinstance(request.body, dict):
        return bad_request(general=["Expected a JSON object."])
    problems, image = check_badge_class(request.body, creating=False)
    if problems:
        return bad_request(problems.fields, problems.general)
    apply_fields(badge_class, request.body, image)
    store.record("update_badge_class", badge_class["entityId"])
    return envelope(public(badge_class))


def delete_badge_class(store: Store, request: Request) -> Response:
    from .awards import is_live

    badge_class = owned_badge_class(store, request, request.params["badge_class"])
    if badge_class is None:
        return not_found()
    entity_id = badge_class["entityId"]
    if any(
        a["badgeclass"] == entity_id and is_live(a) for a in store.assertions.values()
    ):
        return error(
            400,
            "Badge class could not be deleted."
            " It has already been issued at least once.",
        )
    del store.badge_classes[entity_id]
    store.record("delete_badge_class", entity_id)
    return Response(204)


ROUTES = [
    Route("GET", "/v2/users/self", user_self),
    Route("GET", "/v2/issuers", list_issuers),
    Route("GET", "/v2/issuers/{issuer}", get_issuer),
    Route("GET", "/v2/issuers/{issuer}/badgeclasses", list_issuer_badge_classes),
    Route("POST", "/v2/issuers/{issuer}/badgeclasses", post_issuer_badge_class),
    Route("GET", "/v2/badgeclasses", list_all_badge_classes),
    Route("POST", "/v2/badgeclasses", post_badge_class),
    Route("GET", "/v2/badgeclasses/{badge_class}", get_badge_class),
    Route("PUT", "/v2/badgeclasses/{badge_class}", put_badge_class),
    Route("DELETE", "/v2/badgeclasses/{badge_class}", delete_badge_class),
]

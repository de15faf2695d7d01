"""Requests, responses, the v2 envelope, routing and cursor pagination."""

from __future__ import annotations

import base64
import json
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .store import Store

JSON = "application/json"
HTML_500 = (
    b'<!DOCTYPE html>\n<html lang="en"><head><title>Server Error (500)</title></head>'
    b"<body><h1>Server Error (500)</h1><p></p></body></html>\n"
)
HTML_503 = (
    b"<html><body><h1>503 Service Unavailable</h1>"
    b"No server is available.</body></html>\n"
)
MAX_PAGE = 500


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    raw_body: bytes
    headers: dict[str, str]
    base_url: str
    params: dict[str, str] = field(default_factory=dict)
    user: str | None = None
    token: str | None = None
    body: Any = None

    def first(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None

    def flag(self, name: str) -> bool:
        return (self.first(name) or "").lower() in ("true", "1")


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def json_response(
    status: int, payload: Any, headers: dict[str, str] | None = None
) -> Response:
    merged = {"Content-Type": JSON, **(headers or {})}
    return Response(status, json.dumps(payload).encode(), merged)


def envelope(
    result: Any, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    """Wrap ``result`` in the v2 envelope; one object becomes a one-item list."""
    items = result if isinstance(result, list) else [result]
    body = {"status": {"success": True, "description": "ok"}, "result": items}
    return json_response(status, body, headers)


def error(
    status: int, description: str, fields: Any = None, general: list[str] | None = None
) -> Response:
    body = {
        "status": {"success": False, "description": description},
        "result": [],
        "fieldErrors": fields or {},
        "validationErrors": general or [],
    }
    return json_response(status, body)


def bad_request(fields: Any = None, general: list[str] | None = None) -> Response:
    return error(400, "bad request", fields, general)


def not_found() -> Response:
    return error(404, "entity not found or insufficient privileges")


def public(entity: dict[str, Any]) -> dict[str, Any]:
    """Return the API view of a stored entity, without the emulator's own ``_`` keys."""
    return {key: value for key, value in entity.items() if not key.startswith("_")}


def paginate(request: Request, items: list[dict[str, Any]]) -> Response:
    """Page ``items`` newest first when ``num`` is given, linking the next page."""
    ordered = sorted(items, key=lambda item: item["_seq"], reverse=True)
    num_text = request.first("num")
    if num_text is None:
        return envelope([public(item) for item in ordered])
    try:
        num = min(max(int(num_text), 1), MAX_PAGE)
    except ValueError:
        return bad_request({"num": ["A valid integer is required."]})
    cursor = request.first("cursor")
    if cursor:
        try:
            below = int(base64.urlsafe_b64decode(cursor.encode() + b"==").decode())
        except ValueError:
            return bad_request({"cursor": ["Invalid cursor"]})
        ordered = [item for item in ordered if item["_seq"] < below]
    page = ordered[:num]
    headers = {}
    if len(ordered) > num:
        query = {
            key: values for key, values in request.query.items() if key != "cursor"
        }
        token = (
            base64.urlsafe_b64encode(str(page[-1]["_seq"]).encode())
            .decode()
            .rstrip("=")
        )
        query["cursor"] = [token]
        encoded = urllib.parse.urlencode(query, doseq=True)
        url = f"{request.base_url}{request.path}?{encoded}"
        headers["Link"] = f'<{url}>; rel="next"'
    return envelope([public(item) for item in page], headers=headers)


Handler = Callable[[Store, Request], Response]


@dataclass
class Route:
    method: str
    template: str
    handler: Handler
    pattern: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", self.template)
        self.pattern = re.compile(f"^{regex}$")


def find_route(
    routes: list[Route], method: str, path: str
) -> tuple[Route | None, bool]:
    """Return the matching route and whether the path exists for some other method."""
    path_known = False
    for route in routes:
        match = route.pattern.match(path)
        if match is None:
            continue
        path_known = True
        if route.method == method:
            return route, True
    return None, path_known


def match_params(route: Route, path: str) -> dict[str, str]:
    match = route.pattern.match(path)
    return match.groupdict() if match else {}

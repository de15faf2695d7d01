"""Turn API responses into data or into ``CanvasError`` messages without secrets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests

from .errors import CanvasError, describe_body, describe_envelope, redact


@dataclass
class Reply:
    """A successful response: status, parsed JSON body and the ``Link`` relations."""

    status: int
    body: Any
    links: dict[str, dict[str, str]]


def explain(response: requests.Response, secrets: tuple[str, ...]) -> str:
    """Summarise an error response in one line, with secrets replaced."""
    try:
        body = response.json()
    except ValueError:
        content_type = response.headers.get("Content-Type", "")
        return redact(describe_body(content_type, response.text), secrets)
    text = describe_envelope(body) if isinstance(body, dict) else str(body)
    return redact(text, secrets)


def envelope_failed(body: Any) -> bool:
    """Return True when a v2 envelope reports ``status.success`` false."""
    status = body.get("status") if isinstance(body, dict) else None
    return isinstance(status, dict) and status.get("success") is False


def parse_reply(
    response: requests.Response, call: str, secrets: tuple[str, ...]
) -> Reply:
    """Return the reply of a finished request, or raise ``CanvasError`` for an error."""
    status = response.status_code
    if status == 204 or not response.content:
        if status >= 400:
            raise CanvasError(
                f"{call} failed: HTTP {status} with an empty body", status=status
            )
        return Reply(status, None, response.links)
    try:
        body = response.json()
    except ValueError:
        message = f"{call} failed: HTTP {status}, {explain(response, secrets)}"
        raise CanvasError(message, status=status) from None
    if status >= 400 or envelope_failed(body):
        message = f"{call} failed: HTTP {status}, {explain(response, secrets)}"
        raise CanvasError(message, hint_for(status), status=status, body=body)
    return Reply(status, body, response.links)


def hint_for(status: int) -> str | None:
    if status == 404:
        return (
            "the object does not exist or the account is not staff on the issuer"
            " (the API reports both as 404)"
        )
    if status == 400:
        return "fix the fields named above in the record and run the command again"
    return None


def redirect_error(response: requests.Response, call: str) -> str:
    """Describe a 3xx reply; redirects are never followed, so the token stays on one host."""
    target = response.headers.get("Location", "(no Location header)")
    return f"{call} was redirected (HTTP {response.status_code}) to {target}"


REDIRECT_HINT = (
    "set CANVAS_CREDENTIALS_URL (or canvas.region) to the API address itself;"
    " microcred does not follow redirects, so the token is sent to one host only"
)


def result_objects(body: Any, call: str, *, bare_object: bool) -> list[dict[str, Any]]:
    """Return the objects of a v2 envelope, each with a text ``entityId``.

    A bare JSON list is accepted as the list itself, and a bare object as one object
    when ``bare_object`` is set. Anything else raises ``CanvasError``, because
    dropping an unreadable award from a listing could make it be issued twice.
    """
    if isinstance(body, dict) and "result" in body:
        result = body["result"]
        items = [result] if isinstance(result, dict) and bare_object else result
    elif isinstance(body, list):
        items = body
    elif isinstance(body, dict) and bare_object:
        items = [body]
    else:
        items = None
    if not isinstance(items, list):
        raise CanvasError(
            f"{call} returned {_shape(body)} instead of a v2 envelope with a `result` list",
            "check that the base URL points at the Canvas Credentials v2 API",
        )
    for number, item in enumerate(items, start=1):
        entity = item.get("entityId") if isinstance(item, dict) else None
        if not isinstance(entity, str) or not entity:
            raise CanvasError(
                f"{call} returned result item {number} without a text `entityId`"
                f" ({_shape(item)})",
                "check that the base URL points at the Canvas Credentials v2 API",
            )
    return items


def _shape(value: Any) -> str:
    if isinstance(value, dict):
        keys = ", ".join(sorted(str(k) for k in value)[:6])
        return f"an object with fields {keys}" if keys else "an empty object"
    if isinstance(value, list):
        return f"a list of {len(value)} items"
    return f"a JSON {type(value).__name__}"

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

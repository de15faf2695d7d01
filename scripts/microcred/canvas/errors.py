"""Errors from the Canvas Credentials API, as plain messages.

Each message names the call (method and path), what it was about (a credential
id, an assertion) and the fields the server rejected. Tokens and passwords are
removed from every message before it is built into an exception.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import MicrocredError

_TITLE = re.compile(r"<title>(.*?)</title>", re.IGNORECASE | re.DOTALL)


class CanvasError(MicrocredError):
    """A Canvas Credentials call failed; ``status`` is the HTTP status, if any."""

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        status: int | None = None,
        body: Any = None,
    ) -> None:
        super().__init__(message, hint)
        self.status = status
        #: The parsed JSON error body, if any; a rejected batch's per-item
        #: ``fieldErrors`` list is read from it.
        self.body = body


class CanvasAuthError(CanvasError):
    """A rejected credential: a wrong password, or an expired or revoked token."""


class WriteOutcomeUnknown(CanvasError):
    """A POST or DELETE that timed out or failed with 5xx, so it may be stored.

    The caller lists the affected objects and matches before trying again, because a
    blind retry could create a second badge class or award.
    """


def describe_body(content_type: str, text: str) -> str:
    """Summarise an error response: the envelope's messages, or an HTML page's title."""
    if "html" in content_type.lower() or text.lstrip().startswith("<"):
        match = _TITLE.search(text)
        title = " ".join(match.group(1).split()) if match else "no title"
        return f"the server returned an HTML error page ({title})"
    return text.strip()[:300] or "empty response body"


def describe_envelope(body: dict[str, Any]) -> str:
    """Join the envelope's description, field and validation errors in one line."""
    parts = []
    status = body.get("status")
    if isinstance(status, dict) and status.get("description"):
        parts.append(str(status["description"]))
    parts.extend(describe_fields(body.get("fieldErrors")))
    for message in body.get("validationErrors") or []:
        parts.append(str(message))
    if "error" in body:
        parts.append(
            " ".join(
                str(body[key]) for key in ("error", "error_description") if key in body
            )
        )
    return "; ".join(parts) or "no details given"


def describe_fields(errors: Any, prefix: str = "") -> list[str]:
    """Flatten ``fieldErrors`` to ``field: message`` lines.

    The field errors are nested for ``recipient`` and a list for batches.
    """
    if (
        isinstance(errors, list)
        and errors
        and all(isinstance(item, dict) for item in errors)
    ):
        lines = []
        for index, item in enumerate(errors):
            lines.extend(describe_fields(item, f"{prefix}item {index} "))
        return lines
    if not isinstance(errors, dict):
        return []
    lines = []
    for name, value in errors.items():
        if isinstance(value, dict):
            lines.extend(describe_fields(value, f"{prefix}{name}."))
        elif isinstance(value, list):
            lines.append(f"{prefix}{name}: {' '.join(str(v) for v in value)}")
        else:
            lines.append(f"{prefix}{name}: {value}")
    return lines


def redact(text: str, secrets: tuple[str, ...]) -> str:
    """Replace every secret in ``text`` with ``***``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text

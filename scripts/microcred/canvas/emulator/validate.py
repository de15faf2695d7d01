"""Field rules of the badgr-server v2 serializers, as the emulator applies them.

Each check adds messages to ``Problems``: ``fields`` becomes the envelope's
``fieldErrors`` and ``general`` its ``validationErrors``.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

NAME_MAX = 255
DESCRIPTION_MAX = 16384
CRITERIA_URL_MAX = 254
TAG_MAX = 1024
DURATIONS = ("days", "weeks", "months", "years")
RECIPIENT_TYPES = ("email", "url", "telephone", "openBadgeId")

_TAG = re.compile(r"<[^>]*>")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[1-9]\d{1,14}$")
_DATA_URI = re.compile(
    r"^data:(?P<mime>[\w.+-]+/[\w.+-]+);base64,(?P<data>.*)$", re.DOTALL
)


@dataclass
class Problems:
    fields: dict[str, Any] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    def add(self, name: str, message: str) -> None:
        self.fields.setdefault(name, []).append(message)

    def __bool__(self) -> bool:
        return bool(self.fields or self.general)


def strip_html(value: str) -> str:
    return _TAG.sub("", value)


def is_url(value: Any) -> bool:
    return isinstance(value, str) and bool(_URL.match(value))


def check_text(
    body: dict[str, Any], name: str, limit: int, problems: Problems, required: bool
) -> None:
    value = body.get(name)
    if value is None:
        if required:
            problems.add(name, "This field is required.")
        return
    if not isinstance(value, str) or (required and not value.strip()):
        problems.add(
            name,
            "Not a valid string."
            if not isinstance(value, str)
            else "This field may not be blank.",
        )
    elif len(value) > limit:
        problems.add(name, f"Ensure this field has no more than {limit} characters.")


def check_markdown(body: dict[str, Any], name: str, problems: Problems) -> None:
    value = body.get(name)
    if value is not None and not isinstance(value, str):
        problems.add(name, "Not a valid string.")
    elif isinstance(value, str) and "![" in value:
        problems.add(name, "Image syntax is not allowed in Markdown.")


def decode_image(value: Any, problems: Problems) -> tuple[str, bytes] | None:
    """Return ``(mime, bytes)`` of a PNG or SVG data URI, or None if invalid."""
    match = _DATA_URI.match(value) if isinstance(value, str) else None
    if match is None:
        problems.add("image", "Valid image file or data URI required.")
        return None
    try:
        data = base64.b64decode(match.group("data"), validate=True)
    except (binascii.Error, ValueError):
        problems.add("image", "Valid image file or data URI required.")
        return None
    mime = match.group("mime")
    if mime == "image/png" and data.startswith(b"\x89PNG\r\n\x1a\n"):
        return mime, data
    if mime == "image/svg+xml" and b"<svg" in data[:4096]:
        return mime, data
    problems.add(
        "image",
        "Invalid PNG" if mime in ("image/png", "image/jpeg") else "Invalid MIME type",
    )
    return None


def check_expires(value: Any, problems: Problems) -> None:
    if value in (None, {}):
        return
    if not isinstance(value, dict):
        problems.add("expires", "Expected an object with amount and duration.")
        return
    amount = value.get("amount")
    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 1:
        problems.add("expires", "amount must be a whole number of at least 1.")
    if value.get("duration") not in DURATIONS:
        problems.add("expires", f"duration must be one of {', '.join(DURATIONS)}.")


def check_alignments(value: Any, problems: Problems) -> None:
    if value is None:
        return
    if not isinstance(value, list):
        problems.add("alignments", "Expected a list of items.")
        return
    for index, item in enumerate(value):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("targetName"), str)
            or not item["targetName"]
        ):
            problems.add("alignments", f"Item {index}: targetName is required.")
        elif not is_url(item.get("targetUrl")):
            problems.add("alignments", f"Item {index}: targetUrl must be a valid URL.")


def check_tags(value: Any, problems: Problems) -> None:
    if value is None:
        return
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        problems.add("tags", "Expected a list of strings.")
    elif any(len(tag) > TAG_MAX for tag in value):
        problems.add("tags", f"Ensure each tag has no more than {TAG_MAX} characters.")


def check_badge_class(
    body: dict[str, Any], creating: bool
) -> tuple[Problems, tuple[str, bytes] | None]:
    """Validate a create (POST) or full update (PUT) body.

    Return the problems and the decoded new image, if one was sent.
    """
    problems = Problems()
    check_text(body, "name", NAME_MAX, problems, required=True)
    check_text(body, "description", DESCRIPTION_MAX, problems, required=True)
    image = None
    if creating or not (body.get("image") is None or is_url(body.get("image"))):
        image = decode_image(body.get("image"), problems)
    criteria_url = body.get("criteriaUrl")
    if criteria_url not in (None, "") and (
        not is_url(criteria_url) or len(criteria_url) > CRITERIA_URL_MAX
    ):
        problems.add("criteriaUrl", "Enter a valid URL.")
    check_markdown(body, "criteriaNarrative", problems)
    check_alignments(body.get("alignments"), problems)
    check_tags(body.get("tags"), problems)
    check_expires(body.get("expires"), problems)
    return problems, image


def check_recipient(value: Any, problems: Problems) -> None:
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("identity"), str)
        or not value["identity"]
    ):
        problems.fields["recipient"] = {"identity": ["This field is required."]}
        return
    kind = value.get("type", "email")
    identity = value["identity"]
    valid = {
        "email": lambda: bool(_EMAIL.match(identity)),
        "url": lambda: is_url(identity),
        "telephone": lambda: bool(_PHONE.match(identity)),
        "openBadgeId": lambda: is_url(identity),
    }
    if kind not in valid:
        problems.fields["recipient"] = {"type": [f'"{kind}" is not a valid choice.']}
    elif not valid[kind]():
        problems.fields["recipient"] = {"identity": [f"Enter a valid {kind}."]}


def parse_datetime(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def check_assertion(body: dict[str, Any], now: dt.datetime) -> Problems:
    """Validate one issue body."""
    problems = Problems()
    check_recipient(body.get("recipient"), problems)
    issued = body.get("issuedOn")
    if issued is not None:
        moment = parse_datetime(issued)
        if moment is None or moment.year < 1583:
            problems.add("issuedOn", "Datetime has wrong format. Use ISO 8601.")
        elif moment > now + dt.timedelta(minutes=1):
            problems.add("issuedOn", "Only issuedOn dates in the past are acceptable.")
    if body.get("expires") is not None and parse_datetime(body.get("expires")) is None:
        problems.add("expires", "Datetime has wrong format. Use ISO 8601.")
    check_markdown(body, "narrative", problems)
    evidence = body.get("evidence") or []
    if not isinstance(evidence, list):
        problems.add("evidence", "Expected a list of items.")
    else:
        for item in evidence:
            if not isinstance(item, dict) or not (
                item.get("url") or item.get("narrative")
            ):
                problems.add("evidence", "Each item needs a url or a narrative.")
    return problems

"""Awards as the API returns them, and the body of a new award.

Pure functions over the JSON of Canvas Credentials assertions: their state, the
recipient behind a hashed identity, and what a new award sends.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from .plan import ExistingAward

DUPLICATE_MARK = "already exists"


def award_state(assertion: dict[str, Any], now: dt.datetime) -> str:
    """Return ``revoked``, ``expired`` or ``active`` for an assertion from the API."""
    if assertion.get("revoked"):
        return "revoked"
    expires = _parse_time(assertion.get("expires"))
    if expires is not None and expires <= now:
        return "expired"
    return "active"


def existing_award(assertion: dict[str, Any], now: dt.datetime) -> ExistingAward:
    recipient = assertion.get("recipient") or {}
    email = recipient.get("plaintextIdentity") or ""
    if not email and not recipient.get("hashed"):
        email = recipient.get("identity") or ""
    return ExistingAward(
        email=str(email).lower(),
        assertion_id=str(assertion.get("entityId", "")),
        url=str(assertion.get("openBadgeId") or ""),
        state=award_state(assertion, now),
    )


def resolve_hashed(
    assertions: list[dict[str, Any]], emails: Iterable[str], now: dt.datetime
) -> list[ExistingAward]:
    """Turn assertions into awards, matching hashed recipients without a plaintext identity.

    Canvas Credentials stores ``sha256$`` + sha256(email + salt). When a response omits
    ``plaintextIdentity``, each candidate email from the grade export is hashed with
    the assertion's salt and compared.
    """
    awards = []
    candidates = sorted(set(emails))
    for assertion in assertions:
        award = existing_award(assertion, now)
        if not award.email:
            award = _match_hash(assertion, award, candidates)
        awards.append(award)
    return awards


def _match_hash(
    assertion: dict[str, Any], award: ExistingAward, candidates: list[str]
) -> ExistingAward:
    recipient = assertion.get("recipient") or {}
    identity, salt = (
        str(recipient.get("identity", "")),
        str(recipient.get("salt") or ""),
    )
    if not identity.startswith("sha256$"):
        return award
    expected_digest = identity.split("$", 1)[1]
    for email in candidates:
        if hashlib.sha256((email + salt).encode()).hexdigest() == expected_digest:
            return ExistingAward(email, award.assertion_id, award.url, award.state)
    return award


def issue_body(
    email: str, issued_on: dt.datetime, expires_after_months: int | None
) -> dict[str, Any]:
    """Return the body of one award: notify on, and duplicates refused by the server.

    ``issuedOn`` is left to the server, which rejects a date in its future, so a
    local clock a little ahead cannot fail a batch. ``issued_on`` only dates the
    expiry, because the server stamps no expiry of its own onto awards.
    """
    body: dict[str, Any] = {
        "recipient": {"identity": email, "type": "email", "hashed": True},
        "notify": True,
        "allowDuplicateAwards": False,
    }
    if expires_after_months:
        body["expires"] = _iso(add_months(issued_on, expires_after_months))
    return body


def add_months(moment: dt.datetime, months: int) -> dt.datetime:
    """Add calendar months, clamping the day to the target month's length (Jan 31 plus one month is the last day of February)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def is_duplicate_refusal(item_errors: Any) -> bool:
    """True when one batch item's errors report that the recipient already has the badge."""
    return DUPLICATE_MARK in str(item_errors)


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_time(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)

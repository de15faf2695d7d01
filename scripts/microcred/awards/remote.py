"""The awards' view of Canvas Credentials: list, issue in batches, revoke.

Every call goes through the production client in ``microcred.canvas.client``; this
module only shapes requests and responses for the award pipeline.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from ..canvas.client import CanvasClient
from ..canvas.errors import CanvasError, WriteOutcomeUnknown
from ..governance import Governance
from .plan import ExistingAward

DUPLICATE_MARK = "already exists"


class BatchRejected(Exception):
    """The server rejected a batch (HTTP 400) and stored none of it.

    ``item_errors`` has one entry per item (empty for good items) when the server
    named them, else it is empty.
    """

    def __init__(self, message: str, item_errors: list[Any]) -> None:
        super().__init__(message)
        self.message = message
        self.item_errors = item_errors


class BatchFailed(Exception):
    """The server refused a batch for a reason other than its items; nothing was stored."""


class OutcomeUnknown(Exception):
    """A batch timed out or failed with 5xx: the server may or may not have stored it."""


class AwardsApi:
    """List, issue and revoke the awards of one badge class through ``CanvasClient``."""

    def __init__(self, client: CanvasClient) -> None:
        self.client = client

    @property
    def batch_size(self) -> int:
        return self.client.settings.batch_size

    def list_awards(
        self, badge_class: str, emails: Iterable[str], recipient: str | None = None
    ) -> list[ExistingAward]:
        """List every award of the badge class, revoked and expired included."""
        recipients = [recipient] if recipient else []
        about = f"badge class {badge_class}"
        assertions = self.client.list_assertions(
            badge_class_id=badge_class, recipients=recipients, about=about
        )
        return resolve_hashed(assertions, emails, dt.datetime.now(dt.UTC))

    def issue_batch(
        self, badge_class: str, bodies: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Issue one batch in one request, with notification on."""
        about = f"badge class {badge_class}"
        try:
            return self.client.issue_assertions(
                badge_class, bodies, notify=True, about=about
            )
        except WriteOutcomeUnknown as exc:
            raise OutcomeUnknown(exc.message) from None
        except CanvasError as exc:
            if exc.status == 400:
                raise BatchRejected(exc.message, item_errors(exc.body)) from None
            raise BatchFailed(exc.message) from None

    def revoke(self, assertion_id: str, reason: str) -> None:
        """Revoke one award; after an unknown outcome, read the award back to decide."""
        try:
            self.client.revoke_assertion(
                assertion_id, reason, about=f"assertion {assertion_id}"
            )
        except WriteOutcomeUnknown:
            current = self.client.get_assertion(
                assertion_id, about=f"assertion {assertion_id}"
            )
            if not current.get("revoked"):
                raise


def connect(governance: Governance) -> AwardsApi:
    return AwardsApi(CanvasClient.from_governance(governance))


def item_errors(body: Any) -> list[Any]:
    """Return a rejected batch's per-item ``fieldErrors`` list, or [] when it has none."""
    errors = body.get("fieldErrors") if isinstance(body, dict) else None
    return errors if isinstance(errors, list) else []


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

    Canvas Credentials stores ``sha256$`` + sha256(email + salt); when a response omits
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
    """Add calendar months, clamping the day to the target month's length (Jan 31 + 1 = Feb 28)."""
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

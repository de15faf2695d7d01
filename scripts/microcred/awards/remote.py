"""The awards' view of Canvas Credentials: list, issue in batches, revoke.

Every call goes through the production client in ``microcred.canvas.client``; this
module only shapes requests and responses for the award pipeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..canvas.client import CanvasClient
from ..canvas.errors import CanvasError, WriteOutcomeUnknown
from ..governance import Governance
from .assertions import resolve_hashed
from .plan import ExistingAward


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
                body = getattr(exc, "body", None)
                raise BatchRejected(exc.message, item_errors(body)) from None
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

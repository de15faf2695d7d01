"""Issue the plan's new awards in batches, journaled, and reconcile when a batch fails.

The rules that keep every learner at exactly one award:

* the plan comes from a full listing of the badge class, revoked and expired
  assertions included, so a rerun never re-issues what an earlier run stored;
* each batch is journaled (fsync'ed) before its request, and closed after it;
* a batch whose outcome is unknown (timeout, 5xx, dropped connection) is never
  sent again blindly: the badge class is listed again, the recipients found are
  recorded as issued, and only the missing ones are sent once more;
* every item also carries ``allowDuplicateAwards: false``, so the server refuses a
  duplicate that a concurrent run created. Such refusals count as "already awarded".

A batch is one ``POST /v2/badgeclasses/{id}/issue`` request, the v2 API's batch
endpoint, which validates every item before storing any.
NOTE: badgr-server does not check the items of one batch against each other for
duplicates, so the plan must hold each recipient once (``build_plan`` merges
repeated rows).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .assertions import is_duplicate_refusal, issue_body
from .journal import Journal
from .plan import AwardPlan, ExistingAward, PlanEntry, Status
from .remote import AwardsApi, BatchFailed, BatchRejected, OutcomeUnknown

log = logging.getLogger(__name__)

Advance = Callable[[int], None]


@dataclass(frozen=True)
class ApplyOptions:
    batch_size: int
    expires_after_months: int | None = None
    #: Times a batch's missing recipients are sent again after reconciling.
    retries: int = 1


class AwardRun:
    """One ``--apply`` run over a plan; entries change status in place."""

    def __init__(
        self, api: AwardsApi, plan: AwardPlan, journal: Journal, options: ApplyOptions
    ) -> None:
        self.api = api
        self.plan = plan
        self.journal = journal
        self.options = options
        self.requests = 0
        self.stopped = False

    def run(self, advance: Advance = lambda n: None) -> None:
        """Issue every new award; stop after a batch that still fails after its retry."""
        batches = list(_chunks(self.plan.new, self.options.batch_size))
        log.info(
            "issuing %d awards of %s in %d batch(es)",
            len(self.plan.new),
            self.plan.badge_class,
            len(batches),
        )
        for batch in batches:
            if self.stopped:
                for entry in batch:
                    _mark(entry, Status.FAILED, "not sent: an earlier batch failed")
            else:
                self._send(batch, self.options.retries)
            advance(len(batch))

    def _send(self, batch: list[PlanEntry], retries: int) -> None:
        self.requests += 1
        number = self.requests
        emails = [entry.email for entry in batch]
        self.journal.start(number, emails)
        issued_on = dt.datetime.now(dt.UTC)
        bodies = [
            issue_body(email, issued_on, self.options.expires_after_months)
            for email in emails
        ]
        try:
            created = self.api.issue_batch(self.plan.badge_class, bodies)
        except BatchRejected as exc:
            self.journal.failed(number, f"rejected: {exc.message}")
            self._after_rejection(batch, exc, retries)
            return
        except BatchFailed as exc:
            self.journal.failed(number, str(exc))
            self._retry_or_fail(batch, 0, str(exc))
            return
        except OutcomeUnknown as exc:
            log.warning(
                "batch %d of %d awards: %s; listing the badge class before sending again",
                number,
                len(batch),
                exc,
            )
            self._after_unknown(number, batch, retries, str(exc))
            return
        self._record_created(number, batch, created)

    def _record_created(
        self, number: int, batch: list[PlanEntry], created: list[dict[str, Any]]
    ) -> None:
        by_email = {_recipient_email(item): item for item in created}
        positional = len(created) == len(batch) and "" in by_email
        issued, unmatched = {}, []
        for index, entry in enumerate(batch):
            found = by_email.get(entry.email) or (
                created[index] if positional else None
            )
            if found is None:
                unmatched.append(entry)
                continue
            entry.assertion_id = str(found.get("entityId", ""))
            entry.url = str(found.get("openBadgeId", ""))
            _mark(entry, Status.ISSUED, "issued with notification")
            issued[entry.email] = entry.assertion_id
        self.journal.done(number, issued)
        log.info(
            "batch %d: issued %d awards: %s",
            number,
            len(issued),
            ", ".join(issued.values()),
        )
        if unmatched:
            # The response left some recipients out: list before deciding anything.
            error = "the response did not list every award that was sent"
            self._after_unknown(number, unmatched, 0, error)

    def _after_unknown(
        self, number: int, batch: list[PlanEntry], retries: int, error: str
    ) -> None:
        listed = self._list()
        missing = []
        for entry in batch:
            award = listed.get(entry.email)
            if award and award.state == "active":
                entry.assertion_id, entry.url = award.assertion_id, award.url
                _mark(
                    entry, Status.ISSUED, "issued (stored although the request failed)"
                )
            else:
                missing.append(entry)
        self.journal.reconciled(
            self.journal.run, number, len(batch) - len(missing), len(missing)
        )
        log.info(
            "batch %d: %d found in Canvas Credentials, %d missing",
            number,
            len(batch) - len(missing),
            len(missing),
        )
        self._retry_or_fail(missing, retries, error)

    def _after_rejection(
        self, batch: list[PlanEntry], exc: BatchRejected, retries: int
    ) -> None:
        if not exc.item_errors:
            self._after_unnamed_rejection(batch, exc.message, retries)
            return
        duplicates = {
            i
            for i, errors in enumerate(exc.item_errors)
            if is_duplicate_refusal(errors)
        }
        listed = self._list() if duplicates else {}
        good = []
        for index, entry in enumerate(batch):
            errors = exc.item_errors[index] if index < len(exc.item_errors) else {}
            if index in duplicates:
                _mark_duplicate(entry, listed.get(entry.email))
            elif errors:
                message = f"rejected by Canvas Credentials: {_flatten(errors)}"
                _mark(entry, Status.FAILED, message)
            else:
                good.append(entry)
        if good:
            self._send(good, retries)

    def _after_unnamed_rejection(
        self, batch: list[PlanEntry], error: str, retries: int
    ) -> None:
        """Handle a 400 whose body names no items: list, then drop duplicates.

        Learners who now have an active award were refused as duplicates. The rest
        are sent again only when that shrank the batch, because the same batch
        would be rejected again.
        """
        listed = self._list()
        rest = []
        for entry in batch:
            award = listed.get(entry.email)
            if award is not None and award.state == "active":
                _mark_duplicate(entry, award)
            else:
                rest.append(entry)
        if rest and len(rest) < len(batch):
            self._send(rest, retries)
        else:
            self._retry_or_fail(rest, 0, error)

    def _retry_or_fail(
        self, missing: list[PlanEntry], retries: int, error: str
    ) -> None:
        if not missing:
            return
        if retries > 0:
            self._send(missing, retries - 1)
            return
        for entry in missing:
            _mark(entry, Status.FAILED, f"not issued: {error}")
        self.stopped = True
        log.error(
            "%d awards were not issued (%s); rerun the same command to finish",
            len(missing),
            error,
        )

    def _list(self) -> dict[str, ExistingAward]:
        awards = self.api.list_awards(
            self.plan.badge_class, [e.email for e in self.plan.entries if e.email]
        )
        best: dict[str, ExistingAward] = {}
        for award in awards:
            if award.email and (award.email not in best or award.state == "active"):
                best[award.email] = award
        return best


def _recipient_email(assertion: dict[str, Any]) -> str:
    recipient = assertion.get("recipient")
    if not isinstance(recipient, dict):
        return ""
    return str(recipient.get("plaintextIdentity") or "").lower()


def _mark_duplicate(entry: PlanEntry, award: ExistingAward | None) -> None:
    if award is not None:
        entry.assertion_id, entry.url = award.assertion_id, award.url
    _mark(entry, Status.ALREADY, "refused by Canvas Credentials as a duplicate award")


def _mark(entry: PlanEntry, status: Status, detail: str) -> None:
    entry.status = status
    entry.detail = detail


def _flatten(errors: object) -> str:
    return str(errors).replace("\n", " ")[:300]


def _chunks(entries: list[PlanEntry], size: int) -> Iterator[list[PlanEntry]]:
    for start in range(0, len(entries), size):
        yield entries[start : start + size]

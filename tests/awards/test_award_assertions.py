"""Reading awards from API responses: states, hashed recipients, issue bodies."""

from __future__ import annotations

import datetime as dt
import hashlib

from microcred.awards.assertions import (
    add_months,
    award_state,
    issue_body,
    resolve_hashed,
)

NOW = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)


def _assertion(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "entityId": "A1",
        "openBadgeId": "https://x/public/assertions/A1",
        "revoked": False,
    }
    base.update(fields)
    return base


def test_award_states() -> None:
    assert award_state(_assertion(), NOW) == "active"
    assert award_state(_assertion(revoked=True), NOW) == "revoked"
    assert award_state(_assertion(expires="2026-01-01T00:00:00Z"), NOW) == "expired"
    assert award_state(_assertion(expires="2030-01-01T00:00:00Z"), NOW) == "active"


def test_hashed_recipient_matched_by_salt() -> None:
    salt = "c0ffee"
    identity = "sha256$" + hashlib.sha256(("b@example.edu" + salt).encode()).hexdigest()
    hashed = _assertion(recipient={"identity": identity, "hashed": True, "salt": salt})
    plain = _assertion(
        entityId="A2",
        recipient={"identity": "sha256$00", "plaintextIdentity": "C@Example.edu"},
    )
    awards = resolve_hashed([hashed, plain], ["a@example.edu", "b@example.edu"], NOW)
    assert [a.email for a in awards] == ["b@example.edu", "c@example.edu"]


def test_unmatched_hash_keeps_empty_email() -> None:
    hashed = _assertion(
        recipient={"identity": "sha256$abc", "hashed": True, "salt": "s"}
    )
    assert resolve_hashed([hashed], ["a@example.edu"], NOW)[0].email == ""


def test_issue_body_has_notify_guard_and_expiry() -> None:
    body = issue_body("a@example.edu", NOW, 36)
    assert body["notify"] is True
    assert body["allowDuplicateAwards"] is False
    assert "issuedOn" not in body
    assert body["expires"] == "2029-12-04T12:00:00Z"
    assert "expires" not in issue_body("a@example.edu", NOW, None)


def test_add_months_clamps_day() -> None:
    assert add_months(dt.datetime(2027, 1, 31, tzinfo=dt.UTC), 1).day == 28
    assert add_months(dt.datetime(2027, 11, 15, tzinfo=dt.UTC), 3) == dt.datetime(
        2028, 2, 15, tzinfo=dt.UTC
    )

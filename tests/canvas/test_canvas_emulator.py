"""The emulator follows the Badgr v2 contract: tokens, envelope, rules, pages, awards."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest
import requests
from canvas_helpers import SVG_URI, badge_body

from microcred.canvas.emulator import Emulator


def token_for(emulator: Emulator) -> dict[str, Any]:
    form = {"username": emulator.username, "password": emulator.password}
    response = requests.post(f"{emulator.url}/o/token", data=form, timeout=5)
    assert response.status_code == 200
    return dict(response.json())


class Api:
    """Raw requests with a bearer token, to check the server's exact replies."""

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self.token = token_for(emulator)["access_token"]

    def __call__(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.token}", **kwargs.pop("headers", {})}
        url = path if path.startswith("http") else f"{self.emulator.url}{path}"
        return requests.request(method, url, headers=headers, timeout=5, **kwargs)

    def create(self, **extra: Any) -> dict[str, Any]:
        path = f"/v2/issuers/{self.emulator.issuer_id}/badgeclasses"
        response = self("POST", path, json=badge_body(**extra))
        assert response.status_code == 201, response.text
        return dict(response.json()["result"][0])

    def award(self, badge_class: str, email: str, **extra: Any) -> requests.Response:
        body = {"recipient": {"identity": email, "type": "email"}, **extra}
        return self("POST", f"/v2/badgeclasses/{badge_class}/assertions", json=body)


@pytest.fixture
def api(canvas_emulator: Emulator) -> Api:
    return Api(canvas_emulator)


def test_token_password_grant(canvas_emulator: Emulator) -> None:
    body = token_for(canvas_emulator)
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 86400
    assert "rw:issuer" in body["scope"].split()
    assert body["refresh_token"]


def test_token_bad_password(canvas_emulator: Emulator) -> None:
    form = {"username": canvas_emulator.username, "password": "wrong"}
    response = requests.post(f"{canvas_emulator.url}/o/token", data=form, timeout=5)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_token_rejects_query_parameters(canvas_emulator: Emulator) -> None:
    url = f"{canvas_emulator.url}/o/token?username={canvas_emulator.username}"
    response = requests.post(
        url, data={"password": canvas_emulator.password}, timeout=5
    )
    assert response.status_code == 400


def test_refresh_token_rotates(canvas_emulator: Emulator) -> None:
    first = token_for(canvas_emulator)
    form = {"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}
    second = requests.post(f"{canvas_emulator.url}/o/token", data=form, timeout=5)
    assert second.status_code == 200
    assert second.json()["refresh_token"] != first["refresh_token"]
    reused = requests.post(f"{canvas_emulator.url}/o/token", data=form, timeout=5)
    assert reused.status_code == 400
    old = requests.get(
        f"{canvas_emulator.url}/v2/issuers",
        headers={"Authorization": f"Bearer {first['access_token']}"},
        timeout=5,
    )
    assert old.status_code == 401


def test_login_throttle(canvas_emulator: Emulator) -> None:
    canvas_emulator.throttle_login(8)
    form = {"username": canvas_emulator.username, "password": canvas_emulator.password}
    response = requests.post(f"{canvas_emulator.url}/o/token", data=form, timeout=5)
    assert response.status_code == 429
    assert response.json()["error"] == "login attempts throttled"
    assert response.json()["expires"] == 8


def test_expired_token_gets_401_envelope(canvas_emulator: Emulator) -> None:
    canvas_emulator.set_token_lifetime(0)
    api = Api(canvas_emulator)
    response = api("GET", "/v2/issuers")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json()["status"] == {
        "success": False,
        "description": "no valid auth token found",
    }
    assert response.json()["fieldErrors"] == {}
    assert response.json()["validationErrors"] == []


def test_missing_token_is_401(canvas_emulator: Emulator) -> None:
    response = requests.get(f"{canvas_emulator.url}/v2/issuers", timeout=5)
    assert response.status_code == 401


def test_envelope_wraps_single_object(api: Api) -> None:
    response = api("GET", f"/v2/issuers/{api.emulator.issuer_id}")
    assert response.status_code == 200
    assert response.json()["status"] == {"success": True, "description": "ok"}
    assert [item["entityId"] for item in response.json()["result"]] == [
        api.emulator.issuer_id
    ]


def test_unknown_issuer_is_404(api: Api) -> None:
    response = api("GET", "/v2/issuers/someoneElse0000000000")
    assert response.status_code == 404
    assert (
        response.json()["status"]["description"]
        == "entity not found or insufficient privileges"
    )


def test_trailing_slash_is_404(api: Api) -> None:
    assert api("GET", "/v2/issuers/").status_code == 404


def test_wrong_method_is_405(api: Api) -> None:
    assert api("DELETE", "/v2/issuers").status_code == 405


def test_malformed_json_is_400(api: Api) -> None:
    path = f"/v2/issuers/{api.emulator.issuer_id}/badgeclasses"
    response = api(
        "POST", path, data=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400


def test_badge_class_created(api: Api) -> None:
    created = api.create(
        alignments=[{"targetName": "Python", "targetUrl": "https://skills.example/py"}]
    )
    assert created["entityType"] == "BadgeClass"
    assert len(created["entityId"]) == 22
    assert (
        created["openBadgeId"]
        == f"{api.emulator.url}/public/badges/{created['entityId']}"
    )
    assert created["createdAt"].endswith("Z")
    assert created["image"].startswith("http")
    assert created["issuer"] == api.emulator.issuer_id
    stored = api.emulator.state()["badge_classes"][0]
    assert stored["_imageMime"] == "image/png"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": None}, "name", "This field is required."),
        (
            {"name": "x" * 256},
            "name",
            "Ensure this field has no more than 255 characters.",
        ),
        ({"description": None}, "description", "This field is required."),
        (
            {"image": "https://example.edu/badge.png"},
            "image",
            "Valid image file or data URI required.",
        ),
        ({"image": "data:image/jpeg;base64,/9j/4AAQ"}, "image", "Invalid PNG"),
        ({"image": "data:image/gif;base64,R0lGODlh"}, "image", "Invalid MIME type"),
        ({"criteriaUrl": "not a url"}, "criteriaUrl", "Enter a valid URL."),
        (
            {"criteriaNarrative": "see ![chart](x.png)"},
            "criteriaNarrative",
            "Image syntax is not allowed in Markdown.",
        ),
        (
            {"expires": {"amount": 0, "duration": "months"}},
            "expires",
            "amount must be a whole number of at least 1.",
        ),
        (
            {"expires": {"amount": 2, "duration": "fortnights"}},
            "expires",
            "duration must be one of days, weeks, months, years.",
        ),
        (
            {"alignments": [{"targetUrl": "https://x.example"}]},
            "alignments",
            "Item 0: targetName is required.",
        ),
        (
            {"alignments": [{"targetName": "X", "targetUrl": "nope"}]},
            "alignments",
            "Item 0: targetUrl must be a valid URL.",
        ),
        (
            {"tags": ["t" * 1025]},
            "tags",
            "Ensure each tag has no more than 1024 characters.",
        ),
    ],
)
def test_badge_class_field_rules(
    api: Api, change: dict[str, Any], field: str, message: str
) -> None:
    body = {
        key: value
        for key, value in {**badge_body(), **change}.items()
        if value is not None
    }
    response = api(
        "POST", f"/v2/issuers/{api.emulator.issuer_id}/badgeclasses", json=body
    )
    assert response.status_code == 400
    assert response.json()["status"]["description"] == "bad request"
    assert message in response.json()["fieldErrors"][field]


def test_put_keeps_image_sent_as_url(api: Api) -> None:
    created = api.create()
    body = badge_body(name="Renamed", image=created["image"], tags=["a", "<b>b</b>"])
    response = api("PUT", f"/v2/badgeclasses/{created['entityId']}", json=body)
    assert response.status_code == 200
    updated = response.json()["result"][0]
    assert updated["name"] == "Renamed"
    assert updated["tags"] == ["a", "b"]
    assert api.emulator.state()["badge_classes"][0]["_imageMime"] == "image/png"


def test_put_replaces_image_sent_as_data_uri(api: Api) -> None:
    created = api.create()
    response = api(
        "PUT", f"/v2/badgeclasses/{created['entityId']}", json=badge_body(image=SVG_URI)
    )
    assert response.status_code == 200
    assert api.emulator.state()["badge_classes"][0]["_imageMime"] == "image/svg+xml"


def test_put_requires_name(api: Api) -> None:
    created = api.create()
    body = {"description": "only this"}
    response = api("PUT", f"/v2/badgeclasses/{created['entityId']}", json=body)
    assert response.status_code == 400
    assert "name" in response.json()["fieldErrors"]


def test_pages_follow_link_header(api: Api) -> None:
    names = [api.create(name=f"B{i}")["name"] for i in range(5)]
    path = f"/v2/issuers/{api.emulator.issuer_id}/badgeclasses"
    first = api("GET", path, params={"num": 2})
    assert [b["name"] for b in first.json()["result"]] == ["B4", "B3"]
    assert 'rel="next"' in first.headers["Link"]
    second = api("GET", first.links["next"]["url"])
    assert [b["name"] for b in second.json()["result"]] == ["B2", "B1"]
    third = api("GET", second.links["next"]["url"])
    assert [b["name"] for b in third.json()["result"]] == ["B0"]
    assert "Link" not in third.headers
    whole = api("GET", path)
    assert sorted(b["name"] for b in whole.json()["result"]) == sorted(names)
    assert "Link" not in whole.headers


def test_page_size_clamped(api: Api) -> None:
    api.create()
    response = api(
        "GET", f"/v2/issuers/{api.emulator.issuer_id}/badgeclasses", params={"num": 0}
    )
    assert len(response.json()["result"]) == 1


def test_award_hashes_lowercased_email(api: Api) -> None:
    badge_class = api.create()["entityId"]
    response = api.award(badge_class, "Ada.Lovelace@Example.EDU")
    assert response.status_code == 201
    recipient = response.json()["result"][0]["recipient"]
    assert recipient["plaintextIdentity"] == "ada.lovelace@example.edu"
    assert recipient["hashed"] is True
    digest = hashlib.sha256(
        ("ada.lovelace@example.edu" + recipient["salt"]).encode()
    ).hexdigest()
    assert recipient["identity"] == "sha256$" + digest


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"recipient": {"type": "email"}}, "recipient"),
        ({"recipient": {"identity": "not-an-email"}}, "recipient"),
        ({"recipient": {"identity": "12", "type": "fax"}}, "recipient"),
        (
            {"recipient": {"identity": "a@x.edu"}, "issuedOn": "2999-01-01T00:00:00Z"},
            "issuedOn",
        ),
        ({"recipient": {"identity": "a@x.edu"}, "issuedOn": 1700000000}, "issuedOn"),
        ({"recipient": {"identity": "a@x.edu"}, "narrative": "![x](y)"}, "narrative"),
        ({"recipient": {"identity": "a@x.edu"}, "evidence": [{}]}, "evidence"),
    ],
)
def test_award_field_rules(api: Api, body: dict[str, Any], field: str) -> None:
    badge_class = api.create()["entityId"]
    response = api("POST", f"/v2/badgeclasses/{badge_class}/assertions", json=body)
    assert response.status_code == 400
    assert field in response.json()["fieldErrors"]


def test_duplicates_allowed_by_default(api: Api) -> None:
    badge_class = api.create()["entityId"]
    assert api.award(badge_class, "a@x.edu").status_code == 201
    assert api.award(badge_class, "a@x.edu").status_code == 201


def test_duplicate_rejected_when_disallowed(api: Api) -> None:
    badge_class = api.create()["entityId"]
    assert api.award(badge_class, "a@x.edu").status_code == 201
    again = api.award(badge_class, "a@x.edu", allowDuplicateAwards=False)
    assert again.status_code == 400
    assert "already exists" in again.json()["validationErrors"][0]


def test_duplicate_check_misses_mixed_case(api: Api) -> None:
    badge_class = api.create()["entityId"]
    assert api.award(badge_class, "a@x.edu").status_code == 201
    assert (
        api.award(badge_class, "A@X.edu", allowDuplicateAwards=False).status_code == 201
    )


def test_duplicate_check_skips_revoked(api: Api) -> None:
    badge_class = api.create()["entityId"]
    first = api.award(badge_class, "a@x.edu").json()["result"][0]["entityId"]
    api("DELETE", f"/v2/assertions/{first}", json={"revocation_reason": "wrong course"})
    assert (
        api.award(badge_class, "a@x.edu", allowDuplicateAwards=False).status_code == 201
    )


def test_lists_hide_revoked_and_expired(api: Api) -> None:
    badge_class = api.create()["entityId"]
    past = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).isoformat()
    live = api.award(badge_class, "live@x.edu").json()["result"][0]["entityId"]
    expired = api.award(badge_class, "old@x.edu", expires=past).json()["result"][0][
        "entityId"
    ]
    revoked = api.award(badge_class, "gone@x.edu").json()["result"][0]["entityId"]
    api("DELETE", f"/v2/assertions/{revoked}", json={"revocation_reason": "error"})
    path = f"/v2/badgeclasses/{badge_class}/assertions"

    def ids(**params: str) -> set[str]:
        return {a["entityId"] for a in api("GET", path, params=params).json()["result"]}

    assert ids() == {live}
    assert ids(include_revoked="true") == {live, revoked}
    assert ids(include_expired="1") == {live, expired}
    assert ids(include_revoked="true", include_expired="true") == {
        live,
        expired,
        revoked,
    }
    issuer_path = f"/v2/issuers/{api.emulator.issuer_id}/assertions"
    everything = api(
        "GET",
        issuer_path,
        params={"include_revoked": "true", "include_expired": "true"},
    )
    assert len(everything.json()["result"]) == 3


def test_recipient_filter_repeats(api: Api) -> None:
    badge_class = api.create()["entityId"]
    for email in ("a@x.edu", "b@x.edu", "c@x.edu"):
        api.award(badge_class, email)
    path = f"/v2/badgeclasses/{badge_class}/assertions"
    response = api(
        "GET", path, params=[("recipient", "a@x.edu"), ("recipient", "c@x.edu")]
    )
    emails = sorted(
        a["recipient"]["plaintextIdentity"] for a in response.json()["result"]
    )
    assert emails == ["a@x.edu", "c@x.edu"]


def test_revoke_needs_reason(api: Api) -> None:
    badge_class = api.create()["entityId"]
    assertion = api.award(badge_class, "a@x.edu").json()["result"][0]["entityId"]
    response = api("DELETE", f"/v2/assertions/{assertion}", json={})
    assert response.status_code == 400
    assert "revocation_reason" in response.json()["fieldErrors"]


def test_revoke_twice_is_400(api: Api) -> None:
    badge_class = api.create()["entityId"]
    assertion = api.award(badge_class, "a@x.edu").json()["result"][0]["entityId"]
    first = api(
        "DELETE", f"/v2/assertions/{assertion}", json={"revocation_reason": "typo"}
    )
    assert first.status_code == 200
    assert first.json()["result"][0]["revoked"] is True
    assert first.json()["result"][0]["revocationReason"] == "typo"
    second = api(
        "DELETE", f"/v2/assertions/{assertion}", json={"revocation_reason": "typo"}
    )
    assert second.status_code == 400
    assert second.json()["validationErrors"] == ["Assertion is already revoked"]


def test_batch_revoke_reports_each_item(api: Api) -> None:
    badge_class = api.create()["entityId"]
    assertion = api.award(badge_class, "a@x.edu").json()["result"][0]["entityId"]
    body = [
        {"entityId": assertion, "revocationReason": "typo"},
        {"entityId": assertion, "revocationReason": "typo"},
        {"entityId": "missing00000000000000", "revocationReason": "typo"},
        {"entityId": assertion},
    ]
    response = api("POST", "/v2/assertions/revoke", json=body)
    assert response.status_code == 200
    results = response.json()["result"]
    assert [r["revoked"] for r in results] == [True, False, False, False]
    assert results[1]["reason"] == "Assertion is already revoked"
    assert results[2]["reason"] == "permission denied or object not found"


def test_batch_issue_all_or_nothing(api: Api) -> None:
    badge_class = api.create()["entityId"]
    path = f"/v2/badgeclasses/{badge_class}/issue"
    bad = {"assertions": [{"recipient": {"identity": "a@x.edu"}}, {"recipient": {}}]}
    response = api("POST", path, json=bad)
    assert response.status_code == 400
    assert response.json()["fieldErrors"][0] == {}
    assert "recipient" in response.json()["fieldErrors"][1]
    assert api.emulator.state()["assertions"] == []
    good = {
        "assertions": [
            {"recipient": {"identity": "a@x.edu"}},
            {"recipient": {"identity": "b@x.edu"}},
        ]
    }
    response = api("POST", path, json=good)
    assert response.status_code == 201
    assert [a["recipient"]["plaintextIdentity"] for a in response.json()["result"]] == [
        "a@x.edu",
        "b@x.edu",
    ]


def test_batch_issue_bare_list_is_400(api: Api) -> None:
    badge_class = api.create()["entityId"]
    response = api(
        "POST",
        f"/v2/badgeclasses/{badge_class}/issue",
        json=[{"recipient": {"identity": "a@x.edu"}}],
    )
    assert response.status_code == 400
    assert response.content == b""


def test_issuer_route_needs_one_badge_class_key(api: Api) -> None:
    created = api.create()
    path = f"/v2/issuers/{api.emulator.issuer_id}/assertions"
    both = {
        "recipient": {"identity": "a@x.edu"},
        "badgeclass": created["entityId"],
        "badgeclassName": created["name"],
    }
    assert api("POST", path, json=both).status_code == 400
    by_name = {"recipient": {"identity": "a@x.edu"}, "badgeclassName": created["name"]}
    assert api("POST", path, json=by_name).status_code == 201


def test_notifications_recorded(api: Api) -> None:
    badge_class = api.create()["entityId"]
    api.award(badge_class, "a@x.edu")
    api.award(badge_class, "a@x.edu")
    api.award(badge_class, "a@x.edu", notify=True)
    reasons = [n["reason"] for n in api.emulator.state()["notifications"]]
    assert reasons == ["first award to this address", "notify"]


def test_delete_blocked_by_live_award(api: Api) -> None:
    badge_class = api.create()["entityId"]
    assertion = api.award(badge_class, "a@x.edu").json()["result"][0]["entityId"]
    blocked = api("DELETE", f"/v2/badgeclasses/{badge_class}")
    assert blocked.status_code == 400
    assert "could not be deleted" in blocked.json()["status"]["description"]
    api("DELETE", f"/v2/assertions/{assertion}", json={"revocation_reason": "test"})
    assert api("DELETE", f"/v2/badgeclasses/{badge_class}").status_code == 204


def test_state_route_counts_requests(api: Api) -> None:
    api.create()
    api("GET", "/v2/issuers")
    state = requests.get(f"{api.emulator.url}/_emulator/state", timeout=5).json()
    assert state["requests"]["by_route"]["POST /v2/issuers/{issuer}/badgeclasses"] == 1
    assert state["requests"]["by_route"]["GET /v2/issuers"] == 1
    assert state["requests"]["writes"] == 1
    assert len(state["badge_classes"]) == 1
    assert "access_tokens" not in state


def test_control_route_sets_faults(api: Api) -> None:
    control = f"{api.emulator.url}/_emulator/faults"
    rule = {"kind": "503", "route": "GET /v2/issuers", "times": 1}
    assert requests.post(control, json={"rules": [rule]}, timeout=5).status_code == 200
    assert api("GET", "/v2/issuers").status_code == 503
    assert api("GET", "/v2/issuers").status_code == 200
    bad = requests.post(control, json={"rules": [{"kind": "meteor"}]}, timeout=5)
    assert bad.status_code == 400
    assert "unknown fault kind 'meteor'" in bad.json()["status"]["description"]


def test_control_route_sets_latency(api: Api) -> None:
    response = requests.post(
        f"{api.emulator.url}/_emulator/latency", json={"ms": 5}, timeout=5
    )
    assert response.status_code == 200
    assert api.emulator.latency_ms == 5


def test_reset_forgets_everything(api: Api) -> None:
    api.create()
    requests.post(f"{api.emulator.url}/_emulator/reset", timeout=5)
    state = api.emulator.state()
    assert state["badge_classes"] == []
    assert state["requests"]["total"] == 0
    assert [i["entityId"] for i in state["issuers"]] == [api.emulator.issuer_id]


def test_state_file_survives_restart(tmp_path: Path) -> None:
    state_file = tmp_path / "state.json"
    with Emulator(state_file=state_file) as first:
        Api(first).create(name="Kept")
    with Emulator(state_file=state_file) as second:
        names = [b["name"] for b in second.state()["badge_classes"]]
    assert names == ["Kept"]


def test_fault_rate_is_seeded(canvas_emulator: Emulator) -> None:
    def statuses(seed: int) -> list[int]:
        canvas_emulator.reset()
        canvas_emulator.set_fault_rate(0.5, kinds=("503",), seed=seed)
        return [
            requests.get(f"{canvas_emulator.url}/v2/issuers", timeout=5).status_code
            for _ in range(20)
        ]

    first = statuses(7)
    assert first == statuses(7)
    assert 503 in first
    assert 401 in first


def test_control_route_rejects_bad_body(canvas_emulator: Emulator) -> None:
    url = f"{canvas_emulator.url}/_emulator/latency"
    not_object = requests.post(url, json=[1], timeout=5)
    assert not_object.status_code == 400
    assert "expected a JSON object" in not_object.json()["status"]["description"]
    missing = requests.post(url, json={}, timeout=5)
    assert missing.status_code == 400
    unknown = requests.post(f"{canvas_emulator.url}/_emulator/meteor", timeout=5)
    assert unknown.status_code == 404

"""The client against the emulator: envelope, pages, retries, faults, errors, secrets."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from canvas_helpers import PNG_URI, Sleeps, badge_body

from microcred.canvas import client as client_module
from microcred.canvas.client import CanvasClient
from microcred.canvas.emulator import Emulator
from microcred.canvas.errors import CanvasAuthError, CanvasError, WriteOutcomeUnknown

CREATE_ROUTE = "POST /v2/issuers/*/badgeclasses"
LIST_ROUTE = "GET /v2/issuers/*/badgeclasses"


def badge_class_count(emulator: Emulator) -> int:
    return len(emulator.state()["badge_classes"])


def test_create_and_read_back(client: CanvasClient) -> None:
    created = client.create_badge_class(badge_body(), about="credential dv")
    fetched = client.get_badge_class(created["entityId"])
    assert fetched["name"] == "Data Visualization"
    assert fetched["tags"] == ["microcred:dv"]
    assert client.get_issuer()["entityId"] == client.issuer_id


def test_list_follows_every_page(
    client: CanvasClient, canvas_emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client_module, "PAGE_SIZE", 2)
    for index in range(5):
        client.create_badge_class(badge_body(f"B{index}"))
    names = [b["name"] for b in client.list_badge_classes()]
    assert names == ["B4", "B3", "B2", "B1", "B0"]
    assert (
        canvas_emulator.request_counts()["by_route"][
            "GET /v2/issuers/{issuer}/badgeclasses"
        ]
        == 3
    )


def test_update_replaces_fields(client: CanvasClient) -> None:
    created = client.create_badge_class(badge_body())
    updated = client.update_badge_class(
        created["entityId"], badge_body("Renamed", tags=["microcred:dv", "x"])
    )
    assert updated["name"] == "Renamed"
    assert updated["tags"] == ["microcred:dv", "x"]


def test_429_honours_retry_after(
    client: CanvasClient, canvas_emulator: Emulator, sleeps: Sleeps
) -> None:
    canvas_emulator.set_fault("429", route=LIST_ROUTE, times=2, retry_after=7)
    assert client.list_badge_classes() == []
    assert sleeps == [7.0, 7.0]


def test_retry_after_is_capped(
    client: CanvasClient, canvas_emulator: Emulator, sleeps: Sleeps
) -> None:
    canvas_emulator.set_fault("429", route=LIST_ROUTE, times=1, retry_after=3600)
    client.list_badge_classes()
    assert sleeps == [60.0]


def test_429_without_retry_after_backs_off(
    client: CanvasClient, canvas_emulator: Emulator, sleeps: Sleeps
) -> None:
    canvas_emulator.set_fault("429-no-retry-after", route=LIST_ROUTE, times=3)
    client.list_badge_classes()
    assert sleeps == [1.0, 2.0, 4.0]


def test_429_on_create_is_repeated(
    client: CanvasClient, canvas_emulator: Emulator
) -> None:
    canvas_emulator.set_fault("429", route=CREATE_ROUTE, times=1)
    client.create_badge_class(badge_body())
    assert badge_class_count(canvas_emulator) == 1


def test_html_500_on_get_is_retried(
    client: CanvasClient, canvas_emulator: Emulator, sleeps: Sleeps
) -> None:
    canvas_emulator.set_fault("500-html", route=LIST_ROUTE, times=1)
    assert client.list_badge_classes() == []
    assert sleeps == [1.0]


def test_503_on_get_is_retried(
    client: CanvasClient, canvas_emulator: Emulator, sleeps: Sleeps
) -> None:
    canvas_emulator.set_fault("503", route=LIST_ROUTE, times=2)
    assert client.list_badge_classes() == []
    assert sleeps == [1.0, 2.0]


def test_retries_give_up_with_message(
    make_client: Callable[..., CanvasClient], canvas_emulator: Emulator, sleeps: Sleeps
) -> None:
    client = make_client(attempts=3)
    canvas_emulator.set_fault("503", route=LIST_ROUTE)
    with pytest.raises(CanvasError) as caught:
        client.list_badge_classes()
    assert "GET /v2/issuers/esuIssuer0000000000001/badgeclasses" in caught.value.message
    assert "failed after 3 attempts: HTTP 503" in caught.value.message
    assert len(sleeps) == 2


def test_html_500_on_create_not_repeated(
    client: CanvasClient, canvas_emulator: Emulator
) -> None:
    canvas_emulator.set_fault("500-html", route=CREATE_ROUTE, times=1)
    with pytest.raises(WriteOutcomeUnknown) as caught:
        client.create_badge_class(badge_body(), about="credential dv")
    assert "for credential dv" in caught.value.message
    assert "HTML error page (Server Error (500))" in caught.value.message
    assert (
        canvas_emulator.request_counts()["by_route"][
            "POST /v2/issuers/{issuer}/badgeclasses"
        ]
        == 1
    )
    assert badge_class_count(canvas_emulator) == 0


def test_503_on_create_not_repeated(
    client: CanvasClient, canvas_emulator: Emulator
) -> None:
    canvas_emulator.set_fault("503", route=CREATE_ROUTE, times=1)
    with pytest.raises(WriteOutcomeUnknown):
        client.create_badge_class(badge_body())
    assert (
        canvas_emulator.request_counts()["by_route"][
            "POST /v2/issuers/{issuer}/badgeclasses"
        ]
        == 1
    )


def test_500_after_write_leaves_object(
    client: CanvasClient, canvas_emulator: Emulator
) -> None:
    canvas_emulator.set_fault("500-after-write", route=CREATE_ROUTE, times=1)
    with pytest.raises(WriteOutcomeUnknown):
        client.create_badge_class(badge_body())
    assert badge_class_count(canvas_emulator) == 1
    assert [b["name"] for b in client.list_badge_classes()] == ["Data Visualization"]


def test_500_after_write_on_put_is_repeated(
    client: CanvasClient, canvas_emulator: Emulator
) -> None:
    created = client.create_badge_class(badge_body())
    canvas_emulator.set_fault(
        "500-after-write", route="PUT /v2/badgeclasses/*", times=1
    )
    updated = client.update_badge_class(created["entityId"], badge_body("Renamed"))
    assert updated["name"] == "Renamed"
    assert (
        canvas_emulator.request_counts()["by_route"][
            "PUT /v2/badgeclasses/{badge_class}"
        ]
        == 2
    )


def test_slow_create_times_out_unrepeated(
    make_client: Callable[..., CanvasClient], canvas_emulator: Emulator
) -> None:
    client = make_client(timeout=0.2)
    client.get_issuer()
    canvas_emulator.set_fault("slow", route=CREATE_ROUTE, times=1, delay_ms=600)
    with pytest.raises(WriteOutcomeUnknown) as caught:
        client.create_badge_class(badge_body(), about="credential dv")
    assert "timed out" in caught.value.message
    assert badge_class_count(canvas_emulator) == 1


def test_slow_get_is_retried(
    make_client: Callable[..., CanvasClient], canvas_emulator: Emulator, sleeps: Sleeps
) -> None:
    client = make_client(timeout=0.2)
    client.get_issuer()
    canvas_emulator.set_fault("slow", route=LIST_ROUTE, times=1, delay_ms=600)
    assert client.list_badge_classes() == []
    assert sleeps == [1.0]


def test_expired_token_refreshed_once(
    client: CanvasClient, canvas_emulator: Emulator
) -> None:
    client.get_issuer()
    canvas_emulator.set_fault("expire-token", route=LIST_ROUTE, times=1)
    assert client.list_badge_classes() == []
    counts = canvas_emulator.request_counts()
    assert counts["by_status"]["401"] == 1
    assert counts["by_route"]["POST /o/token"] == 2


def test_short_token_lifetime_mid_run(
    client: CanvasClient, canvas_emulator: Emulator
) -> None:
    canvas_emulator.set_token_lifetime(0)
    with pytest.raises(CanvasError) as caught:
        client.list_badge_classes()
    assert caught.value.status == 401
    canvas_emulator.set_token_lifetime(60)
    client.create_badge_class(badge_body())
    canvas_emulator.expire_tokens()
    assert len(client.list_badge_classes()) == 1


def test_rotated_refresh_token_reused_signs_in(
    client: CanvasClient, canvas_emulator: Emulator
) -> None:
    client.get_issuer()
    canvas_emulator.set_fault("500-after-write", route="POST /o/token", times=1)
    canvas_emulator.expire_tokens()
    assert client.list_badge_classes() == []
    assert canvas_emulator.request_counts()["by_route"]["POST /o/token"] == 4


def test_token_rejected_without_password(
    make_client: Callable[..., CanvasClient],
) -> None:
    client = make_client(token="stale-token-value")
    with pytest.raises(CanvasAuthError) as caught:
        client.list_badge_classes()
    assert "CANVAS_CREDENTIALS_TOKEN" in caught.value.message
    assert "stale-token-value" not in str(caught.value)


def test_given_token_used_directly(
    make_client: Callable[..., CanvasClient], canvas_emulator: Emulator
) -> None:
    tokens = make_client().transport.tokens
    tokens.sign_in()
    client = make_client(token=tokens.access)
    assert client.list_badge_classes() == []
    assert canvas_emulator.request_counts()["by_route"]["POST /o/token"] == 1


def test_wrong_password_names_credential(
    canvas_emulator: Emulator, sleeps: Sleeps
) -> None:
    from microcred.canvas.settings import CanvasSettings

    settings = CanvasSettings(
        canvas_emulator.url,
        canvas_emulator.issuer_id,
        username="demo@example.edu",
        password="hunter2-wrong",
    )
    with pytest.raises(CanvasAuthError) as caught:
        CanvasClient(settings, sleep=sleeps).list_badge_classes()
    assert (
        "POST /o/token (password grant) was rejected: invalid_grant"
        in caught.value.message
    )
    assert "CANVAS_CREDENTIALS_USERNAME (demo@example.edu)" in str(caught.value)
    assert "hunter2-wrong" not in str(caught.value)


def test_login_throttle_waits_expires(
    client: CanvasClient, canvas_emulator: Emulator, sleeps: Sleeps
) -> None:
    canvas_emulator.throttle_login(30)
    with pytest.raises(CanvasError) as caught:
        client.list_badge_classes()
    assert "POST /o/token failed after 6 attempts: HTTP 429" in caught.value.message
    assert sleeps == [30.0] * 5


def test_field_errors_named(client: CanvasClient) -> None:
    with pytest.raises(CanvasError) as caught:
        client.create_badge_class(
            badge_body(image="https://example.edu/b.png"), about="credential dv"
        )
    message = caught.value.message
    assert message.startswith(
        "POST /v2/issuers/esuIssuer0000000000001/badgeclasses for credential dv failed: HTTP 400"
    )
    assert "image: Valid image file or data URI required." in message
    assert caught.value.status == 400


def test_nested_field_errors_named(client: CanvasClient) -> None:
    badge_class = client.create_badge_class(badge_body())["entityId"]
    with pytest.raises(CanvasError) as caught:
        client.issue_assertion(
            badge_class, {"recipient": {"identity": "nope"}}, about="learner row 4"
        )
    assert "recipient.identity: Enter a valid email." in caught.value.message
    assert "for learner row 4" in caught.value.message


def test_unknown_badge_class_404_hint(client: CanvasClient) -> None:
    with pytest.raises(CanvasError) as caught:
        client.get_badge_class("missing00000000000000")
    assert caught.value.status == 404
    assert "not staff on the issuer" in (caught.value.hint or "")


def test_next_link_to_other_host_rejected(client: CanvasClient) -> None:
    with pytest.raises(CanvasError) as caught:
        client.list_all("https://elsewhere.example/v2/issuers")
    assert "another host (elsewhere.example)" in caught.value.message


def test_issue_list_revoke(client: CanvasClient) -> None:
    badge_class = client.create_badge_class(badge_body())["entityId"]
    first = client.issue_assertion(
        badge_class, {"recipient": {"identity": "A@x.edu", "type": "email"}}
    )
    batch = client.issue_assertions(
        badge_class,
        [
            {"recipient": {"identity": "b@x.edu"}},
            {"recipient": {"identity": "c@x.edu"}},
        ],
    )
    assert len(batch) == 2
    revoked = client.revoke_assertion(first["entityId"], "issued by mistake")
    assert revoked["revoked"] is True
    everything = client.list_assertions(badge_class)
    assert len(everything) == 3
    live = client.list_assertions(badge_class, include_revoked=False)
    assert len(live) == 2
    mine = client.list_assertions(issuer_id=client.issuer_id, recipients=["A@X.EDU"])
    assert [a["entityId"] for a in mine] == [first["entityId"]]
    results = client.revoke_assertions(
        [(batch[0]["entityId"], "typo"), (first["entityId"], "typo")]
    )
    assert [r["revoked"] for r in results] == [True, False]
    assert client.get_assertion(batch[0]["entityId"])["revocationReason"] == "typo"


def test_issue_500_after_write_then_list(
    client: CanvasClient, canvas_emulator: Emulator
) -> None:
    badge_class = client.create_badge_class(badge_body())["entityId"]
    canvas_emulator.set_fault(
        "500-after-write", route="POST /v2/badgeclasses/*/assertions", times=1
    )
    with pytest.raises(WriteOutcomeUnknown):
        client.issue_assertion(badge_class, {"recipient": {"identity": "a@x.edu"}})
    assert len(client.list_assertions(badge_class, recipients=["a@x.edu"])) == 1


def test_revoke_500_not_repeated(
    client: CanvasClient, canvas_emulator: Emulator
) -> None:
    badge_class = client.create_badge_class(badge_body())["entityId"]
    assertion = client.issue_assertion(
        badge_class, {"recipient": {"identity": "a@x.edu"}}
    )["entityId"]
    canvas_emulator.set_fault(
        "500-after-write", route="DELETE /v2/assertions/*", times=1
    )
    with pytest.raises(WriteOutcomeUnknown):
        client.revoke_assertion(assertion, "typo")
    assert client.get_assertion(assertion)["revoked"] is True


def test_notify_flag_sent_on_batch(
    client: CanvasClient, canvas_emulator: Emulator
) -> None:
    badge_class = client.create_badge_class(badge_body())["entityId"]
    client.issue_assertion(badge_class, {"recipient": {"identity": "a@x.edu"}})
    client.issue_assertions(
        badge_class, [{"recipient": {"identity": "a@x.edu"}}], notify=True
    )
    reasons = [n["reason"] for n in canvas_emulator.state()["notifications"]]
    assert reasons == ["first award to this address", "notify"]


def test_secrets_never_logged(
    make_client: Callable[..., CanvasClient],
    canvas_emulator: Emulator,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    client = make_client()
    canvas_emulator.set_fault_rate(0.3, seed=3)
    failures = []
    for index in range(15):
        try:
            client.create_badge_class(badge_body(f"B{index}", image=PNG_URI))
        except CanvasError as exc:
            failures.append(str(exc))
    canvas_emulator.clear_faults()
    secrets = [
        canvas_emulator.password,
        client.transport.tokens.access,
        client.transport.tokens.refresh_token,
    ]
    text = caplog.text + "\n".join(failures)
    assert caplog.text
    for secret in secrets:
        assert secret
        assert secret not in text
    assert repr(client.settings).count(canvas_emulator.password) == 0

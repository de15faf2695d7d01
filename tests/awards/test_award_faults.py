"""Partial failures: faults injected by the emulator while a run issues awards."""

from __future__ import annotations

import collections
import datetime as dt
import io

import pytest
import requests
from award_fixtures import CREDENTIAL, AwardSetup

from microcred.awards.assertions import is_duplicate_refusal, issue_body
from microcred.awards.grades import ColumnOptions
from microcred.awards.remote import AwardsApi, item_errors
from microcred.awards.run import AwardOptions, run_award
from microcred.canvas.client import CanvasClient
from microcred.canvas.emulator.api import Request, Response
from microcred.canvas.settings import CanvasSettings
from microcred.canvas.transport import RetryPolicy
from microcred.catalogue import Catalogue
from microcred.errors import MicrocredError

ISSUE = "POST /v2/badgeclasses/*/issue"
ISSUE_ROUTE = "POST /v2/badgeclasses/{badge_class}/issue"
LIST_ROUTE = "GET /v2/badgeclasses/{badge_class}/assertions"
EXPECTED = {
    "malvarez@example.edu",
    "bnguyen@example.edu",
    "cokafor@example.edu",
    "ytanaka@example.edu",
}


def _api(setup: AwardSetup, timeout: float = 5.0) -> AwardsApi:
    governance = Catalogue.load(setup.root).governance
    assert governance is not None
    retry = RetryPolicy(attempts=3, base_delay=0.0, timeout=timeout)
    return AwardsApi(
        CanvasClient(
            CanvasSettings.load(governance), retry=retry, sleep=lambda seconds: None
        )
    )


def _run(setup: AwardSetup, api: AwardsApi, batch_size: int = 2) -> str:
    grades = setup.grades("canvas-gradebook.csv.sample")
    options = AwardOptions(
        setup.root,
        CREDENTIAL,
        grades,
        apply=True,
        columns=ColumnOptions(email_domain="example.edu"),
        batch_size=batch_size,
    )
    out = io.StringIO()
    run_award(options, out, api)
    return out.getvalue()


def _holders(setup: AwardSetup) -> collections.Counter[str]:
    return collections.Counter(
        a["recipient"]["plaintextIdentity"] for a in setup.assertions()
    )


def test_500_after_write_is_reconciled(award_setup: AwardSetup) -> None:
    award_setup.emulator.set_fault("500-after-write", route=ISSUE, times=1)
    output = _run(award_setup, _api(award_setup))
    assert "Issued 4 award(s) in 2 issue request(s)." in output
    assert _holders(award_setup) == collections.Counter(EXPECTED)
    counts = award_setup.emulator.request_counts()["by_route"]
    assert counts[ISSUE_ROUTE] == 2
    assert counts[LIST_ROUTE] == 2


def test_503_before_write_is_sent_again(award_setup: AwardSetup) -> None:
    award_setup.emulator.set_fault("503", route=ISSUE, times=1)
    output = _run(award_setup, _api(award_setup))
    assert "Issued 4 award(s) in 3 issue request(s)." in output
    assert _holders(award_setup) == collections.Counter(EXPECTED)


def test_timeout_after_write_is_reconciled(award_setup: AwardSetup) -> None:
    award_setup.emulator.set_fault("slow", route=ISSUE, times=1, delay_ms=1500)
    output = _run(award_setup, _api(award_setup, timeout=0.5))
    assert "Issued 4 award(s)" in output
    assert _holders(award_setup) == collections.Counter(EXPECTED)


def test_throttled_issue_is_retried(award_setup: AwardSetup) -> None:
    award_setup.emulator.set_fault("429", route=ISSUE, times=1, retry_after=0)
    _run(award_setup, _api(award_setup))
    assert _holders(award_setup) == collections.Counter(EXPECTED)


def test_persistent_failure_stops_then_rerun_finishes(award_setup: AwardSetup) -> None:
    award_setup.emulator.set_fault("500-html", route=ISSUE)
    with pytest.raises(MicrocredError) as caught:
        _run(award_setup, _api(award_setup))
    assert (
        caught.value.message
        == "4 award(s) were not issued; the report lists them as 'not issued'"
    )
    assert "run the same command again" in str(caught.value.hint)
    assert award_setup.emulator.request_counts()["by_route"][ISSUE_ROUTE] == 2
    report = next(
        (award_setup.root / ".microcred" / "reports").glob("*.csv")
    ).read_text(encoding="utf-8")
    assert "not sent: an earlier batch failed" in report

    award_setup.emulator.clear_faults()
    output = _run(award_setup, _api(award_setup))
    assert "Issued 4 award(s)" in output
    assert _holders(award_setup) == collections.Counter(EXPECTED)


def test_random_faults_never_double_award(award_setup: AwardSetup) -> None:
    api = _api(award_setup, timeout=0.5)
    award_setup.emulator.set_fault_rate(
        0.4, ("500-after-write", "503", "500-html", "429"), route=ISSUE, seed=7
    )
    for _ in range(10):
        try:
            _run(award_setup, api, batch_size=1)
            break
        except MicrocredError:
            continue
    assert _holders(award_setup) == collections.Counter(EXPECTED)


def test_concurrent_award_refused_as_duplicate(award_setup: AwardSetup) -> None:
    """Another run awards one learner between this run's listing and its batch."""
    emulator = award_setup.emulator
    original = emulator.respond
    other = _api(award_setup).client

    def respond(request: Request) -> Response:
        if (
            request.method == "POST"
            and request.path.endswith("/issue")
            and not award_setup.assertions()
        ):
            body = {
                "recipient": {"identity": "cokafor@example.edu", "type": "email"},
                "notify": True,
            }
            other.issue_assertion(award_setup.badge_class, body)
        return original(request)

    emulator.respond = respond  # type: ignore[method-assign]
    output = _run(award_setup, _api(award_setup), batch_size=10)
    assert "Issued 3 award(s) in 2 issue request(s)." in output
    assert "  already awarded  1" in output.split("Issued")[1]
    assert _holders(award_setup) == collections.Counter(EXPECTED)
    report = next(
        (award_setup.root / ".microcred" / "reports").glob("*.csv")
    ).read_text(encoding="utf-8")
    assert "refused by Canvas Credentials as a duplicate award" in report


def test_batch_rejection_names_duplicate_item(award_setup: AwardSetup) -> None:
    """The emulator's 400 body for a batch lists errors per item; the duplicate is found."""
    emulator = award_setup.emulator
    token = requests.post(
        f"{emulator.url}/o/token",
        data={
            "grant_type": "password",
            "username": emulator.username,
            "password": emulator.password,
        },
        timeout=5,
    ).json()["access_token"]
    url = f"{emulator.url}/v2/badgeclasses/{award_setup.badge_class}/issue"
    headers = {"Authorization": f"Bearer {token}"}
    first = issue_body("a@example.edu", dt.datetime.now(dt.UTC), None)
    second = issue_body("b@example.edu", dt.datetime.now(dt.UTC), None)
    assert (
        requests.post(
            url, json={"assertions": [first]}, headers=headers, timeout=5
        ).status_code
        == 201
    )

    response = requests.post(
        url, json={"assertions": [second, first]}, headers=headers, timeout=5
    )
    errors = item_errors(response.json())
    assert response.status_code == 400
    assert len(errors) == 2
    assert not is_duplicate_refusal(errors[0])
    assert is_duplicate_refusal(errors[1])

"""Settings: region and issuer from governance.yaml, secrets only from the environment."""

from __future__ import annotations

import pytest

from microcred.canvas.settings import CanvasSettings
from microcred.errors import MicrocredError
from microcred.governance import Governance
from microcred.loader import parse

GOVERNANCE = """\
institution:
  name: Example
canvas:
  region: {region}
  issuer: {issuer}
  batch_size: 50
"""
PASSWORD_ENV = {
    "CANVAS_CREDENTIALS_USERNAME": "coordinator@example.edu",
    "CANVAS_CREDENTIALS_PASSWORD": "s3cret-pw",
}


def governance(region: str = "EU", issuer: str = "issuer123") -> Governance:
    return Governance.from_document(
        parse(GOVERNANCE.format(region=region, issuer=issuer))
    )


def test_region_selects_base_url() -> None:
    settings = CanvasSettings.load(governance("EU"), PASSWORD_ENV)
    assert settings.base_url == "https://api.eu.badgr.io"
    assert settings.issuer == "issuer123"
    assert settings.batch_size == 50


def test_url_variable_overrides_region() -> None:
    env = {**PASSWORD_ENV, "CANVAS_CREDENTIALS_URL": "http://127.0.0.1:8765/"}
    settings = CanvasSettings.load(governance("nowhere"), env)
    assert settings.base_url == "http://127.0.0.1:8765"


def test_unknown_region_names_line() -> None:
    with pytest.raises(MicrocredError) as caught:
        CanvasSettings.load(governance("MARS"), PASSWORD_ENV)
    assert (
        caught.value.message
        == "governance.yaml:4: canvas.region 'MARS' is not a Canvas Credentials region"
    )
    assert (
        caught.value.hint
        == "use one of US, EU, AU, CA, SG, DEMO, TEST, or set CANVAS_CREDENTIALS_URL to the API base URL"
    )


def test_missing_issuer_named() -> None:
    with pytest.raises(MicrocredError) as caught:
        CanvasSettings.load(governance(issuer='""'), PASSWORD_ENV)
    assert caught.value.message == "governance.yaml:3: canvas.issuer is missing"


def test_missing_credentials_named() -> None:
    with pytest.raises(MicrocredError) as caught:
        CanvasSettings.load(
            governance(), {"CANVAS_CREDENTIALS_USERNAME": "someone@example.edu"}
        )
    assert caught.value.message == "no Canvas Credentials credential is set"
    assert "CANVAS_CREDENTIALS_TOKEN" in (caught.value.hint or "")


def test_token_wins_over_password() -> None:
    env = {**PASSWORD_ENV, "CANVAS_CREDENTIALS_TOKEN": "tok-123"}
    settings = CanvasSettings.load(governance(), env)
    assert settings.token == "tok-123"
    assert settings.credential_name == "CANVAS_CREDENTIALS_TOKEN"


def test_repr_hides_secrets() -> None:
    settings = CanvasSettings.load(
        governance(), {**PASSWORD_ENV, "CANVAS_CREDENTIALS_TOKEN": "tok-123"}
    )
    assert "s3cret-pw" not in repr(settings)
    assert "tok-123" not in repr(settings)


@pytest.mark.parametrize(
    "url", ["not-a-url", "127.0.0.1:8765", "ftp://127.0.0.1/", "http://", "https:///v2"]
)
def test_invalid_url_variable_rejected(url: str) -> None:
    env = {**PASSWORD_ENV, "CANVAS_CREDENTIALS_URL": url}

    with pytest.raises(MicrocredError) as caught:
        CanvasSettings.load(governance("EU"), env)

    assert caught.value.message == (
        f"CANVAS_CREDENTIALS_URL is {url!r}, which is not an http or https address"
    )
    assert "http://127.0.0.1:8765 for the emulator" in caught.value.hint

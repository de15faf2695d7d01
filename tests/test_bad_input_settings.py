"""Invalid environment settings raise a MicrocredError that names the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from microcred.errors import MicrocredError
from microcred.github.client import GitHubSettings, connect
from microcred.mail import MailSettings, build_message, deliver


@pytest.mark.parametrize(
    "port", ["smtp", "", "-1", "0", "65536", "99999", "\u00b2", "5 87"]
)
def test_smtp_port_invalid(monkeypatch: pytest.MonkeyPatch, port: str) -> None:
    monkeypatch.setenv("SMTP_PORT", port)
    with pytest.raises(MicrocredError) as caught:
        MailSettings.from_env()
    assert "SMTP_PORT" in str(caught.value)
    assert "587" in caught.value.hint


@pytest.mark.parametrize(
    "sender",
    ["not an address", "a@example.edu\nBcc: x@example.edu", "a@x.edu, b@x.edu", ""],
)
def test_smtp_from_invalid(monkeypatch: pytest.MonkeyPatch, sender: str) -> None:
    monkeypatch.setenv("SMTP_FROM", sender)
    with pytest.raises(MicrocredError) as caught:
        MailSettings.from_env()
    assert "SMTP_FROM" in str(caught.value)


def test_smtp_from_with_name_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMTP_FROM", "Badges <badges@example.edu>")
    monkeypatch.setenv("SMTP_PORT", " 2525 ")
    settings = MailSettings.from_env()
    assert settings.sender == "Badges <badges@example.edu>"
    assert settings.port == 2525


def test_smtp_login_fails_cleanly(
    smtp_server: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(smtp_server.port))  # type: ignore[attr-defined]
    monkeypatch.setenv("SMTP_SECURITY", "none")
    monkeypatch.setenv("SMTP_USERNAME", "user")
    monkeypatch.setenv("SMTP_PASSWORD", "p\u00e4ss\u2603")
    settings = MailSettings.from_env(outbox=tmp_path)
    message = build_message(settings.sender, ["a@example.edu"], [], "Hi", "Body")
    with pytest.raises(MicrocredError) as caught:
        deliver(message, settings, "hi")
    assert "sending mail through 127.0.0.1" in str(caught.value)


@pytest.mark.parametrize(
    "repository", ["owner", "owner/", "/name", "a/b/c", "a b/c", "owner/na me", "ö/x"]
)
def test_github_repository_malformed(
    monkeypatch: pytest.MonkeyPatch, repository: str
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "token")
    monkeypatch.setenv("GITHUB_REPOSITORY", repository)
    with pytest.raises(MicrocredError) as caught:
        GitHubSettings.from_env()
    assert "expected owner/name" in str(caught.value)


@pytest.mark.parametrize("url", ["notaurl", "ftp://github.example.edu", "https://"])
def test_github_api_url_invalid(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "token")
    monkeypatch.setenv("GITHUB_REPOSITORY", "owner/name")
    monkeypatch.setenv("GITHUB_API_URL", url)
    with pytest.raises(MicrocredError) as caught:
        GitHubSettings.from_env()
    assert "GITHUB_API_URL" in str(caught.value)


@pytest.mark.parametrize("delay", ["nan", "inf", "-1", "soon"])
def test_github_delay_invalid(monkeypatch: pytest.MonkeyPatch, delay: str) -> None:
    monkeypatch.setenv("MICROCRED_GITHUB_REQUEST_DELAY", delay)
    settings = GitHubSettings("token", "owner/name")
    with pytest.raises(MicrocredError) as caught:
        connect(settings)
    assert "MICROCRED_GITHUB_REQUEST_DELAY" in str(caught.value)


def test_outbox_is_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SMTP_HOST", raising=False)
    outbox = tmp_path / "outbox"
    outbox.write_text("not a folder", encoding="utf-8")
    settings = MailSettings.from_env(outbox=outbox)
    message = build_message(settings.sender, ["a@example.edu"], [], "Hi", "Body")
    with pytest.raises(MicrocredError) as caught:
        deliver(message, settings, "hi")
    assert f"cannot write the message to the outbox {outbox}" in str(caught.value)
    assert "MICROCRED_OUTBOX" in caught.value.hint

from __future__ import annotations

from pathlib import Path

from microcred.mail import MailSettings, build_message, deliver


def test_deliver_smtp_server(smtp_server, monkeypatch):
    for key, value in smtp_server.env().items():
        monkeypatch.setenv(key, value)
    settings = MailSettings.from_env()
    message = build_message(
        settings.sender, ["a@example.edu"], ["b@example.edu"], "Hello", "Body text"
    )
    deliver(message, settings, "hello")
    assert len(smtp_server.mailbox.messages) == 1
    assert smtp_server.mailbox.messages[0]["Subject"] == "Hello"
    assert sorted(smtp_server.mailbox.envelopes[0][1]) == [
        "a@example.edu",
        "b@example.edu",
    ]


def test_deliver_without_smtp_writes_eml(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("SMTP_HOST", raising=False)
    settings = MailSettings.from_env(outbox=tmp_path / "outbox")
    message = build_message(settings.sender, ["a@example.edu"], [], "Hi there", "Body")
    where = deliver(message, settings, "approved/data viz")
    assert Path(where).name == "approved-data-viz.eml"
    assert b"Subject: Hi there" in Path(where).read_bytes()

"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps every message it receives."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Mailbox:
    messages: list[Message] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd hook name
        self.messages.append(email.message_from_bytes(envelope.content))
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"


@dataclass
class SmtpServer:
    host: str
    port: int
    mailbox: Mailbox

    def env(self) -> dict[str, str]:
        """Settings for :class:`microcred.mail.MailSettings` to send here."""
        return {
            "SMTP_HOST": self.host,
            "SMTP_PORT": str(self.port),
            "SMTP_SECURITY": "none",
            "SMTP_FROM": "microcred <bot@example.edu>",
        }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SmtpServer("127.0.0.1", port, mailbox)
    finally:
        controller.stop()

"""Send mail through SMTP when ``SMTP_*`` settings exist, else write .eml files.

Settings: ``SMTP_HOST`` (required to send), ``SMTP_PORT`` (default 587),
``SMTP_USERNAME``, ``SMTP_PASSWORD``, ``SMTP_FROM``, and ``SMTP_SECURITY``
(``starttls``, the default; ``tls`` for implicit TLS; ``none`` for a local relay).
Without ``SMTP_HOST`` every message is written to the outbox folder instead, so a
dry run or a test shows exactly what would be sent.
"""

from __future__ import annotations

import logging
import os
import re
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import getaddresses, make_msgid
from pathlib import Path

from .errors import MicrocredError

log = logging.getLogger(__name__)

DEFAULT_OUTBOX = Path("outbox")
DEFAULT_FROM = "microcred <no-reply@example.edu>"


@dataclass(frozen=True)
class MailSettings:
    host: str = ""
    port: int = 587
    username: str = ""
    password: str = ""
    sender: str = DEFAULT_FROM
    security: str = "starttls"
    outbox: Path = DEFAULT_OUTBOX

    @classmethod
    def from_env(cls, outbox: Path | None = None) -> MailSettings:
        env = os.environ
        port_text = env.get("SMTP_PORT", "587").strip()
        if not re.fullmatch(r"[0-9]{1,5}", port_text) or not (
            1 <= int(port_text) <= 65535
        ):
            raise MicrocredError(
                f"SMTP_PORT is {port_text!r}, not a port number from 1 to 65535",
                "set SMTP_PORT to a number such as 587",
            )
        sender = env.get("SMTP_FROM", DEFAULT_FROM)
        if not _is_address(sender):
            raise MicrocredError(
                f"SMTP_FROM is {sender!r}, not an email address",
                "set SMTP_FROM to one address, such as"
                " 'Micro-credentials <badges@example.edu>', on a single line",
            )
        security = env.get("SMTP_SECURITY", "starttls").lower()
        if security not in ("starttls", "tls", "none"):
            raise MicrocredError(
                f"SMTP_SECURITY is {security!r}", "use starttls, tls or none"
            )
        return cls(
            host=env.get("SMTP_HOST", ""),
            port=int(port_text),
            username=env.get("SMTP_USERNAME", ""),
            password=env.get("SMTP_PASSWORD", ""),
            sender=sender,
            security=security,
            outbox=outbox or Path(env.get("MICROCRED_OUTBOX", str(DEFAULT_OUTBOX))),
        )

    @property
    def sends(self) -> bool:
        return bool(self.host)


def build_message(
    sender: str,
    to: list[str],
    cc: list[str],
    subject: str,
    body: str,
    message_id: str | None = None,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(to)
    if cc:
        message["Cc"] = ", ".join(cc)
    message["Subject"] = subject
    message["Message-ID"] = message_id or make_msgid(domain="microcred.invalid")
    message.set_content(body)
    return message


def deliver(message: EmailMessage, settings: MailSettings, name: str) -> str:
    """Send ``message``, or write it to ``<outbox>/<name>.eml``; return where it went."""
    if not settings.sends:
        return _write_outbox(message, settings.outbox, name)
    try:
        _send(message, settings)
    except (OSError, smtplib.SMTPException, UnicodeError) as exc:
        raise MicrocredError(
            f"sending mail through {settings.host}:{settings.port} failed: {exc}",
            "check the SMTP_* settings; nothing was marked as sent",
        ) from None
    log.info(
        "sent %r to %s via %s:%s",
        message["Subject"],
        message["To"],
        settings.host,
        settings.port,
    )
    return f"smtp://{settings.host}:{settings.port}"


def _write_outbox(message: EmailMessage, outbox: Path, name: str) -> str:
    target = outbox / f"{_safe_name(name)}.eml"
    tmp = target.with_suffix(".eml.tmp")
    try:
        outbox.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(bytes(message))
        tmp.replace(target)
    except OSError as exc:
        raise MicrocredError(
            f"cannot write the message to the outbox {outbox}: {exc.strerror}",
            "set MICROCRED_OUTBOX (or --outbox) to a writable folder,"
            " or set SMTP_HOST to send mail",
        ) from None
    log.info("wrote %s (no SMTP_HOST set)", target)
    return str(target)


def _send(message: EmailMessage, settings: MailSettings) -> None:
    if settings.security == "tls":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.host,
            settings.port,
            timeout=30,
            context=ssl.create_default_context(),
        )
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=30)
    with client:
        if settings.security == "starttls":
            client.starttls(context=ssl.create_default_context())
        if settings.username:
            client.login(settings.username, settings.password)
        client.send_message(message)


def _is_address(value: str) -> bool:
    """Return True for one address, with or without a display name, on one line."""
    if "\n" in value or "\r" in value:
        return False
    addresses = getaddresses([value])
    return len(addresses) == 1 and "@" in addresses[0][1]


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "message"

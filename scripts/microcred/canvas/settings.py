"""Settings for the Canvas Credentials API: its base URL, the issuer, the sign-in.

The region and the issuer come from governance.yaml (``canvas.region``,
``canvas.issuer``). Secrets come only from the environment:
``CANVAS_CREDENTIALS_TOKEN``, or ``CANVAS_CREDENTIALS_USERNAME`` with
``CANVAS_CREDENTIALS_PASSWORD``. ``CANVAS_CREDENTIALS_URL`` replaces the region's
base URL, for example to point at ``microcred emulator``.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import MicrocredError
from ..governance import GOVERNANCE_FILE, Governance

#: API base URL of each region (Canvas Credentials developer documentation).
REGION_URLS = {
    "US": "https://api.badgr.io",
    "EU": "https://api.eu.badgr.io",
    "AU": "https://api.au.badgr.io",
    "CA": "https://api.ca.badgr.io",
    "SG": "https://api.sg.badgr.io",
    "DEMO": "https://api.demo.badgr.com",
    "TEST": "https://api.test.badgr.com",
}
DEFAULT_BATCH_SIZE = 100
ENV_URL = "CANVAS_CREDENTIALS_URL"
ENV_TOKEN = "CANVAS_CREDENTIALS_TOKEN"
ENV_USERNAME = "CANVAS_CREDENTIALS_USERNAME"
ENV_PASSWORD = "CANVAS_CREDENTIALS_PASSWORD"


@dataclass(frozen=True)
class CanvasSettings:
    """The API base URL, the issuer entityId and the credential to sign in with.

    ``repr`` hides the token and the password so that a logged settings object
    leaks no secret.
    """

    base_url: str
    issuer: str
    token: str | None = field(default=None, repr=False)
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    batch_size: int = DEFAULT_BATCH_SIZE

    @property
    def credential_name(self) -> str:
        """Name the credential in use, never its value, for error messages."""
        if self.token:
            return ENV_TOKEN
        return f"{ENV_USERNAME} ({self.username}) and {ENV_PASSWORD}"

    @property
    def secrets(self) -> tuple[str, ...]:
        return tuple(value for value in (self.token, self.password) if value)

    @classmethod
    def load(
        cls, governance: Governance, environ: Mapping[str, str] | None = None
    ) -> CanvasSettings:
        """Read the settings from governance.yaml and the environment."""
        env = os.environ if environ is None else environ
        canvas = governance.section("canvas")
        base_url = _checked_url(env.get(ENV_URL, "").strip()) or region_url(
            governance, canvas.get("region")
        )
        issuer = canvas.get("issuer")
        if not isinstance(issuer, str) or not issuer.strip():
            raise MicrocredError(
                f"{GOVERNANCE_FILE}:{governance.doc.line('canvas')}:"
                " canvas.issuer is missing",
                "set canvas.issuer to the entityId of your issuer"
                " in Canvas Credentials",
            )
        token = env.get(ENV_TOKEN, "").strip() or None
        username = env.get(ENV_USERNAME, "").strip() or None
        password = env.get(ENV_PASSWORD, "") or None
        if token is None and not (username and password):
            raise MicrocredError(
                "no Canvas Credentials credential is set",
                f"set {ENV_TOKEN}, or {ENV_USERNAME} and {ENV_PASSWORD},"
                " in the environment",
            )
        batch = canvas.get("batch_size")
        batch_size = (
            batch
            if isinstance(batch, int) and 1 <= batch <= 500
            else DEFAULT_BATCH_SIZE
        )
        return cls(
            base_url.rstrip("/"), issuer.strip(), token, username, password, batch_size
        )


def _checked_url(url: str) -> str:
    """Return ``url`` unchanged if it is empty or an http(s) address with a host."""
    if not url:
        return url
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
        port = parts.port  # ValueError for a port that is not 0 to 65535
    except ValueError:
        parts, host, port = urllib.parse.urlsplit(""), None, None
    has_space = any(character.isspace() for character in url)
    if parts.scheme not in ("http", "https") or not host or has_space or port == 0:
        raise MicrocredError(
            f"{ENV_URL} is {url!r}, which is not an http or https address",
            f"set it to the API base URL, such as {REGION_URLS['US']}"
            " or http://127.0.0.1:8765 for the emulator, or unset it",
        )
    return url


def region_url(governance: Governance, region: object) -> str:
    """Return the base URL of ``region`` or raise an error naming the line to fix."""
    if isinstance(region, str) and region.upper() in REGION_URLS:
        return REGION_URLS[region.upper()]
    line = governance.doc.line("canvas", "region") or governance.doc.line("canvas")
    raise MicrocredError(
        f"{GOVERNANCE_FILE}:{line}: canvas.region {region!r}"
        " is not a Canvas Credentials region",
        f"use one of {', '.join(REGION_URLS)}, or set {ENV_URL} to the API base URL",
    )

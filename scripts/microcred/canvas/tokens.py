"""OAuth tokens: the password grant, rotating refresh tokens, or a given token.

Refresh tokens rotate: each refresh returns a new one and the old one stops
working, so only the newest is kept. Every token and the password are added to
``secrets``, which error messages are cleaned of.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import requests

from .errors import CanvasAuthError, CanvasError
from .responses import REDIRECT_HINT, explain, parse_reply, redirect_error
from .retry import RETRY_STATUSES, RetryPolicy, retry_after_seconds
from .settings import ENV_TOKEN, ENV_URL, CanvasSettings

log = logging.getLogger(__name__)
TOKEN_CALL = "POST /o/token"
#: Hosted Canvas Credentials falls back to its public client without these; a
#: self-hosted badgr-server needs them spelled out.
PUBLIC_CLIENT = {"client_id": "public", "scope": "rw:profile rw:issuer rw:backpack"}


class Tokens:
    """The current access token and how to get a new one."""

    def __init__(
        self,
        settings: CanvasSettings,
        session: requests.Session,
        retry: RetryPolicy,
        sleep: Callable[[float], None],
    ) -> None:
        self.settings = settings
        self.session = session
        self.retry = retry
        self.sleep = sleep
        self.access: str | None = settings.token
        self.refresh_token: str | None = None
        self._secrets: set[str] = set(settings.secrets)

    @property
    def secrets(self) -> tuple[str, ...]:
        return tuple(self._secrets)

    def sign_in(self) -> None:
        """Get an access token with the password grant (no request with a given token)."""
        if self.settings.token:
            self.access = self.settings.token
            return
        form = {
            "grant_type": "password",
            **PUBLIC_CLIENT,
            "username": self.settings.username or "",
            "password": self.settings.password or "",
        }
        self._keep(self._request(form, "password"))

    def refresh(self) -> None:
        """Swap the refresh token for a new pair, or sign in again if that fails."""
        if self.settings.token:
            raise CanvasAuthError(
                f"Canvas Credentials rejected the token in {ENV_TOKEN}",
                "the token has expired or was revoked, so set a new one"
                " or use a username and password",
                status=401,
            )
        if self.refresh_token:
            form = {
                "grant_type": "refresh_token",
                "refresh_token": self.refresh_token,
                "client_id": PUBLIC_CLIENT["client_id"],
            }
            self.refresh_token = None
            try:
                self._keep(self._request(form, "refresh_token"))
                return
            except CanvasAuthError:
                log.warning("token refresh was rejected; signing in with the password")
        self.sign_in()

    def _keep(self, body: Any) -> None:
        if not isinstance(body, dict) or not isinstance(body.get("access_token"), str):
            raise CanvasError(
                f"{TOKEN_CALL} returned no access_token field",
                f"check that {self.settings.base_url} is a Canvas Credentials API URL",
            )
        self.access = body["access_token"]
        self._secrets.add(self.access)
        refresh = body.get("refresh_token")
        self.refresh_token = refresh if isinstance(refresh, str) else None
        if self.refresh_token:
            self._secrets.add(self.refresh_token)
        log.info("signed in to Canvas Credentials at %s", self.settings.base_url)

    def _request(self, form: dict[str, str], grant: str) -> Any:
        """POST the token request; a new token is harmless, so failures are retried."""
        url = f"{self.settings.base_url}/o/token"
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self.session.post(
                    url, data=form, timeout=self.retry.timeout, allow_redirects=False
                )
            except requests.RequestException as exc:
                reason = f"failed ({type(exc).__name__} for {self.settings.base_url})"
                self.retry.wait_or_raise(self.sleep, TOKEN_CALL, attempt, None, reason)
                continue
            status = response.status_code
            if response.is_redirect:
                raise CanvasError(
                    redirect_error(response, TOKEN_CALL), REDIRECT_HINT, status=status
                )
            if status in RETRY_STATUSES:
                wait = retry_after_seconds(response)
                self.retry.wait_or_raise(
                    self.sleep, TOKEN_CALL, attempt, wait, f"HTTP {status}"
                )
                continue
            if status == 404:
                raise CanvasError(
                    f"{TOKEN_CALL} failed: HTTP 404, so {url} is not a Canvas"
                    " Credentials token endpoint",
                    f"set {ENV_URL} (or canvas.region) to the API base URL, the part"
                    " before /v2/ and /o/token, such as https://api.badgr.io",
                    status=status,
                )
            if status in (400, 401):
                raise CanvasAuthError(
                    f"{TOKEN_CALL} ({grant} grant) was rejected:"
                    f" {explain(response, self.secrets)}",
                    f"check {self.settings.credential_name}",
                    status=status,
                )
            return parse_reply(response, TOKEN_CALL, self.secrets).body

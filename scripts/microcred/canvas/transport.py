"""HTTP for the Canvas Credentials API: sign-in, retries with back-off, and errors.

``Transport.call`` sends one API request and returns the parsed JSON body. It
retries a 429, a 5xx, a timeout or a lost connection with exponential back-off
(honouring ``Retry-After``, capped at ``RetryPolicy.max_delay``), but only for
requests that are safe to repeat. A POST or DELETE that timed out or failed with
5xx raises ``WriteOutcomeUnknown`` instead, because the change may be stored. A
401 refreshes the token once and repeats the request once.
"""

from __future__ import annotations

import logging
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests

from .errors import (
    CanvasAuthError,
    CanvasError,
    WriteOutcomeUnknown,
    describe_body,
    describe_envelope,
    redact,
)
from .settings import CanvasSettings

log = logging.getLogger(__name__)
RETRY_STATUSES = {429, 500, 502, 503, 504}
TOKEN_SCOPE = "rw:profile rw:issuer rw:backpack"


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to wait; delays are in seconds."""

    attempts: int = 6
    base_delay: float = 1.0
    max_delay: float = 60.0
    timeout: float = 30.0

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """Return the wait before retry number ``attempt`` (1-based)."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_delay)
        return min(self.base_delay * 2 ** (attempt - 1), self.max_delay)


@dataclass
class Reply:
    status: int
    body: Any
    links: dict[str, dict[str, str]]


def retry_after_seconds(response: requests.Response) -> float | None:
    """Read ``Retry-After`` in seconds, or the token endpoint's ``expires`` back-off."""
    header = response.headers.get("Retry-After", "").strip()
    if header:
        try:
            return float(header)
        except ValueError:
            return None  # An HTTP date: fall back to exponential back-off.
    if response.status_code == 429 and "json" in response.headers.get(
        "Content-Type", ""
    ):
        try:
            expires = response.json().get("expires")
        except (ValueError, AttributeError):
            return None
        return float(expires) if isinstance(expires, int | float) else None
    return None


class Transport:
    """One signed-in session with the API; holds the access and refresh tokens."""

    def __init__(
        self,
        settings: CanvasSettings,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.settings = settings
        self.retry = retry or RetryPolicy()
        self.sleep = sleep or time.sleep
        self.session = session or requests.Session()
        self._access_token = settings.token
        self._refresh_token: str | None = None
        self._secrets: set[str] = set(settings.secrets)

    # Tokens --------------------------------------------------------------------

    def sign_in(self) -> None:
        """Get an access token with the password grant (no-op with a given token)."""
        if self.settings.token:
            self._access_token = self.settings.token
            return
        form = {
            "grant_type": "password",
            "client_id": "public",
            "scope": TOKEN_SCOPE,
            "username": self.settings.username or "",
            "password": self.settings.password or "",
        }
        self._store_tokens(self._token_request(form, "password"))

    def refresh(self) -> None:
        """Swap the refresh token for a new pair, or sign in again if that fails."""
        if self.settings.token:
            raise CanvasAuthError(
                f"Canvas Credentials rejected the token in {self.settings.credential_name}",
                "the token has expired or was revoked: set a new one, or use a username and password",
                status=401,
            )
        if self._refresh_token:
            form = {
                "grant_type": "refresh_token",
                "refresh_token": self._refresh_token,
                "client_id": "public",
            }
            self._refresh_token = None
            try:
                self._store_tokens(self._token_request(form, "refresh_token"))
                return
            except CanvasAuthError:
                log.warning(
                    "token refresh was rejected; signing in again with the password"
                )
        self.sign_in()

    def _store_tokens(self, body: Any) -> None:
        if not isinstance(body, dict) or not isinstance(body.get("access_token"), str):
            raise CanvasError(
                "POST /o/token returned no access_token field",
                f"check that {self.settings.base_url} is a Canvas Credentials API base URL",
            )
        self._access_token = body["access_token"]
        self._secrets.add(self._access_token)
        refresh = body.get("refresh_token")
        self._refresh_token = refresh if isinstance(refresh, str) else None
        if self._refresh_token:
            self._secrets.add(self._refresh_token)
        log.info("signed in to Canvas Credentials at %s", self.settings.base_url)

    def _token_request(self, form: dict[str, str], grant: str) -> Any:
        url = f"{self.settings.base_url}/o/token"
        for attempt in range(1, self.retry.attempts + 1):
            try:
                response = self.session.post(url, data=form, timeout=self.retry.timeout)
            except requests.RequestException as exc:
                self._wait_or_raise(
                    "POST /o/token", attempt, None, f"failed: {type(exc).__name__}"
                )
                continue
            if response.status_code in RETRY_STATUSES:
                reason = f"HTTP {response.status_code}"
                self._wait_or_raise(
                    "POST /o/token", attempt, retry_after_seconds(response), reason
                )
                continue
            if response.status_code in (400, 401):
                raise CanvasAuthError(
                    f"POST /o/token ({grant} grant) was rejected: {self._explain(response)}",
                    f"check {self.settings.credential_name}",
                    status=response.status_code,
                )
            return self._parse(response, "POST /o/token", "")
        raise AssertionError("unreachable")  # _wait_or_raise raises on the last attempt

    # Requests ------------------------------------------------------------------

    def call(
        self,
        method: str,
        path_or_url: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        about: str = "",
        safe_to_repeat: bool | None = None,
    ) -> Reply:
        """Send one API request and return the parsed reply; raise ``CanvasError`` on failure."""
        if self._access_token is None:
            self.sign_in()
        url = self._absolute(path_or_url)
        name = f"{method} {urllib.parse.urlsplit(url).path}"
        repeatable = (
            method in ("GET", "PUT") if safe_to_repeat is None else safe_to_repeat
        )
        refreshed = False
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self.session.request(
                    method,
                    url,
                    params=params,
                    json=json,
                    timeout=self.retry.timeout,
                    headers=self._headers(),
                )
            except requests.RequestException as exc:
                reason = (
                    "timed out"
                    if isinstance(exc, requests.Timeout)
                    else f"failed ({type(exc).__name__})"
                )
                if not repeatable:
                    raise self._unknown(name, about, reason) from None
                self._wait_or_raise(name, attempt, None, reason, about)
                continue
            log.debug("%s -> %s", name, response.status_code)
            if response.status_code == 401 and not refreshed:
                log.info(
                    "%s: access token rejected (401); refreshing it and repeating the request once",
                    name,
                )
                self.refresh()
                refreshed = True
                continue
            if response.status_code in RETRY_STATUSES:
                if response.status_code != 429 and not repeatable:
                    raise self._unknown(
                        name,
                        about,
                        f"HTTP {response.status_code}: {self._explain(response)}",
                    )
                reason = f"HTTP {response.status_code}"
                self._wait_or_raise(
                    name, attempt, retry_after_seconds(response), reason, about
                )
                continue
            return Reply(
                response.status_code, self._parse(response, name, about), response.links
            )

    def _headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self._access_token}",
            "Accept": "application/json",
        }

    def _absolute(self, path_or_url: str) -> str:
        """Join a path to the base URL; a full URL (a next-page link) must stay on its host."""
        if not path_or_url.startswith(("http://", "https://")):
            return f"{self.settings.base_url}{path_or_url}"
        base, given = (
            urllib.parse.urlsplit(self.settings.base_url),
            urllib.parse.urlsplit(path_or_url),
        )
        if (given.scheme, given.netloc) != (base.scheme, base.netloc):
            raise CanvasError(
                f"the API returned a next-page link to another host ({given.netloc})",
                f"expected links under {self.settings.base_url}; the token is not sent elsewhere",
            )
        return path_or_url

    def _wait_or_raise(
        self,
        name: str,
        attempt: int,
        retry_after: float | None,
        reason: str,
        about: str = "",
    ) -> None:
        if attempt >= self.retry.attempts:
            raise CanvasError(
                f"{name}{self._about(about)} failed after {attempt} attempts: {reason}",
                "Canvas Credentials is unavailable or throttling requests; run the command again later",
            )
        delay = self.retry.delay(attempt, retry_after)
        log.warning(
            "%s%s: %s; retry %d of %d in %.1f s",
            name,
            self._about(about),
            reason,
            attempt,
            self.retry.attempts - 1,
            delay,
        )
        self.sleep(delay)

    def _unknown(self, name: str, about: str, reason: str) -> WriteOutcomeUnknown:
        log.warning(
            "%s%s: %s; the change may be stored, so it is not repeated",
            name,
            self._about(about),
            reason,
        )
        return WriteOutcomeUnknown(
            f"{name}{self._about(about)} {reason}; the change may or may not be stored",
            "list the objects and match before trying again",
        )

    def _parse(self, response: requests.Response, name: str, about: str) -> Any:
        if response.status_code == 204 or not response.content:
            if response.status_code >= 400:
                raise CanvasError(
                    f"{name}{self._about(about)} failed: HTTP {response.status_code} with an empty body",
                    status=response.status_code,
                )
            return None
        try:
            body = response.json()
        except ValueError:
            raise CanvasError(
                f"{name}{self._about(about)} failed: HTTP {response.status_code}, {self._explain(response)}",
                status=response.status_code,
            ) from None
        success = (
            body.get("status", {}).get("success")
            if isinstance(body, dict) and isinstance(body.get("status"), dict)
            else None
        )
        if response.status_code >= 400 or success is False:
            raise CanvasError(
                f"{name}{self._about(about)} failed: HTTP {response.status_code}, {self._redact(describe_envelope(body) if isinstance(body, dict) else str(body))}",
                hint_for(response.status_code),
                status=response.status_code,
                body=body,
            )
        return body

    def _explain(self, response: requests.Response) -> str:
        try:
            body = response.json()
        except ValueError:
            text = describe_body(
                response.status_code,
                response.headers.get("Content-Type", ""),
                response.text,
            )
            return self._redact(text)
        return self._redact(
            describe_envelope(body) if isinstance(body, dict) else str(body)
        )

    def _redact(self, text: str) -> str:
        return redact(text, tuple(self._secrets))

    @staticmethod
    def _about(about: str) -> str:
        return f" for {about}" if about else ""


def hint_for(status: int) -> str | None:
    if status == 404:
        return "the object does not exist or the account is not staff on the issuer (the API reports both as 404)"
    if status == 400:
        return "fix the fields named above in the record and run the command again"
    return None

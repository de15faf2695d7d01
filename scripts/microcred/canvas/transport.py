"""HTTP for the Canvas Credentials API: one request, its retries and its errors.

``Transport.call`` sends one API request and returns the parsed reply. It repeats
a 429, a 5xx, a timeout or a lost connection with exponential back-off (honouring
``Retry-After``, capped at ``RetryPolicy.max_delay``), but only for requests that
are safe to repeat. A POST or DELETE that timed out or failed with 5xx raises
``WriteOutcomeUnknown`` instead, because the change may be stored. A 429 is
repeated for every method, because the server stored nothing. A 401 refreshes
the token once and repeats the request once (so does a 403, which older
servers sent for an expired token).
"""

from __future__ import annotations

import logging
import time
import urllib.parse
from collections.abc import Callable
from typing import Any

import requests

from .errors import CanvasError, WriteOutcomeUnknown
from .responses import REDIRECT_HINT, Reply, explain, parse_reply, redirect_error
from .retry import RETRY_STATUSES, RetryPolicy, retry_after_seconds
from .settings import CanvasSettings
from .tokens import Tokens

log = logging.getLogger(__name__)
#: Request errors that a retry cannot fix, because the URL itself is wrong.
NOT_TRANSIENT = (
    requests.exceptions.InvalidURL,
    requests.exceptions.MissingSchema,
    requests.exceptions.InvalidSchema,
)
#: Methods repeated after a timeout or a 5xx: reads, and PUT, which is idempotent.
REPEATABLE_METHODS = ("GET", "PUT")


class Transport:
    """One signed-in session with the API."""

    def __init__(
        self,
        settings: CanvasSettings,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.settings = settings
        self.retry = retry or RetryPolicy()
        self.sleep = sleep if sleep is not None else time.sleep
        self.session = session or requests.Session()
        self.tokens = Tokens(settings, self.session, self.retry, self.sleep)

    def call(
        self,
        method: str,
        path_or_url: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        about: str = "",
    ) -> Reply:
        """Send one API request and return the reply; raise ``CanvasError`` if it fails.

        ``about`` names what the request is for, such as ``credential data-viz``.
        """
        if self.tokens.access is None:
            self.tokens.sign_in()
        url = self.absolute(path_or_url)
        call = f"{method} {urllib.parse.urlsplit(url).path}" + (
            f" for {about}" if about else ""
        )
        repeatable = method in REPEATABLE_METHODS
        refreshed = False
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self._send(method, url, params, json)
            except NOT_TRANSIENT as exc:
                raise CanvasError(
                    f"{call} failed: the URL {url!r} is invalid ({type(exc).__name__})",
                    "check CANVAS_CREDENTIALS_URL or canvas.region in governance.yaml",
                ) from None
            except requests.RequestException as exc:
                timed_out = isinstance(exc, requests.Timeout)
                reason = "timed out" if timed_out else f"failed ({type(exc).__name__})"
                if not repeatable:
                    raise self._unknown(call, reason) from None
                self.retry.wait_or_raise(self.sleep, call, attempt, None, reason)
                continue

            status = response.status_code
            log.debug("%s -> %s", call, status)
            if response.is_redirect:
                message = redirect_error(response, call)
                if not repeatable:
                    raise WriteOutcomeUnknown(message, REDIRECT_HINT)
                raise CanvasError(message, REDIRECT_HINT, status=status)
            # The v2 API returns 401 for an expired token, and older servers return 403.
            if status in (401, 403) and not refreshed:
                log.info(
                    "%s: access token rejected (%d), refreshing it once", call, status
                )
                self.tokens.refresh()
                refreshed = True
                continue
            if status in RETRY_STATUSES:
                if status != 429 and not repeatable:
                    detail = explain(response, self.tokens.secrets)
                    raise self._unknown(call, f"failed with HTTP {status}: {detail}")
                wait = retry_after_seconds(response)
                self.retry.wait_or_raise(
                    self.sleep, call, attempt, wait, f"HTTP {status}"
                )
                continue
            return self._parse(response, call, repeatable)

    def _parse(self, response: requests.Response, call: str, repeatable: bool) -> Reply:
        """Parse the reply; an unreadable 2xx reply to a write leaves its outcome unknown."""
        try:
            return parse_reply(response, call, self.tokens.secrets)
        except CanvasError as exc:
            if repeatable or response.status_code >= 300:
                raise
            raise self._unknown(
                call, f"returned an unreadable reply ({exc.message})"
            ) from None

    def _send(
        self, method: str, url: str, params: dict[str, Any] | None, json: Any
    ) -> requests.Response:
        headers = {
            "Authorization": f"Bearer {self.tokens.access}",
            "Accept": "application/json",
        }
        return self.session.request(
            method,
            url,
            params=params,
            json=json,
            headers=headers,
            timeout=self.retry.timeout,
            allow_redirects=False,
        )

    def absolute(self, path_or_url: str) -> str:
        """Join a path to the base URL; a full URL (a next-page link) must stay on its host."""
        if not path_or_url.startswith(("http://", "https://")):
            return f"{self.settings.base_url}{path_or_url}"
        base = urllib.parse.urlsplit(self.settings.base_url)
        given = urllib.parse.urlsplit(path_or_url)
        if (given.scheme, given.netloc) != (base.scheme, base.netloc):
            raise CanvasError(
                f"the API returned a next-page link to another host ({given.netloc})",
                f"expected links under {self.settings.base_url}, and the token is"
                " sent nowhere else",
            )
        return path_or_url

    def _unknown(self, call: str, reason: str) -> WriteOutcomeUnknown:
        log.warning(
            "%s %s; the change may be stored, so it is not repeated", call, reason
        )
        return WriteOutcomeUnknown(
            f"{call} {reason}; the change may or may not be stored",
            "list the objects and match before trying again",
        )

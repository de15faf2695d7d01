"""When to repeat a failed request and how long to wait first."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass

import requests

from .errors import CanvasError

log = logging.getLogger(__name__)
RETRY_STATUSES = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class RetryPolicy:
    """Attempts per request and the waits between them, in seconds.

    ``timeout`` is the connect and read timeout of each request.
    """

    attempts: int = 6
    base_delay: float = 1.0
    max_delay: float = 60.0
    timeout: float = 30.0

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """Return the wait before retry number ``attempt`` (1-based)."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_delay)
        return min(self.base_delay * 2 ** (attempt - 1), self.max_delay)

    def wait_or_raise(
        self,
        sleep: Callable[[float], None],
        call: str,
        attempt: int,
        retry_after: float | None,
        reason: str,
    ) -> None:
        """Sleep before the next attempt, or raise when ``attempt`` was the last."""
        if attempt >= self.attempts:
            raise CanvasError(
                f"{call} failed after {attempt} attempts: {reason}",
                "Canvas Credentials is unavailable or throttling requests,"
                " so run the command again later",
            )
        delay = self.delay(attempt, retry_after)
        log.warning(
            "%s: %s; retry %d of %d in %.1f s",
            call,
            reason,
            attempt,
            self.attempts - 1,
            delay,
        )
        sleep(delay)


def retry_after_seconds(response: requests.Response) -> float | None:
    """Read ``Retry-After`` in seconds, or the token endpoint's ``expires`` back-off."""
    header = response.headers.get("Retry-After", "").strip()
    if header:
        try:
            seconds = float(header)
        except ValueError:
            return None  # An HTTP date: fall back to exponential back-off.
        return seconds if math.isfinite(seconds) else None
    content_type = response.headers.get("Content-Type", "")
    if response.status_code != 429 or "json" not in content_type:
        return None
    try:
        expires = response.json().get("expires")
    except (ValueError, AttributeError):
        return None
    if isinstance(expires, bool) or not isinstance(expires, int | float):
        return None
    return float(expires) if math.isfinite(expires) else None

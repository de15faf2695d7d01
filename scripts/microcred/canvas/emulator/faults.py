"""Fault injection: which requests fail, how, and how often.

A rule matches ``"METHOD /path"`` with a shell-style pattern (``"POST /v2/*"``) and
fires with a probability from one seeded random generator, so a run with the same
seed and the same request order fails the same way. ``times`` limits how often a
rule fires; ``None`` means without limit.
"""

from __future__ import annotations

import fnmatch
import random
import threading
from dataclasses import dataclass, field

#: Fault kinds and what the emulator does for each.
FAULT_KINDS = {
    "429": "reject with 429 and a Retry-After header, storing nothing",
    "429-no-retry-after": "reject with 429 without Retry-After, storing nothing",
    "500-html": "fail with Django's HTML 500 page, storing nothing",
    "503": "fail with 503 from the edge, storing nothing",
    "500-after-write": "store the change, then answer with the HTML 500 page",
    "slow": "store the change, then wait delay_ms before answering",
    "expire-token": "expire the caller's access token, then answer 401",
}
#: The mix used by ``set_fault_rate``: every kind except the slow response, which
#: costs wall time and is switched on separately.
RANDOM_KINDS = (
    "429",
    "429-no-retry-after",
    "500-html",
    "503",
    "500-after-write",
    "expire-token",
)


@dataclass
class FaultRule:
    """One way of failing requests that match ``route``."""

    kind: str
    route: str = "*"
    probability: float = 1.0
    times: int | None = None
    retry_after: float = 1.0
    delay_ms: float = 0.0

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(
                f"unknown fault kind {self.kind!r};"
                f" expected one of {', '.join(FAULT_KINDS)}"
            )
        if not 0.0 <= self.probability <= 1.0:
            raise ValueError(f"fault probability {self.probability} is outside 0..1")

    def matches(self, method: str, path: str) -> bool:
        return fnmatch.fnmatchcase(f"{method} {path}", self.route)


@dataclass
class FaultPlan:
    """The active rules plus the seeded generator that decides each draw."""

    rules: list[FaultRule] = field(default_factory=list)
    seed: int = 0
    fired: dict[str, int] = field(default_factory=dict)
    #: ``(rate, kinds, route)`` set by ``set_rate``, or None.
    random_faults: tuple[float, tuple[str, ...], str] | None = None
    random_delay_ms: float = 0.0

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)
        self._lock = threading.Lock()

    def reseed(self, seed: int) -> None:
        with self._lock:
            self.seed = seed
            self._random = random.Random(seed)

    def add(self, rule: FaultRule) -> None:
        with self._lock:
            self.rules.append(rule)

    def clear(self) -> None:
        with self._lock:
            self.rules.clear()
            self.random_faults = None

    def set_rate(
        self,
        rate: float,
        kinds: tuple[str, ...] = RANDOM_KINDS,
        route: str = "*",
        delay_ms: float = 0.0,
    ) -> None:
        """Fail ``rate`` of the requests matching ``route`` with kinds from ``kinds``.

        ``delay_ms`` is the wait of a drawn ``slow`` fault.
        """
        unknown = [kind for kind in kinds if kind not in FAULT_KINDS]
        if unknown:
            raise ValueError(
                f"unknown fault kind {unknown[0]!r};"
                f" expected one of {', '.join(FAULT_KINDS)}"
            )
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"fault rate {rate} is outside 0..1")
        with self._lock:
            self.random_faults = (rate, tuple(kinds), route) if rate > 0 else None
            self.random_delay_ms = delay_ms

    def draw(self, method: str, path: str) -> FaultRule | None:
        """Return the rule that fires for this request, or None."""
        with self._lock:
            for rule in self.rules:
                if not rule.matches(method, path) or rule.times == 0:
                    continue
                if self._random.random() >= rule.probability:
                    continue
                if rule.times is not None:
                    rule.times -= 1
                self.fired[rule.kind] = self.fired.get(rule.kind, 0) + 1
                return rule
            return self._draw_random(method, path)

    def _draw_random(self, method: str, path: str) -> FaultRule | None:
        if self.random_faults is None:
            return None
        rate, kinds, route = self.random_faults
        if (
            not fnmatch.fnmatchcase(f"{method} {path}", route)
            or self._random.random() >= rate
        ):
            return None
        kind = self._random.choice(kinds)
        self.fired[kind] = self.fired.get(kind, 0) + 1
        return FaultRule(kind=kind, route=route, delay_ms=self.random_delay_ms)

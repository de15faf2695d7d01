"""The Emulator: a local Badgr v2 server with a Python control API.

Start it with ``Emulator().start()`` (or as a context manager); ``url`` is then
``http://127.0.0.1:<port>``. Tests and demos steer it through the methods below or
through the ``/_emulator/`` routes, which take the same settings as JSON.
"""

from __future__ import annotations

import copy
import logging
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from .api import Request, Response, public
from .auth import AuthSettings
from .control import CONTROL_PREFIX, handle_control
from .faults import RANDOM_KINDS, FaultPlan, FaultRule
from .server import (
    EmulatorServer,
    apply_fault,
    dispatch,
    route_template,
)
from .store import DEFAULT_ISSUER, DEMO_PASSWORD, DEMO_USERNAME, Store

log = logging.getLogger(__name__)


class Emulator:
    """A threaded Badgr v2 server on 127.0.0.1 with faults, latency and state."""

    username = DEMO_USERNAME
    password = DEMO_PASSWORD

    def __init__(
        self,
        port: int = 0,
        issuer_id: str = DEFAULT_ISSUER,
        state_file: Path | None = None,
        latency_ms: float = 0.0,
        token_lifetime: float = 86400.0,
        seed: int = 0,
    ) -> None:
        self.issuer_id = issuer_id
        self.state_file = state_file
        self.latency_ms = latency_ms
        self.auth = AuthSettings(token_lifetime=token_lifetime)
        self.faults = FaultPlan(seed=seed)
        self.store = self._initial_store()
        self.counts: Counter[str] = Counter()
        self.log: list[dict[str, Any]] = []
        self._count_lock = threading.Lock()
        self._server = EmulatorServer(("127.0.0.1", port), self)
        self._thread: threading.Thread | None = None

    def _initial_store(self) -> Store:
        if self.state_file is not None and self.state_file.exists():
            store = Store.load(self.state_file)
            if self.issuer_id not in store.issuers:
                store.add_issuer(
                    self.issuer_id, "Example State University", DEMO_USERNAME
                )
            return store
        return Store.seeded(self.issuer_id)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Emulator:
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="canvas-emulator",
            daemon=True,
        )
        self._thread.start()
        log.info("Canvas Credentials emulator listening on %s", self.url)
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.changed()
        log.info("Canvas Credentials emulator on %s stopped", self.url)

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def changed(self) -> None:
        """Persist the state after a stored change, when a state file is set."""
        if self.state_file is not None:
            self.store.save(self.state_file)

    # Control API -----------------------------------------------------------------

    def set_fault(
        self,
        kind: str,
        route: str = "*",
        probability: float = 1.0,
        times: int | None = None,
        retry_after: float = 1.0,
        delay_ms: float = 0.0,
    ) -> None:
        """Add a fault rule; ``route`` is a pattern over ``"METHOD /path"``."""
        self.faults.add(
            FaultRule(kind, route, probability, times, retry_after, delay_ms)
        )

    def set_fault_rate(
        self,
        rate: float,
        kinds: tuple[str, ...] = RANDOM_KINDS,
        route: str = "*",
        seed: int | None = None,
        delay_ms: float = 0.0,
    ) -> None:
        """Fail ``rate`` (0..1) of matching requests with kinds drawn from ``kinds``."""
        if seed is not None:
            self.faults.reseed(seed)
        self.faults.set_rate(rate, kinds, route, delay_ms)

    def clear_faults(self) -> None:
        self.faults.clear()

    def set_latency(self, ms: float) -> None:
        self.latency_ms = ms

    def set_token_lifetime(self, seconds: float) -> None:
        self.auth.token_lifetime = seconds

    def throttle_login(self, seconds: int) -> None:
        """Reject every token request with 429 and this back-off; 0 switches it off."""
        self.auth.throttle_seconds = seconds

    def expire_tokens(self) -> None:
        with self.store.lock:
            for entry in self.store.access_tokens.values():
                entry["expires_at"] = 0.0

    def reset(self) -> None:
        """Forget entities, tokens, faults and counts; keep the demo user and issuer."""
        with self.store.lock:
            fresh = Store.seeded(self.issuer_id)
            for name in (
                "users",
                "issuers",
                "badge_classes",
                "assertions",
                "access_tokens",
                "refresh_tokens",
                "notifications",
                "mutations",
            ):
                setattr(self.store, name, getattr(fresh, name))
            self.store.sequence = 0
        self.clear_faults()
        with self._count_lock:
            self.counts.clear()
            self.log.clear()
        self.changed()

    def request_counts(self) -> dict[str, Any]:
        """Return the request count, writes (POST, PUT, DELETE), routes, statuses."""
        with self._count_lock:
            by_route = {
                key[6:]: n for key, n in self.counts.items() if key.startswith("route ")
            }
            by_status = {
                key[7:]: n
                for key, n in self.counts.items()
                if key.startswith("status ")
            }
            return {
                "total": self.counts["total"],
                "writes": self.counts["writes"],
                "by_route": by_route,
                "by_status": by_status,
            }

    def state(self) -> dict[str, Any]:
        """Return entities, notifications, stored changes, counts and faults fired."""
        with self.store.lock:
            data = {
                "url": self.url,
                "issuers": [public(i) for i in self.store.issuers.values()],
                "badge_classes": copy.deepcopy(list(self.store.badge_classes.values())),
                "assertions": copy.deepcopy(list(self.store.assertions.values())),
                "notifications": list(self.store.notifications),
                "mutations": list(self.store.mutations),
                "active_tokens": sum(
                    1
                    for t in self.store.access_tokens.values()
                    if t["expires_at"] > time.time()
                ),
            }
        data["requests"] = self.request_counts()
        data["faults_fired"] = dict(self.faults.fired)
        return data

    # Request handling ---------------------------------------------------------------

    def respond(self, request: Request) -> Response:
        if request.path.startswith(CONTROL_PREFIX):
            return self.control(request)
        if self.latency_ms:
            time.sleep(self.latency_ms / 1000)
        rule = self.faults.draw(request.method, request.path)
        if rule is None:
            response, template = dispatch(self, request)
        else:
            log.info(
                "injecting fault %s into %s %s", rule.kind, request.method, request.path
            )
            response = apply_fault(
                self, request, rule.kind, rule.retry_after, rule.delay_ms
            )
            template = route_template(request.method, request.path)
        self.count(request, response, template)
        return response

    def count(self, request: Request, response: Response, template: str) -> None:
        with self._count_lock:
            self.counts["total"] += 1
            if request.method in ("POST", "PUT", "DELETE") and request.path.startswith(
                "/v2/"
            ):
                self.counts["writes"] += 1
            self.counts[f"route {template}"] += 1
            self.counts[f"status {response.status}"] += 1
            self.log.append(
                {
                    "method": request.method,
                    "path": request.path,
                    "status": response.status,
                }
            )

    def control(self, request: Request) -> Response:
        """Handle the ``/_emulator/`` routes: state, faults, latency, tokens, reset."""
        return handle_control(self, request)

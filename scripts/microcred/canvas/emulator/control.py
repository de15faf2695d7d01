"""The ``/_emulator/`` control routes: the same settings as the Python API, as JSON.

``GET state``, ``GET faults``, ``POST faults`` (``{"rules": [...], "rate": 0.2,
"kinds": [...], "seed": 1, "delay_ms": 100}``), ``DELETE faults``,
``POST latency`` (``{"ms": 50}``), ``POST tokens/expire`` and ``POST reset``.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

from .api import Request, Response, envelope, error, json_response
from .faults import FAULT_KINDS, RANDOM_KINDS

if TYPE_CHECKING:
    from .emulator import Emulator

log = logging.getLogger(__name__)
CONTROL_PREFIX = "/_emulator/"


def handle_control(emulator: Emulator, request: Request) -> Response:
    name = request.path[len(CONTROL_PREFIX) :].strip("/")
    try:
        body = json.loads(request.raw_body) if request.raw_body else {}
        if not isinstance(body, dict):
            raise ValueError("expected a JSON object")
        return dispatch_control(emulator, request.method, name, body)
    except (ValueError, TypeError, KeyError) as exc:
        log.warning(
            "invalid emulator control request %s %s: %s", request.method, name, exc
        )
        return error(400, f"invalid emulator control request: {exc}")


def set_faults(emulator: Emulator, body: dict[str, Any]) -> Response:
    for rule in body.get("rules", []):
        emulator.set_fault(**rule)
    if "rate" in body:
        emulator.set_fault_rate(
            float(body["rate"]),
            tuple(body.get("kinds") or RANDOM_KINDS),
            body.get("route", "*"),
            body.get("seed"),
            float(body.get("delay_ms", 0)),
        )
    return envelope({"rules": len(emulator.faults.rules)})


def dispatch_control(
    emulator: Emulator, method: str, name: str, body: dict[str, Any]
) -> Response:
    route = (method, name)
    if route == ("GET", "state"):
        return json_response(200, emulator.state())
    if route == ("GET", "faults"):
        return json_response(
            200, {"kinds": FAULT_KINDS, "fired": emulator.faults.fired}
        )
    if route == ("POST", "faults"):
        return set_faults(emulator, body)
    if route == ("DELETE", "faults"):
        emulator.clear_faults()
        return envelope({"rules": 0})
    if route == ("POST", "latency"):
        emulator.set_latency(float(body["ms"]))
        return envelope({"latency_ms": emulator.latency_ms})
    if route == ("POST", "tokens/expire"):
        emulator.expire_tokens()
        return envelope({"expired": True})
    if route == ("POST", "reset"):
        emulator.reset()
        return envelope({"reset": True})
    return error(404, f"unknown emulator control route {method} {CONTROL_PREFIX}{name}")

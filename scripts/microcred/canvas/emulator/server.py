"""The HTTP server: request parsing, dispatch to the routes, and fault responses."""

from __future__ import annotations

import json
import logging
import socket
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from . import awards, badges, revocations
from .api import (
    HTML_500,
    HTML_503,
    Request,
    Response,
    bad_request,
    error,
    find_route,
    json_response,
    match_params,
)
from .auth import authenticate, expire_token, token_endpoint

if TYPE_CHECKING:
    from .emulator import Emulator

log = logging.getLogger(__name__)
ROUTES = badges.ROUTES + awards.ROUTES + revocations.ROUTES


class EmulatorServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], emulator: Emulator) -> None:
        super().__init__(address, Handler)
        self.emulator = emulator


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: EmulatorServer

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes; without TCP_NODELAY the second
        # waits for the client's delayed ACK, about 40 ms per request on Linux.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        # The parameter name is BaseHTTPRequestHandler's.
        log.debug("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.handle_any("GET")

    def do_POST(self) -> None:  # noqa: N802
        self.handle_any("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self.handle_any("PUT")

    def do_DELETE(self) -> None:  # noqa: N802
        self.handle_any("DELETE")

    def handle_any(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        parts = urllib.parse.urlsplit(self.path)
        request = Request(
            method=method,
            path=parts.path,
            query=urllib.parse.parse_qs(parts.query, keep_blank_values=True),
            raw_body=raw,
            headers={key.lower(): value for key, value in self.headers.items()},
            base_url=self.server.emulator.url,
        )
        response = self.server.emulator.respond(request)
        self.send(response)

    def send(self, response: Response) -> None:
        try:
            self.send_response(response.status)
            for key, value in response.headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(response.body)
        except (BrokenPipeError, ConnectionResetError):
            log.debug("client closed the connection before the response was sent")


def route_template(method: str, path: str) -> str:
    """Return the route as counted, such as ``GET /v2/issuers/{issuer}``."""
    if path.rstrip("/") == "/o/token":
        return f"{method} /o/token"
    route, _ = find_route(ROUTES, method, path)
    return f"{method} {route.template}" if route else f"{method} (unknown)"


def parse_json(request: Request) -> Response | None:
    """Parse the JSON body into ``request.body``, or return the 400 to send."""
    if not request.raw_body:
        return None
    try:
        request.body = json.loads(request.raw_body)
    except ValueError:
        return bad_request(
            general=["JSON parse error - request body is not valid JSON."]
        )
    return None


def dispatch(emulator: Emulator, request: Request) -> tuple[Response, str]:
    """Handle one API request; return the response and its route template."""
    store = emulator.store
    if request.path.rstrip("/") == "/o/token" and request.method == "POST":
        return token_endpoint(store, request, emulator.auth), "POST /o/token"
    route, path_known = find_route(ROUTES, request.method, request.path)
    if route is None:
        status = 405 if path_known else 404
        return error(
            status, "method not allowed" if path_known else "not found"
        ), f"{request.method} (unknown)"
    template = f"{route.method} {route.template}"
    denied = authenticate(store, request) or parse_json(request)
    if denied is not None:
        return denied, template
    request.params = match_params(route, request.path)
    with store.lock:
        response = route.handler(store, request)
        if request.method != "GET" and response.status < 400:
            emulator.changed()
    return response, template


def apply_fault(
    emulator: Emulator, request: Request, kind: str, retry_after: float, delay_ms: float
) -> Response:
    """Build the response to ``request`` that fault ``kind`` describes."""
    if kind == "429":
        return json_response(
            429,
            {"detail": "Request was throttled."},
            {"Retry-After": f"{retry_after:g}"},
        )
    if kind == "429-no-retry-after":
        return json_response(429, {"detail": "Request was throttled."})
    if kind == "500-html":
        return Response(500, HTML_500, {"Content-Type": "text/html; charset=utf-8"})
    if kind == "503":
        return Response(503, HTML_503, {"Content-Type": "text/html"})
    if kind == "expire-token":
        expire_token(emulator.store, request)
    response, _ = dispatch(emulator, request)
    if kind == "500-after-write":
        return Response(500, HTML_500, {"Content-Type": "text/html; charset=utf-8"})
    if kind == "slow":
        time.sleep(delay_ms / 1000)
    return response

"""The HTTP side of the fake GitHub: a ThreadingHTTPServer on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from . import routes_issues, routes_pulls, routes_repos  # noqa: F401 - registers routes
from .render import Renderer
from .routing import Ctx, HttpError, Reply, match
from .world import World

log = logging.getLogger(__name__)
PREFIX = "/api/v3"


@dataclass
class RecordedRequest:
    method: str
    path: str
    query: dict[str, str]
    body: Any
    status: int = 0


@dataclass
class Fault:
    method: str
    pattern: re.Pattern[str]
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    times: int = 1


class FakeGitHub(World):
    """A fake GitHub REST API at ``base_url`` with the state API of :class:`World`."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        super().__init__(start)
        self.requests: list[RecordedRequest] = []
        self.unexpected: list[RecordedRequest] = []
        self.faults: list[Fault] = []
        #: Exceptions raised inside route handlers: bugs of the fake, not of the client.
        self.errors: list[str] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.fake = self  # type: ignore[attr-defined]
        host, port = self._httpd.server_address[:2]
        self.web_url = f"http://{host}:{port}"
        self.base_url = self.web_url + PREFIX
        self.render = Renderer(api=self.base_url, web=self.web_url)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            args=(0.05,),
            name="fake-github",
            daemon=True,
        )

    def start(self) -> FakeGitHub:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def fail(
        self,
        method: str,
        path_pattern: str,
        status: int = 500,
        message: str = "Server Error",
        times: int = 1,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Respond to the next ``times`` requests whose path matches with an error."""
        self.faults.append(
            Fault(
                method,
                re.compile(path_pattern),
                status,
                {"message": message},
                headers or {},
                times,
            )
        )

    def calls(
        self, method: str | None = None, path_pattern: str = ""
    ) -> list[RecordedRequest]:
        """Recorded requests by method and a regular expression searched in the path."""
        wanted = re.compile(path_pattern)
        return [
            r
            for r in self.requests
            if (method is None or r.method == method) and wanted.search(r.path)
        ]

    def writes(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.method != "GET"]

    def dispatch(
        self, method: str, raw_path: str, headers: dict[str, str], body: bytes
    ) -> Reply:
        parsed = urllib.parse.urlsplit(raw_path)
        path = parsed.path.removeprefix(PREFIX) or "/"
        query = dict(urllib.parse.parse_qsl(parsed.query))
        try:
            payload = json.loads(body) if body else None
        except ValueError:
            payload = body.decode(errors="replace")
        record = RecordedRequest(method, path, query, payload)
        with self.lock:
            self.requests.append(record)
            reply = self._answer(
                method, path, query, payload, headers, parsed.path, record
            )
            record.status = reply.status
        return reply

    def _answer(
        self,
        method: str,
        path: str,
        query: dict[str, str],
        payload: Any,
        headers: dict[str, str],
        full_path: str,
        record: RecordedRequest,
    ) -> Reply:
        if not full_path.startswith(PREFIX + "/") and full_path != PREFIX:
            self.unexpected.append(record)
            return Reply(404, {"message": f"Not Found: the API lives under {PREFIX}"})
        if headers.get("authorization", "").split(" ")[-1] != self.token:
            return Reply(
                401,
                {
                    "message": "Bad credentials",
                    "documentation_url": "https://docs.github.com/rest",
                },
            )
        for fault in self.faults:
            if (
                fault.times > 0
                and fault.method == method
                and fault.pattern.search(path)
            ):
                fault.times -= 1
                return Reply(fault.status, fault.body, fault.headers)
        found = match(method, path)
        if found is None:
            self.unexpected.append(record)
            log.warning("fake GitHub has no route for %s %s", method, path)
            return Reply(
                404,
                {
                    "message": "Not Found",
                    "documentation_url": "https://docs.github.com/rest",
                },
            )
        handler, params = found
        ctx = Ctx(
            world=self,
            render=self.render,
            method=method,
            path=path,
            query=query,
            body=payload,
            params=params,
        )
        try:
            return handler(ctx)
        except HttpError as exc:
            return Reply(exc.status, exc.body())


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes. Without TCP_NODELAY each response waits
    # for the client's delayed ACK (about 40 ms on Linux).
    disable_nagle_algorithm = True

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        fake: FakeGitHub = self.server.fake  # type: ignore[attr-defined]
        headers = {k.lower(): v for k, v in self.headers.items()}
        try:
            reply = fake.dispatch(self.command, self.path, headers, body)
        except Exception as exc:  # noqa: BLE001 - a fake-server bug must reach the test as a 500
            log.exception("fake GitHub failed on %s %s", self.command, self.path)
            fake.errors.append(f"{self.command} {self.path}: {exc!r}")
            reply = Reply(500, {"message": f"fake server error: {exc!r}"})
        data = b"" if reply.body is None else json.dumps(reply.body).encode()
        self.send_response(reply.status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-RateLimit-Limit", "5000")
        self.send_header("X-RateLimit-Remaining", "4999")
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("fake GitHub: " + format, *args)

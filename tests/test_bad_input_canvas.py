"""The Canvas client against a misbehaving API server on 127.0.0.1.

A small HTTP server returns whatever each test sets up for a route: invalid JSON,
bodies without the v2 envelope, items without ``entityId``, redirects, looping
next-page links and truncated bodies. Every case must end in a ``CanvasError``
with a clear message, never in a crash, a silently shortened list or a request
that follows a redirect.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from microcred.canvas.client import CanvasClient
from microcred.canvas.errors import CanvasError, WriteOutcomeUnknown
from microcred.canvas.retry import RetryPolicy
from microcred.canvas.settings import CanvasSettings
from microcred.catalogue import Catalogue
from microcred.cli import main
from microcred.errors import MicrocredError
from microcred.yamledit import update_fields

REPO = Path(__file__).resolve().parents[1]
TOKEN = "access-token-that-must-stay-local"


@dataclass
class Canned:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    #: Close the connection after this many body bytes, with the full Content-Length.
    truncate_at: int | None = None


@dataclass
class HostileServer:
    url: str = ""
    routes: dict[str, Canned] = field(default_factory=dict)
    requests: list[tuple[str, str, str]] = field(default_factory=list)

    def reply(self, route: str, body: Any = None, **kwargs: Any) -> None:
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.routes[route] = Canned(body=raw, **kwargs)


def _handler(server: HostileServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            path = self.path.split("?", 1)[0]
            auth = self.headers.get("Authorization", "")
            server.requests.append((self.command, path, auth))
            if path == "/o/token":
                canned = Canned(body=json.dumps({"access_token": TOKEN}).encode())
            else:
                canned = server.routes.get(path, Canned(404, b"{}"))
            self.send_response(canned.status)
            headers = {"Content-Type": "application/json", **canned.headers}
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(canned.body)))
            self.end_headers()
            body = canned.body
            if canned.truncate_at is not None:
                body = body[: canned.truncate_at]
                self.close_connection = True
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = _serve

    return Handler


@pytest.fixture
def hostile() -> Iterator[HostileServer]:
    state = HostileServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


def _client(server: HostileServer) -> CanvasClient:
    settings = CanvasSettings(server.url, "issuer-1", username="u", password="p")
    retry = RetryPolicy(attempts=2, base_delay=0, max_delay=0, timeout=5)
    return CanvasClient(settings, retry=retry, sleep=lambda _seconds: None)


LIST_ROUTE = "/v2/issuers/issuer-1/badgeclasses"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "HTTP 200"),
        ({"items": []}, "instead of a v2 envelope"),
        ({"result": {"entityId": "a"}}, "instead of a v2 envelope"),
        ({"result": "none"}, "instead of a v2 envelope"),
        ({"result": [{"name": "no id"}]}, "result item 1 without a text `entityId`"),
        ({"result": [{"entityId": 7}]}, "result item 1 without a text `entityId`"),
        ({"result": [{"entityId": "a"}, "junk"]}, "result item 2 without"),
        ("just text", "instead of a v2 envelope"),
    ],
)
def test_list_with_bad_body_raises(
    hostile: HostileServer, body: Any, message: str
) -> None:
    hostile.reply(LIST_ROUTE, body)
    with _client(hostile) as client, pytest.raises(CanvasError) as caught:
        client.list_badge_classes()
    assert message in str(caught.value)
    assert TOKEN not in str(caught.value)


def test_html_error_page_raises(hostile: HostileServer) -> None:
    hostile.reply(
        LIST_ROUTE, b"<html>Bad gateway</html>", headers={"Content-Type": "text/html"}
    )
    with _client(hostile) as client, pytest.raises(CanvasError) as caught:
        client.list_badge_classes()
    assert "HTTP 200" in str(caught.value)


def test_single_object_without_entity_id(hostile: HostileServer) -> None:
    hostile.reply("/v2/issuers/issuer-1", {"result": [{"name": "Issuer"}]})
    with _client(hostile) as client, pytest.raises(CanvasError) as caught:
        client.get_issuer()
    assert "without a text `entityId`" in str(caught.value)


def test_next_link_to_other_host(hostile: HostileServer) -> None:
    hostile.reply(
        LIST_ROUTE,
        {"result": [{"entityId": "a"}]},
        headers={"Link": '<http://192.0.2.1/v2/page2>; rel="next"'},
    )
    with _client(hostile) as client, pytest.raises(CanvasError) as caught:
        client.list_badge_classes()
    assert "next-page link to another host (192.0.2.1)" in str(caught.value)


def test_next_link_loop_raises(hostile: HostileServer) -> None:
    hostile.reply(
        LIST_ROUTE,
        {"result": [{"entityId": "a"}]},
        headers={"Link": f'<{hostile.url}{LIST_ROUTE}?cursor=1>; rel="next"'},
    )
    with _client(hostile) as client, pytest.raises(CanvasError) as caught:
        client.list_badge_classes()
    assert "already read" in str(caught.value)
    assert len([r for r in hostile.requests if r[1] == LIST_ROUTE]) == 2


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_redirect_not_followed(hostile: HostileServer, method: str) -> None:
    target = "http://192.0.2.1/steal"
    for route in (LIST_ROUTE, "/v2/badgeclasses/b-1/assertions"):
        hostile.routes[route] = Canned(302, b"", {"Location": target})
    with _client(hostile) as client, pytest.raises(CanvasError) as caught:
        if method == "GET":
            client.list_badge_classes()
        else:
            client.issue_assertion("b-1", {"recipient": {"identity": "a@x.edu"}})
    assert f"redirected (HTTP 302) to {target}" in str(caught.value)
    if method == "POST":
        assert isinstance(caught.value, WriteOutcomeUnknown)
    assert all("steal" not in path for _method, path, _auth in hostile.requests)


def test_token_redirect_not_followed(hostile: HostileServer) -> None:
    hostile.url += "/moved"
    hostile.routes["/moved/o/token"] = Canned(
        307, b"", {"Location": "http://192.0.2.1/o/token"}
    )
    with _client(hostile) as client, pytest.raises(CanvasError) as caught:
        client.list_badge_classes()
    assert "POST /o/token was redirected (HTTP 307)" in str(caught.value)


def test_truncated_body_raises(hostile: HostileServer) -> None:
    body = json.dumps({"result": [{"entityId": "a" * 200}]}).encode()
    hostile.routes[LIST_ROUTE] = Canned(200, body, truncate_at=40)
    with _client(hostile) as client, pytest.raises(CanvasError) as caught:
        client.list_badge_classes()
    assert "GET" in str(caught.value)


def _tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    captured = capsys.readouterr()
    return int(caught.value.code or 0), captured.out + captured.err


@pytest.mark.parametrize(
    "body",
    [b"{not json", {"result": "none"}, {"result": [{"name": "no id"}]}],
)
def test_sync_and_award_fail_cleanly(
    hostile: HostileServer,
    repo_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    body: Any,
) -> None:
    issuer = Catalogue.load(repo_copy).governance.section("canvas")["issuer"]  # type: ignore[union-attr]
    hostile.reply(f"/v2/issuers/{issuer}/badgeclasses", body)
    hostile.reply("/v2/badgeclasses/b-1/assertions", body)
    record = repo_copy / "credentials" / "computing" / "data-visualization-python.yaml"
    update_fields(record, {"canvas": {"badge_class": "b-1"}})
    grades = repo_copy / "grades" / "export.csv"
    grades.parent.mkdir()
    grades.write_text("Email,Score\na@example.edu,90\n", encoding="utf-8")
    monkeypatch.setenv("CANVAS_CREDENTIALS_URL", hostile.url)
    monkeypatch.setenv("CANVAS_CREDENTIALS_TOKEN", TOKEN)
    monkeypatch.setenv("MICROCRED_STATE_DIR", str(repo_copy.parent / "state"))
    before = _tree(repo_copy)
    for argv in (
        ["sync", "--apply", "--root", str(repo_copy)],
        ["award", "data-visualization-python", str(grades), "--apply"]
        + ["--root", str(repo_copy)],
    ):
        code, output = _run(argv, capsys)
        assert code == 1, output
        assert "Traceback" not in output
        assert TOKEN not in output
        assert "GET /v2/" in output
    assert _tree(repo_copy) == before
    posts = [r for r in hostile.requests if r[0] != "GET" and r[1] != "/o/token"]
    assert posts == []


@pytest.mark.parametrize(
    "url",
    [
        "http://exa mple.com",
        "http://[::1",
        "https://api.badgr.io:99999",
        "https://api.badgr.io:0",
        "https://api.badgr.io:abc",
    ],
)
def test_invalid_base_url_rejected(url: str) -> None:
    governance = Catalogue.load(REPO).governance
    assert governance is not None
    environ = {"CANVAS_CREDENTIALS_URL": url, "CANVAS_CREDENTIALS_TOKEN": "t"}
    with pytest.raises(MicrocredError) as caught:
        CanvasSettings.load(governance, environ)
    assert "CANVAS_CREDENTIALS_URL" in str(caught.value)


def test_invalid_url_not_retried() -> None:
    waits: list[float] = []
    settings = CanvasSettings("http://exa mple.com", "issuer-1", token="t")
    with CanvasClient(settings, sleep=waits.append) as client:
        with pytest.raises(CanvasError) as caught:
            client.list_badge_classes()
    assert "is invalid (InvalidURL)" in str(caught.value)
    assert waits == []


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ('<>; rel="next"', "next-page link without a URL"),
        ('<page2>; rel="next"', "is invalid (InvalidURL)"),
    ],
)
def test_malformed_next_link(hostile: HostileServer, link: str, message: str) -> None:
    hostile.reply(LIST_ROUTE, {"result": [{"entityId": "a"}]}, headers={"Link": link})
    with _client(hostile) as client, pytest.raises(CanvasError) as caught:
        client.list_badge_classes()
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("header", "body"),
    [
        ("nan", b"{}"),
        ("inf", b"{}"),
        ("", b'{"expires": NaN}'),
        ("", b'{"expires": true}'),
    ],
)
def test_bad_retry_after_gives_finite_wait(
    hostile: HostileServer, header: str, body: bytes
) -> None:
    headers = {"Retry-After": header} if header else {}
    hostile.routes[LIST_ROUTE] = Canned(429, body, headers)
    waits: list[float] = []
    settings = CanvasSettings(hostile.url, "issuer-1", token=TOKEN)
    retry = RetryPolicy(attempts=2, base_delay=0.5, max_delay=5, timeout=5)
    with CanvasClient(settings, retry=retry, sleep=waits.append) as client:
        with pytest.raises(CanvasError) as caught:
            client.list_badge_classes()
    assert "failed after 2 attempts: HTTP 429" in str(caught.value)
    assert waits == [0.5]


@pytest.mark.parametrize(
    "body", [b"<html>OK</html>", b'{"result": [{"name": "no id"}]}', b'{"result": "x"}']
)
def test_unreadable_write_reply_is_unknown(hostile: HostileServer, body: bytes) -> None:
    hostile.routes["/v2/badgeclasses/b-1/assertions"] = Canned(201, body)
    with _client(hostile) as client, pytest.raises(WriteOutcomeUnknown) as caught:
        client.issue_assertion("b-1", {"recipient": {"identity": "a@example.edu"}})
    assert "may or may not be stored" in str(caught.value)
    assert "hint:" not in caught.value.message

"""Route table, request context and pagination shared by the route modules."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .render import Renderer

if TYPE_CHECKING:
    from .world import FakeRepo, World

OWNER_REPO = r"/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)"
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 30


class HttpError(Exception):
    """An error response in GitHub's shape: a message and a documentation URL."""

    def __init__(
        self, status: int, message: str, errors: list[dict[str, Any]] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors or []

    def body(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "message": self.message,
            "documentation_url": "https://docs.github.com/rest",
        }
        if self.errors:
            data["errors"] = self.errors
        return data


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Ctx:
    """One request, as passed to a route handler."""

    world: World
    render: Renderer
    method: str
    path: str
    query: dict[str, str]
    body: Any
    params: dict[str, str] = field(default_factory=dict)

    def repo(self) -> FakeRepo:
        from .world import FakeRepo

        data = self.world.find_repo(self.params["owner"], self.params["repo"])
        if data is None:
            raise HttpError(404, "Not Found")
        return FakeRepo(self.world, data)

    def number(self, name: str = "number") -> int:
        return int(self.params[name])

    def field(self, name: str, kind: type = str, required: bool = True) -> Any:
        body = self.body if isinstance(self.body, dict) else {}
        value = body.get(name)
        if value is None and not required:
            return None
        if not isinstance(value, kind):
            raise HttpError(
                422,
                "Validation Failed",
                [
                    {
                        "resource": "Request",
                        "field": name,
                        "code": "missing_field" if value is None else "invalid",
                    }
                ],
            )
        return value

    def paginate(self, items: list[Any]) -> Reply:
        """Return one page of ``items`` with a ``Link`` header, as GitHub does."""
        per_page = min(int(self.query.get("per_page", DEFAULT_PER_PAGE)), MAX_PER_PAGE)
        page = max(int(self.query.get("page", 1)), 1)
        last = max((len(items) + per_page - 1) // per_page, 1)
        chunk = items[(page - 1) * per_page : page * per_page]
        targets = {}
        if page > 1:
            targets.update(prev=page - 1, first=1)
        if page < last:
            targets.update(next=page + 1, last=last)
        links = [
            f'<{self._page_url(n, per_page)}>; rel="{rel}"'
            for rel, n in targets.items()
        ]
        headers = {"Link": ", ".join(links)} if links else {}
        return Reply(200, chunk, headers)

    def _page_url(self, page: int, per_page: int) -> str:
        query = dict(self.query, page=str(page), per_page=str(per_page))
        return f"{self.render.api}{self.path}?{urllib.parse.urlencode(query)}"


Handler = Callable[[Ctx], Reply]


@dataclass
class Route:
    method: str
    pattern: re.Pattern[str]
    handler: Handler


ROUTES: list[Route] = []


def route(method: str, pattern: str) -> Callable[[Handler], Handler]:
    def decorate(handler: Handler) -> Handler:
        ROUTES.append(Route(method, re.compile(pattern + "$"), handler))
        return handler

    return decorate


def match(method: str, path: str) -> tuple[Handler, dict[str, str]] | None:
    for item in ROUTES:
        if item.method != method:
            continue
        found = item.pattern.match(path)
        if found:
            params = {k: urllib.parse.unquote(v) for k, v in found.groupdict().items()}
            return item.handler, params
    return None

"""``POST /o/token`` and the bearer check on /v2 routes.

Access tokens live ``token_lifetime`` seconds. Refresh tokens rotate: a refresh
returns a new pair and the old refresh and access tokens stop working, as with
django-oauth-toolkit's default settings.
"""

from __future__ import annotations

import secrets
import time
import urllib.parse
from dataclasses import dataclass

from .api import Request, Response, error, json_response
from .store import Store

REQUIRED_SCOPE = "rw:issuer"


@dataclass
class AuthSettings:
    token_lifetime: float = 86400.0
    #: When set, every token request gets 429 "login attempts throttled".
    # NOTE: badgr-server also backs off 2^n seconds after n failed sign-ins and
    # extends a token used past half its lifetime; the emulator does neither.
    throttle_seconds: int = 0


def oauth_error(status: int, code: str, description: str = "") -> Response:
    body = {"error": code}
    if description:
        body["error_description"] = description
    return json_response(status, body)


def issue_tokens(
    store: Store, user: str, scope: str, settings: AuthSettings
) -> Response:
    access, refresh = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    store.access_tokens[access] = {
        "user": user,
        "scope": scope,
        "expires_at": time.time() + settings.token_lifetime,
    }
    store.refresh_tokens[refresh] = {"access": access, "user": user, "scope": scope}
    body = {
        "access_token": access,
        "token_type": "Bearer",
        "expires_in": int(settings.token_lifetime),
        "refresh_token": refresh,
        "scope": scope,
    }
    return json_response(200, body)


def token_endpoint(store: Store, request: Request, settings: AuthSettings) -> Response:
    """Handle a password or refresh_token grant sent in the form body."""
    if request.query:
        return oauth_error(
            400, "invalid_request", "token parameters must be sent in the request body"
        )
    if settings.throttle_seconds:
        body = {
            "error": "login attempts throttled",
            "error_description": "Too many login attempts. Please wait and try again.",
            "expires": settings.throttle_seconds,
        }
        return json_response(429, body)
    form = {
        key: values[0]
        for key, values in urllib.parse.parse_qs(
            request.raw_body.decode("utf-8", "replace")
        ).items()
    }
    grant = form.get("grant_type", "password")
    with store.lock:
        if grant == "password":
            user = store.users.get(form.get("username", "").lower())
            if user is None or user["password"] != form.get("password"):
                return oauth_error(400, "invalid_grant", "Invalid credentials given.")
            return issue_tokens(store, user["email"], user["scope"], settings)
        if grant == "refresh_token":
            grant_data = store.refresh_tokens.pop(form.get("refresh_token", ""), None)
            if grant_data is None:
                return oauth_error(400, "invalid_grant")
            store.access_tokens.pop(grant_data["access"], None)
            return issue_tokens(
                store, grant_data["user"], grant_data["scope"], settings
            )
    return oauth_error(400, "unsupported_grant_type")


def authenticate(store: Store, request: Request) -> Response | None:
    """Set ``request.user`` from the bearer token, or return the 401/404 to send."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    with store.lock:
        entry = store.access_tokens.get(token) if scheme.lower() == "bearer" else None
        if entry is None or entry["expires_at"] <= time.time():
            response = error(401, "no valid auth token found")
            response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
            return response
        if REQUIRED_SCOPE not in entry["scope"].split() and not request.path.startswith(
            "/v2/users/"
        ):
            return error(404, "entity not found or insufficient privileges")
        request.user, request.token = entry["user"], token
    return None


def expire_token(store: Store, request: Request) -> None:
    """Expire the access token the request carries, as if its lifetime ran out."""
    _, _, token = request.headers.get("authorization", "").partition(" ")
    with store.lock:
        if token in store.access_tokens:
            store.access_tokens[token]["expires_at"] = 0.0

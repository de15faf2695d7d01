"""A client for the Canvas Credentials (Badgr v2) API.

Build one with ``CanvasClient.from_governance(governance)`` (settings from
governance.yaml and the environment) or ``CanvasClient(settings)``. Method names
are stable; other commands build on them:

Badge classes
    ``get_issuer()``, ``list_badge_classes()``, ``get_badge_class(id)``,
    ``create_badge_class(body)``, ``update_badge_class(id, body)``.
Assertions (awards)
    ``issue_assertion(badge_class_id, body)``,
    ``issue_assertions(badge_class_id, bodies, notify=False)`` (one batch request),
    ``list_assertions(badge_class_id=..., issuer_id=..., recipients=...,
    include_revoked=True, include_expired=True)``,
    ``get_assertion(id)``, ``revoke_assertion(id, reason)``,
    ``revoke_assertions([(id, reason), ...])`` (one batch request).

Every method takes ``about``, a short label such as ``"credential data-viz"``
that error messages and logs name. Lists follow the ``Link`` header with ``num``
items per page until no ``rel="next"`` remains. Create, issue and revoke calls
are never repeated after a timeout or a 5xx: they raise ``WriteOutcomeUnknown``
and the caller lists and matches before trying again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

import requests

from ..governance import Governance
from .errors import CanvasError, WriteOutcomeUnknown
from .responses import Reply, result_objects
from .retry import RetryPolicy
from .settings import CanvasSettings
from .transport import Transport

log = logging.getLogger(__name__)
PAGE_SIZE = 500


class CanvasClient:
    """Badge class and assertion calls for one issuer."""

    def __init__(
        self,
        settings: CanvasSettings,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.settings = settings
        self.issuer_id = settings.issuer
        self.transport = Transport(settings, retry, sleep, session)

    def close(self) -> None:
        """Close the HTTP connections."""
        self.transport.session.close()

    def __enter__(self) -> CanvasClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @classmethod
    def from_governance(cls, governance: Governance, **kwargs: Any) -> CanvasClient:
        return cls(CanvasSettings.load(governance), **kwargs)

    # Helpers ---------------------------------------------------------------------

    def _one(self, reply: Reply, call: str) -> dict[str, Any]:
        try:
            items = result_objects(reply.body, call, bare_object=True)
        except CanvasError as exc:
            if call.startswith(("POST ", "DELETE ")):
                # The server accepted the write, so it may be stored.
                raise WriteOutcomeUnknown(
                    f"{exc.message}; the change may or may not be stored",
                    "list the objects and match before trying again",
                ) from None
            raise
        if not items:
            raise CanvasError(f"{call} returned no object in its result field")
        return items[0]

    def list_all(
        self, path: str, params: dict[str, Any] | None = None, about: str = ""
    ) -> list[dict[str, Any]]:
        """GET every page of a list, ``PAGE_SIZE`` items per request."""
        query: dict[str, Any] | None = {**(params or {}), "num": PAGE_SIZE}
        items: list[dict[str, Any]] = []
        next_url: str | None = path
        seen: set[str] = set()
        while next_url:
            reply = self.transport.call("GET", next_url, params=query, about=about)
            items.extend(result_objects(reply.body, f"GET {path}", bare_object=False))
            seen.add(next_url)
            next_url = reply.links.get("next", {}).get("url")
            if "next" in reply.links and not next_url:
                raise CanvasError(
                    f"GET {path} returned a next-page link without a URL",
                    "the listing would be incomplete; report it to the server's operator",
                )
            if next_url in seen:
                raise CanvasError(
                    f"GET {path} returned a next-page link to a page already read",
                    "the API paginates in a loop; report it to the server's operator",
                )
            query = None  # The next link carries the whole query, cursor included.
        return items

    # Issuer and badge classes -------------------------------------------------------

    def get_issuer(self, issuer_id: str | None = None) -> dict[str, Any]:
        issuer_id = issuer_id or self.issuer_id
        return self._one(
            self.transport.call(
                "GET", f"/v2/issuers/{issuer_id}", about=f"issuer {issuer_id}"
            ),
            "GET issuer",
        )

    def list_badge_classes(self, issuer_id: str | None = None) -> list[dict[str, Any]]:
        """Return every badge class of the issuer, newest first."""
        issuer_id = issuer_id or self.issuer_id
        return self.list_all(
            f"/v2/issuers/{issuer_id}/badgeclasses",
            about=f"issuer {issuer_id} (canvas.issuer in governance.yaml)",
        )

    def get_badge_class(self, entity_id: str, about: str = "") -> dict[str, Any]:
        return self._one(
            self.transport.call("GET", f"/v2/badgeclasses/{entity_id}", about=about),
            "GET badge class",
        )

    def create_badge_class(
        self, body: dict[str, Any], issuer_id: str | None = None, about: str = ""
    ) -> dict[str, Any]:
        """POST a new badge class; a timeout or 5xx raises ``WriteOutcomeUnknown``."""
        issuer_id = issuer_id or self.issuer_id
        reply = self.transport.call(
            "POST", f"/v2/issuers/{issuer_id}/badgeclasses", json=body, about=about
        )
        created = self._one(reply, "POST badge class")
        log.info(
            "created badge class %s%s",
            created.get("entityId"),
            f" for {about}" if about else "",
        )
        return created

    def update_badge_class(
        self, entity_id: str, body: dict[str, Any], about: str = ""
    ) -> dict[str, Any]:
        """PUT the full badge class; PUT is idempotent, so it is retried like a GET."""
        reply = self.transport.call(
            "PUT", f"/v2/badgeclasses/{entity_id}", json=body, about=about
        )
        log.info(
            "updated badge class %s%s", entity_id, f" for {about}" if about else ""
        )
        return self._one(reply, "PUT badge class")

    # Assertions --------------------------------------------------------------------

    def issue_assertion(
        self, badge_class_id: str, body: dict[str, Any], about: str = ""
    ) -> dict[str, Any]:
        """POST one award; a timeout or 5xx raises ``WriteOutcomeUnknown``."""
        reply = self.transport.call(
            "POST",
            f"/v2/badgeclasses/{badge_class_id}/assertions",
            json=body,
            about=about,
        )
        return self._one(reply, "POST assertion")

    def issue_assertions(
        self,
        badge_class_id: str,
        bodies: list[dict[str, Any]],
        notify: bool = False,
        about: str = "",
    ) -> list[dict[str, Any]]:
        """POST a batch; the server stores all of it or none of it."""
        items = [{**body, "notify": body.get("notify", notify)} for body in bodies]
        payload = {"assertions": items, "create_notification": notify}
        reply = self.transport.call(
            "POST",
            f"/v2/badgeclasses/{badge_class_id}/issue",
            json=payload,
            about=about,
        )
        return [item for item in result_list(reply.body) if isinstance(item, dict)]

    def list_assertions(
        self,
        badge_class_id: str | None = None,
        issuer_id: str | None = None,
        recipients: Iterable[str] = (),
        include_revoked: bool = True,
        include_expired: bool = True,
        about: str = "",
    ) -> list[dict[str, Any]]:
        """List the awards of a badge class, or else of the issuer.

        The API hides revoked and expired awards unless asked, which would make an
        "already awarded?" check wrong, so both default to included here.
        """
        if badge_class_id:
            path = f"/v2/badgeclasses/{badge_class_id}/assertions"
        else:
            path = f"/v2/issuers/{issuer_id or self.issuer_id}/assertions"
        params: dict[str, Any] = {"recipient": [r.strip().lower() for r in recipients]}
        if include_revoked:
            params["include_revoked"] = "true"
        if include_expired:
            params["include_expired"] = "true"
        return self.list_all(path, params, about)

    def get_assertion(self, entity_id: str, about: str = "") -> dict[str, Any]:
        return self._one(
            self.transport.call("GET", f"/v2/assertions/{entity_id}", about=about),
            "GET assertion",
        )

    def revoke_assertion(
        self, entity_id: str, reason: str, about: str = ""
    ) -> dict[str, Any]:
        """Revoke one award; a timeout or 5xx raises ``WriteOutcomeUnknown``."""
        body = {"revocation_reason": reason}
        reply = self.transport.call(
            "DELETE", f"/v2/assertions/{entity_id}", json=body, about=about
        )
        return self._one(reply, "DELETE assertion")

    def revoke_assertions(
        self, items: Iterable[tuple[str, str]], about: str = ""
    ) -> list[dict[str, Any]]:
        """Revoke a batch; each result has ``revoked`` true or false and the reason."""
        body = [
            {"entityId": entity_id, "revocationReason": reason}
            for entity_id, reason in items
        ]
        reply = self.transport.call(
            "POST", "/v2/assertions/revoke", json=body, about=about
        )
        return [item for item in result_list(reply.body) if isinstance(item, dict)]


def result_list(body: Any) -> list[Any]:
    """Return the envelope's ``result`` list; a bare object or list is taken as is."""
    if isinstance(body, dict) and "result" in body:
        result = body["result"]
        return result if isinstance(result, list) else [result]
    if isinstance(body, list):
        return body
    return [body] if isinstance(body, dict) else []

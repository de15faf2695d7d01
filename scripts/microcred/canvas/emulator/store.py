"""The emulator's data: users, tokens, issuers, badge classes and assertions.

Everything is plain JSON-ready dicts so that ``GET /_emulator/state`` and the
``--state`` file are a dump of the same structure. One lock guards all changes.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEMO_USERNAME = "demo@example.edu"
DEMO_PASSWORD = "demo-password"
DEFAULT_ISSUER = "esuIssuer0000000000001"
DEFAULT_SCOPE = "rw:profile rw:issuer rw:backpack"


def new_entity_id() -> str:
    """Return a 22-character base64url id, the form badgr-server uses."""
    return base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass
class Store:
    """All server-side state; callers hold ``lock`` while reading or changing it."""

    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    issuers: dict[str, dict[str, Any]] = field(default_factory=dict)
    badge_classes: dict[str, dict[str, Any]] = field(default_factory=dict)
    assertions: dict[str, dict[str, Any]] = field(default_factory=dict)
    access_tokens: dict[str, dict[str, Any]] = field(default_factory=dict)
    refresh_tokens: dict[str, dict[str, str]] = field(default_factory=dict)
    notifications: list[dict[str, Any]] = field(default_factory=list)
    mutations: list[dict[str, Any]] = field(default_factory=list)
    sequence: int = 0
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    @classmethod
    def seeded(cls, issuer_id: str = DEFAULT_ISSUER) -> Store:
        """Return a store with the demo user and one issuer it is staff on."""
        store = cls()
        store.users[DEMO_USERNAME] = {
            "email": DEMO_USERNAME,
            "password": DEMO_PASSWORD,
            "scope": DEFAULT_SCOPE,
        }
        store.add_issuer(issuer_id, "Example State University", DEMO_USERNAME)
        return store

    def next_sequence(self) -> int:
        self.sequence += 1
        return self.sequence

    def add_issuer(self, entity_id: str, name: str, owner: str) -> dict[str, Any]:
        issuer = {
            "entityType": "Issuer",
            "entityId": entity_id,
            "name": name,
            "email": owner,
            "url": "https://www.example.edu",
            "createdAt": iso(utc_now()),
            "staff": [{"role": "owner", "userProfile": owner}],
        }
        self.issuers[entity_id] = issuer
        return issuer

    def record(self, action: str, entity_id: str) -> None:
        """Append a stored change to the log that tests read through the state."""
        self.mutations.append(
            {"action": action, "entityId": entity_id, "at": iso(utc_now())}
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "users": self.users,
            "issuers": self.issuers,
            "badge_classes": self.badge_classes,
            "assertions": self.assertions,
            "access_tokens": self.access_tokens,
            "refresh_tokens": self.refresh_tokens,
            "notifications": self.notifications,
            "mutations": self.mutations,
            "sequence": self.sequence,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Store:
        store = cls()
        for name in (
            "users",
            "issuers",
            "badge_classes",
            "assertions",
            "access_tokens",
            "refresh_tokens",
        ):
            setattr(store, name, dict(data.get(name) or {}))
        store.notifications = list(data.get("notifications") or [])
        store.mutations = list(data.get("mutations") or [])
        store.sequence = int(data.get("sequence") or 0)
        return store

    def save(self, path: Path) -> None:
        """Write the state to ``path`` through a temporary file and a rename."""
        with self.lock:
            text = json.dumps(self.to_json(), indent=1, sort_keys=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> Store:
        """Read a state file; raise ValueError when it cannot be read or is not one."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ValueError(exc.strerror or str(exc)) from None
        try:
            return cls.from_json(data)
        except (AttributeError, TypeError, ValueError):
            raise ValueError("it is not a state file written by the emulator") from None

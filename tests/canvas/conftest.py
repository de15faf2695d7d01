"""Helpers for the Canvas Credentials tests: a client aimed at the emulator."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import pytest

from microcred.canvas.client import CanvasClient
from microcred.canvas.emulator import Emulator
from microcred.canvas.settings import CanvasSettings
from microcred.canvas.transport import RetryPolicy

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
PNG_URI = "data:image/png;base64," + base64.b64encode(PNG).decode()
SVG_URI = "data:image/svg+xml;base64," + base64.b64encode(SVG).decode()


class Sleeps(list[float]):
    """An injectable ``sleep`` that records each wait instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def badge_body(name: str = "Data Visualization", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": name,
        "description": "Charts that tell the truth.",
        "image": PNG_URI,
        "criteriaUrl": "https://example.edu/credentials/dv/",
        "tags": ["microcred:dv"],
    }
    body.update(extra)
    return body


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def make_client(
    canvas_emulator: Emulator, sleeps: Sleeps
) -> Callable[..., CanvasClient]:
    """Return a factory of clients signed in to the emulator's demo account."""

    def make(
        token: str | None = None, timeout: float = 5.0, attempts: int = 6
    ) -> CanvasClient:
        if token is None:
            settings = CanvasSettings(
                canvas_emulator.url,
                canvas_emulator.issuer_id,
                username=canvas_emulator.username,
                password=canvas_emulator.password,
            )
        else:
            settings = CanvasSettings(
                canvas_emulator.url, canvas_emulator.issuer_id, token=token
            )
        retry = RetryPolicy(attempts=attempts, timeout=timeout)
        return CanvasClient(settings, retry=retry, sleep=sleeps)

    return make


@pytest.fixture
def client(make_client: Callable[..., CanvasClient]) -> CanvasClient:
    return make_client()

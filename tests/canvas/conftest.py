"""Fixtures for the Canvas Credentials tests: a client aimed at the emulator."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from canvas_helpers import Sleeps

from microcred.canvas.client import CanvasClient
from microcred.canvas.emulator import Emulator
from microcred.canvas.settings import CanvasSettings
from microcred.canvas.transport import RetryPolicy


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

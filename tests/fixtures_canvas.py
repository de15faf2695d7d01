"""The ``canvas_emulator`` fixture: a local Badgr v2 server for each test.

The object it yields is a started :class:`microcred.canvas.emulator.Emulator`:
``.url``, ``.username``, ``.password``, ``.issuer_id`` (the ``canvas.issuer`` of the
sample governance.yaml), and the control API ``set_fault``, ``set_fault_rate``,
``clear_faults``, ``set_latency``, ``expire_tokens``, ``set_token_lifetime``,
``throttle_login``, ``state()``, ``request_counts()`` and ``reset()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from microcred.canvas.emulator import Emulator

GOVERNANCE = Path(__file__).resolve().parents[1] / "governance.yaml"


def sample_issuer() -> str:
    """Return ``canvas.issuer`` from the sample governance.yaml."""
    data = yaml.safe_load(GOVERNANCE.read_text(encoding="utf-8"))
    return str(data["canvas"]["issuer"])


@pytest.fixture
def canvas_emulator() -> Iterator[Emulator]:
    emulator = Emulator(issuer_id=sample_issuer())
    emulator.start()
    try:
        yield emulator
    finally:
        emulator.stop()


@pytest.fixture
def canvas_env(canvas_emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Emulator:
    """Point the ``CANVAS_CREDENTIALS_*`` settings at the emulator's demo account."""
    monkeypatch.setenv("CANVAS_CREDENTIALS_URL", canvas_emulator.url)
    monkeypatch.setenv("CANVAS_CREDENTIALS_USERNAME", canvas_emulator.username)
    monkeypatch.setenv("CANVAS_CREDENTIALS_PASSWORD", canvas_emulator.password)
    monkeypatch.delenv("CANVAS_CREDENTIALS_TOKEN", raising=False)
    return canvas_emulator

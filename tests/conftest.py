"""Shared fixtures. Every test runs with the network blocked except 127.0.0.1."""

from __future__ import annotations

import ipaddress
import shutil
import socket
from pathlib import Path

import pytest


# Fixture modules shared across test folders: local servers that production clients
# talk to unchanged (SMTP, fake GitHub API, Canvas Credentials emulator).
def _present(module: str) -> bool:
    return (Path(__file__).parent / (module.replace(".", "/") + ".py")).is_file()


pytest_plugins = [
    name
    for name in ("fixtures_mail", "fakegithub.fixtures", "fixtures_canvas")
    if _present(name)
]

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = Path(__file__).resolve().parent / "examples"


def _is_loopback(address: object) -> bool:
    if isinstance(address, tuple) and address:
        host = address[0]
    else:
        return True  # Unix sockets and other families never leave the machine.
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def _block_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any connection to a host other than loopback."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded_connect(self: socket.socket, address: object) -> object:
        if not _is_loopback(address):
            raise OSError(f"tests must not reach the network (attempted {address!r})")
        return real_connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: object) -> object:
        if not _is_loopback(address):
            raise OSError(f"tests must not reach the network (attempted {address!r})")
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the sample catalogue: governance, schema and records."""
    target = tmp_path / "repo"
    target.mkdir()
    for name in ("governance.yaml",):
        shutil.copy2(REPO / name, target / name)
    for folder in ("schema", "credentials", "proposals"):
        if (REPO / folder).exists():
            shutil.copytree(REPO / folder, target / folder)
    return target

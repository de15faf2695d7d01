"""Helpers shared by the site tests: copying, building and serving a catalogue."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from microcred.cli import cli

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "test-output" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: The sample credential the tests retire, to check that it leaves every listing.
RETIRED_ID = "data-visualization-python"
#: The revision date the tests give the retired credential.
REVISED_ON = "2026-09-01"


@dataclass
class BuiltSite:
    root: Path
    site: Path
    url: str = ""


def copy_catalogue(target: Path) -> Path:
    """Copy the sample catalogue, its site configuration and docs to ``target``."""
    target.mkdir(parents=True)
    for name in ("governance.yaml", "mkdocs.yml"):
        shutil.copy2(REPO / name, target / name)
    for folder in ("schema", "credentials", "proposals", "docs"):
        if (REPO / folder).exists():
            shutil.copytree(REPO / folder, target / folder)
    return target


def build_with_cli(root: Path) -> Path:
    """Run ``microcred build`` on ``root`` and return the site folder."""
    site = root / "site"
    result = CliRunner().invoke(
        cli,
        ["build", "--root", str(root), "--site-dir", str(site)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 from a background thread and yield its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()

"""Run the ``microcred`` command in a child process, as a user's shell would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_microcred(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m microcred ARGS`` with extra ``env`` and return its output."""
    return subprocess.run(
        [sys.executable, "-m", "microcred", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
        cwd=cwd,
    )

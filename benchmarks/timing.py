"""Timing helpers shared by the benchmark modules."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

BIN = Path(sys.executable).parent


def time_command(
    args: Sequence[str], cwd: Path, repeat: int, ok_codes: Sequence[int] = (0,)
) -> float:
    """Run ``args`` ``repeat`` times and return the median wall time in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = subprocess.run(
            list(args), cwd=cwd, capture_output=True, text=True, check=False
        )
        times.append(time.perf_counter() - started)
        if result.returncode not in ok_codes:
            raise RuntimeError(
                f"{' '.join(args)} exited {result.returncode}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
            )
    return statistics.median(times)


def tool(name: str) -> str:
    """Return the path of a console script installed next to this Python."""
    return str(BIN / name)

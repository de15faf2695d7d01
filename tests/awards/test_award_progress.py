"""Progress output: a bar in a terminal, INFO log lines elsewhere."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

from award_fixtures import CREDENTIAL, AwardSetup


def _read_all(descriptor: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(descriptor, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def _award(setup: AwardSetup, terminal: bool) -> str:
    grades = setup.grades("canvas-emails-muted.csv.sample")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    env.pop("CI", None)
    command = [
        sys.executable,
        "-m",
        "microcred",
        "award",
        CREDENTIAL,
        str(grades),
        "--apply",
        "--root",
        str(setup.root),
    ]
    if not terminal:
        result = subprocess.run(
            command, env=env, capture_output=True, timeout=60, check=True
        )
        return result.stderr.decode()
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=secondary
    )
    os.close(secondary)
    output = _read_all(primary)
    os.close(primary)
    assert process.wait(timeout=60) == 0
    return output.decode(errors="replace")


def test_terminal_shows_progress_bar(award_setup: AwardSetup) -> None:
    output = _award(award_setup, terminal=True)
    assert "Issuing data-visualization-python" in output
    assert "100%" in output
    assert "INFO" not in output


def test_pipe_gets_log_lines(award_setup: AwardSetup) -> None:
    output = _award(award_setup, terminal=False)
    assert (
        "INFO microcred.awards.progress: Issuing data-visualization-python: 2 of 2"
        in output
    )
    assert "INFO microcred.awards.apply: batch 1: issued 2 awards: " in output
    assert "100%" not in output

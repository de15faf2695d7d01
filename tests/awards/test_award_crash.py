"""Crash safety: kill ``microcred award --apply`` at random points and rerun until done.

The award command runs as a real subprocess against the emulator in this test
process. A hook on the emulator kills it with SIGKILL after a random number of API
requests, either before the request is handled (the request is lost) or after it
was handled (the change is stored but the response never arrives). Some runs are
killed after a random wall-clock delay instead, and every third seed also has
issue requests fail with a 500 (after storing the batch, or before). Every
eligible learner must end with exactly one award, and nobody else with any.
"""

from __future__ import annotations

import collections
import os
import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from award_fixtures import CREDENTIAL, AwardSetup

from microcred.canvas.emulator.api import Request, Response

#: Seeds per run; set MICROCRED_CRASH_SEEDS for a longer soak.
SEEDS = range(int(os.environ.get("MICROCRED_CRASH_SEEDS", "12")))
LEARNERS = 23
MAX_RUNS = 25
ISSUE = "POST /v2/badgeclasses/*/issue"


def _grades(path: Path, rng: random.Random) -> set[str]:
    lines, eligible = ["Student,SIS Login ID,Final Score"], set()
    for index in range(LEARNERS):
        score = rng.choice([55.0, 79.99, 80.0, 88.5, 100.0, 104.2])
        email = f"learner{index:02d}@example.edu"
        lines.append(f'"Learner, {index:02d}",{email},{score}')
        if score >= 80:
            eligible.add(email)
    path.parent.mkdir(exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return eligible


class Killer:
    """An emulator hook that kills the award process at the chosen request."""

    def __init__(self, emulator, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
        self.rng = rng
        self.process: subprocess.Popen[bytes] | None = None
        self.kill_at = 0
        self.after = False
        self.seen = 0
        self.lock = threading.Lock()
        self.original = emulator.respond
        emulator.respond = self.respond

    def arm(self, process: subprocess.Popen[bytes], kill_at: int) -> None:
        with self.lock:
            self.process, self.kill_at, self.seen = process, kill_at, 0
            self.after = self.rng.random() < 0.5

    def respond(self, request: Request) -> Response:
        if not self._due() or self.after:
            return self._maybe_kill_after(request)
        self._kill()
        return self.original(request)

    def _maybe_kill_after(self, request: Request) -> Response:
        response = self.original(request)
        if self.after and self.kill_at and self.seen >= self.kill_at:
            self._kill()
        return response

    def _due(self) -> bool:
        with self.lock:
            self.seen += 1
            return bool(self.kill_at) and self.seen == self.kill_at

    def _kill(self) -> None:
        with self.lock:
            process, self.kill_at = self.process, 0
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()


def _run(setup: AwardSetup, grades: Path, batch: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    env.pop("MICROCRED_STATE_DIR", None)
    command = [
        sys.executable,
        "-m",
        "microcred",
        "award",
        CREDENTIAL,
        str(grades),
        "--apply",
    ]
    command += ["--batch-size", str(batch), "--root", str(setup.root)]
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_killed_runs_award_each_learner_once(
    award_setup: AwardSetup, seed: int
) -> None:
    rng = random.Random(seed)
    eligible = _grades(award_setup.root / "grades" / "export.csv", rng)
    batch = rng.randint(2, 6)
    killer = Killer(award_setup.emulator, rng)
    killed_runs = rng.randint(1, 5)
    if seed % 3 == 0:
        # Every third seed also loses batches to 500s, stored or not.
        kinds = ("500-after-write", "503")
        award_setup.emulator.set_fault_rate(0.3, kinds, route=ISSUE, seed=seed)
    for attempt in range(MAX_RUNS):
        process = _run(award_setup, award_setup.root / "grades" / "export.csv", batch)
        timer = None
        if attempt < killed_runs:
            if rng.random() < 0.8:
                # Sign-in, one listing page, then one request per batch.
                killer.arm(process, rng.randint(1, 2 + -(-LEARNERS // batch)))
            else:
                timer = threading.Timer(rng.uniform(0.2, 1.5), process.kill)
                timer.start()
        output, _ = process.communicate(timeout=60)
        if timer is not None:
            timer.cancel()
        killer.arm(process, 0)
        if process.returncode == 0:
            break
        if process.returncode == 1:
            # A run that gives up after repeated 500s stops cleanly and asks for a rerun.
            assert b"award(s) were not issued" in output, output.decode()
        else:
            assert process.returncode == -9, output.decode()
    else:
        pytest.fail(f"no run finished in {MAX_RUNS} attempts")

    counts = collections.Counter(
        a["recipient"]["plaintextIdentity"] for a in award_setup.assertions()
    )
    assert set(counts) == eligible, (
        f"seed {seed}, batch {batch}, {killed_runs} killed runs"
    )
    assert set(counts.values()) == {1}, f"seed {seed}: {counts.most_common(3)}"

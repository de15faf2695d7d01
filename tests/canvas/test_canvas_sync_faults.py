"""Randomised fault injection: sync converges to one correct badge class per credential.

Each run starts from a fresh emulator and a small catalogue, sometimes already
synced and then edited (a changed title, a lost ``canvas`` block, a retirement).
About 20 % of requests then fail in every injected way, and sync is rerun until a
run ends without errors. Back-off waits go through a recording ``sleep``, so the
only real waits are the slow responses that make requests time out.
"""

from __future__ import annotations

import random
import shutil
from collections import Counter
from pathlib import Path

import pytest
from canvas_helpers import Sleeps, assert_converged

from microcred.canvas.client import CanvasClient
from microcred.canvas.emulator import RANDOM_KINDS, Emulator
from microcred.canvas.errors import CanvasError
from microcred.canvas.settings import CanvasSettings
from microcred.canvas.sync import run_sync
from microcred.catalogue import Catalogue
from microcred.yamledit import remove_field, set_field, write_atomic

RUNS = 200
FAULT_RATE = 0.2
MAX_RERUNS = 25
REPO = Path(__file__).resolve().parents[2]
CREDENTIALS = (
    "credentials/computing/data-visualization-python.yaml",
    "credentials/civil-engineering/stormwater-green-infrastructure.yaml",
    "credentials/nursing/telehealth-nursing-practice.yaml",
    "credentials/digital-learning/hybrid-teaching-foundations.yaml",
)
#: The client gives up on a response after TIMEOUT seconds, and a slow fault responds later.
TIMEOUT = 0.1
SLOW_MS = 150


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalogue of the sample governance.yaml and a few sample credentials."""
    root = tmp_path_factory.mktemp("catalogue")
    shutil.copy2(REPO / "governance.yaml", root / "governance.yaml")
    shutil.copytree(REPO / "schema", root / "schema")
    for rel in CREDENTIALS:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, root / rel)
    return root


def new_client(emulator: Emulator, sleeps: Sleeps) -> CanvasClient:
    settings = CanvasSettings(
        emulator.url,
        emulator.issuer_id,
        username=emulator.username,
        password=emulator.password,
    )
    return CanvasClient(settings, sleep=sleeps, retry=_retry())


def _retry():  # type: ignore[no-untyped-def]
    from microcred.canvas.transport import RetryPolicy

    return RetryPolicy(attempts=6, timeout=TIMEOUT)


def edit_some(root: Path, rng: random.Random) -> None:
    """Change, unlink or retire a few credentials, as later pull requests would."""
    for record in Catalogue.load(root).credentials:
        path = root / record.path
        text = path.read_text(encoding="utf-8")
        roll = rng.random()
        if roll < 0.25:
            text = set_field(text, "title", record.title + " (revised)")
        elif roll < 0.4:
            text = remove_field(text, "canvas")
        elif roll < 0.5:
            text = set_field(text, "status", "retired")
        write_atomic(path, text)


def sync_until_done(root: Path, emulator: Emulator, sleeps: Sleeps) -> int:
    """Rerun sync, each time as a new process would, until a run has no errors."""
    for attempt in range(1, MAX_RERUNS + 1):
        try:
            with new_client(emulator, sleeps) as client:
                _, result = run_sync(root, client, apply=True)
        except CanvasError:
            continue
        if not result.errors:
            return attempt
    raise AssertionError(f"sync did not converge in {MAX_RERUNS} runs")


def test_sync_converges_under_faults(
    template: Path, tmp_path: Path, canvas_emulator: Emulator
) -> None:
    sleeps = Sleeps()
    kinds = (*RANDOM_KINDS, "slow")
    fired: Counter[str] = Counter()
    reruns = 0
    for run in range(RUNS):
        rng = random.Random(run)
        canvas_emulator.reset()
        root = tmp_path / f"run{run}"
        shutil.copytree(template, root)
        if rng.random() < 0.5:
            with new_client(canvas_emulator, sleeps) as client:
                run_sync(root, client, apply=True)
            edit_some(root, rng)
        canvas_emulator.set_fault_rate(
            FAULT_RATE, kinds=kinds, seed=run, delay_ms=SLOW_MS
        )

        reruns += sync_until_done(root, canvas_emulator, sleeps) - 1

        fired.update(canvas_emulator.faults.fired)
        canvas_emulator.faults.fired.clear()
        canvas_emulator.clear_faults()
        assert_converged(root, canvas_emulator.state())
        with new_client(canvas_emulator, sleeps) as client:
            plan, _ = run_sync(root, client, apply=False)
        assert plan.writes == [], f"run {run}: a rerun still plans writes"
        shutil.rmtree(root)
    assert set(fired) == set(kinds), fired
    assert sum(fired.values()) >= RUNS
    assert reruns > 0

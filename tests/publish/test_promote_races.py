"""Promote under concurrent runs, rejected pushes and crashes between its steps."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from gitworld import Catalogue, git, repository

from microcred.errors import MicrocredError
from microcred.publish import journal
from microcred.publish.git import Git
from microcred.publish.promote import PromoteOptions, PromoteResult, run_promote
from microcred.publish.pulls import GitHubPulls

CREDENTIAL = "credentials/computing/cloud-basics.yaml"
PROPOSAL = "proposals/computing/cloud-basics.yaml"
STEPS = ("journal-written", "moved", "written", "staged", "committed", "before-push")


class Crash(BaseException):
    """Stands for the process dying: nothing after the raise runs."""


def promote(root: Path, **overrides: object) -> PromoteResult:
    pulls = GitHubPulls(repository())
    return run_promote(PromoteOptions(root=root, pulls=pulls, **overrides))  # type: ignore[arg-type]


def crash_at(step: str):  # type: ignore[no-untyped-def]
    def checkpoint(name: str) -> None:
        if name == step:
            raise Crash(step)

    return checkpoint


def promotions_on_remote(catalogue: Catalogue) -> int:
    log = git(catalogue.remote, "log", "--format=%B%x1e", "main")
    return sum(
        "Microcred-Recorded: cloud-basics" in entry for entry in log.split("\x1e")
    )


def assert_promoted_once(catalogue: Catalogue) -> dict:
    assert promotions_on_remote(catalogue) == 1
    assert catalogue.remote_file(PROPOSAL) is None
    text = catalogue.remote_file(CREDENTIAL)
    assert text is not None
    return yaml.safe_load(text)


def test_two_threads_race_to_push(catalogue: Catalogue) -> None:
    catalogue.propose("cloud-basics")
    other = catalogue.new_clone("other")
    barrier = threading.Barrier(2, timeout=30)
    results: dict[str, PromoteResult] = {}
    failures: list[BaseException] = []

    def run(name: str, root: Path) -> None:
        waited: list[str] = []

        def checkpoint(step: str) -> None:
            # Both runs have committed before either pushes, so one push must lose.
            if step == "before-push" and not waited:
                waited.append(step)
                barrier.wait()

        try:
            results[name] = promote(root, checkpoint=checkpoint)
        except BaseException as exc:  # noqa: BLE001 - reported by the assert below
            failures.append(exc)
            barrier.abort()

    threads = [
        threading.Thread(target=run, args=(name, root))
        for name, root in (("a", catalogue.clone), ("b", other))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert failures == []
    assert sorted(r.pushed for r in results.values()) == [False, True]
    data = assert_promoted_once(catalogue)
    winner = next(r for r in results.values() if r.pushed)
    assert winner.changes[0].text.count(data["ctid"]) == 1
    loser = next(r for r in results.values() if not r.pushed)
    assert loser.changes == []


def test_two_processes_promote_once(catalogue: Catalogue) -> None:
    catalogue.propose("cloud-basics")
    catalogue.propose("spreadsheet-modelling", title="Spreadsheet Modelling")
    roots = [catalogue.clone, catalogue.new_clone("other")]
    command = [sys.executable, "-m", "microcred", "promote"]
    processes = [
        subprocess.Popen(
            [*command, "--root", str(root)],
            env=dict(os.environ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for root in roots
    ]
    outputs = [process.communicate(timeout=90) for process in processes]

    assert [p.returncode for p in processes] == [0, 0], outputs
    assert_promoted_once(catalogue)
    assert (
        catalogue.remote_file("credentials/computing/spreadsheet-modelling.yaml")
        is not None
    )
    for root in roots:
        promote(root)
        assert Git(root).dirty_paths() == []
    assert promotions_on_remote(catalogue) == 1


@pytest.mark.parametrize("step", STEPS)
def test_crash_is_completed_by_next_run(catalogue: Catalogue, step: str) -> None:
    catalogue.propose("cloud-basics")
    with pytest.raises(Crash):
        promote(catalogue.clone, checkpoint=crash_at(step))
    pending = journal.read(Git(catalogue.clone))

    result = promote(catalogue.clone)

    data = assert_promoted_once(catalogue)
    assert journal.read(Git(catalogue.clone)) is None
    assert Git(catalogue.clone).dirty_paths() == []
    if pending is not None:
        assert data["ctid"] in pending.changes[0].text
    assert result.errors == []


@pytest.mark.parametrize("step", ("moved", "committed"))
def test_crash_then_fresh_clone(catalogue: Catalogue, step: str) -> None:
    catalogue.propose("cloud-basics")
    with pytest.raises(Crash):
        promote(catalogue.clone, checkpoint=crash_at(step))

    promote(catalogue.new_clone("ci-rerun"))
    promote(catalogue.clone)

    assert_promoted_once(catalogue)
    assert Git(catalogue.clone).dirty_paths() == []


def test_rejected_push_is_retried_with_bound(catalogue: Catalogue) -> None:
    catalogue.propose("cloud-basics")
    intruder = catalogue.new_clone("intruder")
    pushes = []

    def someone_pushes_first(step: str) -> None:
        if step != "before-push":
            return
        git(intruder, "pull", "--quiet", "--rebase", "origin", "main")
        (intruder / f"note-{len(pushes)}.txt").write_text("busy\n", encoding="utf-8")
        git(intruder, "add", ".")
        git(intruder, "commit", "--quiet", "-m", "Unrelated change")
        git(intruder, "push", "--quiet", "origin", "HEAD:main")
        pushes.append(step)

    with pytest.raises(MicrocredError, match="rejected 3 times"):
        promote(catalogue.clone, checkpoint=someone_pushes_first, max_attempts=3)
    assert len(pushes) == 3

    result = promote(catalogue.clone)

    assert result.pushed
    assert_promoted_once(catalogue)
    assert catalogue.remote_file("note-2.txt") == "busy\n"

"""``microcred publish`` (promote, sync, one commit, push) under crashes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from gitworld import SAMPLE, SIGNERS, Catalogue, git, repository

from microcred.errors import MicrocredError
from microcred.publish.git import Git
from microcred.publish.pipeline import PublishOptions, PublishResult, run_publish
from microcred.publish.promote import PromoteOptions
from microcred.publish.pulls import GitHubPulls
from microcred.publish.steps import sync_step
from microcred.yamledit import remove_field, set_field

CREDENTIAL = "credentials/computing/cloud-basics.yaml"


class Crash(BaseException):
    """Stands for the process dying: nothing after the raise runs."""


def publish(root: Path, crash: str | None = None) -> PublishResult:
    def checkpoint(step: str) -> None:
        if step == crash:
            raise Crash(step)

    promote = PromoteOptions(
        root=root, pulls=GitHubPulls(repository()), checkpoint=checkpoint
    )
    return run_publish(PublishOptions(promote=promote, sync=sync_step))


def badge_classes(emulator) -> list[dict]:  # type: ignore[no-untyped-def]
    return [
        b
        for b in emulator.state()["badge_classes"]
        if "microcred:cloud-basics" in b.get("tags", [])
    ]


def bot_commits(catalogue: Catalogue) -> list[str]:
    log = git(catalogue.remote, "log", "--format=%B%x1e", "main")
    return [entry for entry in log.split("\x1e") if "Microcred-Bot:" in entry]


@pytest.mark.parametrize(
    "step", ("journal-written", "committed", "synced", "before-push")
)
def test_crash_then_rerun_publishes_once(
    catalogue: Catalogue, canvas_env, step: str
) -> None:  # type: ignore[no-untyped-def]
    catalogue.propose("cloud-basics")
    with pytest.raises(Crash):
        publish(catalogue.clone, crash=step)

    result = publish(catalogue.clone)

    assert result.errors == []
    assert result.pushed
    [commit] = bot_commits(catalogue)
    assert "Microcred-Bot: promote" in commit
    assert "Microcred-Bot: sync" in commit
    [badge] = badge_classes(canvas_env)
    data = yaml.safe_load(catalogue.remote_file(CREDENTIAL) or "")
    assert data["canvas"]["badge_class"] == badge["entityId"]
    assert Git(catalogue.clone).dirty_paths() == []


def test_lost_badge_id_found_by_tag(catalogue: Catalogue, canvas_env) -> None:  # type: ignore[no-untyped-def]
    catalogue.propose("cloud-basics")
    assert publish(catalogue.clone).pushed
    text = catalogue.remote_file(CREDENTIAL) or ""
    without_canvas = text.split("\ncanvas:")[0] + "\n"
    number = catalogue.open_pull(
        "ugdir-computing",
        {CREDENTIAL: without_canvas},
        title="Drop the badge class record",
    )
    catalogue.sign(number, *SIGNERS)
    catalogue.merge(number)

    result = publish(catalogue.clone)

    assert result.errors == []
    [badge] = badge_classes(canvas_env)
    data = yaml.safe_load(catalogue.remote_file(CREDENTIAL) or "")
    assert data["canvas"]["badge_class"] == badge["entityId"]
    assert data["approval"]["revisions"][0]["pull_request"] == number
    assert len(bot_commits(catalogue)) == 2


def test_sync_only_change_commits_alone(catalogue: Catalogue, canvas_env) -> None:  # type: ignore[no-untyped-def]
    git(catalogue.author, "checkout", "--quiet", "-B", "main", "origin/main")
    target = catalogue.author / "credentials" / "computing" / SAMPLE.name
    target.parent.mkdir(parents=True)
    text = remove_field(SAMPLE.read_text(encoding="utf-8"), "canvas")
    target.write_text(set_field(text, "stacks_into", []), encoding="utf-8")
    git(catalogue.author, "add", "credentials")
    git(catalogue.author, "commit", "--quiet", "-m", "Import an approved credential")
    git(catalogue.author, "push", "--quiet", "origin", "main")
    catalogue.register(
        git(catalogue.author, "rev-parse", "HEAD"),
        "tester",
        "Import an approved credential",
    )

    result = publish(catalogue.clone)

    assert result.errors == []
    assert result.promoted.changes == []
    assert (
        "belongs to no merged pull request; no revision recorded"
        in result.promoted.warnings[0]
    )
    [commit] = bot_commits(catalogue)
    assert commit.startswith("Record Canvas Credentials badge classes")
    assert "Microcred-Bot: sync" in commit
    assert "Microcred-Bot: promote" not in commit
    assert publish(catalogue.clone).committed is False


def test_user_edit_is_not_committed(catalogue: Catalogue, canvas_env) -> None:  # type: ignore[no-untyped-def]
    catalogue.propose("cloud-basics")
    publish(catalogue.clone)
    path = catalogue.clone / CREDENTIAL
    path.write_text(
        path.read_text(encoding="utf-8").replace("hours: 24", "hours: 99"),
        encoding="utf-8",
    )

    with pytest.raises(MicrocredError, match="uncommitted changes"):
        publish(catalogue.clone)

    assert len(bot_commits(catalogue)) == 1


def test_cli_writes_github_output(
    catalogue: Catalogue, canvas_env, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    catalogue.propose("cloud-basics")
    output = tmp_path / "github-output"
    env = {
        **os.environ,
        "GITHUB_OUTPUT": str(output),
        "MICROCRED_GITHUB_WRITE_DELAY": "0",
    }
    command = [
        sys.executable,
        "-m",
        "microcred",
        "publish",
        "--root",
        str(catalogue.clone),
        "--no-build",
        "--no-announce",
    ]

    result = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=120
    )

    assert result.returncode == 0, result.stderr
    assert "promoted cloud-basics (pull request #1)" in result.stdout
    assert "bot commit: pushed" in result.stdout
    lines = output.read_text(encoding="utf-8").splitlines()
    assert f"sha={git(catalogue.remote, 'rev-parse', 'main')}" in lines
    assert "published=true" in lines

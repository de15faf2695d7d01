"""The signature and review-cycle workflows run only trusted default-branch code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

WORKFLOWS = Path(__file__).resolve().parents[2] / ".github" / "workflows"


def load(name: str) -> dict[str, Any]:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def on(workflow: dict[str, Any]) -> dict[str, Any]:
    return workflow.get("on", workflow.get(True))  # PyYAML reads `on` as True


def only_job(workflow: dict[str, Any]) -> dict[str, Any]:
    jobs = list(workflow["jobs"].values())
    assert len(jobs) == 1
    return jobs[0]


def commands(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def checkout(job: dict[str, Any]) -> dict[str, Any]:
    steps = [
        s
        for s in job["steps"]
        if str(s.get("uses", "")).startswith("actions/checkout@")
    ]
    assert len(steps) == 1
    return steps[0]["with"]


def test_pull_request_target_events() -> None:
    workflow = load("signatures.yml")

    assert set(on(workflow)) == {"pull_request_target"}
    assert on(workflow)["pull_request_target"]["types"] == [
        "opened",
        "synchronize",
        "reopened",
        "ready_for_review",
        "edited",
    ]


def test_privileged_jobs_check_out_default_branch() -> None:
    for name in ("signatures.yml", "signatures-relay.yml"):
        job = only_job(load(name))

        assert checkout(job) == {
            "ref": "${{ github.event.repository.default_branch }}",
            "persist-credentials": False,
        }
        assert job["permissions"] == {
            "contents": "read",
            "pull-requests": "write",
            "issues": "write",
            "statuses": "write",
        }


def test_commands_take_values_from_env() -> None:
    assert (
        commands(only_job(load("signatures.yml")))[-1]
        == '.venv/bin/microcred signatures --pr "$PR_NUMBER"'
    )
    assert (
        commands(only_job(load("signatures-relay.yml")))[-1]
        == '.venv/bin/microcred signatures --head-sha "$HEAD_SHA"'
    )


def test_review_relay_has_no_permissions() -> None:
    workflow = load("signatures-review.yml")
    job = only_job(workflow)

    assert set(on(workflow)) == {"pull_request_review"}
    assert workflow["permissions"] == {}
    assert job["permissions"] == {}
    assert all("uses" not in step for step in job["steps"])
    assert all("microcred" not in command for command in commands(job))


def test_relay_answer_listens_to_relay() -> None:
    relay = load("signatures-review.yml")
    answer = load("signatures-relay.yml")

    assert on(answer)["workflow_run"]["workflows"] == [relay["name"]]
    assert (
        only_job(answer)["if"]
        == "github.event.workflow_run.event == 'pull_request_review'"
    )


def test_review_cycle_triggers() -> None:
    workflow = load("review-cycle.yml")
    job = only_job(workflow)

    assert set(on(workflow)) == {"schedule", "workflow_dispatch"}
    assert "microcred agenda" in commands(job)[-1]
    assert job["permissions"]["contents"] == "read"
    assert workflow["concurrency"]["cancel-in-progress"] is False

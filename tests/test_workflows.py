"""Workflow hardening: zizmor and actionlint find nothing, and the structure holds.

The structure checks read every file in .github/workflows with PyYAML: least-privilege
permissions, actions pinned to known release commits, secrets only behind an
environment, non-cancelling concurrency for publish and deploy, and no pull request
code checked out by a privileged trigger.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = REPO / ".github" / "workflows"
VENV_BIN = Path(sys.executable).parent

# Release commits that workflows may pin, read from each action's own git tags.
PINS: dict[str, dict[str, str]] = {
    "actions/checkout": {"3d3c42e5aac5ba805825da76410c181273ba90b1": "v7.0.1"},
    "actions/setup-python": {"5fda3b95a4ea91299a34e894583c3862153e4b97": "v7.0.0"},
    "actions/setup-node": {"820762786026740c76f36085b0efc47a31fe5020": "v7.0.0"},
    "actions/upload-artifact": {"bbbca2ddaa5d8feaa63e36b76fdaad77386f024f": "v7.0.0"},
    "actions/download-artifact": {"3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c": "v8.0.1"},
    "actions/configure-pages": {"983d7736d9b0ae728b81ab479565c72886d7745b": "v5.0.0"},
    "actions/upload-pages-artifact": {
        "fc324d3547104276b827a68afc52ff2a11cc49c9": "v5.0.0"
    },
    "actions/deploy-pages": {"cd2ce8fcbc39b97be8ca5fce6e763baed58fa128": "v5.0.0"},
    "actions/create-github-app-token": {
        "1b10c78c7865c340bc4f6099eb2f838309f1e8c3": "v3.1.1"
    },
    "actions/cache": {"27d5ce7f107fe9357f9df03efb73ab90386fccae": "v5.0.5"},
}

USES_LINE = re.compile(
    r"^\s*(?:-\s*)?uses:\s*(?P<action>[^@\s]+)@(?P<ref>\S+)(?:\s+#\s*(?P<comment>\S+))?"
)
PR_HEAD_REFS = (
    "github.event.pull_request.head",
    "github.head_ref",
    "refs/pull/",
    "github.event.workflow_run.head",
)


def workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name} is not a YAML mapping"
    return data


def triggers(workflow: dict[str, Any]) -> set[str]:
    # PyYAML reads the bare key `on` as the boolean True.
    value = workflow.get("on", workflow.get(True))
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return set(value)
    return set(value or {})


def jobs(workflow: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return workflow.get("jobs") or {}


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return job.get("steps") or []


def tool(name: str) -> str:
    found = VENV_BIN / name
    if found.exists():
        return str(found)
    on_path = shutil.which(name)
    if on_path is None:
        pytest.skip(
            f"{name} is not installed; run `make install-test` (pip install -e '.[test]')"
        )
    return on_path


def test_workflows_exist() -> None:
    names = {path.name for path in workflow_files()}
    for expected in ("validate.yml", "publish.yml", "tests.yml"):
        assert expected in names


def test_zizmor_finds_nothing() -> None:
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--no-progress", str(WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, (
        f"zizmor exit {result.returncode}:\n{result.stdout}\n{result.stderr}"
    )


def test_actionlint_finds_nothing() -> None:
    paths = [str(path) for path in workflow_files()]
    result = subprocess.run(
        [tool("actionlint"), "-no-color", *paths],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert result.returncode == 0, (
        f"actionlint exit {result.returncode}:\n{result.stdout}\n{result.stderr}"
    )


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_top_level_permissions_empty(path: Path) -> None:
    workflow = load(path)
    assert "permissions" in workflow, f"{path.name} has no top-level permissions"
    assert workflow["permissions"] == {}, (
        f"{path.name}: top-level permissions must be {{}}"
    )


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_job_has_permissions(path: Path) -> None:
    for name, job in jobs(load(path)).items():
        assert "permissions" in job, f"{path.name}: job {name} has no permissions block"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_uses_pinned_to_known_release(path: Path) -> None:
    for number, line in enumerate(
        path.read_text(encoding="utf-8").splitlines(), start=1
    ):
        match = USES_LINE.match(line)
        if not match:
            continue
        where = f"{path.name}:{number}"
        action, ref, comment = match["action"], match["ref"], match["comment"]
        assert re.fullmatch(r"[0-9a-f]{40}", ref), (
            f"{where}: {action} is not pinned to a full commit SHA"
        )
        assert action in PINS, f"{where}: {action} is not in the pins table"
        assert ref in PINS[action], f"{where}: {ref} is not a known release of {action}"
        assert comment == PINS[action][ref], (
            f"{where}: the comment should read # {PINS[action][ref]}"
        )


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_checkout_drops_credentials(path: Path) -> None:
    for name, job in jobs(load(path)).items():
        for step in steps(job):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                persist = (step.get("with") or {}).get("persist-credentials")
                assert persist is False, (
                    f"{path.name}: a checkout in job {name} keeps credentials"
                )


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_no_expressions_in_run(path: Path) -> None:
    for name, job in jobs(load(path)).items():
        for step in steps(job):
            script = str(step.get("run", ""))
            assert "${{" not in script, (
                f"{path.name}: job {name} expands an expression inside run:"
            )


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_secrets_only_with_environment(path: Path) -> None:
    for name, job in jobs(load(path)).items():
        text = yaml.safe_dump(job)
        if re.search(r"secrets\.(?!GITHUB_TOKEN\b)", text):
            assert job.get("environment"), (
                f"{path.name}: job {name} reads secrets without an environment"
            )


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_pages_scopes_only_in_deploy(path: Path) -> None:
    for name, job in jobs(load(path)).items():
        scopes = job.get("permissions") or {}
        if not isinstance(scopes, dict):
            continue
        deploys = any(
            str(step.get("uses", "")).startswith("actions/deploy-pages@")
            for step in steps(job)
        )
        for scope in ("pages", "id-token"):
            if scopes.get(scope) == "write":
                assert deploys, (
                    f"{path.name}: job {name} has {scope}: write but does not deploy Pages"
                )


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_privileged_triggers_skip_pr_head(path: Path) -> None:
    workflow = load(path)
    if not triggers(workflow) & {"pull_request_target", "workflow_run"}:
        return
    for name, job in jobs(workflow).items():
        for step in steps(job):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                options = yaml.safe_dump(step.get("with") or {})
                for marker in PR_HEAD_REFS:
                    assert marker not in options, (
                        f"{path.name}: job {name} checks out pull request code ({marker})"
                    )
            script = str(step.get("run", ""))
            assert "refs/pull/" not in script, (
                f"{path.name}: job {name} fetches a pull request ref"
            )


def test_publish_concurrency_never_cancels() -> None:
    workflow = load(WORKFLOWS / "publish.yml")
    group = workflow.get("concurrency") or {}
    assert group.get("group") == "publish"
    assert group.get("cancel-in-progress") is False


def test_deploy_concurrency_never_cancels() -> None:
    deploy_jobs = []
    for path in workflow_files():
        for name, job in jobs(load(path)).items():
            if any(
                str(step.get("uses", "")).startswith("actions/deploy-pages@")
                for step in steps(job)
            ):
                deploy_jobs.append((path.name, name, job))
    assert deploy_jobs, "no workflow deploys to Pages"
    for file_name, name, job in deploy_jobs:
        group = job.get("concurrency") or {}
        assert group.get("group") == "pages", (
            f"{file_name}: job {name} lacks the pages concurrency group"
        )
        assert group.get("cancel-in-progress") is False, (
            f"{file_name}: job {name} may cancel a deploy"
        )
        assert (job.get("environment") or {}).get("name") == "github-pages"


def test_publish_secrets_in_publish_environment() -> None:
    workflow = load(WORKFLOWS / "publish.yml")
    readers = {
        name: job
        for name, job in jobs(workflow).items()
        if "secrets." in yaml.safe_dump(job)
    }
    assert set(readers) == {"publish", "announce"}
    for job in readers.values():
        assert job["environment"] == "publish"


def test_publish_runs_only_on_main() -> None:
    workflow = load(WORKFLOWS / "publish.yml")
    on = workflow.get("on", workflow.get(True))
    assert set(on) == {"push", "workflow_dispatch"}
    assert on["push"]["branches"] == ["main"]


def test_validate_is_read_only() -> None:
    workflow = load(WORKFLOWS / "validate.yml")
    assert triggers(workflow) == {"pull_request"}
    for job in jobs(workflow).values():
        assert job["permissions"] == {"contents": "read"}
        assert "secrets." not in yaml.safe_dump(job)


def test_tests_workflow_is_read_only() -> None:
    workflow = load(WORKFLOWS / "tests.yml")
    assert triggers(workflow) == {"push", "pull_request"}
    for job in jobs(workflow).values():
        assert job["permissions"] == {"contents": "read"}


#: Commit status contexts that a branch ruleset requires and that microcred posts.
STATUS_CONTEXTS = ("signatures",)


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_no_job_shadows_status(path: Path) -> None:
    # A required check matches check runs and commit statuses by name. A job that
    # is named like the status posts a check run that passes whenever the job
    # finishes, so it could satisfy the requirement while the status says pending.
    for job_id, job in jobs(load(path)).items():
        check_name = str(job.get("name", job_id))
        assert check_name not in STATUS_CONTEXTS, (
            f"{path.name}: job {job_id} is named {check_name!r}, like the required status; rename the job"
        )

"""``check --against-open-prs`` against the fake GitHub API, through PyGithub unchanged."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from duplicates.helpers import SCHEMA_LINE, line_of, reworded_sample, write_record
from fakegithub import FakeGitHub, FakeRepo
from microcred.cli import cli, main
from microcred.errors import MicrocredError
from microcred.github.open_prs import current_pull_number, records_from_open_prs

REPOSITORY = "example-university/microcredentials"
OTHER_PATH = "proposals/management/charts-for-business.yaml"


def _yaml(data: dict[str, object]) -> str:
    return SCHEMA_LINE + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@pytest.fixture
def remote(github_env: Callable[..., FakeGitHub], repo_copy: Path) -> FakeRepo:
    """The repository on the fake GitHub: PR #1 is ours, #2 and #3 are other units'."""
    server = github_env(REPOSITORY)
    fake = server.create_repo(REPOSITORY, {"README.md": "catalogue\n"})

    ours = write_record(
        repo_copy,
        "proposals",
        "writing-studies",
        "visual-data-stories",
        reworded_sample(repo_copy),
    )
    # Our own proposal lives in PR #1; the check reads it from the working tree.
    fake.open_pull(
        "ugdir-writing",
        {"proposals/writing-studies/visual-data-stories.yaml": ours.read_text()},
    )
    theirs = dict(
        reworded_sample(repo_copy),
        id="charts-for-business",
        unit="management",
        title="Python Charts for Business",
    )
    theirs.pop("ctid", None)
    theirs.pop("approval", None)
    fake.open_pull("ugdir-management", {OTHER_PATH: _yaml(theirs)})

    fake.open_pull(
        "ugdir-nursing",
        {
            "proposals/nursing/broken.yaml": "title: [unclosed\n",
            "docs/notes.md": "not a record\n",
        },
    )
    ours.unlink()
    return fake


def test_other_pull_request_competes(
    remote: FakeRepo, repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MICROCRED_PR", "1")
    path = write_record(
        repo_copy,
        "proposals",
        "writing-studies",
        "visual-data-stories",
        reworded_sample(repo_copy),
    )
    result = CliRunner().invoke(
        cli,
        [
            "check",
            "--root",
            str(repo_copy),
            "--against-open-prs",
            "--format",
            "json",
            str(path),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)["findings"]
    others = [f for f in findings if OTHER_PATH in f["message"]]
    assert len(others) == 1
    assert others[0]["rule"] == "MC202"
    assert others[0]["line"] == line_of(path, "title:")
    assert (
        f'{OTHER_PATH} in open pull request #2 ("Python Charts for Business")'
        in others[0]["message"]
    )
    assert not any("visual-data-stories" in f["message"] for f in findings)


def test_current_pull_request_skipped(
    remote: FakeRepo, repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MICROCRED_PR", "2")
    records = records_from_open_prs(repo_copy)
    assert [(r.path, getattr(r, "pull_request", 0)) for r in records] == [
        ("proposals/writing-studies/visual-data-stories.yaml", 1)
    ]


def test_broken_files_skipped_with_warning(
    remote: FakeRepo,
    repo_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("MICROCRED_PR", "1")
    with caplog.at_level("WARNING", logger="microcred.github.open_prs"):
        records = records_from_open_prs(repo_copy)
    assert [r.path for r in records] == [OTHER_PATH]
    assert (
        "skipped proposals/nursing/broken.yaml in pull request #3: line 2: invalid YAML"
        in caplog.text
    )


def test_pull_number_from_event_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MICROCRED_PR", raising=False)
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 42}}), encoding="utf-8")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    assert current_pull_number() == 42
    event.write_text(json.dumps({"ref": "refs/heads/main"}), encoding="utf-8")
    assert current_pull_number() is None
    event.write_text("{not json", encoding="utf-8")
    with pytest.raises(MicrocredError, match="cannot read the event file"):
        current_pull_number()


def test_invalid_pr_variable_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MICROCRED_PR", "#12")
    with pytest.raises(MicrocredError, match="MICROCRED_PR is '#12'"):
        current_pull_number()


def test_rejected_token_is_user_error(
    remote: FakeRepo,
    repo_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "wrong-token")
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--root", str(repo_copy), "--against-open-prs"])
    assert exit_info.value.code == 1
    assert "rejected GITHUB_TOKEN (401 Bad credentials)" in capsys.readouterr().err


def test_missing_token_is_user_error(
    repo_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--root", str(repo_copy), "--against-open-prs"])
    assert exit_info.value.code == 1
    assert "error: GITHUB_TOKEN is not set" in capsys.readouterr().err


def test_server_error_is_user_error(
    github_server: FakeGitHub,
    remote: FakeRepo,
    repo_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MICROCRED_PR", "1")
    github_server.fail(
        "GET", r"/pulls/2/files", status=403, message="Resource not accessible", times=5
    )
    with pytest.raises(
        MicrocredError, match="reading the open pull requests of .* failed: HTTP 403"
    ):
        records_from_open_prs(repo_copy)


def test_missing_repository_is_user_error(
    remote: FakeRepo, repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_REPOSITORY", "example-university/no-such-repo")
    with pytest.raises(
        MicrocredError, match="repository example-university/no-such-repo not found"
    ):
        records_from_open_prs(repo_copy)

"""Bad settings and malformed records that once crashed sync, check, codeowners and award."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from microcred.cli import cli
from microcred.errors import MicrocredError
from microcred_process import run_microcred


def test_summary_path_missing_folder(repo_copy: Path, tmp_path: Path) -> None:
    result = run_microcred(
        "check",
        "--root",
        str(repo_copy),
        "--format",
        "github",
        env={"GITHUB_STEP_SUMMARY": str(tmp_path / "missing" / "x.md")},
    )
    assert result.returncode == 1
    assert "cannot write the job summary" in result.stderr
    assert "Traceback" not in result.stderr


def test_codeowners_path_is_folder(repo_copy: Path) -> None:
    (repo_copy / ".github" / "CODEOWNERS").mkdir(parents=True)
    result = run_microcred("codeowners", "--root", str(repo_copy))
    assert result.returncode == 1
    assert "is not a regular file" in result.stderr


def test_state_dir_is_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from microcred.awards.journal import state_dir

    blocker = tmp_path / "state"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("MICROCRED_STATE_DIR", str(blocker))
    with pytest.raises(MicrocredError, match="is not a folder"):
        state_dir(tmp_path)


def test_sync_skips_record_failing_schema(
    repo_copy: Path, canvas_emulator, canvas_env
) -> None:
    target = next((repo_copy / "credentials").rglob("*.yaml"))
    text = target.read_text(encoding="utf-8")
    start = text.index("\nskills:")
    end = text.index("\nearning_criteria:")
    target.write_text(text[:start] + "\nskills: 1" + text[end:], encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["sync", "--root", str(repo_copy)], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert "does not match the schema" in result.output

"""The program's quick exit keeps exit codes, long output and profiler results."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from microcred_process import run_microcred


def _break_records(repo: Path, count: int) -> None:
    folder = repo / "proposals" / "computing"
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"broken-{number}.yaml").write_text("title: [\n", encoding="utf-8")


def test_usage_error_exits_2(repo_copy: Path) -> None:
    result = run_microcred("check", "--format", "xml", cwd=repo_copy)
    assert result.returncode == 2
    assert "Invalid value for '--format'" in result.stderr


def test_version_output_complete(repo_copy: Path) -> None:
    result = run_microcred("--version", cwd=repo_copy)
    assert result.returncode == 0
    assert result.stdout.startswith("microcred, version ")
    assert result.stdout.endswith("\n")


def test_long_json_to_file_complete(repo_copy: Path, tmp_path: Path) -> None:
    _break_records(repo_copy, 400)  # About 100 KB of JSON, past any buffer.
    output = tmp_path / "report.json"
    with output.open("wb") as handle:
        process = subprocess.run(
            [sys.executable, "-m", "microcred", "check", "--format", "json"],
            cwd=repo_copy,
            stdout=handle,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert process.returncode == 1
    assert b"Traceback" not in process.stderr
    report = json.loads(output.read_text(encoding="utf-8"))
    assert len(report["findings"]) == 400
    assert {finding["rule"] for finding in report["findings"]} == {"MC100"}


def test_profiler_writes_its_results(repo_copy: Path, tmp_path: Path) -> None:
    profile = tmp_path / "check.prof"
    process = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "microcred"]
        + ["check"],
        cwd=repo_copy,
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == 0, process.stderr
    assert "no problems found" in process.stdout
    assert profile.stat().st_size > 1000

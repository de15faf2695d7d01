"""The CLI's contract: exit codes, output formats, crash reports, generated docs."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from microcred.cli import cli, main
from microcred.docgen import fields_markdown, rules_markdown
from microcred_process import run_microcred

REPO = Path(__file__).resolve().parents[1]
BROKEN = REPO / "tests" / "examples" / "invalid" / "mc110-enum.yaml"


def _add_broken(repo: Path) -> Path:
    target = repo / "proposals" / "computing" / "mc110-enum.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(BROKEN, target)
    return target


def test_check_clean_catalogue_exits_0(repo_copy: Path) -> None:
    result = CliRunner().invoke(
        cli, ["check", "--root", str(repo_copy)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "no problems found" in result.output


def test_check_errors_exit_1_with_file_line(repo_copy: Path) -> None:
    _add_broken(repo_copy)
    result = CliRunner().invoke(
        cli, ["check", "--root", str(repo_copy)], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert (
        "proposals/computing/mc110-enum.yaml:10: error MC110 [level]" in result.output
    )
    assert "fix: use one of: undergraduate, graduate, professional" in result.output


def test_check_json_format(repo_copy: Path) -> None:
    _add_broken(repo_copy)
    result = CliRunner().invoke(
        cli,
        ["check", "--root", str(repo_copy), "--format", "json"],
        catch_exceptions=False,
    )
    payload = json.loads(result.output)
    assert payload["errors"] >= 1
    first = payload["findings"][0]
    assert {"rule", "severity", "path", "line", "field", "message", "hint"} <= set(
        first
    )


def test_check_github_format_writes_summary(
    repo_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add_broken(repo_copy)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = CliRunner().invoke(
        cli,
        ["check", "--root", str(repo_copy), "--format", "github"],
        catch_exceptions=False,
    )
    assert (
        "::error file=proposals/computing/mc110-enum.yaml,line=10,title=MC110 level::"
        in result.output
    )
    text = summary.read_text(encoding="utf-8")
    assert "❌ microcred check" in text
    assert "`proposals/computing/mc110-enum.yaml:10`" in text


def test_check_missing_path_is_user_error(repo_copy: Path) -> None:
    result = run_microcred(
        "check", "--root", str(repo_copy), str(repo_copy / "nope.yaml")
    )
    assert result.returncode == 1
    assert "nope.yaml: no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_option_exits_2(repo_copy: Path) -> None:
    result = run_microcred("check", "--frobnicate")
    assert result.returncode == 2
    assert "No such option" in result.stderr


def test_no_repository_is_user_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        main(["check"])
    assert exit_info.value.code == 1


def test_bug_exits_3_with_crash_report(
    repo_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from microcred.rules import CHECKERS, load_all

    load_all()

    def explode(context):  # a checker with a bug
        raise RuntimeError("boom")

    monkeypatch.setitem(CHECKERS, "explode", explode)
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--root", str(repo_copy)])
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err
    report = Path(err.rsplit("saved at ", 1)[1].strip())
    assert "Traceback" in report.read_text(encoding="utf-8")
    report.unlink()


def test_strict_fails_on_warnings(repo_copy: Path) -> None:
    target = repo_copy / "proposals" / "computing" / "cloud-cost-basics.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = (REPO / "tests/examples/valid/cloud-cost-basics.yaml").read_text(
        encoding="utf-8"
    )
    target.write_text(
        text.replace("ce-computing@example.edu", "lead@partner.example.org"),
        encoding="utf-8",
    )
    plain = CliRunner().invoke(
        cli, ["check", "--root", str(repo_copy)], catch_exceptions=False
    )
    strict = CliRunner().invoke(
        cli, ["check", "--root", str(repo_copy), "--strict"], catch_exceptions=False
    )
    assert plain.exit_code == 0, plain.output
    assert "warning MC117" in plain.output
    assert strict.exit_code == 1


def test_rules_doc_is_current() -> None:
    current = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == rules_markdown(), (
        "docs/rules.md is out of date: run `microcred rules --write docs/rules.md`"
    )


def test_fields_doc_is_current() -> None:
    current = (REPO / "docs" / "fields.md").read_text(encoding="utf-8")
    assert current == fields_markdown(), (
        "docs/fields.md is out of date: run `microcred fields --write docs/fields.md`"
    )


def test_check_rejects_non_catalogue_file(repo_copy: Path) -> None:
    (repo_copy / "README.md").write_text("# hello\n", encoding="utf-8")
    result = run_microcred(
        "check", "--root", str(repo_copy), str(repo_copy / "README.md")
    )
    assert result.returncode == 1
    assert "is not a record or governance.yaml" in result.stderr


def test_check_governance_path_alone(repo_copy: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["check", "--root", str(repo_copy), str(repo_copy / "governance.yaml")],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output


def test_program_output_complete_and_exit_code(repo_copy: Path) -> None:
    broken = repo_copy / "proposals" / "computing" / "sql-for-data-analysis.yaml"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text("title: [\n", encoding="utf-8")
    result = run_microcred("check", "--format", "json", cwd=repo_copy)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert [f["rule"] for f in report["findings"]] == ["MC100"]


def test_program_survives_closed_output(repo_copy: Path) -> None:
    folder = repo_copy / "proposals" / "computing"
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(600):  # Enough findings to overflow a pipe buffer.
        (folder / f"broken-{number}.yaml").write_text("title: [\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "microcred", "check"],
        cwd=repo_copy,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    first = process.stdout.read(100)
    process.stdout.close()
    _, errors = process.communicate(timeout=120)
    assert first.startswith(b"proposals/computing/broken-")
    assert b"Traceback" not in errors
    assert b"Exception ignored" not in errors
    assert process.returncode == 1


@pytest.mark.parametrize("closed", ["2>&-", ">&-"])
def test_program_with_closed_stream(repo_copy: Path, closed: str) -> None:
    command = f"{shlex.quote(sys.executable)} -m microcred --version {closed}"
    result = subprocess.run(
        ["sh", "-c", command], cwd=repo_copy, capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "Traceback" not in result.stderr

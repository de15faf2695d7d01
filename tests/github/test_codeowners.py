"""microcred codeowners and the MC400/MC401 drift check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from microcred.catalogue import Catalogue
from microcred.check import CheckOptions, run_check
from microcred.github.codeowners import render_codeowners

REPO = Path(__file__).resolve().parents[2]
COMMITTEE = "@mcgc-chair @mcgc-registrar-rep @mcgc-faculty-rep @mcgc-workforce-rep"


def rules_found(root: Path) -> list[str]:
    return [
        f.rule
        for f in run_check(CheckOptions(root=root)).findings
        if f.rule.startswith("MC4")
    ]


def test_committed_file_is_current() -> None:
    governance = Catalogue.load(REPO).governance
    current = (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8")

    assert current == render_codeowners(governance), (
        ".github/CODEOWNERS is out of date: run `microcred codeowners`"
    )


def test_owners_per_folder(repo_copy: Path, microcred: Any) -> None:
    result = microcred("codeowners", "--root", str(repo_copy))

    text = (repo_copy / ".github" / "CODEOWNERS").read_text()
    assert result.code == 0
    assert text.startswith(
        "# Generated from governance.yaml by `microcred codeowners`."
    )
    assert f"/proposals/food-systems/ @head-food @deputy-food {COMMITTEE}\n" in text
    assert f"/credentials/nursing/ @head-nursing {COMMITTEE}\n" in text
    for path in ("*", "/governance.yaml", "/schema/", "/scripts/", "/.github/"):
        assert f"\n{path} {COMMITTEE} @altcred-coordinator\n" in text
    assert "microcred-bot" not in text
    assert text.index("\n* ") < text.index("/proposals/")


def test_check_reports_drift(repo_copy: Path, microcred: Any) -> None:
    microcred("codeowners", "--root", str(repo_copy))
    governance = repo_copy / "governance.yaml"
    governance.write_text(
        governance.read_text().replace(
            "department_heads: [head-nursing]", "department_heads: [new-head-nursing]"
        )
    )

    result = microcred("codeowners", "--check", "--root", str(repo_copy))

    assert result.code == 1
    assert "regenerate it with `microcred codeowners`" in result.err
    assert rules_found(repo_copy) == ["MC400"]


def test_regenerate_fixes_drift(repo_copy: Path, microcred: Any) -> None:
    (repo_copy / ".github").mkdir()
    (repo_copy / ".github" / "CODEOWNERS").write_text("* @someone\n")

    microcred("codeowners", "--root", str(repo_copy))

    assert microcred("codeowners", "--check", "--root", str(repo_copy)).code == 0
    assert rules_found(repo_copy) == []


def test_missing_file_reported(repo_copy: Path) -> None:
    (repo_copy / ".github").mkdir()

    assert rules_found(repo_copy) == ["MC401"]


def test_no_github_folder_not_checked(repo_copy: Path) -> None:
    assert rules_found(repo_copy) == []


def test_invalid_login_is_user_error(repo_copy: Path, microcred: Any) -> None:
    governance = repo_copy / "governance.yaml"
    governance.write_text(
        governance.read_text().replace(
            "department_heads: [head-nursing]", "department_heads: [head nursing]"
        )
    )

    result = microcred("codeowners", "--root", str(repo_copy))

    assert result.code == 1
    assert "'head nursing' is not a valid GitHub login" in result.err
    assert not (repo_copy / ".github" / "CODEOWNERS").exists()

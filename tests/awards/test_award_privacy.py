"""MC500-MC501: grade exports and rosters tracked by git fail ``microcred check``."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest

from microcred.check import CheckOptions, run_check

REPO = Path(__file__).resolve().parents[2]
ROSTER = 'Student,ID,SIS Login ID,Section,Final Score\n"Doe, Jo",1,jdoe,S1,91.5\n'


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def _privacy(root: Path, paths: list[str] | None = None):  # type: ignore[no-untyped-def]
    result = run_check(CheckOptions(root=root, paths=paths or []))
    return [f for f in result.findings if f.rule in ("MC500", "MC501")], result.sections


def _xlsx(path: Path, strings: list[str]) -> None:
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/sharedStrings.xml", f"<sst>{items}</sst>")


@pytest.fixture
def git_catalogue(repo_copy: Path) -> Path:
    _git(repo_copy, "init", "-q")
    return repo_copy


def test_tracked_gradebook_csv(git_catalogue: Path) -> None:
    (git_catalogue / "exports").mkdir()
    (git_catalogue / "exports" / "fall.csv").write_text(ROSTER, encoding="utf-8")
    _git(git_catalogue, "add", "exports/fall.csv")
    findings, _ = _privacy(git_catalogue)
    assert [(f.rule, f.path, f.line) for f in findings] == [
        ("MC500", "exports/fall.csv", 1)
    ]
    assert (
        "exports/fall.csv is tracked by git and looks like a grade export or roster"
        in findings[0].message
    )
    assert "git rm --cached 'exports/fall.csv'" in findings[0].hint
    assert (
        "git filter-repo --invert-paths --path 'exports/fall.csv'" in findings[0].hint
    )


def test_tracked_tsv_with_email_and_grade(git_catalogue: Path) -> None:
    (git_catalogue / "list.tsv").write_text(
        "Email\tGrade\na@example.edu\t90\n", encoding="utf-8"
    )
    _git(git_catalogue, "add", "list.tsv")
    findings, _ = _privacy(git_catalogue)
    assert [f.rule for f in findings] == ["MC500"]


def test_untracked_and_harmless_tables_pass(git_catalogue: Path) -> None:
    (git_catalogue / "untracked.csv").write_text(ROSTER, encoding="utf-8")
    (git_catalogue / "contacts.csv").write_text(
        "email,office\na@example.edu,B12\n", encoding="utf-8"
    )
    (git_catalogue / "skills.csv").write_text(
        "skill,score\nPython,3\n", encoding="utf-8"
    )
    _git(git_catalogue, "add", "contacts.csv", "skills.csv")
    findings, _ = _privacy(git_catalogue)
    assert findings == []


def test_spreadsheets_by_name_and_content(git_catalogue: Path) -> None:
    (git_catalogue / "Gradebook-fall.xlsx").write_bytes(b"not really a spreadsheet")
    _xlsx(git_catalogue / "export.xlsx", ["Student", "Email", "Final Score"])
    _xlsx(git_catalogue / "budget.xlsx", ["Item", "Cost"])
    (git_catalogue / "old.xls").write_bytes(
        b"\xd0\xcf\x11\xe0" + "Student\x00Email\x00Score".encode("utf-16-le")
    )
    _git(
        git_catalogue,
        "add",
        "-f",
        "Gradebook-fall.xlsx",
        "export.xlsx",
        "budget.xlsx",
        "old.xls",
    )
    findings, _ = _privacy(git_catalogue)
    flagged = {f.path: f for f in findings}
    assert set(flagged) == {"Gradebook-fall.xlsx", "export.xlsx", "old.xls"}
    assert all(f.rule == "MC501" for f in findings)
    assert (
        "its name 'Gradebook-fall.xlsx' suggests grades"
        in flagged["Gradebook-fall.xlsx"].message
    )
    assert (
        "its cells hold a learner column and a grade column"
        in flagged["export.xlsx"].message
    )


def test_not_a_git_checkout_scans_disk(repo_copy: Path) -> None:
    (repo_copy / ".gitignore").write_text("private/\n*.secret.csv\n", encoding="utf-8")
    (repo_copy / "private").mkdir()
    (repo_copy / "private" / "grades.csv").write_text(ROSTER, encoding="utf-8")
    (repo_copy / "x.secret.csv").write_text(ROSTER, encoding="utf-8")
    (repo_copy / "roster.csv").write_text(ROSTER, encoding="utf-8")
    findings, sections = _privacy(repo_copy)
    assert [f.path for f in findings] == ["roster.csv"]
    assert "in the repository folder (not a git checkout)" in findings[0].message
    assert "is not a git checkout: scanned" in sections["Grade privacy"]


def test_only_whole_repository_runs(git_catalogue: Path) -> None:
    (git_catalogue / "roster.csv").write_text(ROSTER, encoding="utf-8")
    _git(git_catalogue, "add", "roster.csv")
    findings, _ = _privacy(git_catalogue, [str(git_catalogue / "governance.yaml")])
    assert findings == []


def test_this_repository_has_no_grade_files() -> None:
    findings, _ = _privacy(REPO)
    assert findings == []
